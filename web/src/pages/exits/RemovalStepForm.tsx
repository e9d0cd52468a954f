import { Checkbox, Form, Radio } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { exitApi, exitKeys, type RecordRemovalStepInput, type RemovalCase, type RemovalStepKind } from '../../api/exits.js';
import vi from '../../i18n/vi.json';
import { todayIso } from '../../lib/format.js';
import { NotesAndSubmit, ResolutionFields, StepFormAlerts, useStepFieldText, VoteFields } from '../case/StepFormParts.js';
import { useStepSubmit } from '../case/useStepSubmit.js';

type Values = Record<string, unknown>;

const FORM_FIELDS = ['date', 'notes', 'resolutionNo', 'decisionNo', 'authority', 'votes', 'reply', 'level', 'byMember', 'result'];
const VOTED: readonly RemovalStepKind[] = ['cell_resolution', 'grassroots_resolution', 'decision'];

/**
 * The form of the step the removal case allows next (after the member received the decision: the
 * appeal, or closing once the window is over). The server judges it — order, dates, the self-review
 * requests, vote thresholds, the appeal window — and its refusals land under the fields they name.
 */
export function RemovalStepForm({ c }: { c: RemovalCase }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const [kind, setKind] = useState<RemovalStepKind>(c.nextSteps[0]!);
  const x = (k: keyof typeof vi.exits.fields) => t(`exits.fields.${k}`);
  const { save, reload, error, stale, busy } = useStepSubmit<Values, RemovalCase>({
    form,
    caseKey: exitKeys.case(c.id),
    listKey: ['exits', 'cases'],
    send: (v) => exitApi.recordStep(c.id, { ...v, kind, version: c.version, notes: (v.notes as string | undefined)?.trim() || null } as RecordRemovalStepInput),
    fetch: () => exitApi.case(c.id),
    formFields: FORM_FIELDS,
    panelFields: ['votes'],
  });

  const { required } = useStepFieldText();
  const initial: Values = { date: todayIso(), reply: 'reviewed', level: 'provincial', byMember: true, result: 'upheld', authority: 'superior_standing_committee' };

  return (
    <Form<Values> form={form} layout="vertical" onFinish={save} requiredMark="optional" initialValues={initial} aria-label={t('admission.case.recordNext', { step: t(`exits.steps.${kind}`) })}>
      <StepFormAlerts stale={stale} error={error} onReload={() => void reload()} />
      {c.nextSteps.length > 1 && (
        <Form.Item label={t('exits.case.chooseStep')}>
          <Radio.Group aria-label={t('exits.case.chooseStep')} value={kind} onChange={(e) => setKind(e.target.value as RemovalStepKind)} options={c.nextSteps.map((k) => ({ value: k, label: t(`exits.steps.${k}`) }))} />
        </Form.Item>
      )}
      <ResolutionFields
        resolution={kind === 'cell_resolution' || kind === 'grassroots_resolution'}
        decisionNo={kind === 'decision' || kind === 'appeal_resolution'}
        authority={kind === 'decision'}
      />
      {kind === 'self_review_request' && (
        <Form.Item name="reply" label={x('reply')} rules={required}>
          <Radio.Group options={(['reviewed', 'refused', 'no_reply'] as const).map((r) => ({ value: r, label: t(`exits.replies.${r}`) }))} />
        </Form.Item>
      )}
      {kind === 'appeal' && (
        <>
          <Form.Item name="level" label={x('level')} rules={required}>
            <Radio.Group options={(['provincial', 'central'] as const).map((l) => ({ value: l, label: t(`exits.levels.${l}`) }))} />
          </Form.Item>
          <Form.Item name="byMember" valuePropName="checked">
            <Checkbox>{x('byMember')}</Checkbox>
          </Form.Item>
        </>
      )}
      {kind === 'appeal_resolution' && (
        <Form.Item name="result" label={x('result')} rules={required}>
          <Radio.Group options={(['upheld', 'rejected'] as const).map((r) => ({ value: r, label: t(`exits.appealResults.${r}`) }))} />
        </Form.Item>
      )}
      {VOTED.includes(kind) && <VoteFields />}
      <NotesAndSubmit busy={busy} stale={stale} />
    </Form>
  );
}
