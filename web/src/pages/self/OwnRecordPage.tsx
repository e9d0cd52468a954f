import { useQuery } from '@tanstack/react-query';
import { Alert, Card, Descriptions, Grid, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { memberApi, memberKeys } from '../../api/members.js';
import { ApiError } from '../../api/client.js';
import { PageLoading } from '../../app/App.js';
import { useMe } from '../../auth/session.js';
import { ErrorAlert } from '../../components/ErrorAlert.js';
import { formatDate } from '../../lib/format.js';
import { OwnDueItems } from '../due/OwnDueItems.js';
import { StatusTag } from '../members/StatusTag.js';
import { OwnUpdates } from './OwnUpdates.js';

/**
 * A member's own page: few facts, large type, plain words. Many members reading it are elderly,
 * so the page is a step larger than the chosen text size (the switch still enlarges it further).
 */
export default function OwnRecordPage() {
  const { t } = useTranslation();
  const me = useMe();
  const record = useQuery({ queryKey: memberKeys.own, queryFn: memberApi.own });
  return (
    <div className="own-record">
      <Typography.Title level={1} className="page-title" style={{ fontSize: '1.6rem' }}>
        {t('home.welcome', { name: me.user.displayName || me.user.username })}
      </Typography.Title>
      {record.isPending ? (
        <PageLoading />
      ) : record.error instanceof ApiError && record.error.status === 404 ? (
        <Alert type="info" showIcon title={t('self.noRecord')} />
      ) : record.error ? (
        <ErrorAlert error={record.error} />
      ) : (
        <>
          <OwnRecord record={record.data} />
          <OwnDueItems />
          <OwnUpdates record={record.data} />
        </>
      )}
    </div>
  );
}

function OwnRecord({ record }: { record: Awaited<ReturnType<typeof memberApi.own>> }) {
  const { t } = useTranslation();
  // R-AGE-01…04: computed by the server from the record's status history, net of every gap.
  const months = record.partyAge?.months ?? null;
  // On a phone, labels above values: side by side, both columns would wrap word by word.
  const wide = Grid.useBreakpoint().sm;
  return (
    <Card title={<h2 className="card-title">{t('self.title')}</h2>}>
      <Descriptions column={1} bordered size="middle" layout={wide ? 'horizontal' : 'vertical'}>
        <Descriptions.Item label={t('member.fields.fullName')}>{record.fullName}</Descriptions.Item>
        <Descriptions.Item label={t('member.fields.status')}>
          <StatusTag status={record.status} />
        </Descriptions.Item>
        <Descriptions.Item label={t('member.fields.org')}>{record.breadcrumb.map((o) => o.name).join(' › ') || record.org.name}</Descriptions.Item>
        <Descriptions.Item label={t('member.fields.admissionDate')}>{formatDate(record.admissionDate) || t('self.unknown')}</Descriptions.Item>
        <Descriptions.Item label={t('member.fields.officialDate')}>{formatDate(record.officialDate) || t('self.notYet')}</Descriptions.Item>
        {months !== null && (
          <Descriptions.Item label={t('self.partyAge')}>
            {t('self.partyAgeValue', { years: Math.floor(months / 12), months: months % 12 })}
          </Descriptions.Item>
        )}
        <Descriptions.Item label={t('member.fields.partyCardNo')}>{record.partyCardNo ?? t('self.unknown')}</Descriptions.Item>
      </Descriptions>
    </Card>
  );
}
