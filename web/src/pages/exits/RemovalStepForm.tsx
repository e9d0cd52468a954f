import { Button, Checkbox, Form, Input, InputNumber, Radio, Select, Space } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { exitApi, exitKeys, type RecordRemovalStepInput, type RemovalCase, type RemovalStepKind } from '../../api/exits.js';
import { DateField } from '../../components/DateField.js';
import { ErrorAlert } from '../../components/ErrorAlert.js';
import { StaleAlert } from '../../components/StaleAlert.js';
import vi from '../../i18n/vi.json';
import { todayIso } from '../../lib/format.js';
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
  const f = (k: keyof typeof vi.admission.stepFields) => t(`admission.stepFields.${k}`);
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

  const required = [{ required: true, message: t('common.required') }];
  const grid = { display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(min(100%, 14rem), 1fr))', columnGap: '1rem' } as const;
  const initial: Values = { date: todayIso(), reply: 'reviewed', level: 'provincial', byMember: true, result: 'upheld', authority: 'superior_standing_committee' };

  return (
    <Form<Values> form={form} layout="vertical" onFinish={save} requiredMark="optional" initialValues={initial} aria-label={t('admission.case.recordNext', { step: t(`exits.steps.${kind}`) })}>
      {stale && <StaleAlert title={t('admission.stale')} help={t('admission.staleHelp')} reloadLabel={t('admission.reload')} onReload={() => void reload()} />}
      {error ? (
        <div style={{ marginBottom: '1rem' }}>
          <ErrorAlert error={error} />
        </div>
      ) : null}
      {c.nextSteps.length > 1 && (
        <Form.Item label={t('exits.case.chooseStep')}>
          <Radio.Group aria-label={t('exits.case.chooseStep')} value={kind} onChange={(e) => setKind(e.target.value as RemovalStepKind)} options={c.nextSteps.map((k) => ({ value: k, label: t(`exits.steps.${k}`) }))} />
        </Form.Item>
      )}
      <div style={grid}>
        <Form.Item name="date" label={f('date')} rules={required}>
          <DateField aria-label={f('date')} noFuture />
        </Form.Item>
        {(kind === 'cell_resolution' || kind === 'grassroots_resolution') && (
          <Form.Item name="resolutionNo" label={f('resolutionNo')} rules={required}>
            <Input maxLength={100} />
          </Form.Item>
        )}
        {(kind === 'decision' || kind === 'appeal_resolution') && (
          <Form.Item name="decisionNo" label={f('decisionNo')} rules={required}>
            <Input maxLength={100} />
          </Form.Item>
        )}
        {kind === 'decision' && (
          <Form.Item name="authority" label={f('authority')} rules={required}>
            <Select
              aria-label={f('authority')}
              options={(['authorized_grassroots_committee', 'superior_standing_committee', 'provincial_standing'] as const).map((a) => ({ value: a, label: t(`admission.authorities.${a}`) }))}
            />
          </Form.Item>
        )}
      </div>
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
      {VOTED.includes(kind) && (
        <div style={grid}>
          {(['members', 'inFavour', 'against'] as const).map((k) => (
            <Form.Item key={k} name={['votes', k]} label={f(k)} rules={required}>
              <InputNumber aria-label={f(k)} min={0} precision={0} style={{ width: '100%' }} />
            </Form.Item>
          ))}
        </div>
      )}
      <Form.Item name="notes" label={f('notes')}>
        <Input.TextArea maxLength={2000} autoSize={{ minRows: 1, maxRows: 4 }} />
      </Form.Item>
      <Space>
        <Button type="primary" htmlType="submit" loading={busy} disabled={stale}>
          {t('admission.submitStep')}
        </Button>
      </Space>
    </Form>
  );
}
