import { useQuery } from '@tanstack/react-query';
import { Space, Table } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { admissionApi, admissionKeys, type AdmissionState, type CaseListItem, type CaseListQuery } from '../../api/admission.js';
import { ErrorAlert } from '../../components/ErrorAlert.js';
import { ADMISSION_STATES, isClosed } from '../../../../src/domain/admission/admission-case.js';
import { useFilterParams } from '../../lib/useFilterParams.js';
import { useScope } from '../../shell/scope.js';
import { casePagination, CASE_PAGE_SIZE, CaseStateFilter, Wrapped } from '../case/CaseListParts.js';
import { AdmissionHeader, NearestDeadline, OrgName, StateTag } from './parts.js';

// The states and which of them close a case are the domain's (src/domain/admission/admission-case.ts).
const STATES: readonly AdmissionState[] = ADMISSION_STATES;

/** Admission cases in the current scope, filtered by state (in the URL, so a filter can be linked to). */
export default function AdmissionCasesPage() {
  const { t } = useTranslation();
  const scope = useScope();
  const { params, page, set } = useFilterParams();
  const state = params.get('state') ?? undefined;
  const query: CaseListQuery = { state, page, pageSize: CASE_PAGE_SIZE, org: scope.grants.length > 1 ? (scope.orgId ?? undefined) : undefined };
  const cases = useQuery({ queryKey: admissionKeys.cases(query), queryFn: ({ signal }) => admissionApi.cases(query, signal) });

  return (
    <>
      <AdmissionHeader />
      <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
        <CaseStateFilter ns="admission" states={STATES} stateLabel={(s) => t(`admission.states.${s}`)} isClosed={isClosed} value={state} onChange={(v) => set('state', v)} />
        {cases.error ? <ErrorAlert error={cases.error} /> : null}
        <Table<CaseListItem>
          rowKey="id"
          loading={cases.isPending}
          dataSource={cases.data?.items ?? []}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: t('admission.noCases') }}
          pagination={casePagination(page, cases.data?.total, set)}
          columns={[
            { key: 'candidate', title: t('admission.columns.candidate'), render: (_, c) => <Link to={`/admission/cases/${c.id}`}>{c.candidate.fullName}</Link> },
            { key: 'cell', title: t('admission.columns.cell'), render: (_, c) => <Wrapped><OrgName id={c.orgId} /></Wrapped> },
            { key: 'state', title: t('admission.columns.state'), render: (_, c) => <StateTag state={c.state} /> },
            // The nearest running deadline, before the step text so that it stays in view on narrow screens.
            { key: 'deadline', title: t('admission.columns.deadline'), render: (_, c) => <NearestDeadline deadlines={c.deadlines} /> },
            { key: 'next', title: t('admission.columns.nextStep'), render: (_, c) => <Wrapped min="10rem" max="18rem">{c.nextStep ? t(`admission.steps.${c.nextStep}`) : '—'}</Wrapped> },
          ]}
        />
      </Space>
    </>
  );
}
