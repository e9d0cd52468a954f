import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, Form, Input, Modal } from 'antd';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../../api/client.js';
import { memberKeys } from '../../../api/members.js';
import { orgKeys } from '../../../api/orgs.js';
import { DateField } from '../../../components/DateField.js';
import { ErrorAlert } from '../../../components/ErrorAlert.js';
import { todayIso } from '../../../lib/format.js';
import { announceTreeChanged } from '../tree-events.js';

export interface ChangeValues {
  effectiveDate: string;
  decisionNo?: string;
  [field: string]: unknown;
}

interface Props<V extends ChangeValues> {
  title: string;
  okText: string;
  onClose(): void;
  /** Fields of this change, above the effective date and decision. */
  children?: ReactNode;
  initialValues?: Partial<V>;
  /** What will happen, in words and with the counts the API gave; null until the form says enough. */
  consequence(values: Partial<V>): ReactNode | null;
  /** Why the change cannot be made at all (the server would refuse it); disables confirming. */
  blocked?: ReactNode;
  submit(values: V): Promise<unknown>;
  /** After success, with what submit resolved to (the new org, the merge target). */
  onDone?(result: unknown): void;
  danger?: boolean;
  dateField?: 'effectiveDate' | 'foundedOn';
}

/**
 * Every structure change has an effective date and an optional decision number, shows what it
 * will do before it is confirmed, and puts the server's refusals under the field they name.
 */
export function ChangeModal<V extends ChangeValues>(props: Props<V>) {
  const { title, okText, onClose, children, initialValues, consequence, blocked, submit, onDone, danger, dateField = 'effectiveDate' } = props;
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<V>();
  const values = (Form.useWatch([], form) ?? {}) as Partial<V>;
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const what = blocked ? null : consequence(values);

  const finish = async (v: V) => {
    setBusy(true);
    setError(null);
    try {
      const result = await submit(v);
      await queryClient.invalidateQueries({ queryKey: orgKeys.all });
      await queryClient.invalidateQueries({ queryKey: memberKeys.all });
      announceTreeChanged();
      message.success(t('orgs.actions.done'));
      onClose();
      onDone?.(result);
    } catch (e) {
      const fields = e instanceof ApiError ? e.fieldMessages().filter((f) => form.getFieldInstance(f.field as never) !== undefined) : [];
      if (fields.length) form.setFields(fields.map((f) => ({ name: f.field as never, errors: [f.message] })));
      else setError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open
      title={title}
      okText={okText}
      cancelText={t('common.cancel')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okButtonProps={{ danger, loading: busy, disabled: !!blocked }}
      destroyOnHidden
    >
      <Form<V> form={form} layout="vertical" initialValues={{ [dateField]: todayIso(), ...initialValues } as never} onFinish={finish} requiredMark="optional">
        {children}
        <Form.Item label={t(dateField === 'foundedOn' ? 'orgs.actions.foundedOn' : 'orgs.actions.effectiveDate')} name={dateField} rules={[{ required: true, message: t('common.required') }]}>
          <DateField noFuture />
        </Form.Item>
        <Form.Item label={t('orgs.actions.decisionNo')} name={dateField === 'foundedOn' ? 'foundingDecision' : 'decisionNo'}>
          <Input maxLength={100} placeholder={t('orgs.actions.decisionPlaceholder')} />
        </Form.Item>
      </Form>
      {blocked && <Alert type="warning" showIcon title={blocked} />}
      {what && <Alert type={danger ? 'warning' : 'info'} showIcon title={t('orgs.actions.willHappen')} description={what} role="status" />}
      {error ? <div style={{ marginTop: '0.75rem' }}><ErrorAlert error={error} /></div> : null}
    </Modal>
  );
}
