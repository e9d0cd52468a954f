import { useQuery } from '@tanstack/react-query';
import { Alert, Checkbox, Form, Select } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { admissionApi, admissionKeys, type AdmissionCase, type RecordStepInput, type StepKind } from '../../api/admission.js';
import { memberApi } from '../../api/members.js';
import { DateField } from '../../components/DateField.js';
import { useDebounced } from '../../lib/useDebounced.js';
import { todayIso } from '../../lib/format.js';
import { NotesAndSubmit, ResolutionFields, STEP_GRID, StepFormAlerts, useStepFieldText, VoteFields } from '../case/StepFormParts.js';
import { useStepSubmit } from '../case/useStepSubmit.js';
import { BackgroundRepliesFields, BackgroundSubjectsFields, initialSubjects, repliesBody, subjectsBody, type SubjectRow } from './BackgroundFields.js';
import { BallotFields, CommentsFields } from './CommentsFields.js';

type Values = Record<string, unknown>;

const VOTED: StepKind[] = ['cell_resolution', 'grassroots_resolution', 'decision'];
const FORM_FIELDS = ['date', 'notes', 'resolutionNo', 'decisionNo', 'authority', 'votes', 'abroad', 'superiorConsent', 'sponsors', 'subjects', 'replies', 'organizations', 'comments', 'summary', 'ballot'];

/** The form's values as the API takes them: the rows of the background check and its replies reshaped. */
function body(c: AdmissionCase, kind: StepKind, v: Values): Values {
  if (kind === 'background_check_requested') return { ...v, subjects: subjectsBody((v.subjects as SubjectRow[] | undefined) ?? []) };
  if (kind === 'background_check_replied') return { ...v, replies: repliesBody(c, v.replies as { replyDate: string; result: string }[] | undefined) };
  if (kind === 'comments') return { ...v, organizations: v.organizations ?? [], comments: v.comments ?? [], summary: (v.summary as string | undefined)?.trim() || null };
  if (VOTED.includes(kind)) {
    const b = (v.ballot ?? {}) as { method?: string; reportedUpOn?: string | null };
    return { ...v, ballot: { method: b.method, reportedUpOn: b.reportedUpOn || null } };
  }
  return v;
}

/**
 * The form of the one step the case allows next; its fields depend on the step. The server
 * judges it (order, dates, vote thresholds, introducers) and its refusals land under the fields
 * they name. A case changed by someone else since it was read is refused with 409: the user
 * reloads it rather than record a step on a state they have not seen.
 */
export function StepForm({ c }: { c: AdmissionCase }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const kind = c.nextStep!;
  const { save, reload, error, stale, busy } = useStepSubmit<Values, AdmissionCase>({
    form,
    caseKey: admissionKeys.case(c.id),
    listKey: ['admission', 'cases'],
    send: (v) => admissionApi.recordStep(c.id, { ...body(c, kind, v), kind, version: c.version, notes: (v.notes as string | undefined)?.trim() || null } as RecordStepInput),
    fetch: () => admissionApi.case(c.id),
    formFields: FORM_FIELDS,
    panelFields: ['votes', 'sponsors', 'subjects', 'replies', 'comments', 'ballot'],
  });

  const { f, required } = useStepFieldText();

  return (
    <Form<Values> form={form} layout="vertical" onFinish={save} requiredMark="optional" initialValues={initial(kind, c)} aria-label={t('admission.case.recordNext', { step: t(`admission.steps.${kind}`) })}>
      <StepFormAlerts stale={stale} error={error} onReload={() => void reload()} />
      <ResolutionFields resolution={kind === 'cell_resolution' || kind === 'grassroots_resolution'} decisionNo={kind === 'decision'} authority={kind === 'decision'} />
      {kind === 'decision' && c.dossierMissing.length > 0 && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: '1rem' }}
          title={t('admission.checklist.decisionWarning', { list: c.dossierMissing.map((d) => t(`admission.checklist.documents.${d}`)).join('; ') })}
        />
      )}
      {VOTED.includes(kind) && <VoteFields />}
      {VOTED.includes(kind) && <BallotFields />}
      {kind === 'background_check_requested' && <BackgroundSubjectsFields />}
      {kind === 'background_check_replied' && <BackgroundRepliesFields c={c} />}
      {kind === 'comments' && <CommentsFields />}
      {kind === 'ceremony' && (
        <Form.Item name="superiorConsent" valuePropName="checked">
          <Checkbox>{f('superiorConsent')}</Checkbox>
        </Form.Item>
      )}
      {kind === 'sponsors' &&
        [0, 1].map((i) => (
          <fieldset key={i} style={{ border: '1px solid var(--ant-color-border, #d9d9d9)', borderRadius: 8, padding: '0.5rem 1rem', marginBottom: '1rem' }}>
            <legend style={{ width: 'auto', fontSize: '1em', marginBottom: 0, padding: '0 0.25rem' }}>{t('admission.stepFields.sponsor', { n: i + 1 })}</legend>
            <div style={STEP_GRID}>
              <Form.Item name={['sponsors', i, 'memberId']} label={f('sponsorMember')} rules={required}>
                <MemberSelect orgId={c.orgId} aria-label={`${t('admission.stepFields.sponsor', { n: i + 1 })}: ${f('sponsorMember')}`} />
              </Form.Item>
              <Form.Item name={['sponsors', i, 'togetherSince']} label={f('togetherSince')} rules={required}>
                <DateField aria-label={f('togetherSince')} noFuture />
              </Form.Item>
              <Form.Item name={['sponsors', i, 'togetherBy']} label={f('togetherBy')} rules={required}>
                <Select aria-label={f('togetherBy')} options={(['work', 'study', 'residence'] as const).map((b) => ({ value: b, label: t(`admission.togetherBy.${b}`) }))} />
              </Form.Item>
            </div>
          </fieldset>
        ))}
      <NotesAndSubmit busy={busy} stale={stale} />
    </Form>
  );
}

function initial(kind: StepKind, c: AdmissionCase): Values {
  const v: Values = { date: todayIso() };
  if (kind === 'sponsors') v.sponsors = [{ togetherBy: 'work' }, { togetherBy: 'work' }];
  if (kind === 'background_check_requested') v.subjects = initialSubjects(c.candidate.fullName, todayIso());
  if (kind === 'comments') v.comments = [{ from: 'residence', date: todayIso() }];
  if (VOTED.includes(kind)) v.ballot = { method: 'secret_ballot' };
  return v;
}

/** Picks a party member of the case's org (its introducers are usually of the same cell) by name. */
function MemberSelect({ orgId, value, onChange, ...rest }: { orgId: number; value?: number; onChange?: (v: number) => void; 'aria-label'?: string }) {
  const { t } = useTranslation();
  const [text, setText] = useState('');
  const q = useDebounced(text.trim(), 300);
  const found = useQuery({
    queryKey: ['admission', 'sponsor-search', orgId, q],
    queryFn: ({ signal }) => memberApi.list({ org: orgId, q: q || undefined, status: 'official', pageSize: 20 }, signal),
  });
  return (
    <Select
      {...rest}
      showSearch={{ filterOption: false, onSearch: setText }}
      placeholder={t('admission.stepFields.memberSearch')}
      value={value}
      onChange={onChange}
      loading={found.isFetching}
      options={(found.data?.items ?? []).map((m) => ({ value: m.id, label: m.fullName }))}
    />
  );
}
