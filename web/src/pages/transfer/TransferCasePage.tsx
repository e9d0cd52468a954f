import { useQuery } from '@tanstack/react-query';
import { Alert, Breadcrumb, Card, Descriptions, Result, Space, Spin, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { ApiError } from '../../api/client.js';
import { transferApi, transferKeys, type TransferCase } from '../../api/transfers.js';
import { useSession } from '../../auth/session.js';
import { ErrorAlert } from '../../components/ErrorAlert.js';
import { formatDate } from '../../lib/format.js';
import { DueDate } from '../admission/parts.js';
import { CaseTimeline } from '../case/CaseTimeline.js';
import { CaseAttachments } from '../case/CaseAttachments.js';
import { DraftDownload } from '../case/DraftDownload.js';
import { TransferStateTag } from './parts.js';
import { TransferSlipCard } from './TransferSlipCard.js';
import { TransferStepForm } from './TransferStepForm.js';

type Step = TransferCase['steps'][number];

/** One transfer case, as both offices see it: what has been done, as a timeline, and the next step's form for the side whose turn it is. */
export default function TransferCasePage() {
  const { t } = useTranslation();
  const { can } = useSession();
  const id = Number(useParams().caseId);
  const q = useQuery({ queryKey: transferKeys.case(id), queryFn: () => transferApi.case(id), enabled: Number.isInteger(id) });

  if (q.isPending) return <Spin />;
  if (q.error) {
    if (q.error instanceof ApiError && q.error.status === 404) {
      return <Result status="404" title={t('errors.notFoundTitle')} subTitle={q.error.message} extra={<Link to="/transfer">{t('transfer.case.back')}</Link>} />;
    }
    return <ErrorAlert error={q.error} />;
  }
  const c = q.data;
  const mySide = c.nextSide !== null && c.callerSides[c.nextSide];

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Breadcrumb items={[{ key: 'list', title: <Link to="/transfer">{t('transfer.title')}</Link> }, { key: 'case', title: c.member.fullName }]} />
      <Typography.Title level={1} className="page-title" style={{ fontSize: '1.6rem' }}>
        {t('transfer.case.title', { name: c.member.fullName })}
      </Typography.Title>
      <Descriptions size="small" column={{ xs: 1, sm: 2 }} bordered>
        <Descriptions.Item label={t('transfer.columns.state')}>
          <TransferStateTag state={c.state} />
        </Descriptions.Item>
        <Descriptions.Item label={t('transfer.columns.kind')}>
          {t(`transfer.kinds.${c.kind}`)}
          {c.temporaryBasis && <div>{t(`transfer.bases.${c.temporaryBasis}`)}</div>}
        </Descriptions.Item>
        <Descriptions.Item label={t('transfer.columns.from')}>{c.source.name}</Descriptions.Item>
        <Descriptions.Item label={t('transfer.columns.to')}>
          {c.destination.name}
          <div className="muted">{t(`transfer.destinations.${c.destination.scope}`)}</div>
        </Descriptions.Item>
        <Descriptions.Item label={t('transfer.case.reason')}>{c.reason}</Descriptions.Item>
        <Descriptions.Item label={t('transfer.case.causeDate')}>{formatDate(c.causeDate)}</Descriptions.Item>
        {c.endDate && <Descriptions.Item label={t('transfer.case.endDate')}>{formatDate(c.endDate)}</Descriptions.Item>}
        <Descriptions.Item label={t('transfer.case.letter')}>
          {t(`transfer.letterTypes.${c.letter.type}`)}
          {c.letter.issued ? <div>{`${c.letter.letterNo ?? ''} · ${formatDate(c.letter.date!)}`}</div> : <div className="muted">({t('transfer.case.planned')})</div>}
        </Descriptions.Item>
        <Descriptions.Item label={t('transfer.case.issuer')}>{t(`transfer.issuers.${c.letter.issuer}`)}</Descriptions.Item>
        {c.dues && <Descriptions.Item label={t('transfer.case.dues')}>{c.dues.paidThrough}</Descriptions.Item>}
        <Descriptions.Item label={t('transfer.columns.nextStep')}>{c.nextStep ? `${t(`transfer.steps.${c.nextStep}`)} (${t(`transfer.sides.${c.nextSide!}`)})` : '—'}</Descriptions.Item>
      </Descriptions>
      {/* The sending side issues the letter; the receiving side has nothing to draft. */}
      {c.callerSides.sending && <DraftDownload url={`/api/transfers/${c.id}/documents/letter.docx`} />}
      {c.blocks.map((b) => (
        <Alert key={`${b.kind}-${b.since}`} type="error" showIcon title={t('transfer.case.blocked', { matter: t(`transfer.matters.${b.kind}`), since: formatDate(b.since), reason: b.reason })} />
      ))}
      {c.kind === 'temporary' && <Alert type="info" showIcon title={t('transfer.case.temporaryNote')} />}
      {c.closedOn && (
        <Alert
          type="success"
          showIcon
          title={
            c.kind === 'temporary'
              ? t('transfer.case.completedTemporary', { date: formatDate(c.closedOn) })
              : c.destination.scope === 'inside'
                ? t('transfer.case.completedInside', { org: c.destination.name, date: formatDate(c.closedOn) })
                : t('transfer.case.completedOut', { date: formatDate(c.closedOn) })
          }
        />
      )}
      {can('member', 'read') && <Link to={`/members/${c.member.id}`}>{t('admission.case.member')}</Link>}
      {c.deadlines.length > 0 && (
        <Card size="small" title={t('admission.case.deadlines')}>
          <Space orientation="vertical">
            {c.deadlines.map((d) => (
              <span key={`${d.step}-${d.ruleId}`}>
                {t(`transfer.steps.${d.step}`)} ({d.ruleId}): <DueDate date={d.due} />
              </span>
            ))}
          </Space>
        </Card>
      )}
      <TransferSlipCard c={c} />
      <CaseTimeline
        openedOn={c.openedOn}
        steps={c.steps}
        stepLabel={(k) => t(`transfer.steps.${k}`)}
        outcomeLabel={(o) => t(`transfer.case.outcomes.${o}`)}
        extra={(s: Step) => (
          <>
            {typeof s.details.paidThrough === 'string' && <div>{s.details.paidThrough}</div>}
            {typeof s.details.letterType === 'string' && <div>{t(`transfer.letterTypes.${s.details.letterType as TransferCase['letter']['type']}`)}</div>}
            {s.details.senderConfirmed === true && <Tag className="tag-done">{t('transfer.case.confirmed')}</Tag>}
          </>
        )}
      />
      <CaseAttachments base={`/api/transfers/${c.id}`} steps={c.steps} stepLabel={(k) => t(`transfer.steps.${k as Step['kind']}`)} canUpload={can('transfer', 'update')} />
      {c.nextStep &&
        (can('transfer', 'update') && mySide ? (
          <Card size="small" title={t('admission.case.recordNext', { step: t(`transfer.steps.${c.nextStep}`) })}>
            <TransferStepForm key={`${c.id}-${c.version}`} c={c} />
          </Card>
        ) : (
          <Alert type="info" showIcon title={can('transfer', 'update') ? t('transfer.case.otherSide', { step: t(`transfer.steps.${c.nextStep}`), side: t(`transfer.sides.${c.nextSide!}`) }) : t('admission.case.readOnly')} />
        ))}
    </Space>
  );
}
