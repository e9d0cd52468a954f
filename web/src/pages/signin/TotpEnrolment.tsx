import { useMutation } from '@tanstack/react-query';
import { Alert, Button, Form, Input, List, Spin, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { authApi } from '../../api/auth.js';
import { ErrorAlert } from '../../components/ErrorAlert.js';
import { QrCode } from '../../components/QrCode.js';
import { useSession } from '../../auth/session.js';

/**
 * Enrolling an authenticator when the role requires one: scan the QR code (or type the secret),
 * confirm with a first code, then keep the recovery codes, shown once.
 */
export function TotpEnrolment({ onDone }: { onDone: () => Promise<void> }) {
  const { t } = useTranslation();
  const { signOut } = useSession();
  const setup = useMutation({ mutationFn: authApi.setupTotp });
  const enable = useMutation({ mutationFn: (code: string) => authApi.enableTotp(code) });
  const [savedCodes, setSavedCodes] = useState(false);

  // One secret per visit of this step; a reload starts a fresh one (the server keeps the latest).
  const start = setup.mutate;
  useEffect(() => start(), [start]);

  if (enable.data) {
    return (
      <div>
        <Typography.Title level={2} style={{ fontSize: '1.25rem' }}>
          {t('totpSetup.recoveryTitle')}
        </Typography.Title>
        <Alert type="warning" showIcon title={t('totpSetup.recoveryHelp')} />
        <List
          aria-label={t('totpSetup.recoveryTitle')}
          dataSource={enable.data.recoveryCodes}
          renderItem={(c) => (
            <List.Item>
              <Typography.Text code copyable>
                {c}
              </Typography.Text>
            </List.Item>
          )}
        />
        <Button
          type="primary"
          block
          size="large"
          loading={savedCodes}
          onClick={() => {
            setSavedCodes(true);
            void onDone();
          }}
        >
          {t('totpSetup.recoverySaved')}
        </Button>
      </div>
    );
  }

  return (
    <div>
      <Typography.Title level={2} style={{ fontSize: '1.25rem' }}>
        {t('totpSetup.title')}
      </Typography.Title>
      <Typography.Paragraph>{t('totpSetup.help')}</Typography.Paragraph>
      {setup.isPending && <Spin />}
      <ErrorAlert error={setup.error} />
      {setup.data && (
        <>
          <div style={{ display: 'flex', justifyContent: 'center', margin: '0.5rem 0 1rem' }}>
            <QrCode value={setup.data.otpauthUri} label={t('totpSetup.qrLabel')} />
          </div>
          <Typography.Paragraph>
            {t('totpSetup.secret')}{' '}
            <Typography.Text code copyable>
              {setup.data.secret}
            </Typography.Text>
          </Typography.Paragraph>
          <Form<{ code: string }> layout="vertical" requiredMark={false} onFinish={({ code }) => enable.mutate(code.replace(/\s+/g, ''))}>
            <Form.Item label={t('secondFactor.code')} name="code" rules={[{ required: true, message: t('secondFactor.codeRequired') }]}>
              <Input autoComplete="one-time-code" inputMode="numeric" spellCheck={false} />
            </Form.Item>
            {enable.error ? (
              <Form.Item>
                <ErrorAlert error={enable.error} />
              </Form.Item>
            ) : null}
            <Button type="primary" htmlType="submit" block size="large" loading={enable.isPending}>
              {t('totpSetup.submit')}
            </Button>
          </Form>
        </>
      )}
      <Button type="link" onClick={() => void signOut()} style={{ paddingInline: 0, marginTop: '0.75rem' }}>
        {t('signIn.startOver')}
      </Button>
    </div>
  );
}
