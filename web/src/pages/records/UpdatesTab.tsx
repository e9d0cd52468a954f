import { useQuery } from '@tanstack/react-query';
import { Button, Form, Input, Select, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { recordApi, recordKeys, type RecordUpdateItem } from '../../api/records.js';
import { useSession } from '../../auth/session.js';
import { DateField } from '../../components/DateField.js';
import { ErrorAlert } from '../../components/ErrorAlert.js';
import { formatDate, todayIso } from '../../lib/format.js';
import { useScope } from '../../shell/scope.js';
import { StepModal } from './parts.js';

const PAGE_SIZE = 50;
const STAGES = ['cell', 'grassroots', 'superior', 'approved', 'returned'] as const;
type Step = 'forward' | 'approve' | 'return';

/** The yearly phiếu bổ sung inbox (R-REC-07): each changed field before → after, and the level's step. */
export function UpdatesTab() {
  const { t } = useTranslation();
  const { can } = useSession();
  const scope = useScope();
  const thisYear = Number(todayIso().slice(0, 4));
  const [year, setYear] = useState<number>(thisYear);
  const [stage, setStage] = useState<RecordUpdateItem['stage'] | undefined>();
  const [page, setPage] = useState(1);
  const [step, setStep] = useState<{ update: RecordUpdateItem; kind: Step } | null>(null);
  const q = { org: scope.grants.length > 1 ? (scope.orgId ?? undefined) : undefined, year, stage, limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE };
  const list = useQuery({ queryKey: recordKeys.updates(q), queryFn: ({ signal }) => recordApi.updates(q, signal) });
  const canUpdate = can('member_record', 'update');
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Space wrap>
        <Select
          aria-label={t('records.updates.year')}
          value={year}
          onChange={(v) => {
            setYear(v);
            setPage(1);
          }}
          options={Array.from({ length: 5 }, (_, i) => thisYear - i).map((y) => ({ value: y, label: t('records.updates.yearValue', { year: y }) }))}
        />
        <Select
          aria-label={t('records.updates.stage')}
          allowClear
          placeholder={t('records.updates.allStages')}
          value={stage}
          onChange={(v) => {
            setStage(v);
            setPage(1);
          }}
          options={STAGES.map((s) => ({ value: s, label: t(`records.stages.${s}`) }))}
          style={{ minWidth: '12rem' }}
        />
      </Space>
      {list.error ? <ErrorAlert error={list.error} /> : null}
      <Table<RecordUpdateItem>
        rowKey="id"
        loading={list.isPending}
        dataSource={list.data?.items ?? []}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: t('records.updates.none') }}
        pagination={{ current: page, pageSize: PAGE_SIZE, total: list.data?.total ?? 0, showSizeChanger: false, onChange: setPage }}
        columns={[
          { key: 'name', title: t('records.updates.name'), render: (_, u) => <Link to={`/members/${u.member.id}`}>{u.member.fullName}</Link> },
          { key: 'org', title: t('records.updates.org'), render: (_, u) => <div style={{ minWidth: '8rem', maxWidth: '14rem', whiteSpace: 'normal' }}>{u.orgName}</div> },
          { key: 'submitted', title: t('records.updates.submittedOn'), render: (_, u) => formatDate(u.submittedOn) },
          { key: 'changes', title: t('records.updates.changes'), render: (_, u) => <Changes update={u} /> },
          {
            key: 'stage',
            title: t('records.updates.stage'),
            render: (_, u) => (
              <>
                <Tag>{t(`records.stages.${u.stage}`)}</Tag>
                {u.returnReason ? <div style={{ maxWidth: '14rem', whiteSpace: 'normal' }}>{u.returnReason}</div> : null}
              </>
            ),
          },
          ...(canUpdate ? [{ key: 'actions', title: t('records.updates.actions'), render: (_: unknown, u: RecordUpdateItem) => <UpdateActions update={u} onStep={(kind) => setStep({ update: u, kind })} /> }] : []),
        ]}
      />
      {step && <UpdateStepModal update={step.update} kind={step.kind} onClose={() => setStep(null)} />}
    </Space>
  );
}

/** Each changed field: its name, the record's value, the new one ("K" fields are not listed). */
function Changes({ update }: { update: RecordUpdateItem }) {
  const { t } = useTranslation();
  if (update.changes.length === 0) return <>{t('records.updates.noChange')}</>;
  const show = (field: string, v: unknown) => {
    if (update.redactedFields.includes(field)) return t('records.updates.hidden');
    if (v === null || v === undefined || v === '') return '—';
    if (field === 'theoryLevel') return t(`member.theoryLevels.${v as 'none'}`);
    return String(v);
  };
  return (
    <ul style={{ margin: 0, paddingInlineStart: '1.1rem', minWidth: '14rem' }}>
      {update.changes.map((c) => (
        <li key={c.field}>
          <strong>{t(`member.fields.${c.field as 'occupation'}`)}</strong>: {show(c.field, c.before)} → {show(c.field, c.after)}
        </li>
      ))}
    </ul>
  );
}

function UpdateActions({ update, onStep }: { update: RecordUpdateItem; onStep(kind: Step): void }) {
  const { t } = useTranslation();
  if (update.stage === 'approved' || update.stage === 'returned') return <>—</>;
  const name = update.member.fullName;
  const main: Step = update.stage === 'superior' ? 'approve' : 'forward';
  return (
    <Space size={4}>
      <Button size="small" type="primary" onClick={() => onStep(main)} aria-label={t('records.buttonOf', { action: t(`records.updates.steps.${main}`), name })}>
        {t(`records.updates.steps.${main}`)}
      </Button>
      <Button size="small" danger onClick={() => onStep('return')} aria-label={t('records.buttonOf', { action: t('records.updates.steps.return'), name })}>
        {t('records.updates.steps.return')}
      </Button>
    </Space>
  );
}

function UpdateStepModal({ update, kind, onClose }: { update: RecordUpdateItem; kind: Step; onClose(): void }) {
  const { t } = useTranslation();
  const [date, setDate] = useState<string | null>(todayIso());
  const [reason, setReason] = useState('');
  const save = () => {
    const body = { date: date ?? '', version: update.version };
    if (kind === 'forward') return recordApi.forward(update.id, body);
    if (kind === 'approve') return recordApi.approve(update.id, body);
    return recordApi.returnUpdate(update.id, { ...body, reason });
  };
  return (
    <StepModal title={t(`records.updates.stepOf.${kind}`, { name: update.member.fullName })} okText={t(`records.updates.steps.${kind}`)} onSave={save} onClose={onClose} done={t('records.saved')}>
      <Changes update={update} />
      <Form.Item label={t('records.updates.date')} required style={{ marginTop: '1rem' }}>
        <DateField aria-label={t('records.updates.date')} value={date} onChange={setDate} noFuture />
      </Form.Item>
      {kind === 'return' && (
        <Form.Item label={t('records.updates.reason')} required>
          <Input.TextArea aria-label={t('records.updates.reason')} value={reason} onChange={(e) => setReason(e.target.value)} maxLength={2000} rows={2} />
        </Form.Item>
      )}
    </StepModal>
  );
}
