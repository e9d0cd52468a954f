import { useQuery } from '@tanstack/react-query';
import { Select, Space, Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { dueApi, dueKeys, type DueItem, type DueQuery, type DueShow } from '../../api/due.js';
import { ErrorAlert } from '../../components/ErrorAlert.js';
import { useFilterParams } from '../../lib/useFilterParams.js';
import { useScope } from '../../shell/scope.js';
import { DueDate, DueStatusTag, DueWhat } from './parts.js';

const SHOWS: readonly DueShow[] = ['attention', 'overdue', 'all'];
const PAGE_SIZE = 50;

/** Every open deadline of the cases in the current scope, earliest first (issue 5 item 9). */
export default function DuePage() {
  const { t } = useTranslation();
  const scope = useScope();
  const { params, page, set } = useFilterParams();
  const show = SHOWS.find((s) => s === params.get('show')) ?? 'attention';
  const query: DueQuery = { show, page, pageSize: PAGE_SIZE, org: scope.grants.length > 1 ? (scope.orgId ?? undefined) : undefined };
  const due = useQuery({ queryKey: dueKeys.list(query), queryFn: ({ signal }) => dueApi.list(query, signal) });

  return (
    <>
      <Typography.Title level={1} className="page-title" style={{ fontSize: '1.6rem' }}>
        {t('due.title')}
      </Typography.Title>
      <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
        <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
          {t('due.intro')}
        </Typography.Paragraph>
        <Select
          aria-label={t('due.showLabel')}
          style={{ minWidth: 'min(100%, 20rem)' }}
          value={show}
          onChange={(v: DueShow) => set('show', v === 'attention' ? undefined : v)}
          options={SHOWS.map((s) => ({ value: s, label: t(`due.shows.${s}`) }))}
        />
        {due.error ? <ErrorAlert error={due.error} /> : null}
        <Table<DueItem>
          rowKey="id"
          loading={due.isPending}
          dataSource={due.data?.items ?? []}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: t('due.none') }}
          rowClassName={(i) => `due-${i.status}`}
          pagination={{ current: page, pageSize: PAGE_SIZE, total: due.data?.total ?? 0, showSizeChanger: false, onChange: (p) => set('page', String(p)) }}
          columns={[
            // Date and how it stands in one column, so that both stay in view on a phone.
            {
              key: 'due',
              title: t('due.columns.due'),
              render: (_, i) => (
                <Space orientation="vertical" size={2}>
                  <DueDate item={i} />
                  <DueStatusTag status={i.status} />
                </Space>
              ),
            },
            { key: 'what', title: t('due.columns.what'), render: (_, i) => <DueWhat item={i} /> },
            { key: 'who', title: t('due.columns.who'), dataIndex: 'subjectName' },
            { key: 'org', title: t('due.columns.org'), render: (_, i) => <div style={{ minWidth: '8rem', maxWidth: '14rem', whiteSpace: 'normal' }}>{i.orgName}</div> },
          ]}
        />
      </Space>
    </>
  );
}
