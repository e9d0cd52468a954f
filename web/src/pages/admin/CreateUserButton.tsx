import { UserAddOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Checkbox, Form, Input, Modal, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { accountApi, accountKeys, type Account } from '../../api/accounts.js';
import { useMe } from '../../auth/session.js';
import { errorMessage } from '../../components/ErrorAlert.js';
import { OrgPicker } from '../../components/OrgPicker.js';

interface Values {
  username: string;
  displayName: string;
  orgId: number | null;
  wholeTree: boolean;
}

/**
 * Creates an account with a password the server makes and shows here once: the person must
 * change it at first sign-in. The unit is picked within the administrator's own scope; only a
 * whole-tree administrator may create an account that belongs to no unit.
 */
export function CreateUserButton() {
  const { t } = useTranslation();
  const me = useMe();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [open, setOpen] = useState(false);
  const [created, setCreated] = useState<{ account: Account; temporaryPassword: string | null } | null>(null);
  const [form] = Form.useForm<Values>();
  const wholeTree = Form.useWatch('wholeTree', form);
  const mayCreateWholeTree = me.grants.some((g) => g.path === '/');
  const create = useMutation({
    mutationFn: (v: Values) => accountApi.create({ username: v.username, displayName: v.displayName, orgId: v.wholeTree ? null : v.orgId }),
    onSuccess: async (answer) => {
      setCreated(answer);
      form.resetFields();
      await queryClient.invalidateQueries({ queryKey: accountKeys.all });
    },
  });
  const close = () => {
    setOpen(false);
    setCreated(null);
    create.reset();
  };

  return (
    <>
      <Button type="primary" icon={<UserAddOutlined aria-hidden />} onClick={() => setOpen(true)}>
        {t('admin.create.button')}
      </Button>
      <Modal
        open={open}
        title={created ? t('admin.oneTimeTitle') : t('admin.create.title')}
        onCancel={close}
        destroyOnHidden
        footer={
          created
            ? [
                <Button key="open" onClick={() => (close(), navigate(`/admin/users/${created.account.id}`))}>
                  {t('admin.create.openAccount')}
                </Button>,
                <Button key="done" type="primary" onClick={close}>
                  {t('admin.oneTimeDone')}
                </Button>,
              ]
            : [
                <Button key="cancel" onClick={close}>
                  {t('common.cancel')}
                </Button>,
                <Button key="create" type="primary" loading={create.isPending} onClick={() => form.submit()}>
                  {t('admin.create.submit')}
                </Button>,
              ]
        }
      >
        {created ? (
          <>
            <Typography.Paragraph>{t('admin.oneTimeHelp', { name: created.account.username })}</Typography.Paragraph>
            <Typography.Paragraph copyable code style={{ fontSize: '1.3rem' }} aria-label={t('admin.oneTimeTitle')}>
              {created.temporaryPassword}
            </Typography.Paragraph>
          </>
        ) : (
          <Form form={form} layout="vertical" onFinish={(v) => create.mutate(v)} initialValues={{ wholeTree: false }}>
            <Form.Item name="username" label={t('admin.fields.username')} extra={t('admin.create.usernameHelp')} rules={[{ required: true, message: t('common.required') }]}>
              <Input autoComplete="off" />
            </Form.Item>
            <Form.Item name="displayName" label={t('admin.fields.displayName')} rules={[{ required: true, message: t('common.required') }]}>
              <Input autoComplete="off" />
            </Form.Item>
            {mayCreateWholeTree && (
              <Form.Item name="wholeTree" valuePropName="checked">
                <Checkbox>{t('admin.wholeInstallation')}</Checkbox>
              </Form.Item>
            )}
            {!wholeTree && (
              <Form.Item name="orgId" label={t('admin.fields.org')} rules={[{ required: true, message: t('common.required') }]}>
                <OrgPicker />
              </Form.Item>
            )}
            {create.error ? <Alert type="error" showIcon role="alert" title={errorMessage(create.error, t('errors.network'))} /> : null}
          </Form>
        )}
      </Modal>
    </>
  );
}
