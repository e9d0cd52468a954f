import { useQuery } from '@tanstack/react-query';
import { Table } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { orgApi, orgKeys } from '../../api/orgs.js';
import type { OrgTreeNode } from '../../api/types.js';
import { ErrorAlert } from '../../components/ErrorAlert.js';

export function OrgChildren({ orgId }: { orgId: number }) {
  const { t } = useTranslation();
  const { data, error, isPending } = useQuery({ queryKey: orgKeys.children(orgId), queryFn: () => orgApi.children(orgId) });
  if (error) return <ErrorAlert error={error} />;
  return (
    <Table<OrgTreeNode>
      size="small"
      rowKey="id"
      loading={isPending}
      dataSource={data?.items ?? []}
      pagination={(data?.items.length ?? 0) > 50 ? { pageSize: 50, showSizeChanger: false } : false}
      scroll={{ x: true }}
      columns={[
        { title: t('orgs.fields.name'), dataIndex: 'name', render: (name: string, o) => <Link to={`/orgs/${o.id}`}>{name}</Link> },
        { title: t('orgs.fields.type'), dataIndex: 'orgType', render: (v: OrgTreeNode['orgType']) => t(`orgTypes.${v}`) },
        { title: t('orgs.fields.code'), dataIndex: 'code', responsive: ['md'] },
        { title: t('orgs.fields.members'), dataIndex: 'memberCount', align: 'right' },
      ]}
    />
  );
}
