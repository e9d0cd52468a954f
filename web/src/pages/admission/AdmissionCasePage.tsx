import { useQuery } from '@tanstack/react-query';
import { Alert, Breadcrumb, Card, Descriptions, Result, Space, Spin, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { admissionApi, admissionKeys } from '../../api/admission.js';
import { ApiError } from '../../api/client.js';
import { useSession } from '../../auth/session.js';
import { CaseTimeline } from '../case/CaseTimeline.js';
import { CaseAttachments } from '../case/CaseAttachments.js';
import { DraftDownload } from '../case/DraftDownload.js';
import { ErrorAlert } from '../../components/ErrorAlert.js';
import { formatDate } from '../../lib/format.js';
import { DueDate, OrgName, StateTag } from './parts.js';
import { StepForm } from './StepForm.js';
import { DossierChecklist } from './DossierChecklist.js';
import { StepDetails } from './StepDetails.js';
import { ADMISSION_DOCUMENTS } from '../case/documents.js';


/** One admission case: what has been done, as a timeline, and the form of the next step. */
export default function AdmissionCasePage() {
  const { t } = useTranslation();
  const { can } = useSession();
  const id = Number(useParams().caseId);
  const q = useQuery({ queryKey: admissionKeys.case(id), queryFn: () => admissionApi.case(id), enabled: Number.isInteger(id) });

  if (q.isPending) return <Spin />;
  if (q.error) {
    if (q.error instanceof ApiError && q.error.status === 404) {
      return <Result status="404" title={t('errors.notFoundTitle')} subTitle={q.error.message} extra={<Link to="/admission">{t('admission.case.back')}</Link>} />;
    }
    return <ErrorAlert error={q.error} />;
  }
  const c = q.data;


  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Breadcrumb items={[{ key: 'list', title: <Link to="/admission">{t('admission.title')}</Link> }, { key: 'case', title: c.candidate.fullName }]} />
      <Typography.Title level={1} className="page-title" style={{ fontSize: '1.6rem' }}>
        {t('admission.case.title', { name: c.candidate.fullName })}
      </Typography.Title>
      <Descriptions size="small" column={{ xs: 1, sm: 2 }} bordered>
        <Descriptions.Item label={t('admission.columns.state')}>
          <StateTag state={c.state} />
        </Descriptions.Item>
        <Descriptions.Item label={t('admission.columns.cell')}>
          <OrgName id={c.orgId} />
        </Descriptions.Item>
        <Descriptions.Item label={t('admission.columns.birthDate')}>{formatDate(c.candidate.birthDate)}</Descriptions.Item>
        <Descriptions.Item label={t('admission.columns.nextStep')}>{c.nextStep ? t(`admission.steps.${c.nextStep}`) : '—'}</Descriptions.Item>
      </Descriptions>
      <DraftDownload
        url={`/api/admission-cases/${c.id}/documents/decision.docx`}
        notReady={c.decision === null && c.nextStep !== 'decision' ? t('documents.notReadyAdmission') : null}
      />
      {c.closedOn && <Alert type={c.state === 'rejected' ? 'warning' : 'success'} showIcon title={t('admission.case.closed', { date: formatDate(c.closedOn) })} />}
      {c.memberId !== null && can('member', 'read') && <Link to={`/members/${c.memberId}`}>{t('admission.case.member')}</Link>}
      {c.deadlines.length > 0 && (
        <Card size="small" title={t('admission.case.deadlines')}>
          <Space orientation="vertical">
            {c.deadlines.map((d) => (
              <span key={`${d.step}-${d.ruleId}`}>
                {t(`admission.steps.${d.step}`)} ({d.ruleId}): <DueDate date={d.dueWithExtension ?? d.due} />
              </span>
            ))}
          </Space>
        </Card>
      )}
      <CaseTimeline
        openedOn={c.openedOn}
        steps={c.steps}
        stepLabel={(k) => t(`admission.steps.${k}`)}
        outcomeLabel={(o) => t(`admission.case.outcomes.${o}`)}
        extra={(s) => <StepDetails step={s} steps={c.steps} />}
      />
      <DossierChecklist items={c.checklist} title={t('admission.checklist.title')} stepLabel={(k) => t(`admission.steps.${k as (typeof c.steps)[number]['kind']}`)} />
      <CaseAttachments
        base={`/api/admission-cases/${c.id}`}
        steps={c.steps}
        stepLabel={(k) => t(`admission.steps.${k as (typeof c.steps)[number]['kind']}`)}
        canUpload={can('admission', 'update')}
        documents={ADMISSION_DOCUMENTS}
        caseKey={admissionKeys.case(c.id)}
      />
      {c.nextStep &&
        (can('admission', 'update') ? (
          <Card size="small" title={t('admission.case.recordNext', { step: t(`admission.steps.${c.nextStep}`) })}>
            <StepForm key={`${c.id}-${c.version}`} c={c} />
          </Card>
        ) : (
          <Alert type="info" showIcon title={t('admission.case.readOnly')} />
        ))}
    </Space>
  );
}
