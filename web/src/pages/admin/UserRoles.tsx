import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Popconfirm, Table } from 'antd';
import { useTranslation } from 'react-i18next';
import { accountApi, accountKeys, type RoleAssignment } from '../../api/accounts.js';
import { useSession } from '../../auth/session.js';
import { ErrorAlert, errorMessage } from '../../components/ErrorAlert.js';
import { formatDate } from '../../lib/format.js';
import { GrantRoleForm } from './GrantRoleForm.js';

/** An account's role assignments, past ones included (the server decides who may revoke which). */
export function UserRoles({ userId }: { userId: number }) {
  const { t } = useTranslation();
  const { can } = useSession();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const roles = useQuery({ queryKey: accountKeys.roles(userId), queryFn: () => accountApi.roles(userId) });
  const revoke = useMutation({
    mutationFn: accountApi.revoke,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: accountKeys.roles(userId) }),
    onError: (e) => message.error(errorMessage(e, t('errors.network'))),
  });
  const mayChange = can('account', 'update');

  const period = (r: RoleAssignment) => `${formatDate(r.validFrom)} – ${r.validTo ? formatDate(r.validTo) : t('admin.noEnd')}`;
  return (
    <Card title={<h2 className="card-title">{t('admin.rolesTitle')}</h2>} size="small">
      <ErrorAlert error={roles.error} />
      <Table<RoleAssignment>
        size="small"
        rowKey="id"
        pagination={false}
        loading={roles.isPending}
        dataSource={roles.data?.items ?? []}
        scroll={{ x: 'max-content' }}
        aria-label={t('admin.rolesTitle')}
        columns={[
          { key: 'role', title: t('admin.fields.role'), render: (_, r) => t(`roles.${r.role}`) },
          { key: 'org', title: t('admin.fields.org'), render: (_, r) => r.org?.name ?? t('admin.wholeInstallation') },
          { key: 'period', title: t('admin.fields.period'), render: (_, r) => period(r) },
          { key: 'state', title: t('admin.fields.state'), render: (_, r) => (r.revokedAt ? t('admin.revokedBy', { name: r.revokedBy ?? t('admin.system'), date: formatDate(r.revokedAt) }) : r.active ? t('admin.inForce') : t('admin.notInForce')) },
          {
            key: 'revoke',
            title: t('admin.fields.actions'),
            render: (_, r) =>
              mayChange && !r.revokedAt ? (
                <Popconfirm title={t('admin.confirm.revokeRole', { role: t(`roles.${r.role}`) })} okText={t('admin.confirmOk')} cancelText={t('common.cancel')} onConfirm={() => revoke.mutate(r.id)}>
                  <Button size="small" danger loading={revoke.isPending && revoke.variables === r.id}>
                    {t('admin.actions.revokeRole')}
                  </Button>
                </Popconfirm>
              ) : null,
          },
        ]}
      />
      {mayChange && <GrantRoleForm userId={userId} />}
    </Card>
  );
}
