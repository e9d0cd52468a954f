import { Button, Form, Input } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { authApi } from '../../api/auth.js';
import { ApiError, setCsrfToken } from '../../api/client.js';
import { ErrorAlert } from '../../components/ErrorAlert.js';

interface Values {
  username: string;
  password: string;
}

/** User name and password. Wrong password, throttling and locks come back as the server words them. */
export function CredentialsForm({ onDone }: { onDone: () => Promise<void> }) {
  const { t } = useTranslation();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (v: Values) => {
    setBusy(true);
    setError(null);
    try {
      const answer = await authApi.login(v.username.trim(), v.password);
      setCsrfToken(answer.csrfToken);
      await onDone();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  const throttled = error instanceof ApiError && error.status === 429;
  return (
    <Form<Values> layout="vertical" onFinish={submit} requiredMark={false} aria-label={t('signIn.title')}>
      <Form.Item label={t('signIn.username')} name="username" rules={[{ required: true, message: t('signIn.usernameRequired') }]}>
        <Input autoComplete="username" autoFocus autoCapitalize="none" spellCheck={false} />
      </Form.Item>
      <Form.Item label={t('signIn.password')} name="password" rules={[{ required: true, message: t('signIn.passwordRequired') }]}>
        <Input.Password autoComplete="current-password" />
      </Form.Item>
      {error ? (
        <Form.Item>
          <ErrorAlert error={error} title={throttled ? t('signIn.throttledTitle') : undefined} />
        </Form.Item>
      ) : null}
      <Button type="primary" htmlType="submit" block size="large" loading={busy}>
        {t('signIn.submit')}
      </Button>
    </Form>
  );
}
