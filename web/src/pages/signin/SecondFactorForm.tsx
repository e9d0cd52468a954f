import { Button, Form, Input, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { authApi } from '../../api/auth.js';
import { setCsrfToken } from '../../api/client.js';
import { ErrorAlert } from '../../components/ErrorAlert.js';
import { useSession } from '../../auth/session.js';

/** The six-digit code from the authenticator app, or one recovery code when the phone is lost. */
export function SecondFactorForm({ onDone }: { onDone: () => Promise<void> }) {
  const { t } = useTranslation();
  const { signOut } = useSession();
  const [useRecovery, setUseRecovery] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  const submit = async ({ code }: { code: string }) => {
    setBusy(true);
    setError(null);
    try {
      const value = code.replace(/\s+/g, '');
      const answer = await authApi.verifyTotp(useRecovery ? { recoveryCode: value } : { code: value });
      if (answer?.csrfToken) setCsrfToken(answer.csrfToken);
      await onDone();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Form<{ code: string }> layout="vertical" onFinish={submit} requiredMark={false} key={String(useRecovery)}>
      <Typography.Title level={2} style={{ fontSize: '1.25rem' }}>
        {t('secondFactor.title')}
      </Typography.Title>
      <Typography.Paragraph>{useRecovery ? t('secondFactor.recoveryHelp') : t('secondFactor.help')}</Typography.Paragraph>
      <Form.Item
        label={useRecovery ? t('secondFactor.recoveryCode') : t('secondFactor.code')}
        name="code"
        rules={[{ required: true, message: t('secondFactor.codeRequired') }]}
      >
        <Input autoFocus autoComplete="one-time-code" inputMode={useRecovery ? 'text' : 'numeric'} spellCheck={false} />
      </Form.Item>
      {error ? (
        <Form.Item>
          <ErrorAlert error={error} />
        </Form.Item>
      ) : null}
      <Button type="primary" htmlType="submit" block size="large" loading={busy}>
        {t('secondFactor.submit')}
      </Button>
      <div style={{ display: 'flex', justifyContent: 'space-between', marginTop: '0.75rem', flexWrap: 'wrap' }}>
        <Button type="link" onClick={() => setUseRecovery(!useRecovery)} style={{ paddingInline: 0 }}>
          {useRecovery ? t('secondFactor.useCode') : t('secondFactor.useRecovery')}
        </Button>
        <Button type="link" onClick={() => void signOut()} style={{ paddingInline: 0 }}>
          {t('signIn.startOver')}
        </Button>
      </div>
    </Form>
  );
}
