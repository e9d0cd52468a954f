import { App, Form, Modal, type FormInstance } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { recordKeys } from '../../api/records.js';
import { ErrorAlert } from '../../components/ErrorAlert.js';

/**
 * A small form in a dialog that saves one step and refreshes the records lists (and the member
 * page's record facts). `onSave` resolving to false saved nothing: the dialog stays open.
 */
export function StepModal({
  title,
  okText,
  onSave,
  onClose,
  done,
  form,
  children,
}: {
  title: string;
  okText: string;
  onSave(): Promise<unknown>;
  onClose(): void;
  done: string;
  form?: FormInstance;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const save = async () => {
    setBusy(true);
    setError(null);
    try {
      if ((await onSave()) === false) return;
      await queryClient.invalidateQueries({ queryKey: recordKeys.all });
      message.success(done);
      onClose();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal open title={title} onCancel={onClose} onOk={() => void save()} okText={okText} cancelText={t('common.cancel')} confirmLoading={busy}>
      {error ? <ErrorAlert error={error} /> : null}
      <Form form={form} layout="vertical">
        {children}
      </Form>
    </Modal>
  );
}
