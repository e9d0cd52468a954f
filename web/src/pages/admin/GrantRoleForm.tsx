import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Checkbox, Form, Select } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ROLES, type Role } from '../../../../src/domain/permissions.js';
import { accountApi, accountKeys } from '../../api/accounts.js';
import { useMe } from '../../auth/session.js';
import { DateField } from '../../components/DateField.js';
import { OrgPicker } from '../../components/OrgPicker.js';
import { errorMessage } from '../../components/ErrorAlert.js';

interface Values {
  role: Role;
  orgId: number | null;
  wholeTree: boolean;
  validTo: string | null;
}

/**
 * Grants a role on an org's subtree. The org picker searches within the caller's own scope (the
 * server answers nothing else); the whole installation is offered only to a whole-tree
 * administrator. Which role may be granted where is the server's rule: its refusal is shown.
 */
export function GrantRoleForm({ userId }: { userId: number }) {
  const { t } = useTranslation();
  const me = useMe();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<Values>();
  const wholeTree = Form.useWatch('wholeTree', form);
  const [error, setError] = useState<unknown>(null);
  const mayGrantWholeTree = me.grants.some((g) => g.path === '/');
  const grant = useMutation({
    mutationFn: (v: Values) => accountApi.grant({ userId, role: v.role, orgId: v.wholeTree ? null : v.orgId, validTo: v.validTo ?? undefined }),
    onSuccess: async () => {
      setError(null);
      form.resetFields();
      message.success(t('admin.granted'));
      await queryClient.invalidateQueries({ queryKey: accountKeys.roles(userId) });
    },
    onError: setError,
  });

  return (
    <Form form={form} layout="inline" onFinish={(v) => grant.mutate(v)} style={{ marginTop: '1rem', rowGap: '0.5rem' }} initialValues={{ wholeTree: false }}>
      <Form.Item name="role" label={t('admin.fields.role')} rules={[{ required: true, message: t('common.required') }]}>
        <Select style={{ width: '13rem' }} options={ROLES.map((r) => ({ value: r, label: t(`roles.${r}`) }))} />
      </Form.Item>
      {mayGrantWholeTree && (
        <Form.Item name="wholeTree" valuePropName="checked">
          <Checkbox>{t('admin.wholeInstallation')}</Checkbox>
        </Form.Item>
      )}
      {!wholeTree && (
        <Form.Item name="orgId" label={t('admin.fields.org')} rules={[{ required: true, message: t('common.required') }]}>
          <OrgPicker style={{ width: '18rem' }} />
        </Form.Item>
      )}
      <Form.Item name="validTo" label={t('admin.fields.validTo')}>
        <DateField />
      </Form.Item>
      <Form.Item>
        <Button type="primary" htmlType="submit" loading={grant.isPending}>
          {t('admin.actions.grant')}
        </Button>
      </Form.Item>
      {error ? <Alert type="error" showIcon role="alert" title={errorMessage(error, t('errors.network'))} style={{ width: '100%' }} /> : null}
    </Form>
  );
}
