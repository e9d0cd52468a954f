import { DownloadOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Button, Form, Radio, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { dossierExportUrl, recordApi, recordKeys, type DossierMovementItem } from '../../api/records.js';
import { useSession } from '../../auth/session.js';
import { DateField } from '../../components/DateField.js';
import { ErrorAlert } from '../../components/ErrorAlert.js';
import { formatDate, todayIso } from '../../lib/format.js';
import { useScope } from '../../shell/scope.js';
import { DossierMovementModal } from './DossierMovementModal.js';
import { ReconcileModal } from './ReconcileModal.js';
import { StepModal } from './parts.js';

const PAGE_SIZE = 50;
type Loan = 'all' | 'out' | 'overdue';

/**
 * The dossier handover and loan register (R-REC-06/08/11): every line of the keepers in scope, the
 * loans out or overdue, a loan's return, and the six-monthly reconciliation with the member list.
 */
export function DossiersTab() {
  const { t } = useTranslation();
  const { can } = useSession();
  const scope = useScope();
  const [loan, setLoan] = useState<Loan>('all');
  const [page, setPage] = useState(1);
  const [recording, setRecording] = useState(false);
  const [reconciling, setReconciling] = useState(false);
  const [giveBack, setGiveBack] = useState<DossierMovementItem | null>(null);
  const org = scope.grants.length > 1 ? (scope.orgId ?? undefined) : undefined;
  const q = { org, loan: loan === 'all' ? undefined : loan, limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE };
  const list = useQuery({ queryKey: recordKeys.dossiers(q), queryFn: ({ signal }) => recordApi.dossiers(q, signal) });
  const canWrite = can('member_record', 'create');
  const d = (k: string) => t(`records.dossiers.${k}` as never) as string;
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Space wrap>
        <Radio.Group
          aria-label={d('filter')}
          optionType="button"
          buttonStyle="solid"
          value={loan}
          onChange={(e) => {
            setLoan(e.target.value as Loan);
            setPage(1);
          }}
          options={(['all', 'out', 'overdue'] as const).map((k) => ({ value: k, label: d(`filters.${k}`) }))}
        />
        {canWrite && (
          <Button type="primary" onClick={() => setRecording(true)}>
            {d('record')}
          </Button>
        )}
        {canWrite && scope.orgId !== null && <Button onClick={() => setReconciling(true)}>{d('reconcile')}</Button>}
        {can('member_record', 'export') && (
          <Button icon={<DownloadOutlined />} href={dossierExportUrl({ org, loan: q.loan })} download>
            {d('export')}
          </Button>
        )}
      </Space>
      {list.error ? <ErrorAlert error={list.error} /> : null}
      <Table<DossierMovementItem>
        rowKey="id"
        loading={list.isPending}
        dataSource={list.data?.items ?? []}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: d('none') }}
        pagination={{ current: page, pageSize: PAGE_SIZE, total: list.data?.total ?? 0, showSizeChanger: false, onChange: setPage }}
        columns={[
          { key: 'name', title: d('cols.name'), render: (_, x) => <Link to={`/members/${x.member.id}`}>{x.member.fullName}</Link> },
          { key: 'birth', title: d('cols.birthDate'), render: (_, x) => formatDate(x.member.birthDate) },
          { key: 'recordNo', title: d('cols.recordNo'), render: (_, x) => x.member.recordNo ?? '—' },
          { key: 'kind', title: d('cols.kind'), render: (_, x) => <Tag>{d(`kinds.${x.kind}`)}</Tag> },
          { key: 'date', title: d('cols.date'), render: (_, x) => formatDate(x.date) },
          {
            key: 'counterpart',
            title: d('cols.counterpart'),
            render: (_, x) => <div style={{ minWidth: '8rem', maxWidth: '14rem', whiteSpace: 'normal' }}>{[x.counterpart, x.reason ? d(`reasons.${x.reason}`) : null].filter(Boolean).join(' — ') || '—'}</div>,
          },
          { key: 'purpose', title: d('cols.purpose'), render: (_, x) => <div style={{ maxWidth: '14rem', whiteSpace: 'normal' }}>{x.purpose ?? '—'}</div> },
          {
            key: 'due',
            title: d('cols.dueBack'),
            render: (_, x) =>
              x.dueBack ? (
                <>
                  {formatDate(x.dueBack)} {x.overdue && <Tag color="red">{d('overdue')}</Tag>}
                </>
              ) : (
                '—'
              ),
          },
          { key: 'returned', title: d('cols.returnedOn'), render: (_, x) => (x.returnedOn ? formatDate(x.returnedOn) : '—') },
          { key: 'holder', title: d('cols.holder'), render: (_, x) => <div style={{ minWidth: '8rem', maxWidth: '14rem', whiteSpace: 'normal' }}>{x.holder.name}</div> },
          ...(canWrite
            ? [
                {
                  key: 'actions',
                  title: d('cols.actions'),
                  // Kept in view while the wide register scrolls sideways.
                  fixed: 'right' as const,
                  render: (_: unknown, x: DossierMovementItem) =>
                    x.kind === 'lent' && x.returnedOn === null ? (
                      <Button size="small" onClick={() => setGiveBack(x)} aria-label={t('records.dossiers.giveBackOf', { name: x.member.fullName })}>
                        {d('giveBack')}
                      </Button>
                    ) : null,
                },
              ]
            : []),
        ]}
      />
      {recording && <DossierMovementModal onClose={() => setRecording(false)} />}
      {reconciling && scope.orgId !== null && <ReconcileModal orgId={scope.orgId} onClose={() => setReconciling(false)} />}
      {giveBack && <ReturnModal loan={giveBack} onClose={() => setGiveBack(null)} />}
    </Space>
  );
}

function ReturnModal({ loan, onClose }: { loan: DossierMovementItem; onClose(): void }) {
  const { t } = useTranslation();
  const [date, setDate] = useState<string | null>(todayIso());
  const label = t('records.dossiers.returnDate');
  return (
    <StepModal
      title={t('records.dossiers.giveBackOf', { name: loan.member.fullName })}
      okText={t('records.dossiers.giveBack')}
      onSave={() => recordApi.returnDossier(loan.id, { date: date ?? '' })}
      onClose={onClose}
      done={t('records.saved')}
    >
      <Form.Item label={label} required>
        <DateField aria-label={label} value={date} onChange={setDate} noFuture />
      </Form.Item>
    </StepModal>
  );
}
