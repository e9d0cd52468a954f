import { Alert, Form, InputNumber, Radio, Space, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { RECORD_UPDATE_FIELDS } from '../../../../src/domain/records/record-update.js';
import type { MemberRecord } from '../../api/types.js';
import { DateField } from '../../components/DateField.js';
import { ErrorAlert } from '../../components/ErrorAlert.js';
import { todayIso } from '../../lib/format.js';
import { FieldInput } from '../members/FieldInput.js';
import { SECTIONS } from '../members/form-layout.js';
import { StepModal } from './parts.js';

// The fields of the phiếu bổ sung (R-REC-07) as the member form describes them.
const UPDATE_DEFS = Object.values(SECTIONS)
  .flat()
  .filter((d) => (RECORD_UPDATE_FIELDS as readonly string[]).includes(d.name));

export interface PhieuInput {
  year: number;
  occasion: 'yearly' | 'transfer';
  submittedOn: string;
  changes: Record<string, unknown>;
}

/**
 * The phiếu bổ sung: the member form's updatable fields with today's values; only those changed
 * are sent. The office files it for a member (their page), a member files their own (their home
 * page): the same form, `send` says where it goes. The server judges it.
 */
export function UpdateDialog({ record, error, send, onClose, onSaved }: { record: MemberRecord | undefined; error: unknown; send(input: PhieuInput): Promise<unknown>; onClose(): void; onSaved?(): void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Record<string, unknown>>();
  const [nothing, setNothing] = useState(false);
  const r = record;
  const editable = UPDATE_DEFS.filter((d) => r && !r.redactedFields.includes(d.name));
  const save = async () => {
    if (!r) return false;
    // A field the form itself refuses shows its message there; nothing is sent.
    const v = await form.validateFields().catch(() => null);
    if (!v) return false;
    const changes: Record<string, unknown> = {};
    for (const d of editable) {
      const raw = v[d.name];
      const value = typeof raw === 'string' ? raw.trim() || null : (raw ?? null);
      if (value !== (r[d.name] ?? null)) changes[d.name] = value;
    }
    // A yearly phiếu of all "K" is not needed; the phiếu of a transfer is filed even unchanged.
    const occasion = v.occasion === 'transfer' ? 'transfer' : 'yearly';
    setNothing(occasion === 'yearly' && Object.keys(changes).length === 0);
    if (occasion === 'yearly' && Object.keys(changes).length === 0) return false;
    const out = await send({ year: Number(v.year), occasion, submittedOn: String(v.submittedOn), changes });
    onSaved?.();
    return out;
  };
  const title = t('records.member.fileUpdate');
  return (
    <StepModal title={title} okText={title} done={t('records.member.updateFiled')} onClose={onClose} onSave={save} form={form}>
      {error ? <ErrorAlert error={error} /> : null}
      {r ? (
        <>
          <Typography.Paragraph type="secondary">{t('records.member.updateHelp')}</Typography.Paragraph>
          {nothing ? <Alert type="info" showIcon role="alert" title={t('records.member.noChange')} style={{ marginBottom: '1rem' }} /> : null}
          <Form.Item name="occasion" label={t('records.member.occasion')} initialValue="yearly">
            <Radio.Group
              optionType="button"
              buttonStyle="solid"
              size="large"
              options={[
                { value: 'yearly', label: t('records.member.occasions.yearly') },
                { value: 'transfer', label: t('records.member.occasions.transfer') },
              ]}
            />
          </Form.Item>
          <Space wrap>
            <Form.Item name="year" label={t('records.member.updateYear')} initialValue={Number(todayIso().slice(0, 4))} rules={[{ required: true, message: t('common.required') }]}>
              <InputNumber aria-label={t('records.member.updateYear')} min={2000} max={2100} precision={0} />
            </Form.Item>
            <Form.Item name="submittedOn" label={t('records.member.submittedOn')} initialValue={todayIso()} rules={[{ required: true, message: t('common.required') }]}>
              <DateField aria-label={t('records.member.submittedOn')} noFuture />
            </Form.Item>
          </Space>
          {editable.map((d) => (
            <Form.Item key={d.name} name={d.name} label={t(`member.fields.${d.name}`)} initialValue={r[d.name] ?? undefined}>
              <FieldInput def={d} current={r[d.name]} />
            </Form.Item>
          ))}
        </>
      ) : null}
    </StepModal>
  );
}
