import { Space, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { ETHNIC_GROUPS } from '../../../../src/domain/stats-figures.js';
import type { MemberListQuery } from '../../api/members.js';
import { readPref, writePref } from '../../prefs/storage.js';
import { useMe } from '../../auth/session.js';
import { useScope } from '../../shell/scope.js';
import { ColumnChooser } from './ColumnChooser.js';
import { DEFAULT_COLUMNS, MEMBER_COLUMNS, type MemberColumn } from './columns.js';
import { ExportButton } from './ExportButton.js';
import { MemberFilters } from './MemberFilters.js';
import { MemberTable } from './MemberTable.js';

// The list's filters live in the URL (?q=&status=&ageBand=&org=…), so a filtered list can be
// bookmarked, reloaded, and linked to from a dashboard figure. The page within it does not: pages
// are server cursors, kept by the table, and a reload starts again at the first one.
function readQuery(params: URLSearchParams): MemberListQuery {
  const num = (k: string) => (params.get(k) ? Number(params.get(k)) : undefined);
  const sex = params.get('sex');
  const mode = params.get('mode');
  return {
    q: params.get('q') ?? undefined,
    mode: mode === 'anywhere' ? 'anywhere' : undefined,
    org: num('org'),
    status: params.get('status') ?? undefined,
    sex: sex === 'male' || sex === 'female' ? sex : undefined,
    ageBand: params.get('ageBand') ?? undefined,
    theoryLevel: params.get('theoryLevel') ?? undefined,
    ethnicGroup: ETHNIC_GROUPS.find((g) => g === params.get('ethnicGroup')),
    pageSize: num('pageSize'),
    sort: params.get('sort') ?? undefined,
  };
}

export default function MemberListPage() {
  const { t } = useTranslation();
  const me = useMe();
  const scope = useScope();
  const [params, setParams] = useSearchParams();
  const query = useMemo(() => readQuery(params), [params]);
  // Holding several assignments, the list starts within the scope chosen in the header.
  const effective: MemberListQuery = { ...query, org: query.org ?? (scope.grants.length > 1 ? (scope.orgId ?? undefined) : undefined) };

  const change = (c: Partial<MemberListQuery>) => {
    const next = { ...query, ...c };
    const p = new URLSearchParams();
    for (const [k, v] of Object.entries(next)) if (v !== undefined && v !== '') p.set(k, String(v));
    setParams(p, { replace: 'q' in c });
  };

  const colKey = `memberColumns.${me.user.username}`;
  const [columns, setColumns] = useState<MemberColumn[]>(() => {
    const saved = (readPref(colKey) ?? '').split(',').filter((c): c is MemberColumn => (MEMBER_COLUMNS as readonly string[]).includes(c));
    return saved.length ? saved : DEFAULT_COLUMNS;
  });
  const chooseColumns = (cols: MemberColumn[]) => {
    setColumns(cols);
    writePref(colKey, cols.join(','));
  };

  return (
    <>
      <Typography.Title level={1} className="page-title" style={{ fontSize: '1.6rem' }}>
        {t('members.title')}
      </Typography.Title>
      <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
        <div style={{ display: 'flex', gap: '0.5rem', flexWrap: 'wrap', alignItems: 'flex-start' }}>
          <MemberFilters query={effective} onChange={change} />
          <ColumnChooser value={columns} onChange={chooseColumns} />
          <ExportButton query={effective} />
        </div>
        <MemberTable query={effective} onQueryChange={change} columns={columns} />
      </Space>
    </>
  );
}
