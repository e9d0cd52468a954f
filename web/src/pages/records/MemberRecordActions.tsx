import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Form, InputNumber, Space, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { RECORD_UPDATE_FIELDS } from '../../../../src/domain/records/record-update.js';
import { memberApi, memberKeys } from '../../api/members.js';
import { recordApi, type MemberRecordFacts } from '../../api/records.js';
import { useSession } from '../../auth/session.js';
import { DateField } from '../../components/DateField.js';
import { ErrorAlert } from '../../components/ErrorAlert.js';
import { todayIso } from '../../lib/format.js';
import { FieldInput } from '../members/FieldInput.js';
import { SECTIONS } from '../members/form-layout.js';
import { StepModal } from './parts.js';

type Dialog = 'recordNo' | 'card' | 'update' | null;

// The fields of the phiếu bổ sung (R-REC-07) as the member form describes them.
const UPDATE_DEFS = Object.values(SECTIONS)
  .flat()
  .filter((d) => (RECORD_UPDATE_FIELDS as readonly string[]).includes(d.name));

/**
 * On the member page, what the office does for one member's record: give the record number once
 * the phiếu đảng viên is filed (R-REC-09), request the party card of an official member (R-REC-01),
 * file the yearly phiếu bổ sung with only what changed (R-REC-07). The server judges each.
 */
export function MemberRecordActions({ memberId, facts }: { memberId: number; facts: MemberRecordFacts }) {
  const { t } = useTranslation();
  const { can } = useSession();
  const [open, setOpen] = useState<Dialog>(null);
  const cardOpen = facts.card && ['requested', 'decided', 'handed_over'].includes(facts.card.status);
  const buttons = [
    !facts.recordNo && can('member_record', 'create') && (
      <Button key="recordNo" onClick={() => setOpen('recordNo')}>
        {t('records.member.assignRecordNo')}
      </Button>
    ),
    !cardOpen && can('party_card', 'create') && (
      <Button key="card" onClick={() => setOpen('card')}>
        {t('records.member.requestCard')}
      </Button>
    ),
    can('member_record', 'create') && (
      <Button key="update" onClick={() => setOpen('update')}>
        {t('records.member.fileUpdate')}
      </Button>
    ),
  ].filter(Boolean);
  if (buttons.length === 0) return null;
  const close = () => setOpen(null);
  return (
    <>
      <Space wrap style={{ marginTop: '0.75rem' }}>
        {buttons}
      </Space>
      {open === 'recordNo' && (
        <DateDialog title={t('records.member.assignRecordNo')} label={t('records.member.formFiledOn')} done={t('records.member.recordNoGiven')} onClose={close} send={(date) => recordApi.assignRecordNo(memberId, { formFiledOn: date })} />
      )}
      {open === 'card' && (
        <DateDialog title={t('records.member.requestCard')} label={t('records.member.requestedOn')} done={t('records.member.cardRequested')} onClose={close} send={(date) => recordApi.requestCard({ memberId, requestedOn: date })} />
      )}
      {open === 'update' && <UpdateDialog memberId={memberId} onClose={close} />}
    </>
  );
}

function DateDialog(p: { title: string; label: string; done: string; onClose(): void; send(date: string): Promise<unknown> }) {
  const [date, setDate] = useState<string | null>(todayIso());
  return (
    <StepModal title={p.title} okText={p.title} done={p.done} onClose={p.onClose} onSave={() => p.send(date ?? '')}>
      <Form.Item label={p.label} required>
        <DateField aria-label={p.label} value={date} onChange={setDate} noFuture />
      </Form.Item>
    </StepModal>
  );
}

/** The phiếu bổ sung: the member form's updatable fields with today's values; only those changed are sent. */
function UpdateDialog({ memberId, onClose }: { memberId: number; onClose(): void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Record<string, unknown>>();
  const record = useQuery({ queryKey: memberKeys.record(memberId), queryFn: () => memberApi.record(memberId) });
  const [nothing, setNothing] = useState(false);
  const r = record.data;
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
    setNothing(Object.keys(changes).length === 0);
    if (Object.keys(changes).length === 0) return false;
    return recordApi.fileUpdate({ memberId, year: Number(v.year), occasion: 'yearly', submittedOn: String(v.submittedOn), changes });
  };
  const title = t('records.member.fileUpdate');
  return (
    <StepModal title={title} okText={title} done={t('records.member.updateFiled')} onClose={onClose} onSave={save} form={form}>
      {record.error ? <ErrorAlert error={record.error} /> : null}
      {r ? (
        <>
          <Typography.Paragraph type="secondary">{t('records.member.updateHelp')}</Typography.Paragraph>
          {nothing ? <Alert type="info" showIcon role="alert" title={t('records.member.noChange')} style={{ marginBottom: '1rem' }} /> : null}
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
