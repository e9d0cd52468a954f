import { useQuery } from '@tanstack/react-query';
import { Button, Form, Space } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { memberApi, memberKeys } from '../../api/members.js';
import { recordApi, type MemberRecordFacts } from '../../api/records.js';
import { useSession } from '../../auth/session.js';
import { DateField } from '../../components/DateField.js';
import { todayIso } from '../../lib/format.js';
import { StepModal } from './parts.js';
import { UpdateDialog } from './UpdateDialog.js';

type Dialog = 'recordNo' | 'card' | 'update' | null;

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
      {open === 'update' && <MemberUpdateDialog memberId={memberId} onClose={close} />}
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

/** The office files the phiếu for the member of the page. */
function MemberUpdateDialog({ memberId, onClose }: { memberId: number; onClose(): void }) {
  const record = useQuery({ queryKey: memberKeys.record(memberId), queryFn: () => memberApi.record(memberId) });
  return <UpdateDialog record={record.data} error={record.error} onClose={onClose} send={(input) => recordApi.fileUpdate({ memberId, ...input })} />;
}
