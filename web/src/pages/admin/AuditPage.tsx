import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Space, Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { accountApi, accountKeys, type AuditListQuery, type AuditPage as AuditAnswer } from '../../api/accounts.js';
import { ErrorAlert } from '../../components/ErrorAlert.js';
import { formatDateTime } from '../../lib/format.js';
import { numParam, strParam, useUrlQuery } from '../../lib/useUrlQuery.js';
import { AuditFilters } from './AuditFilters.js';

type Row = AuditAnswer['items'][number];
const PAGE_SIZE = 50;

const readQuery = (p: URLSearchParams): AuditListQuery => ({
  entityType: strParam(p, 'entityType'),
  entityId: strParam(p, 'entityId'),
  userId: numParam(p, 'userId'),
  org: numParam(p, 'org'),
  from: strParam(p, 'from'),
  to: strParam(p, 'to'),
  page: numParam(p, 'page'),
});

/** Changed fields as "field: before → after", the way a reviewer reads a change. */
function changes(r: Row): string {
  const before = (r.before ?? {}) as Record<string, unknown>;
  const after = (r.after ?? {}) as Record<string, unknown>;
  const show = (v: unknown) => (v === undefined || v === null ? '∅' : typeof v === 'object' ? JSON.stringify(v) : String(v));
  return [...new Set([...Object.keys(before), ...Object.keys(after)])].map((k) => `${k}: ${show(before[k])} → ${show(after[k])}`).join('; ');
}

/** The audit trail within the caller's scope: who did what, when, from where, before and after. */
export default function AuditPage() {
  const { t } = useTranslation();
  const [query, change] = useUrlQuery(readQuery);
  const rows = useQuery({ queryKey: accountKeys.audit(query), queryFn: ({ signal }) => accountApi.audit(query, signal), placeholderData: keepPreviousData });
  return (
    <>
      <Typography.Title level={1} className="page-title" style={{ fontSize: '1.6rem' }}>
        {t('audit.title')}
      </Typography.Title>
      <Space wrap style={{ marginBottom: '1rem' }}>
        <AuditFilters query={query} onChange={change} />
      </Space>
      <ErrorAlert error={rows.error} />
      <Table<Row>
        size="small"
        rowKey="id"
        loading={rows.isFetching}
        dataSource={rows.data?.items ?? []}
        scroll={{ x: 'max-content' }}
        aria-label={t('audit.title')}
        pagination={{ current: query.page ?? 1, pageSize: PAGE_SIZE, total: rows.data?.total ?? 0, showSizeChanger: false, onChange: (page) => change({ page }) }}
        columns={[
          { key: 'at', title: t('audit.columns.at'), render: (_, r) => formatDateTime(r.at) },
          { key: 'user', title: t('audit.columns.user'), render: (_, r) => r.username ?? t('admin.system') },
          { key: 'ip', title: t('audit.columns.ip'), dataIndex: 'ip' },
          { key: 'action', title: t('audit.columns.action'), dataIndex: 'action' },
          { key: 'entity', title: t('audit.columns.entity'), render: (_, r) => `${r.entityType}${r.entityId ? ` #${r.entityId}` : ''}` },
          { key: 'changes', title: t('audit.columns.changes'), render: (_, r) => <span className="audit-changes">{changes(r)}</span> },
        ]}
      />
    </>
  );
}
