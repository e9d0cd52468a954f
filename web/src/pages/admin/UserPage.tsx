import { useQuery } from '@tanstack/react-query';
import { Card, Descriptions, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { accountApi, accountKeys } from '../../api/accounts.js';
import { PageLoading } from '../../app/App.js';
import { useSession } from '../../auth/session.js';
import { ErrorAlert } from '../../components/ErrorAlert.js';
import { formatDateTime } from '../../lib/format.js';
import { AccountStatusTag } from './AccountStatusTag.js';
import { UserActions } from './UserActions.js';
import { UserRoles } from './UserRoles.js';

/** One account: who it is, what it may do where, and what an administrator can do to it. */
export default function UserPage() {
  const { t } = useTranslation();
  const { can } = useSession();
  const id = Number(useParams().userId);
  const account = useQuery({ queryKey: accountKeys.one(id), queryFn: () => accountApi.one(id) });
  if (account.isPending) return <PageLoading />;
  if (account.error) return <ErrorAlert error={account.error} />;
  const a = account.data;
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Link to="/admin/users">{t('admin.backToUsers')}</Link>
      <Typography.Title level={1} className="page-title" style={{ fontSize: '1.6rem' }}>
        {a.displayName} ({a.username})
      </Typography.Title>
      <Card>
        <Descriptions column={{ xs: 1, md: 2 }} size="small">
          <Descriptions.Item label={t('admin.fields.status')}>
            <AccountStatusTag status={a.status} />
          </Descriptions.Item>
          <Descriptions.Item label={t('admin.fields.org')}>{a.org?.name ?? t('admin.wholeInstallation')}</Descriptions.Item>
          <Descriptions.Item label={t('admin.fields.twoFactor')}>{a.twoFactorEnabled ? t('admin.yes') : t('admin.no')}</Descriptions.Item>
          <Descriptions.Item label={t('admin.fields.mustChangePassword')}>{a.mustChangePassword ? t('admin.yes') : t('admin.no')}</Descriptions.Item>
          <Descriptions.Item label={t('admin.fields.createdAt')}>{formatDateTime(a.createdAt)}</Descriptions.Item>
          <Descriptions.Item label={t('admin.fields.updatedAt')}>{formatDateTime(a.updatedAt)}</Descriptions.Item>
        </Descriptions>
      </Card>
      {can('account', 'update') && <UserActions account={a} />}
      <UserRoles userId={a.id} />
      {can('audit', 'read') && <Link to={`/admin/audit?entityType=user&entityId=${a.id}`}>{t('admin.auditOfUser')}</Link>}
    </Space>
  );
}
