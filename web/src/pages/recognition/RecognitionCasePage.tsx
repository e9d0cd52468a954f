import { useQuery } from '@tanstack/react-query';
import { Alert, Breadcrumb, Card, Descriptions, Result, Space, Spin, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { ApiError } from '../../api/client.js';
import { recognitionApi, recognitionKeys, type RecognitionCase } from '../../api/recognition.js';
import { useSession } from '../../auth/session.js';
import { CaseTimeline } from '../case/CaseTimeline.js';
import { CaseAttachments } from '../case/CaseAttachments.js';
import { RECOGNITION_DOCUMENTS } from '../case/documents.js';
import { DossierChecklist } from '../admission/DossierChecklist.js';
import { DraftDownload } from '../case/DraftDownload.js';
import { ErrorAlert } from '../../components/ErrorAlert.js';
import { formatDate } from '../../lib/format.js';
import { DueDate, OrgName } from '../admission/parts.js';
import { RecognitionStateTag } from './parts.js';
import { RecognitionStepForm } from './RecognitionStepForm.js';

type Step = RecognitionCase['steps'][number];

/** One recognition case: what has been done, as a timeline, and the form of the next step. */
export default function RecognitionCasePage() {
  const { t } = useTranslation();
  const { can } = useSession();
  const id = Number(useParams().caseId);
  const q = useQuery({ queryKey: recognitionKeys.case(id), queryFn: () => recognitionApi.case(id), enabled: Number.isInteger(id) });

  if (q.isPending) return <Spin />;
  if (q.error) {
    if (q.error instanceof ApiError && q.error.status === 404) {
      return <Result status="404" title={t('errors.notFoundTitle')} subTitle={q.error.message} extra={<Link to="/recognition">{t('recognition.case.back')}</Link>} />;
    }
    return <ErrorAlert error={q.error} />;
  }
  const c = q.data;


  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Breadcrumb items={[{ key: 'list', title: <Link to="/recognition">{t('recognition.title')}</Link> }, { key: 'case', title: c.member.fullName }]} />
      <Typography.Title level={1} className="page-title" style={{ fontSize: '1.6rem' }}>
        {t('recognition.case.title', { name: c.member.fullName })}
      </Typography.Title>
      <Descriptions size="small" column={{ xs: 1, sm: 2 }} bordered>
        <Descriptions.Item label={t('recognition.columns.state')}>
          <RecognitionStateTag state={c.state} />
        </Descriptions.Item>
        <Descriptions.Item label={t('recognition.columns.cell')}>
          <OrgName id={c.orgId} />
        </Descriptions.Item>
        <Descriptions.Item label={t('recognition.columns.ceremonyDate')}>{formatDate(c.ceremonyDate)}</Descriptions.Item>
        <Descriptions.Item label={t('recognition.columns.probationEnds')}>{formatDate(c.probationEnds)}</Descriptions.Item>
        <Descriptions.Item label={t('recognition.columns.nextStep')}>{c.nextStep ? t(`recognition.steps.${c.nextStep}`) : '—'}</Descriptions.Item>
        {c.officialDate && <Descriptions.Item label={t('recognition.columns.officialDate')}>{formatDate(c.officialDate)}</Descriptions.Item>}
      </Descriptions>
      <DraftDownload
        url={`/api/recognition-cases/${c.id}/documents/decision.docx`}
        notReady={c.decision?.result === 'removed' || c.cellResolution?.proposal === 'remove' ? t('documents.notReadyRecognition') : null}
      />
      {c.state === 'escalated' && <Alert type="warning" showIcon title={t('recognition.case.escalatedHelp')} />}
      {c.closedOn && (
        <Alert
          type={c.state === 'removed' ? 'warning' : 'success'}
          showIcon
          title={c.state === 'recognized' ? t('recognition.case.recognized', { date: formatDate(c.officialDate ?? c.closedOn) }) : t('recognition.case.removed', { date: formatDate(c.closedOn) })}
        />
      )}
      {can('member', 'read') && <Link to={`/members/${c.member.id}`}>{t('admission.case.member')}</Link>}
      {c.deadlines.length > 0 && (
        <Card size="small" title={t('admission.case.deadlines')}>
          <Space orientation="vertical">
            {c.deadlines.map((d) => (
              <span key={`${d.step}-${d.ruleId}`}>
                {t(`recognition.steps.${d.step}`)} ({d.ruleId}): <DueDate date={d.due} />
                {d.dueWithExtension && <> · {t('recognition.case.withExtension', { date: formatDate(d.dueWithExtension) })}</>}
              </span>
            ))}
          </Space>
        </Card>
      )}
      <CaseTimeline
        openedOn={c.openedOn}
        steps={c.steps}
        stepLabel={(k) => t(`recognition.steps.${k}`)}
        outcomeLabel={(o) => t(`recognition.case.outcomes.${o}`)}
        extra={(s: Step) => (
          <>
            {s.details.escalated === true && <Tag className="tag-extension">{t('recognition.case.escalated')}</Tag>}
            {typeof s.details.proposal === 'string' && <div>{t(`recognition.proposals.${s.details.proposal as 'recognize' | 'remove'}`)}</div>}
            {typeof s.details.result === 'string' && <div>{t(`recognition.results.${s.details.result as 'recognized' | 'removed'}`)}</div>}
          </>
        )}
      />
      <DossierChecklist items={c.checklist} title={t('recognition.checklistTitle')} stepLabel={(k) => t(`recognition.steps.${k as Step['kind']}`)} />
      <CaseAttachments
        base={`/api/recognition-cases/${c.id}`}
        steps={c.steps}
        stepLabel={(k) => t(`recognition.steps.${k as Step['kind']}`)}
        canUpload={can('recognition', 'update')}
        documents={RECOGNITION_DOCUMENTS}
        caseKey={recognitionKeys.case(c.id)}
      />
      {c.nextStep &&
        (can('recognition', 'update') ? (
          <Card size="small" title={t('admission.case.recordNext', { step: t(`recognition.steps.${c.nextStep}`) })}>
            <RecognitionStepForm key={`${c.id}-${c.version}`} c={c} />
          </Card>
        ) : (
          <Alert type="info" showIcon title={t('admission.case.readOnly')} />
        ))}
    </Space>
  );
}
