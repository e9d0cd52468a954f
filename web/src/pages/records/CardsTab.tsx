import { DownloadOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Button, Form, Input, Select, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { batchExportUrl, recordApi, recordKeys, type CardsFilter, type PartyCardItem } from '../../api/records.js';
import { useSession } from '../../auth/session.js';
import { DateField } from '../../components/DateField.js';
import { ErrorAlert } from '../../components/ErrorAlert.js';
import { formatDate, todayIso } from '../../lib/format.js';
import { useScope } from '../../shell/scope.js';
import { StepModal } from './parts.js';

const PAGE_SIZE = 50;
const STATUSES = ['requested', 'decided', 'handed_over', 'recovered', 'kept_by_family', 'lost', 'damaged', 'cancelled'] as const;
type Step = 'decide' | 'handOver' | 'check' | 'close';

/** The last twelve months, "YYYY-MM", newest first: the monthly batches (R-REC-02). */
function recentMonths(): string[] {
  const [y, m] = todayIso().split('-').map(Number) as [number, number];
  return Array.from({ length: 12 }, (_, i) => {
    const k = y * 12 + (m - 1) - i;
    return `${Math.floor(k / 12)}-${String((k % 12) + 1).padStart(2, '0')}`;
  });
}

/** Card requests and cards: the month's batch with its export, and each card's next step (R-REC-01/02/04/05). */
export function CardsTab() {
  const { t } = useTranslation();
  const { can } = useSession();
  const scope = useScope();
  const months = recentMonths();
  const [month, setMonth] = useState<string | undefined>();
  const [status, setStatus] = useState<PartyCardItem['status'] | undefined>();
  const [page, setPage] = useState(1);
  const [step, setStep] = useState<{ card: PartyCardItem; kind: Step } | null>(null);
  const filter: CardsFilter = { org: scope.grants.length > 1 ? (scope.orgId ?? undefined) : undefined, month, status };
  const q = { ...filter, limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE };
  const list = useQuery({ queryKey: recordKeys.cards(q), queryFn: ({ signal }) => recordApi.cards(q, signal) });
  const reset = <T,>(set: (v: T) => void) => (v: T) => {
    set(v);
    setPage(1);
  };
  const canUpdate = can('party_card', 'update');
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Space wrap>
        <Select
          aria-label={t('records.cards.month')}
          allowClear
          placeholder={t('records.cards.allMonths')}
          value={month}
          onChange={reset(setMonth)}
          options={months.map((m) => ({ value: m, label: t('records.cards.monthValue', { month: m.slice(5), year: m.slice(0, 4) }) }))}
          style={{ minWidth: '11rem' }}
        />
        <Select
          aria-label={t('records.cards.status')}
          allowClear
          placeholder={t('records.cards.allStatuses')}
          value={status}
          onChange={reset(setStatus)}
          options={STATUSES.map((s) => ({ value: s, label: t(`records.cardStatuses.${s}`) }))}
          style={{ minWidth: '11rem' }}
        />
        {can('party_card', 'export') && month && (
          <Button icon={<DownloadOutlined />} href={batchExportUrl({ org: filter.org, month })} download>
            {t('records.cards.export')}
          </Button>
        )}
      </Space>
      {list.error ? <ErrorAlert error={list.error} /> : null}
      <Table<PartyCardItem>
        rowKey="id"
        loading={list.isPending}
        dataSource={list.data?.items ?? []}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: t('records.cards.none') }}
        pagination={{ current: page, pageSize: PAGE_SIZE, total: list.data?.total ?? 0, showSizeChanger: false, onChange: setPage }}
        columns={[
          { key: 'name', title: t('records.cards.name'), render: (_, c) => <Link to={`/members/${c.member.id}`}>{c.member.fullName}</Link> },
          { key: 'org', title: t('records.cards.org'), render: (_, c) => <div style={{ minWidth: '8rem', maxWidth: '14rem', whiteSpace: 'normal' }}>{c.orgName}</div> },
          { key: 'reason', title: t('records.cards.reason'), render: (_, c) => t(`records.reasons.${c.reason}`) },
          { key: 'requested', title: t('records.cards.requestedOn'), render: (_, c) => formatDate(c.requestedOn) },
          { key: 'status', title: t('records.cards.status'), render: (_, c) => <Tag>{t(`records.cardStatuses.${c.status}`)}</Tag> },
          { key: 'no', title: t('records.cards.cardNo'), render: (_, c) => c.cardNo ?? '—' },
          { key: 'decision', title: t('records.cards.decision'), render: (_, c) => (c.decisionNo ? `${c.decisionNo} (${formatDate(c.decisionDate)})` : '—') },
          ...(canUpdate ? [{ key: 'actions', title: t('records.cards.actions'), render: (_: unknown, c: PartyCardItem) => <CardActions card={c} onStep={(kind) => setStep({ card: c, kind })} /> }] : []),
        ]}
      />
      {step && <CardStepModal card={step.card} kind={step.kind} onClose={() => setStep(null)} />}
    </Space>
  );
}

function CardActions({ card, onStep }: { card: PartyCardItem; onStep(kind: Step): void }) {
  const { t } = useTranslation();
  const name = card.member.fullName;
  const button = (kind: Step) => (
    <Button key={kind} size="small" onClick={() => onStep(kind)} aria-label={t('records.buttonOf', { action: t(`records.cards.steps.${kind}`), name })}>
      {t(`records.cards.steps.${kind}`)}
    </Button>
  );
  if (card.status === 'requested') return <Space size={4}>{button('decide')}</Space>;
  if (card.status === 'decided') return <Space size={4}>{[button('handOver'), button('close')]}</Space>;
  if (card.status === 'handed_over') return <Space size={4}>{[button('check'), button('close')]}</Space>;
  return <>—</>;
}

function CardStepModal({ card, kind, onClose }: { card: PartyCardItem; kind: Step; onClose(): void }) {
  const { t } = useTranslation();
  const [date, setDate] = useState<string | null>(todayIso());
  const [decisionNo, setDecisionNo] = useState('');
  const [cardNo, setCardNo] = useState('');
  const [closing, setClosing] = useState<'recovered' | 'kept_by_family' | 'lost' | 'damaged'>('lost');
  const [note, setNote] = useState('');
  const save = () => {
    const d = date ?? '';
    if (kind === 'decide') return recordApi.decide(card.id, { decisionNo, decisionDate: d, ...(cardNo.trim() ? { cardNo: cardNo.trim() } : {}), version: card.version });
    if (kind === 'handOver') return recordApi.handOver(card.id, { date: d, version: card.version });
    if (kind === 'check') return recordApi.check(card.id, { date: d, version: card.version });
    return recordApi.close(card.id, { closing, date: d, ...(note.trim() ? { note: note.trim() } : {}), version: card.version });
  };
  const dateLabel = t(kind === 'decide' ? 'records.cards.decisionDate' : 'records.cards.date');
  return (
    <StepModal title={t(`records.cards.stepOf.${kind}`, { name: card.member.fullName })} okText={t(`records.cards.steps.${kind}`)} onSave={save} onClose={onClose} done={t('records.saved')}>
      {kind === 'decide' && (
        <Form.Item label={t('records.cards.decisionNo')} required>
          <Input aria-label={t('records.cards.decisionNo')} value={decisionNo} onChange={(e) => setDecisionNo(e.target.value)} maxLength={100} />
        </Form.Item>
      )}
      <Form.Item label={dateLabel} required>
        <DateField aria-label={dateLabel} value={date} onChange={setDate} noFuture />
      </Form.Item>
      {kind === 'decide' && (
        <Form.Item label={t('records.cards.cardNoOld')} extra={t('records.cards.cardNoHelp')}>
          <Input aria-label={t('records.cards.cardNoOld')} value={cardNo} onChange={(e) => setCardNo(e.target.value)} maxLength={20} inputMode="numeric" />
        </Form.Item>
      )}
      {kind === 'close' && (
        <>
          <Form.Item label={t('records.cards.closing')} required extra={t('records.cards.closingHelp')}>
            <Select
              aria-label={t('records.cards.closing')}
              value={closing}
              onChange={setClosing}
              options={(['lost', 'damaged', 'recovered', 'kept_by_family'] as const).map((c) => ({ value: c, label: t(`records.cardStatuses.${c}`) }))}
            />
          </Form.Item>
          <Form.Item label={t('records.cards.note')}>
            <Input.TextArea aria-label={t('records.cards.note')} value={note} onChange={(e) => setNote(e.target.value)} maxLength={2000} rows={2} />
          </Form.Item>
        </>
      )}
    </StepModal>
  );
}
