import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Form, InputNumber, Modal, Space, Typography } from 'antd';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { RECORD_UPDATE_FIELDS } from '../../../../src/domain/records/record-update.js';
import { memberApi, memberKeys } from '../../api/members.js';
import { recordApi, recordKeys, type MemberRecordFacts } from '../../api/records.js';
import { useSession } from '../../auth/session.js';
import { DateField } from '../../components/DateField.js';
import { ErrorAlert } from '../../components/ErrorAlert.js';
import { todayIso } from '../../lib/format.js';
import { FieldInput } from '../members/FieldInput.js';
import { SECTIONS } from '../members/form-layout.js';

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
        <DateDialog title={t('records.member.assignRecordNo')} label={t('records.member.formFiledOn')} done={t('records.member.recordNoGiven')} memberId={memberId} onClose={close} send={(date) => recordApi.assignRecordNo(memberId, { formFiledOn: date })} />
      )}
      {open === 'card' && (
        <DateDialog title={t('records.member.requestCard')} label={t('records.member.requestedOn')} done={t('records.member.cardRequested')} memberId={memberId} onClose={close} send={(date) => recordApi.requestCard({ memberId, requestedOn: date })} />
      )}
      {open === 'update' && <UpdateDialog memberId={memberId} onClose={close} />}
    </>
  );
}

/** Runs one request of this member's record and refreshes what the member page shows of it. */
function useRecordSubmit(memberId: number, done: string, onClose: () => void) {
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (send: () => Promise<unknown>) => {
    setBusy(true);
    setError(null);
    try {
      await send();
      await queryClient.invalidateQueries({ queryKey: recordKeys.all });
      await queryClient.invalidateQueries({ queryKey: recordKeys.member(memberId) });
      message.success(done);
      onClose();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  return { submit, error, busy };
}

function DateDialog(p: { title: string; label: string; done: string; memberId: number; onClose(): void; send(date: string): Promise<unknown> }) {
  const { t } = useTranslation();
  const [date, setDate] = useState<string | null>(todayIso());
  const { submit, error, busy } = useRecordSubmit(p.memberId, p.done, p.onClose);
  return (
    <Modal open title={p.title} onCancel={p.onClose} onOk={() => void submit(() => p.send(date ?? ''))} okText={p.title} cancelText={t('common.cancel')} confirmLoading={busy}>
      {error ? <ErrorAlert error={error} /> : null}
      <Form layout="vertical">
        <Form.Item label={p.label} required>
          <DateField aria-label={p.label} value={date} onChange={setDate} noFuture />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** The phiếu bổ sung: the member form's updatable fields with today's values; only those changed are sent. */
function UpdateDialog({ memberId, onClose }: { memberId: number; onClose(): void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Record<string, unknown>>();
  const record = useQuery({ queryKey: memberKeys.record(memberId), queryFn: () => memberApi.record(memberId) });
  const { submit, error, busy } = useRecordSubmit(memberId, t('records.member.updateFiled'), onClose);
  const [nothing, setNothing] = useState(false);
  const r = record.data;
  const editable = UPDATE_DEFS.filter((d) => r && !r.redactedFields.includes(d.name));
  const save = (v: Record<string, unknown>) => {
    if (!r) return;
    const changes: Record<string, unknown> = {};
    for (const d of editable) {
      const raw = v[d.name];
      const value = typeof raw === 'string' ? raw.trim() || null : (raw ?? null);
      if (value !== (r[d.name] ?? null)) changes[d.name] = value;
    }
    setNothing(Object.keys(changes).length === 0);
    if (Object.keys(changes).length === 0) return;
    void submit(() => recordApi.fileUpdate({ memberId, year: Number(v.year), occasion: 'yearly', submittedOn: String(v.submittedOn), changes }));
  };
  let body: ReactNode = null;
  if (record.error) body = <ErrorAlert error={record.error} />;
  else if (r)
    body = (
      <Form form={form} layout="vertical" onFinish={save} initialValues={{ year: Number(todayIso().slice(0, 4)), submittedOn: todayIso(), ...Object.fromEntries(editable.map((d) => [d.name, r[d.name] ?? undefined])) }}>
        <Typography.Paragraph type="secondary">{t('records.member.updateHelp')}</Typography.Paragraph>
        {error ? <ErrorAlert error={error} /> : null}
        {nothing ? <Alert type="info" showIcon role="alert" title={t('records.member.noChange')} style={{ marginBottom: '1rem' }} /> : null}
        <Space wrap>
          <Form.Item name="year" label={t('records.member.updateYear')} rules={[{ required: true, message: t('common.required') }]}>
            <InputNumber aria-label={t('records.member.updateYear')} min={2000} max={2100} precision={0} />
          </Form.Item>
          <Form.Item name="submittedOn" label={t('records.member.submittedOn')} rules={[{ required: true, message: t('common.required') }]}>
            <DateField aria-label={t('records.member.submittedOn')} noFuture />
          </Form.Item>
        </Space>
        {editable.map((d) => (
          <Form.Item key={d.name} name={d.name} label={t(`member.fields.${d.name}`)}>
            <FieldInput def={d} current={r[d.name]} />
          </Form.Item>
        ))}
      </Form>
    );
  return (
    <Modal open title={t('records.member.fileUpdate')} onCancel={onClose} onOk={() => form.submit()} okText={t('records.member.fileUpdate')} cancelText={t('common.cancel')} confirmLoading={busy} okButtonProps={{ disabled: !r }}>
      {body}
    </Modal>
  );
}
