import { Form, Radio } from 'antd';
import { useTranslation } from 'react-i18next';
import { recognitionApi, recognitionKeys, type RecognitionCase, type RecordRecognitionStepInput } from '../../api/recognition.js';
import { todayIso } from '../../lib/format.js';
import { NotesAndSubmit, ResolutionFields, StepFormAlerts, useStepFieldText, VoteFields } from '../case/StepFormParts.js';
import { useStepSubmit } from '../case/useStepSubmit.js';

type Values = Record<string, unknown>;

const FORM_FIELDS = ['date', 'notes', 'resolutionNo', 'decisionNo', 'authority', 'votes', 'proposal', 'result'];

/**
 * The form of the one step the case allows next. The server judges it (order, dates, the end of
 * probation, vote thresholds, the decision against the proposal) and its refusals land under the
 * fields they name; a case changed by someone else since it was read is refused with 409.
 */
export function RecognitionStepForm({ c }: { c: RecognitionCase }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const kind = c.nextStep!;
  const { save, reload, error, stale, busy } = useStepSubmit<Values, RecognitionCase>({
    form,
    caseKey: recognitionKeys.case(c.id),
    listKey: ['recognition', 'cases'],
    send: (v) => recognitionApi.recordStep(c.id, { ...v, kind, version: c.version, notes: (v.notes as string | undefined)?.trim() || null } as RecordRecognitionStepInput),
    fetch: () => recognitionApi.case(c.id),
    formFields: FORM_FIELDS,
    panelFields: ['votes'],
  });

  const { required } = useStepFieldText();
  const initial: Values = { date: todayIso() };
  if (kind === 'cell_resolution') initial.proposal = 'recognize';
  if (kind === 'decision') initial.result = c.cellResolution?.proposal === 'remove' ? 'removed' : 'recognized';

  return (
    <Form<Values> form={form} layout="vertical" onFinish={save} requiredMark="optional" initialValues={initial} aria-label={t('admission.case.recordNext', { step: t(`recognition.steps.${kind}`) })}>
      <StepFormAlerts stale={stale} error={error} onReload={() => void reload()} />
      <ResolutionFields resolution={kind === 'cell_resolution' || kind === 'grassroots_resolution'} decisionNo={kind === 'decision'} authority={kind === 'decision'} />
      {kind === 'cell_resolution' && (
        <Form.Item name="proposal" label={t('recognition.fields.proposal')} rules={required}>
          <Radio.Group options={(['recognize', 'remove'] as const).map((p) => ({ value: p, label: t(`recognition.proposals.${p}`) }))} />
        </Form.Item>
      )}
      {kind === 'decision' && (
        <Form.Item name="result" label={t('recognition.fields.result')} rules={required}>
          <Radio.Group options={(['recognized', 'removed'] as const).map((p) => ({ value: p, label: t(`recognition.results.${p}`) }))} />
        </Form.Item>
      )}
      {kind !== 'self_review' && <VoteFields />}
      <NotesAndSubmit busy={busy} stale={stale} />
    </Form>
  );
}
