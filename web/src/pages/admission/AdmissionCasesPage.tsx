import { useQuery } from '@tanstack/react-query';
import { Select, Space, Table } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { admissionApi, admissionKeys, type AdmissionState, type CaseListItem, type CaseListQuery } from '../../api/admission.js';
import { ErrorAlert } from '../../components/ErrorAlert.js';
import { ADMISSION_STATES, isClosed } from '../../../../src/domain/admission/admission-case.js';
import { useScope } from '../../shell/scope.js';
import { AdmissionHeader, NearestDeadline, OrgName, StateTag } from './parts.js';

// The states and which of them close a case are the domain's (src/domain/admission/admission-case.ts).
const STATES: readonly AdmissionState[] = ADMISSION_STATES;
const OPEN = STATES.filter((s) => !isClosed(s)).join(',');
const PAGE_SIZE = 50;

/** Admission cases in the current scope, filtered by state (in the URL, so a filter can be linked to). */
export default function AdmissionCasesPage() {
  const { t } = useTranslation();
  const scope = useScope();
  const [params, setParams] = useSearchParams();
  const state = params.get('state') ?? undefined;
  const page = Number(params.get('page') ?? 1) || 1;
  const query: CaseListQuery = { state, page, pageSize: PAGE_SIZE, org: scope.grants.length > 1 ? (scope.orgId ?? undefined) : undefined };
  const cases = useQuery({ queryKey: admissionKeys.cases(query), queryFn: ({ signal }) => admissionApi.cases(query, signal) });

  const set = (k: string, v: string | undefined) => {
    const p = new URLSearchParams(params);
    if (v) p.set(k, v);
    else p.delete(k);
    if (k !== 'page') p.delete('page');
    setParams(p);
  };

  return (
    <>
      <AdmissionHeader />
      <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
        <Select
          aria-label={t('admission.stateFilter')}
          style={{ minWidth: 'min(100%, 20rem)' }}
          value={state ?? ''}
          onChange={(v: string) => set('state', v || undefined)}
          options={[
            { value: '', label: t('admission.allStates') },
            { value: OPEN, label: t('admission.openOnly') },
            ...STATES.map((s) => ({ value: s, label: t(`admission.states.${s}`) })),
          ]}
        />
        {cases.error ? <ErrorAlert error={cases.error} /> : null}
        <Table<CaseListItem>
          rowKey="id"
          loading={cases.isPending}
          dataSource={cases.data?.items ?? []}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: t('admission.noCases') }}
          pagination={{ current: page, pageSize: PAGE_SIZE, total: cases.data?.total ?? 0, showSizeChanger: false, onChange: (p) => set('page', String(p)) }}
          columns={[
            { key: 'candidate', title: t('admission.columns.candidate'), render: (_, c) => <Link to={`/admission/cases/${c.id}`}>{c.candidate.fullName}</Link> },
            { key: 'cell', title: t('admission.columns.cell'), render: (_, c) => <div style={{ minWidth: '8rem', maxWidth: '14rem', whiteSpace: 'normal' }}><OrgName id={c.orgId} /></div> },
            { key: 'state', title: t('admission.columns.state'), render: (_, c) => <StateTag state={c.state} /> },
            // The nearest running deadline, before the step text so that it stays in view on narrow screens.
            { key: 'deadline', title: t('admission.columns.deadline'), render: (_, c) => <NearestDeadline deadlines={c.deadlines} /> },
            { key: 'next', title: t('admission.columns.nextStep'), render: (_, c) => <div style={{ minWidth: '10rem', maxWidth: '18rem', whiteSpace: 'normal' }}>{c.nextStep ? t(`admission.steps.${c.nextStep}`) : '—'}</div> },
          ]}
        />
      </Space>
    </>
  );
}
