import { useQuery, useQueryClient } from '@tanstack/react-query';
import { DownOutlined } from '@ant-design/icons';
import { Grid, Spin, Tree } from 'antd';
import type { EventDataNode } from 'antd/es/tree';
import { useEffect, useMemo, useState, type Key } from 'react';
import { useTranslation } from 'react-i18next';
import { orgApi, orgKeys } from '../../api/orgs.js';
import type { OrgTreeNode } from '../../api/types.js';
import { ErrorAlert } from '../../components/ErrorAlert.js';
import { onTreeChanged } from './tree-events.js';
import { useScope } from '../../shell/scope.js';

interface Props {
  selectedId: number | undefined;
  /** Ids from the root down to the selected org: the branch to open (search results, links). */
  openPath: number[];
  onSelect(id: number): void;
}

interface TreeItem {
  key: string;
  title: React.ReactNode;
  isLeaf: boolean;
  children?: TreeItem[];
}

/**
 * The organization tree from the top of the current scope, loaded one level at a time: a node's
 * children are fetched when it is opened, so a national tree costs one request per expansion.
 * Long child lists are virtualized (only visible rows are rendered).
 */
export function OrgTree({ selectedId, openPath, onSelect }: Props) {
  const { t } = useTranslation();
  const { orgId: scopeOrgId } = useScope();
  const queryClient = useQueryClient();
  const screens = Grid.useBreakpoint();
  const roots = useQuery({
    queryKey: orgKeys.roots(scopeOrgId),
    queryFn: async (): Promise<OrgTreeNode[]> => {
      if (scopeOrgId === null) return (await orgApi.top()).items;
      const d = await orgApi.details(scopeOrgId);
      return [{ ...d.org, memberCount: d.memberCount, childCount: d.childCount }];
    },
  });
  const [children, setChildren] = useState<Record<number, OrgTreeNode[]>>({});
  const [expanded, setExpanded] = useState<Key[]>([]);
  const openKey = openPath.join('/');

  // After a structure change every loaded level may be stale: drop them; the open branches
  // reload themselves (rc-tree loads an expanded node that is not in loadedKeys).
  useEffect(() => onTreeChanged(() => setChildren({})), []);

  // Open the branch leading to a newly selected org, keeping what the user opened themself
  // (state adjusted during render when the path changes, React's pattern for derived state).
  const [openedFor, setOpenedFor] = useState('');
  if (openKey !== openedFor) {
    setOpenedFor(openKey);
    if (openKey) setExpanded((prev) => [...new Set([...prev, ...openKey.split('/')])]);
  }

  const loadData = async (node: EventDataNode<TreeItem>) => {
    const id = Number(node.key);
    if (children[id]) return;
    const answer = await queryClient.fetchQuery({ queryKey: orgKeys.children(id), queryFn: () => orgApi.children(id) });
    setChildren((c) => ({ ...c, [id]: answer.items }));
  };

  const treeData = useMemo(() => {
    const build = (o: OrgTreeNode): TreeItem => ({
      key: String(o.id),
      isLeaf: o.childCount === 0,
      title: (
        <span>
          {o.name}{' '}
          {o.memberCount !== null && (
            <span style={{ color: 'rgba(0,0,0,0.65)' }} aria-label={t('orgs.memberCountLabel', { count: o.memberCount })}>
              ({o.memberCount})
            </span>
          )}
        </span>
      ),
      children: children[o.id]?.map(build),
    });
    return (roots.data ?? []).map(build);
  }, [roots.data, children, t]);

  if (roots.isPending) return <Spin />;
  if (roots.error) return <ErrorAlert error={roots.error} />;
  return (
    <Tree<TreeItem>
      aria-label={t('orgs.treeLabel')}
      treeData={treeData}
      loadData={loadData}
      expandedKeys={expanded}
      loadedKeys={Object.keys(children)}
      onExpand={(keys) => setExpanded(keys)}
      selectedKeys={selectedId ? [String(selectedId)] : []}
      onSelect={(keys) => keys[0] !== undefined && onSelect(Number(keys[0]))}
      blockNode
      // An unlabelled arrow: the tree item's own name and aria-expanded say the rest.
      switcherIcon={<DownOutlined aria-hidden />}
      // Virtual scrolling needs a fixed height; on phones the page scrolls instead.
      height={screens.lg ? Math.max(320, window.innerHeight - 260) : undefined}
    />
  );
}
