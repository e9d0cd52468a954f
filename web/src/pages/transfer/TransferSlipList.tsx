import { useQuery } from '@tanstack/react-query';
import { Card, Radio, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { slipApi, slipKeys, type SlipFilter, type SlipListItem } from '../../api/slips.js';
import { useSession } from '../../auth/session.js';
import { ErrorAlert } from '../../components/ErrorAlert.js';
import { formatDate } from '../../lib/format.js';

/**
 * The transfer slips of the cases in scope, checked every 3 months (R-REC-08): those not back
 * after the check day, and the members who have not presented their dossier more than 3 months
 * after the slip (R-EXIT-05), with their removal case when one is open.
 */
export function TransferSlipList({ org }: { org: number | undefined }) {
  const { t } = useTranslation();
  const { can } = useSession();
  const [filter, setFilter] = useState<SlipFilter>('overdue');
  const q = useQuery({ queryKey: slipKeys.list(filter, org), queryFn: ({ signal }) => slipApi.list(filter, org, signal) });

  return (
    <Card size="small" title={<h2 className="card-title">{t('transfer.slip.listTitle')}</h2>}>
      <Space orientation="vertical" style={{ width: '100%' }}>
        <Radio.Group
          optionType="button"
          size="large"
          value={filter}
          onChange={(e) => setFilter(e.target.value as SlipFilter)}
          options={(['overdue', 'lapsed', 'all'] as const).map((f) => ({ value: f, label: t(`transfer.slip.filters.${f}`) }))}
          aria-label={t('transfer.slip.listTitle')}
        />
        {q.error ? <ErrorAlert error={q.error} /> : null}
        <Table<SlipListItem>
          rowKey="id"
          size="small"
          loading={q.isPending}
          dataSource={q.data?.items ?? []}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: t(`transfer.slip.empty.${filter}`) }}
          columns={[
            { key: 'member', title: t('transfer.columns.member'), render: (_, s) => <Link to={`/transfer/cases/${s.caseId}`}>{s.member.fullName}</Link> },
            { key: 'no', title: t('transfer.slip.no'), render: (_, s) => s.slipNo },
            { key: 'issued', title: t('transfer.slip.issuedOn'), render: (_, s) => formatDate(s.issuedOn) },
            { key: 'to', title: t('transfer.columns.to'), render: (_, s) => s.destinationName },
            { key: 'check', title: t('transfer.slip.checkDue'), render: (_, s) => (s.checkDue ? formatDate(s.checkDue) : '—') },
            {
              key: 'state',
              title: t('transfer.columns.state'),
              render: (_, s) =>
                s.returnedOn ? (
                  <Tag className="tag-done">{t('transfer.slip.returned')}</Tag>
                ) : s.lapsed ? (
                  <Tag color="red">{t('transfer.slip.lapsedTag')}</Tag>
                ) : s.overdue ? (
                  <Tag color="orange">{t('transfer.slip.overdueTag')}</Tag>
                ) : (
                  <Tag>{t('transfer.slip.notReturned')}</Tag>
                ),
            },
            {
              key: 'exit',
              title: t('transfer.slip.exitCase'),
              render: (_, s) => (s.exitCaseId !== null && can('exit', 'read') ? <Link to={`/exits/cases/${s.exitCaseId}`}>{t('transfer.slip.openExit')}</Link> : '—'),
            },
          ]}
        />
      </Space>
    </Card>
  );
}
