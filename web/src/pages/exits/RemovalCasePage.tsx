import { useQuery } from '@tanstack/react-query';
import { Alert, Breadcrumb, Card, Descriptions, Result, Space, Spin, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { ApiError } from '../../api/client.js';
import { exitApi, exitKeys, type RemovalCase } from '../../api/exits.js';
import { useSession } from '../../auth/session.js';
import { ErrorAlert } from '../../components/ErrorAlert.js';
import { formatDate } from '../../lib/format.js';
import { DueDate, OrgName } from '../admission/parts.js';
import { CaseTimeline } from '../case/CaseTimeline.js';
import { RemovalStateTag } from './parts.js';
import { RemovalStepForm } from './RemovalStepForm.js';

type Step = RemovalCase['steps'][number];

/** One removal case: grounds, what has been done as a timeline, the deadlines, and the form of the next step. */
export default function RemovalCasePage() {
  const { t } = useTranslation();
  const { can } = useSession();
  const id = Number(useParams().caseId);
  const q = useQuery({ queryKey: exitKeys.case(id), queryFn: () => exitApi.case(id), enabled: Number.isInteger(id) });

  if (q.isPending) return <Spin />;
  if (q.error) {
    if (q.error instanceof ApiError && q.error.status === 404) {
      return <Result status="404" title={t('errors.notFoundTitle')} subTitle={q.error.message} extra={<Link to="/exits">{t('exits.case.back')}</Link>} />;
    }
    return <ErrorAlert error={q.error} />;
  }
  const c = q.data;
  const removedOn = c.decision && ['removed', 'notified', 'appealed', 'removal_upheld', 'removal_final'].includes(c.state) ? c.decision.date : null;

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Breadcrumb items={[{ key: 'list', title: <Link to="/exits">{t('exits.title')}</Link> }, { key: 'case', title: c.member.fullName }]} />
      <Typography.Title level={1} className="page-title" style={{ fontSize: '1.6rem' }}>
        {t('exits.case.title', { name: c.member.fullName })}
      </Typography.Title>
      <Descriptions size="small" column={{ xs: 1, sm: 2 }} bordered>
        <Descriptions.Item label={t('exits.columns.state')}>
          <RemovalStateTag state={c.state} />
        </Descriptions.Item>
        <Descriptions.Item label={t('exits.columns.cell')}>
          <OrgName id={c.orgId} />
        </Descriptions.Item>
        <Descriptions.Item label={t('exits.columns.openedOn')}>{formatDate(c.openedOn)}</Descriptions.Item>
        <Descriptions.Item label={t('exits.columns.nextStep')}>{c.nextSteps.length > 0 ? c.nextSteps.map((k) => t(`exits.steps.${k}`)).join(' / ') : '—'}</Descriptions.Item>
        <Descriptions.Item label={t('exits.columns.grounds')} span={2}>
          <ul style={{ margin: 0, paddingInlineStart: '1.2rem' }}>
            {c.grounds.map((g) => (
              <li key={g}>{t(`exits.grounds.${g}`)}</li>
            ))}
          </ul>
          {c.groundsNote && <div>{c.groundsNote}</div>}
        </Descriptions.Item>
        {c.appealWindowEnds && <Descriptions.Item label={t('exits.case.appealWindow')}>{formatDate(c.appealWindowEnds)}</Descriptions.Item>}
        {c.appeal?.resolutionDue && <Descriptions.Item label={t('exits.case.appealDue')}>{formatDate(c.appeal.resolutionDue)}</Descriptions.Item>}
      </Descriptions>
      <Alert type="info" showIcon title={t('exits.case.selfReview', { requests: c.selfReview.requests, refusals: c.selfReview.refusals, limit: c.selfReview.requestsBeforeProceeding ?? '—' })} />
      {removedOn && <Alert type="warning" showIcon title={t('exits.case.removed', { date: formatDate(removedOn) })} />}
      {c.state === 'not_removed' && c.closedOn && <Alert type="success" showIcon title={t('exits.case.notRemoved', { date: formatDate(c.closedOn) })} />}
      {c.state === 'restored' && c.closedOn && (
        <Alert
          type="success"
          showIcon
          title={t('exits.case.restored', { date: formatDate(c.closedOn) })}
          description={c.duesOwed ? t('exits.case.duesOwed', { from: formatDate(c.duesOwed.from), to: formatDate(c.duesOwed.to) }) : undefined}
        />
      )}
      {can('member', 'read') && <Link to={`/members/${c.member.id}`}>{t('admission.case.member')}</Link>}
      {c.deadlines.length > 0 && (
        <Card size="small" title={t('exits.case.deadlines')}>
          <Space orientation="vertical">
            {c.deadlines.map((d) => (
              <span key={`${d.step}-${d.ruleId}`}>
                {t(`exits.steps.${d.step}`)} ({d.ruleId}): <DueDate date={d.due} />
              </span>
            ))}
          </Space>
        </Card>
      )}
      <CaseTimeline
        openedOn={c.openedOn}
        steps={c.steps}
        stepLabel={(k) => t(`exits.steps.${k}`)}
        outcomeLabel={(o) => t(`exits.case.outcomes.${o}`)}
        extra={(s: Step) => (
          <>
            {typeof s.details.reply === 'string' && <div>{t(`exits.replies.${s.details.reply as 'reviewed' | 'refused' | 'no_reply'}`)}</div>}
            {s.details.proceedsWithoutSelfReview === true && <Tag className="tag-extension">{t('exits.case.proceeds')}</Tag>}
            {typeof s.details.level === 'string' && <div>{t(`exits.levels.${s.details.level as 'provincial' | 'central'}`)}</div>}
            {typeof s.details.result === 'string' && <div>{t(`exits.appealResults.${s.details.result as 'upheld' | 'rejected'}`)}</div>}
          </>
        )}
      />
      {c.nextSteps.length > 0 &&
        (can('exit', 'update') ? (
          <Card size="small" title={t('admission.case.recordNext', { step: c.nextSteps.map((k) => t(`exits.steps.${k}`)).join(' / ') })}>
            <RemovalStepForm key={`${c.id}-${c.version}`} c={c} />
          </Card>
        ) : (
          <Alert type="info" showIcon title={t('admission.case.readOnly')} />
        ))}
    </Space>
  );
}
