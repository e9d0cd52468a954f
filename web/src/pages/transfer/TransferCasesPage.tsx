import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Select, Space, Table, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { transferApi, transferKeys, type TransferListItem, type TransferListQuery, type TransferState } from '../../api/transfers.js';
import { useSession } from '../../auth/session.js';
import { ErrorAlert } from '../../components/ErrorAlert.js';
import { formatDate } from '../../lib/format.js';
import { isTransferClosed, TRANSFER_STATES } from '../../../../src/domain/transfer/transfer-case.js';
import { useFilterParams } from '../../lib/useFilterParams.js';
import { useScope } from '../../shell/scope.js';
import { casePagination, CASE_PAGE_SIZE, CaseStateFilter, Wrapped } from '../case/CaseListParts.js';
import { NearestDeadline } from '../admission/parts.js';
import { OpenTransferModal } from './OpenTransferModal.js';
import { TransferSlipList } from './TransferSlipList.js';
import { LiaisonDueList } from '../liaison/LiaisonDueList.js';
import { TransferStateTag } from './parts.js';

// The states and which of them close a case are the domain's (src/domain/transfer/transfer-case.ts).
const STATES: readonly TransferState[] = TRANSFER_STATES;

/**
 * Transfer cases whose sending or receiving end is in the current scope, filtered by state, kind
 * and direction (in the URL, so a filter can be linked to), and the members temporarily attached here.
 */
export default function TransferCasesPage() {
  const { t } = useTranslation();
  const { can } = useSession();
  const scope = useScope();
  const { params, page, set } = useFilterParams();
  const [opening, setOpening] = useState(false);
  const state = params.get('state') ?? undefined;
  const kind = (params.get('kind') as TransferListQuery['kind'] | null) ?? undefined;
  const direction = (params.get('direction') as TransferListQuery['direction'] | null) ?? undefined;
  const org = scope.grants.length > 1 ? (scope.orgId ?? undefined) : undefined;
  const query: TransferListQuery = { state, kind, direction, page, pageSize: CASE_PAGE_SIZE, org };
  const cases = useQuery({ queryKey: transferKeys.cases(query), queryFn: ({ signal }) => transferApi.cases(query, signal) });

  const wrap = (n: React.ReactNode) => <Wrapped max="16rem">{n}</Wrapped>;

  return (
    <>
      <Typography.Title level={1} className="page-title" style={{ fontSize: '1.6rem' }}>
        {t('transfer.title')}
      </Typography.Title>
      <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
        <Space wrap>
          <CaseStateFilter ns="transfer" states={STATES} stateLabel={(s) => t(`transfer.states.${s}`)} isClosed={isTransferClosed} value={state} onChange={(v) => set('state', v)} minWidth="16rem" />
          <Select
            aria-label={t('transfer.kindFilter')}
            style={{ minWidth: 'min(100%, 14rem)' }}
            value={kind ?? ''}
            onChange={(v: string) => set('kind', v || undefined)}
            options={[{ value: '', label: t('transfer.allKinds') }, ...(['permanent', 'temporary'] as const).map((k) => ({ value: k, label: t(`transfer.kinds.${k}`) }))]}
          />
          <Select
            aria-label={t('transfer.directionFilter')}
            style={{ minWidth: 'min(100%, 12rem)' }}
            value={direction ?? ''}
            onChange={(v: string) => set('direction', v || undefined)}
            options={[{ value: '', label: t('transfer.allDirections') }, ...(['out', 'in'] as const).map((k) => ({ value: k, label: t(`transfer.directions.${k}`) }))]}
          />
          {can('transfer', 'create') && (
            <Button type="primary" onClick={() => setOpening(true)}>
              {t('transfer.openCase')}
            </Button>
          )}
        </Space>
        {cases.error ? <ErrorAlert error={cases.error} /> : null}
        <Table<TransferListItem>
          rowKey="id"
          loading={cases.isPending}
          dataSource={cases.data?.items ?? []}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: t('transfer.noCases') }}
          pagination={casePagination(page, cases.data?.total, set)}
          columns={[
            { key: 'member', title: t('transfer.columns.member'), render: (_, c) => <Link to={`/transfer/cases/${c.id}`}>{c.member.fullName}</Link> },
            { key: 'kind', title: t('transfer.columns.kind'), render: (_, c) => t(`transfer.kinds.${c.kind}`) },
            { key: 'from', title: t('transfer.columns.from'), render: (_, c) => wrap(c.source.name) },
            { key: 'to', title: t('transfer.columns.to'), render: (_, c) => wrap(c.destination.name) },
            { key: 'state', title: t('transfer.columns.state'), render: (_, c) => <TransferStateTag state={c.state} /> },
            { key: 'deadline', title: t('transfer.columns.deadline'), render: (_, c) => <NearestDeadline deadlines={c.deadlines} /> },
            { key: 'next', title: t('transfer.columns.nextStep'), render: (_, c) => wrap(c.nextStep ? `${t(`transfer.steps.${c.nextStep}`)} (${t(`transfer.sides.${c.nextSide!}`)})` : '—') },
            { key: 'opened', title: t('transfer.columns.openedOn'), render: (_, c) => formatDate(c.openedOn) },
          ]}
        />
        <TransferSlipList org={org} />
        <AttachedMembers org={org} />
        <LiaisonDueList org={org} />
      </Space>
      {opening && <OpenTransferModal orgId={scope.orgId} onClose={() => setOpening(false)} />}
    </>
  );
}

/** R-TRF-07/08: members temporarily attached to orgs in scope, by host, with the temporary-cell suggestion. */
function AttachedMembers({ org }: { org: number | undefined }) {
  const { t } = useTranslation();
  const q = useQuery({ queryKey: transferKeys.attached(org), queryFn: ({ signal }) => transferApi.attached(org, signal) });
  const hosts = q.data?.hosts ?? [];
  return (
    <Card size="small" title={<h2 className="card-title">{t('transfer.attached.title')}</h2>}>
      {q.error ? <ErrorAlert error={q.error} /> : null}
      {hosts.length === 0 && !q.isPending && <Typography.Text>{t('transfer.attached.none')}</Typography.Text>}
      <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
        {hosts.map((h) => (
          <div key={h.org.id} data-host={h.org.id}>
            <Typography.Text strong>{h.org.name}</Typography.Text> · {t('transfer.attached.count', { count: h.members.length, official: h.officialCount })}
            {h.temporaryCellSuggested && <Alert style={{ margin: '0.5rem 0' }} type="warning" showIcon title={t('transfer.attached.suggestion', { count: h.officialCount, org: h.org.name })} />}
            <Table
              size="small"
              rowKey="caseId"
              pagination={false}
              dataSource={h.members}
              scroll={{ x: 'max-content' }}
              columns={[
                { key: 'member', title: t('transfer.columns.member'), render: (_, m) => <Link to={`/transfer/cases/${m.caseId}`}>{m.fullName}</Link> },
                { key: 'home', title: t('transfer.attached.home'), render: (_, m) => m.homeOrg.name },
                { key: 'since', title: t('transfer.attached.since'), render: (_, m) => (m.since ? formatDate(m.since) : '—') },
                { key: 'until', title: t('transfer.attached.until'), render: (_, m) => (m.endDate ? formatDate(m.endDate) : '—') },
              ]}
            />
          </div>
        ))}
      </Space>
    </Card>
  );
}
