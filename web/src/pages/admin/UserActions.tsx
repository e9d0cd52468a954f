import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Modal, Popconfirm, Space, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { accountApi, accountKeys, type Account } from '../../api/accounts.js';
import { errorMessage } from '../../components/ErrorAlert.js';

type Action = 'reset' | 'lock' | 'unlock' | 'disable' | 'revokeSessions' | 'resetTwoFactor';

/**
 * The account actions, each confirmed first because each ends the person's sessions or their
 * access. A reset's generated password is shown once, here, and never again.
 */
export function UserActions({ account }: { account: Account }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [oneTime, setOneTime] = useState<string | null>(null);
  const run = useMutation({
    mutationFn: async (action: Action) => {
      switch (action) {
        case 'reset':
          return setOneTime((await accountApi.resetPassword(account.id)).temporaryPassword);
        case 'revokeSessions':
          return void message.success(t('admin.sessionsEnded', { count: (await accountApi.revokeSessions(account.id)).sessionsEnded }));
        case 'resetTwoFactor':
          return void message.success(t('admin.sessionsEnded', { count: (await accountApi.resetTwoFactor(account.id)).sessionsEnded }));
        default:
          await accountApi[action](account.id);
          return void message.success(t('admin.done'));
      }
    },
    onSuccess: () => queryClient.invalidateQueries({ queryKey: accountKeys.all }),
    onError: (e) => message.error(errorMessage(e, t('errors.network'))),
  });

  const actions: { key: Action; show: boolean; danger?: boolean }[] = [
    { key: 'reset', show: account.status !== 'disabled' },
    { key: 'revokeSessions', show: true },
    // Only when there is a second factor to lose; the API also clears a half-done enrolment.
    { key: 'resetTwoFactor', show: account.twoFactorEnabled },
    { key: 'lock', show: account.status === 'active', danger: true },
    { key: 'unlock', show: account.status === 'locked' },
    { key: 'disable', show: account.status !== 'disabled', danger: true },
  ];
  return (
    <Card title={<h2 className="card-title">{t('admin.actionsTitle')}</h2>} size="small">
      <Space wrap>
        {actions
          .filter((a) => a.show)
          .map((a) => (
            <Popconfirm key={a.key} title={t(`admin.confirm.${a.key}`, { name: account.username })} okText={t('admin.confirmOk')} cancelText={t('common.cancel')} onConfirm={() => run.mutate(a.key)}>
              <Button danger={a.danger} loading={run.isPending && run.variables === a.key}>
                {t(`admin.actions.${a.key}`)}
              </Button>
            </Popconfirm>
          ))}
      </Space>
      <Modal open={oneTime !== null} title={t('admin.oneTimeTitle')} onOk={() => setOneTime(null)} onCancel={() => setOneTime(null)} cancelButtonProps={{ hidden: true }} okText={t('admin.oneTimeDone')}>
        <Typography.Paragraph>{t('admin.oneTimeHelp', { name: account.username })}</Typography.Paragraph>
        <Typography.Paragraph copyable code style={{ fontSize: '1.3rem' }}>
          {oneTime}
        </Typography.Paragraph>
      </Modal>
    </Card>
  );
}
