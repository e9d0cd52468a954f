import { useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Form, Modal, Select, Space, Table, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { memberApi } from '../../api/members.js';
import { recognitionApi, recognitionKeys, type RecognitionListItem, type RecognitionListQuery, type RecognitionState } from '../../api/recognition.js';
import { useSession } from '../../auth/session.js';
import { DateField } from '../../components/DateField.js';
import { ErrorAlert } from '../../components/ErrorAlert.js';
import { formatDate, todayIso } from '../../lib/format.js';
import { useDebounced } from '../../lib/useDebounced.js';
import { isRecognitionClosed, RECOGNITION_STATES } from '../../../../src/domain/probation/recognition-case.js';
import { useScope } from '../../shell/scope.js';
import { NearestDeadline, OrgName } from '../admission/parts.js';
import { RecognitionStateTag } from './parts.js';

// The states and which of them close a case are the domain's (src/domain/probation/recognition-case.ts).
const STATES: readonly RecognitionState[] = RECOGNITION_STATES;
const OPEN = STATES.filter((s) => !isRecognitionClosed(s)).join(',');
const PAGE_SIZE = 50;

/** Recognition cases in the current scope, filtered by state (in the URL, so a filter can be linked to). */
export default function RecognitionCasesPage() {
  const { t } = useTranslation();
  const { can } = useSession();
  const scope = useScope();
  const [params, setParams] = useSearchParams();
  const [opening, setOpening] = useState(false);
  const state = params.get('state') ?? undefined;
  const page = Number(params.get('page') ?? 1) || 1;
  const query: RecognitionListQuery = { state, page, pageSize: PAGE_SIZE, org: scope.grants.length > 1 ? (scope.orgId ?? undefined) : undefined };
  const cases = useQuery({ queryKey: recognitionKeys.cases(query), queryFn: ({ signal }) => recognitionApi.cases(query, signal) });

  const set = (k: string, v: string | undefined) => {
    const p = new URLSearchParams(params);
    if (v) p.set(k, v);
    else p.delete(k);
    if (k !== 'page') p.delete('page');
    setParams(p);
  };

  return (
    <>
      <Typography.Title level={1} className="page-title" style={{ fontSize: '1.6rem' }}>
        {t('recognition.title')}
      </Typography.Title>
      <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
        <Space wrap>
          <Select
            aria-label={t('recognition.stateFilter')}
            style={{ minWidth: 'min(100%, 20rem)' }}
            value={state ?? ''}
            onChange={(v: string) => set('state', v || undefined)}
            options={[
              { value: '', label: t('recognition.allStates') },
              { value: OPEN, label: t('recognition.openOnly') },
              ...STATES.map((s) => ({ value: s, label: t(`recognition.states.${s}`) })),
            ]}
          />
          {can('recognition', 'create') && (
            <Button type="primary" onClick={() => setOpening(true)}>
              {t('recognition.openCase')}
            </Button>
          )}
        </Space>
        {cases.error ? <ErrorAlert error={cases.error} /> : null}
        <Table<RecognitionListItem>
          rowKey="id"
          loading={cases.isPending}
          dataSource={cases.data?.items ?? []}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: t('recognition.noCases') }}
          pagination={{ current: page, pageSize: PAGE_SIZE, total: cases.data?.total ?? 0, showSizeChanger: false, onChange: (p) => set('page', String(p)) }}
          columns={[
            { key: 'member', title: t('recognition.columns.member'), render: (_, c) => <Link to={`/recognition/cases/${c.id}`}>{c.member.fullName}</Link> },
            { key: 'cell', title: t('recognition.columns.cell'), render: (_, c) => <div style={{ minWidth: '8rem', maxWidth: '14rem', whiteSpace: 'normal' }}><OrgName id={c.orgId} /></div> },
            { key: 'state', title: t('recognition.columns.state'), render: (_, c) => <RecognitionStateTag state={c.state} /> },
            { key: 'deadline', title: t('recognition.columns.deadline'), render: (_, c) => <NearestDeadline deadlines={c.deadlines} /> },
            { key: 'ends', title: t('recognition.columns.probationEnds'), render: (_, c) => formatDate(c.probationEnds) },
            {
              key: 'next',
              title: t('recognition.columns.nextStep'),
              render: (_, c) => <div style={{ minWidth: '10rem', maxWidth: '18rem', whiteSpace: 'normal' }}>{c.nextStep ? t(`recognition.steps.${c.nextStep}`) : '—'}</div>,
            },
          ]}
        />
      </Space>
      {opening && <OpenCaseModal orgId={scope.orgId} onClose={() => setOpening(false)} />}
    </>
  );
}

/** Opens a case for a probationary member of the current scope, picked by name. */
function OpenCaseModal({ orgId, onClose }: { orgId: number | null; onClose(): void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [memberId, setMemberId] = useState<number | undefined>();
  const [openedOn, setOpenedOn] = useState<string | null>(todayIso());
  const [text, setText] = useState('');
  const q = useDebounced(text.trim(), 300);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const found = useQuery({
    queryKey: ['recognition', 'probationary-search', orgId, q],
    queryFn: ({ signal }) => memberApi.list({ org: orgId ?? undefined, q: q || undefined, status: 'probationary', pageSize: 20 }, signal),
  });

  const open = async () => {
    setBusy(true);
    setError(null);
    try {
      const c = await recognitionApi.open({ memberId: memberId ?? 0, openedOn: openedOn ?? '' });
      await queryClient.invalidateQueries({ queryKey: recognitionKeys.all });
      message.success(t('recognition.caseOpened'));
      void navigate(`/recognition/cases/${c.id}`);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal open title={t('recognition.openCase')} onCancel={onClose} onOk={() => void open()} okText={t('recognition.openCase')} cancelText={t('common.cancel')} confirmLoading={busy}>
      {error ? <ErrorAlert error={error} /> : null}
      <Form layout="vertical">
        <Form.Item label={t('recognition.memberLabel')} required>
          <Select
            aria-label={t('recognition.memberLabel')}
            showSearch={{ filterOption: false, onSearch: setText }}
            placeholder={t('recognition.memberSearch')}
            value={memberId}
            onChange={setMemberId}
            loading={found.isFetching}
            options={(found.data?.items ?? []).map((m) => ({ value: m.id, label: m.fullName }))}
          />
        </Form.Item>
        <Form.Item label={t('recognition.openedOnLabel')} required>
          <DateField aria-label={t('recognition.openedOnLabel')} value={openedOn} onChange={setOpenedOn} noFuture />
        </Form.Item>
      </Form>
    </Modal>
  );
}
