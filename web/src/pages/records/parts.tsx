import { App, Form, Modal } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { recordKeys } from '../../api/records.js';
import { ErrorAlert } from '../../components/ErrorAlert.js';

/** A small form in a dialog that saves one step and refreshes the records lists. */
export function StepModal({ title, okText, onSave, onClose, done, children }: { title: string; okText: string; onSave(): Promise<unknown>; onClose(): void; done: string; children: ReactNode }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const save = async () => {
    setBusy(true);
    setError(null);
    try {
      await onSave();
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
      <Form layout="vertical">{children}</Form>
    </Modal>
  );
}
