import { Checkbox, Form, Input } from 'antd';
import { useTranslation } from 'react-i18next';
import { transferApi, transferKeys, type RecordTransferStepInput, type TransferCase } from '../../api/transfers.js';
import { DateField } from '../../components/DateField.js';
import { todayIso } from '../../lib/format.js';
import { NotesAndSubmit, StepFormAlerts, useStepFieldText } from '../case/StepFormParts.js';
import { useStepSubmit } from '../case/useStepSubmit.js';

type Values = Record<string, unknown>;

const FORM_FIELDS = ['date', 'notes', 'paidThrough', 'letterNo', 'senderConfirmed'];

/**
 * The form of the one step the case allows next, shown to the side whose turn it is. The server
 * judges it (order, dates, R-TRF-04 blocks, R-TRF-10 dues, R-TRF-05 confirmation) and its refusals
 * land under the fields they name; a case changed by someone else since it was read is refused with 409.
 */
export function TransferStepForm({ c }: { c: TransferCase }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const kind = c.nextStep!;
  const { save, reload, error, stale, busy } = useStepSubmit<Values, TransferCase>({
    form,
    caseKey: transferKeys.case(c.id),
    listKey: ['transfer', 'cases'],
    send: (v) => transferApi.recordStep(c.id, { ...v, kind, version: c.version, notes: (v.notes as string | undefined)?.trim() || null } as RecordTransferStepInput),
    fetch: () => transferApi.case(c.id),
    formFields: FORM_FIELDS,
    panelFields: [],
  });

  const { required } = useStepFieldText();
  const initial: Values = { date: todayIso() };
  if (kind === 'dues') initial.paidThrough = todayIso().slice(0, 7);
  if (kind === 'receipt') initial.senderConfirmed = false;
  const dateLabel = t('admission.stepFields.date');

  return (
    <Form<Values> form={form} layout="vertical" onFinish={save} requiredMark="optional" initialValues={initial} aria-label={t('admission.case.recordNext', { step: t(`transfer.steps.${kind}`) })}>
      <StepFormAlerts stale={stale} error={error} onReload={() => void reload()} />
      <Form.Item name="date" label={dateLabel} rules={required} style={{ maxWidth: '16rem' }}>
        <DateField aria-label={dateLabel} noFuture />
      </Form.Item>
      {kind === 'dues' && (
        <Form.Item name="paidThrough" label={t('transfer.form.paidThrough')} rules={[...required, { pattern: /^\d{4}-(0[1-9]|1[0-2])$/, message: t('transfer.form.paidThrough') }]} style={{ maxWidth: '24rem' }}>
          <Input maxLength={7} placeholder="2027-05" />
        </Form.Item>
      )}
      {kind === 'letter' && (
        <Form.Item name="letterNo" label={t('transfer.form.letterNo')} rules={required} style={{ maxWidth: '24rem' }}>
          <Input maxLength={100} />
        </Form.Item>
      )}
      {kind === 'receipt' && (
        <Form.Item name="senderConfirmed" valuePropName="checked">
          <Checkbox>{t('transfer.form.senderConfirmed')}</Checkbox>
        </Form.Item>
      )}
      <NotesAndSubmit busy={busy} stale={stale} />
    </Form>
  );
}
