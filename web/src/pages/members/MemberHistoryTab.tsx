import { useQuery } from '@tanstack/react-query';
import { Spin, Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { memberApi, memberKeys } from '../../api/members.js';
import { ErrorAlert } from '../../components/ErrorAlert.js';
import { formatDate } from '../../lib/format.js';

/** Status periods and placements: the dated truth behind "status" and "org" on the form. */
export function MemberHistoryTab({ id }: { id: number }) {
  const { t } = useTranslation();
  const { data, error, isPending } = useQuery({ queryKey: memberKeys.history(id), queryFn: () => memberApi.history(id) });
  if (isPending) return <Spin />;
  if (error) return <ErrorAlert error={error} />;
  const period = (from: string, to: string | null) => `${formatDate(from)} – ${to ? formatDate(to) : t('member.history.now')}`;
  return (
    <>
      <Typography.Title level={2} style={{ fontSize: '1.1rem' }}>
        {t('member.history.statuses')}
      </Typography.Title>
      <Table
        size="small"
        pagination={false}
        rowKey={(r) => r.validFrom + r.status}
        dataSource={data.statusPeriods}
        columns={[
          { title: t('member.history.period'), render: (_, r) => period(r.validFrom, r.validTo) },
          { title: t('member.fields.status'), dataIndex: 'status', render: (v: string) => t(`member.statuses.${v as 'official'}`, { defaultValue: v }) },
          { title: t('orgs.actions.decisionNo'), dataIndex: 'decisionNo' },
        ]}
      />
      <Typography.Title level={2} style={{ fontSize: '1.1rem', marginTop: '1rem' }}>
        {t('member.history.placements')}
      </Typography.Title>
      <Table
        size="small"
        pagination={false}
        rowKey={(r) => r.validFrom + r.orgId}
        dataSource={data.placements}
        columns={[
          { title: t('member.history.period'), render: (_, r) => period(r.validFrom, r.validTo) },
          { title: t('member.fields.org'), dataIndex: 'orgName' },
        ]}
      />
    </>
  );
}
