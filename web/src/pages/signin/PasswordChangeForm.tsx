import { Alert, Button, Form, Input, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { authApi } from '../../api/auth.js';
import { ApiError } from '../../api/client.js';
import { ErrorAlert } from '../../components/ErrorAlert.js';

interface Values {
  currentPassword: string;
  newPassword: string;
  repeat: string;
}

/** Change one's own password; `forced` on first sign-in, when nothing else is allowed until done. */
/** `pageTitle`: the form is the page (its heading is the page's level-1 title), not a step of signing in. */
export function PasswordChangeForm({ forced, onDone, pageTitle }: { forced?: boolean; onDone: () => Promise<void> | void; pageTitle?: boolean }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState(false);

  const submit = async (v: Values) => {
    setBusy(true);
    setError(null);
    try {
      await authApi.changePassword(v.currentPassword, v.newPassword);
      setDone(true);
      form.resetFields();
      await onDone();
    } catch (e) {
      // The policy's refusal belongs under the new password; anything else above the button.
      const fields = e instanceof ApiError ? e.fieldMessages() : [];
      if (fields.length) form.setFields(fields.map((f) => ({ name: f.field as keyof Values, errors: [f.message] })));
      else setError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Form<Values> form={form} layout="vertical" onFinish={submit} requiredMark={false} style={{ maxWidth: '28rem' }}>
      <Typography.Title level={pageTitle ? 1 : 2} className={pageTitle ? 'page-title' : undefined} style={{ fontSize: pageTitle ? '1.6rem' : '1.25rem' }}>
        {t('password.title')}
      </Typography.Title>
      {forced && <Alert type="info" showIcon title={t('password.forced')} style={{ marginBottom: '1rem' }} />}
      <Form.Item label={t('password.current')} name="currentPassword" rules={[{ required: true, message: t('password.required') }]}>
        <Input.Password autoComplete="current-password" />
      </Form.Item>
      <Form.Item label={t('password.new')} name="newPassword" extra={t('password.policy')} rules={[{ required: true, message: t('password.required') }, { min: 10, message: t('password.tooShort') }]}>
        <Input.Password autoComplete="new-password" />
      </Form.Item>
      <Form.Item
        label={t('password.repeat')}
        name="repeat"
        dependencies={['newPassword']}
        rules={[
          { required: true, message: t('password.required') },
          ({ getFieldValue }) => ({
            validator: (_, v) => (v === getFieldValue('newPassword') ? Promise.resolve() : Promise.reject(new Error(t('password.mismatch')))),
          }),
        ]}
      >
        <Input.Password autoComplete="new-password" />
      </Form.Item>
      {error ? (
        <Form.Item>
          <ErrorAlert error={error} />
        </Form.Item>
      ) : null}
      {done && !forced && <Alert type="success" showIcon title={t('password.changed')} style={{ marginBottom: '1rem' }} />}
      <Button type="primary" htmlType="submit" size="large" loading={busy} block={forced}>
        {t('password.submit')}
      </Button>
    </Form>
  );
}
