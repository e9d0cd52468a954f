import { useQuery } from '@tanstack/react-query';
import { Alert, Breadcrumb, Button, Card, Descriptions, Form, Input, Result, Space, Spin, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { ApiError } from '../../api/client.js';
import { exitApi, exitKeys, type Exemption } from '../../api/exits.js';
import { useSession } from '../../auth/session.js';
import { DateField } from '../../components/DateField.js';
import { ErrorAlert } from '../../components/ErrorAlert.js';
import { StaleAlert } from '../../components/StaleAlert.js';
import { formatDate, todayIso } from '../../lib/format.js';
import { DueDate, OrgName } from '../admission/parts.js';
import { useStepSubmit } from '../case/useStepSubmit.js';
import { ExemptionTag } from './parts.js';

/** One exemption from work and meetings: its kind, dates, decider and documents, and its end. */
export default function ExemptionPage() {
  const { t } = useTranslation();
  const { can } = useSession();
  const id = Number(useParams().exemptionId);
  const q = useQuery({ queryKey: exitKeys.exemption(id), queryFn: () => exitApi.exemption(id), enabled: Number.isInteger(id) });

  if (q.isPending) return <Spin />;
  if (q.error) {
    if (q.error instanceof ApiError && q.error.status === 404) {
      return <Result status="404" title={t('errors.notFoundTitle')} subTitle={q.error.message} extra={<Link to="/exits?tab=exemptions">{t('exits.exemption.back')}</Link>} />;
    }
    return <ErrorAlert error={q.error} />;
  }
  const e = q.data;
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Breadcrumb items={[{ key: 'list', title: <Link to="/exits?tab=exemptions">{t('exits.title')}</Link> }, { key: 'e', title: e.member.fullName }]} />
      <Typography.Title level={1} className="page-title" style={{ fontSize: '1.6rem' }}>
        {t('exits.exemption.title', { name: e.member.fullName })}
      </Typography.Title>
      <Descriptions size="small" column={{ xs: 1, sm: 2 }} bordered>
        <Descriptions.Item label={t('exits.columns.state')}>
          <ExemptionTag endedOn={e.endedOn} />
        </Descriptions.Item>
        <Descriptions.Item label={t('exits.columns.cell')}>
          <OrgName id={e.orgId} />
        </Descriptions.Item>
        <Descriptions.Item label={t('exits.columns.kind')}>
          {t(`exits.exemption.kinds.${e.kind}`)}
          {e.otherReason && <div>{t(`exits.exemption.otherReasons.${e.otherReason}`)}</div>}
        </Descriptions.Item>
        <Descriptions.Item label={t('exits.columns.decidedBy')}>{t(`exits.exemption.deciders.${e.decidedBy as 'cell'}`)}</Descriptions.Item>
        <Descriptions.Item label={t('exits.columns.from')}>{formatDate(e.from)}</Descriptions.Item>
        <Descriptions.Item label={t('exits.columns.to')}>{e.to ? e.endedOn ? formatDate(e.to) : <DueDate date={e.to} /> : t('exits.exemption.noEnd')}</Descriptions.Item>
        <Descriptions.Item label={t('exits.columns.decision')}>
          {[e.decisionNo, formatDate(e.decisionDate)].filter(Boolean).join(' · ')}
        </Descriptions.Item>
        <Descriptions.Item label={t('exits.columns.documents')}>{e.documents.length > 0 ? e.documents.join('; ') : '—'}</Descriptions.Item>
        {e.notes && <Descriptions.Item label={t('exits.fields.notes')}>{e.notes}</Descriptions.Item>}
      </Descriptions>
      <Alert type="info" showIcon title={t('exits.exemption.notEvaluated')} />
      {e.endedOn && <Alert type="success" showIcon title={t('exits.exemption.ended', { date: formatDate(e.endedOn) })} />}
      {can('member', 'read') && <Link to={`/members/${e.member.id}`}>{t('admission.case.member')}</Link>}
      {!e.endedOn && can('exemption', 'update') && (
        <Card size="small" title={t('exits.exemption.end')}>
          <EndForm key={e.version} e={e} />
        </Card>
      )}
    </Space>
  );
}

type Values = { date?: string; decisionNo?: string };

function EndForm({ e }: { e: Exemption }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const { save, reload, error, stale, busy } = useStepSubmit<Values, Exemption>({
    form,
    caseKey: exitKeys.exemption(e.id),
    listKey: ['exits', 'exemptions'],
    send: (v) => exitApi.endExemption(e.id, { date: v.date ?? '', decisionNo: v.decisionNo?.trim() || null, version: e.version }),
    fetch: () => exitApi.exemption(e.id),
    formFields: ['date', 'decisionNo'],
    panelFields: [],
  });
  return (
    <Form<Values> form={form} layout="vertical" onFinish={save} requiredMark="optional" initialValues={{ date: e.to && e.to <= todayIso() ? e.to : todayIso() }} aria-label={t('exits.exemption.end')}>
      {stale && <StaleAlert title={t('admission.stale')} help={t('admission.staleHelp')} reloadLabel={t('admission.reload')} onReload={() => void reload()} />}
      {error ? <ErrorAlert error={error} /> : null}
      <Form.Item name="date" label={t('exits.fields.endDate')} rules={[{ required: true, message: t('common.required') }]}>
        <DateField aria-label={t('exits.fields.endDate')} noFuture />
      </Form.Item>
      <Form.Item name="decisionNo" label={t('exits.fields.decisionNo')}>
        <Input maxLength={100} />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={busy} disabled={stale}>
        {t('exits.exemption.end')}
      </Button>
    </Form>
  );
}
