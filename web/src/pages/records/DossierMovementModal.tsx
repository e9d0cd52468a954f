import { useQuery } from '@tanstack/react-query';
import { Form, Input, Radio, Select } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { memberApi } from '../../api/members.js';
import { recordApi, type RecordMovementInput } from '../../api/records.js';
import { DateField } from '../../components/DateField.js';
import { OrgPicker } from '../../components/OrgPicker.js';
import { todayIso } from '../../lib/format.js';
import { useDebounced } from '../../lib/useDebounced.js';
import { useScope } from '../../shell/scope.js';
import { StepModal } from './parts.js';

type Kind = RecordMovementInput['kind'];
const RECEIVE = ['admission', 'transfer_in', 'dissolution', 'other'] as const;
const HANDOVER = ['transfer_out', 'to_superior', 'dissolution', 'other'] as const;

/** One line of the register: a dossier received, handed over or lent (R-REC-06/11). The server decides whether it may be. */
export function DossierMovementModal({ onClose }: { onClose(): void }) {
  const { t } = useTranslation();
  const scope = useScope();
  const d = (k: string) => t(`records.dossiers.${k}` as never) as string;
  const [kind, setKind] = useState<Kind>('lent');
  const [memberId, setMemberId] = useState<number | undefined>();
  const [holderOrgId, setHolderOrgId] = useState<number | null>(null);
  const [reason, setReason] = useState<string>('admission');
  const [counterpart, setCounterpart] = useState('');
  const [purpose, setPurpose] = useState('');
  const [date, setDate] = useState<string | null>(todayIso());
  const [dueBack, setDueBack] = useState<string | null>(null);
  const [documentNo, setDocumentNo] = useState('');
  const [text, setText] = useState('');
  const q = useDebounced(text.trim(), 300);
  const found = useQuery({ queryKey: ['records', 'dossier-member-search', scope.orgId, q], queryFn: ({ signal }) => memberApi.list({ org: scope.orgId ?? undefined, q: q || undefined, pageSize: 20 }, signal) });

  const reasons = kind === 'received' ? RECEIVE : HANDOVER;
  const changeKind = (k: Kind) => {
    setKind(k);
    setReason(k === 'received' ? 'admission' : 'transfer_out');
  };
  const save = () => {
    const common = { memberId: memberId ?? 0, date: date ?? '', ...(documentNo.trim() ? { documentNo: documentNo.trim() } : {}) };
    const body: RecordMovementInput =
      kind === 'received'
        ? { kind, ...common, holderOrgId: holderOrgId ?? 0, reason: reason as (typeof RECEIVE)[number], ...(counterpart.trim() ? { counterpart: counterpart.trim() } : {}) }
        : kind === 'handed_over'
          ? { kind, ...common, reason: reason as (typeof HANDOVER)[number], counterpart: counterpart.trim() }
          : { kind, ...common, counterpart: counterpart.trim(), purpose: purpose.trim(), dueBack: dueBack ?? '' };
    return recordApi.recordMovement(body);
  };
  const counterpartLabel = d(kind === 'received' ? 'form.counterpartReceived' : kind === 'handed_over' ? 'form.counterpartHanded' : 'form.counterpartLent');
  return (
    <StepModal title={d('record')} okText={d('record')} onSave={save} onClose={onClose} done={t('records.saved')}>
      <Form.Item label={d('form.kind')} required>
        <Radio.Group
          aria-label={d('form.kind')}
          optionType="button"
          value={kind}
          onChange={(e) => changeKind(e.target.value as Kind)}
          options={(['lent', 'received', 'handed_over'] as const).map((k) => ({ value: k, label: d(`kinds.${k}`) }))}
        />
      </Form.Item>
      <Form.Item label={d('form.member')} required>
        <Select
          aria-label={d('form.member')}
          showSearch={{ filterOption: false, onSearch: setText }}
          placeholder={d('form.memberSearch')}
          loading={found.isFetching}
          value={memberId}
          onChange={setMemberId}
          options={(found.data?.items ?? []).map((m) => ({ value: m.id, label: m.fullName }))}
        />
      </Form.Item>
      {kind === 'received' && (
        <Form.Item label={d('form.holder')} required extra={d('form.holderHelp')}>
          <OrgPicker aria-label={d('form.holder')} value={holderOrgId} onChange={setHolderOrgId} style={{ width: '100%' }} />
        </Form.Item>
      )}
      {kind !== 'lent' && (
        <Form.Item label={d('form.reason')} required>
          <Select aria-label={d('form.reason')} value={reason} onChange={setReason} options={reasons.map((r) => ({ value: r, label: d(`reasons.${r}`) }))} />
        </Form.Item>
      )}
      <Form.Item label={counterpartLabel} required={kind !== 'received'}>
        <Input aria-label={counterpartLabel} value={counterpart} onChange={(e) => setCounterpart(e.target.value)} maxLength={200} />
      </Form.Item>
      {kind === 'lent' && (
        <Form.Item label={d('form.purpose')} required>
          <Input aria-label={d('form.purpose')} value={purpose} onChange={(e) => setPurpose(e.target.value)} maxLength={500} />
        </Form.Item>
      )}
      <Form.Item label={d('form.date')} required>
        <DateField aria-label={d('form.date')} value={date} onChange={setDate} noFuture />
      </Form.Item>
      {kind === 'lent' && (
        <Form.Item label={d('form.dueBack')} required>
          <DateField aria-label={d('form.dueBack')} value={dueBack} onChange={setDueBack} />
        </Form.Item>
      )}
      <Form.Item label={d('form.documentNo')}>
        <Input aria-label={d('form.documentNo')} value={documentNo} onChange={(e) => setDocumentNo(e.target.value)} maxLength={100} />
      </Form.Item>
    </StepModal>
  );
}
