import { useQuery } from '@tanstack/react-query';
import { Select, Space, Table, Tabs, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { exitApi, exitKeys, type Exemption, type ExemptionListQuery, type ExitListQuery, type RemovalListItem, type RemovalState } from '../../api/exits.js';
import { useSession } from '../../auth/session.js';
import { ErrorAlert } from '../../components/ErrorAlert.js';
import { formatDate } from '../../lib/format.js';
import { isRemovalClosed, REMOVAL_STATES } from '../../../../src/domain/exit/removal-case.js';
import { useFilterParams } from '../../lib/useFilterParams.js';
import { useScope } from '../../shell/scope.js';
import { casePagination, CASE_PAGE_SIZE, CaseStateFilter, Wrapped } from '../case/CaseListParts.js';
import { NearestDeadline, OrgName } from '../admission/parts.js';
import { ExemptionTag, RemovalStateTag } from './parts.js';

// The states and which of them close a case are the domain's (src/domain/exit/removal-case.ts).
const STATES: readonly RemovalState[] = REMOVAL_STATES;

/**
 * Removal cases and exemptions in the current scope, one tab each, with their filters in the URL.
 * Cases are opened from the member's page (its exit actions), where the member is known.
 */
export default function ExitsPage() {
  const { t } = useTranslation();
  const { can } = useSession();
  const { params, setParams, set } = useFilterParams();
  const tab = params.get('tab') === 'exemptions' && can('exemption', 'read') ? 'exemptions' : 'removals';
  return (
    <>
      <Typography.Title level={1} className="page-title" style={{ fontSize: '1.6rem' }}>
        {t('exits.title')}
      </Typography.Title>
      <Tabs
        activeKey={tab}
        onChange={(k) => setParams(new URLSearchParams(k === 'removals' ? {} : { tab: k }))}
        items={[
          { key: 'removals', label: t('exits.tabs.removals'), children: <RemovalCases params={params} set={set} /> },
          ...(can('exemption', 'read') ? [{ key: 'exemptions', label: t('exits.tabs.exemptions'), children: <Exemptions params={params} set={set} /> }] : []),
        ]}
      />
    </>
  );
}

interface TabProps {
  params: URLSearchParams;
  set(k: string, v: string | undefined): void;
}

function RemovalCases({ params, set }: TabProps) {
  const { t } = useTranslation();
  const scope = useScope();
  const state = params.get('state') ?? undefined;
  const page = Number(params.get('page') ?? 1) || 1;
  const query: ExitListQuery = { state, page, pageSize: CASE_PAGE_SIZE, org: scope.grants.length > 1 ? (scope.orgId ?? undefined) : undefined };
  const cases = useQuery({ queryKey: exitKeys.cases(query), queryFn: ({ signal }) => exitApi.cases(query, signal) });
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <CaseStateFilter ns="exits" states={STATES} stateLabel={(s) => t(`exits.states.${s}`)} isClosed={isRemovalClosed} value={state} onChange={(v) => set('state', v)} />
      {cases.error ? <ErrorAlert error={cases.error} /> : null}
      <Table<RemovalListItem>
        rowKey="id"
        loading={cases.isPending}
        dataSource={cases.data?.items ?? []}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: t('exits.noCases') }}
        pagination={casePagination(page, cases.data?.total, set)}
        columns={[
          { key: 'member', title: t('exits.columns.member'), render: (_, c) => <Link to={`/exits/cases/${c.id}`}>{c.member.fullName}</Link> },
          { key: 'cell', title: t('exits.columns.cell'), render: (_, c) => <Wrapped><OrgName id={c.orgId} /></Wrapped> },
          { key: 'state', title: t('exits.columns.state'), render: (_, c) => <RemovalStateTag state={c.state} /> },
          { key: 'deadline', title: t('exits.columns.deadline'), render: (_, c) => <NearestDeadline deadlines={c.deadlines} /> },
          { key: 'opened', title: t('exits.columns.openedOn'), render: (_, c) => formatDate(c.openedOn) },
          {
            key: 'grounds',
            title: t('exits.columns.grounds'),
            render: (_, c) => <Wrapped min="12rem" max="22rem">{c.grounds.map((g) => t(`exits.grounds.${g}`)).join('; ')}</Wrapped>,
          },
        ]}
      />
    </Space>
  );
}

function Exemptions({ params, set }: TabProps) {
  const { t } = useTranslation();
  const scope = useScope();
  const current = (params.get('current') ?? undefined) as ExemptionListQuery['current'];
  const page = Number(params.get('page') ?? 1) || 1;
  const query: ExemptionListQuery = { current, page, pageSize: CASE_PAGE_SIZE, org: scope.grants.length > 1 ? (scope.orgId ?? undefined) : undefined };
  const list = useQuery({ queryKey: exitKeys.exemptions(query), queryFn: ({ signal }) => exitApi.exemptions(query, signal) });
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Select
        aria-label={t('exits.currentFilter')}
        style={{ minWidth: 'min(100%, 14rem)' }}
        value={current ?? ''}
        onChange={(v: string) => set('current', v || undefined)}
        options={[
          { value: '', label: t('exits.current.all') },
          { value: 'true', label: t('exits.current.true') },
          { value: 'false', label: t('exits.current.false') },
        ]}
      />
      {list.error ? <ErrorAlert error={list.error} /> : null}
      <Table<Exemption>
        rowKey="id"
        loading={list.isPending}
        dataSource={list.data?.items ?? []}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: t('exits.noExemptions') }}
        pagination={{ current: page, pageSize: CASE_PAGE_SIZE, total: list.data?.total ?? 0, showSizeChanger: false, onChange: (p) => set('page', String(p)) }}
        columns={[
          { key: 'member', title: t('exits.columns.member'), render: (_, e) => <Link to={`/exits/exemptions/${e.id}`}>{e.member.fullName}</Link> },
          { key: 'cell', title: t('exits.columns.cell'), render: (_, e) => <div style={{ minWidth: '8rem', maxWidth: '14rem', whiteSpace: 'normal' }}><OrgName id={e.orgId} /></div> },
          { key: 'kind', title: t('exits.columns.kind'), render: (_, e) => <div style={{ minWidth: '10rem', maxWidth: '18rem', whiteSpace: 'normal' }}>{t(`exits.exemption.kinds.${e.kind}`)}</div> },
          { key: 'from', title: t('exits.columns.from'), render: (_, e) => formatDate(e.from) },
          { key: 'to', title: t('exits.columns.to'), render: (_, e) => (e.endedOn ? formatDate(e.to) : e.to ? <NearestDeadline deadlines={[{ due: e.to }]} /> : t('exits.exemption.noEnd')) },
          { key: 'state', title: t('exits.columns.state'), render: (_, e) => <ExemptionTag endedOn={e.endedOn} /> },
        ]}
      />
    </Space>
  );
}
