import { useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Form, Modal, Select, Space, Table, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { memberApi } from '../../api/members.js';
import { recognitionApi, recognitionKeys, type RecognitionListItem, type RecognitionListQuery, type RecognitionState } from '../../api/recognition.js';
import { useSession } from '../../auth/session.js';
import { DateField } from '../../components/DateField.js';
import { ErrorAlert } from '../../components/ErrorAlert.js';
import { formatDate, todayIso } from '../../lib/format.js';
import { useDebounced } from '../../lib/useDebounced.js';
import { isRecognitionClosed, RECOGNITION_STATES } from '../../../../src/domain/probation/recognition-case.js';
import { useFilterParams } from '../../lib/useFilterParams.js';
import { useScope } from '../../shell/scope.js';
import { casePagination, CASE_PAGE_SIZE, CaseStateFilter, Wrapped } from '../case/CaseListParts.js';
import { NearestDeadline, OrgName } from '../admission/parts.js';
import { RecognitionStateTag } from './parts.js';

// The states and which of them close a case are the domain's (src/domain/probation/recognition-case.ts).
const STATES: readonly RecognitionState[] = RECOGNITION_STATES;

/** Recognition cases in the current scope, filtered by state (in the URL, so a filter can be linked to). */
export default function RecognitionCasesPage() {
  const { t } = useTranslation();
  const { can } = useSession();
  const scope = useScope();
  const { params, page, set } = useFilterParams();
  const [opening, setOpening] = useState(false);
  const state = params.get('state') ?? undefined;
  const query: RecognitionListQuery = { state, page, pageSize: CASE_PAGE_SIZE, org: scope.grants.length > 1 ? (scope.orgId ?? undefined) : undefined };
  const cases = useQuery({ queryKey: recognitionKeys.cases(query), queryFn: ({ signal }) => recognitionApi.cases(query, signal) });

  return (
    <>
      <Typography.Title level={1} className="page-title" style={{ fontSize: '1.6rem' }}>
        {t('recognition.title')}
      </Typography.Title>
      <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
        <Space wrap>
          <CaseStateFilter ns="recognition" states={STATES} stateLabel={(s) => t(`recognition.states.${s}`)} isClosed={isRecognitionClosed} value={state} onChange={(v) => set('state', v)} />
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
          pagination={casePagination(page, cases.data?.total, set)}
          columns={[
            { key: 'member', title: t('recognition.columns.member'), render: (_, c) => <Link to={`/recognition/cases/${c.id}`}>{c.member.fullName}</Link> },
            { key: 'cell', title: t('recognition.columns.cell'), render: (_, c) => <Wrapped><OrgName id={c.orgId} /></Wrapped> },
            { key: 'state', title: t('recognition.columns.state'), render: (_, c) => <RecognitionStateTag state={c.state} /> },
            { key: 'deadline', title: t('recognition.columns.deadline'), render: (_, c) => <NearestDeadline deadlines={c.deadlines} /> },
            { key: 'ends', title: t('recognition.columns.probationEnds'), render: (_, c) => formatDate(c.probationEnds) },
            {
              key: 'next',
              title: t('recognition.columns.nextStep'),
              render: (_, c) => <Wrapped min="10rem" max="18rem">{c.nextStep ? t(`recognition.steps.${c.nextStep}`) : '—'}</Wrapped>,
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
