import { Button, Form, Input, InputNumber, Radio, Select, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import { recognitionApi, recognitionKeys, type RecognitionCase, type RecordRecognitionStepInput } from '../../api/recognition.js';
import { DateField } from '../../components/DateField.js';
import { ErrorAlert } from '../../components/ErrorAlert.js';
import { StaleAlert } from '../../components/StaleAlert.js';
import { todayIso } from '../../lib/format.js';
import vi from '../../i18n/vi.json';
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
  const f = (k: keyof typeof vi.admission.stepFields) => t(`admission.stepFields.${k}`);
  const { save, reload, error, stale, busy } = useStepSubmit<Values, RecognitionCase>({
    form,
    caseKey: recognitionKeys.case(c.id),
    listKey: ['recognition', 'cases'],
    send: (v) => recognitionApi.recordStep(c.id, { ...v, kind, version: c.version, notes: (v.notes as string | undefined)?.trim() || null } as RecordRecognitionStepInput),
    fetch: () => recognitionApi.case(c.id),
    formFields: FORM_FIELDS,
    panelFields: ['votes'],
  });

  const required = [{ required: true, message: t('common.required') }];
  const grid = { display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(min(100%, 14rem), 1fr))', columnGap: '1rem' } as const;
  const initial: Values = { date: todayIso() };
  if (kind === 'cell_resolution') initial.proposal = 'recognize';
  if (kind === 'decision') initial.result = c.cellResolution?.proposal === 'remove' ? 'removed' : 'recognized';

  return (
    <Form<Values> form={form} layout="vertical" onFinish={save} requiredMark="optional" initialValues={initial} aria-label={t('admission.case.recordNext', { step: t(`recognition.steps.${kind}`) })}>
      {stale && <StaleAlert title={t('admission.stale')} help={t('admission.staleHelp')} reloadLabel={t('admission.reload')} onReload={() => void reload()} />}
      {error ? (
        <div style={{ marginBottom: '1rem' }}>
          <ErrorAlert error={error} />
        </div>
      ) : null}
      <div style={grid}>
        <Form.Item name="date" label={f('date')} rules={required}>
          <DateField aria-label={f('date')} noFuture />
        </Form.Item>
        {(kind === 'cell_resolution' || kind === 'grassroots_resolution') && (
          <Form.Item name="resolutionNo" label={f('resolutionNo')} rules={required}>
            <Input maxLength={100} />
          </Form.Item>
        )}
        {kind === 'decision' && (
          <>
            <Form.Item name="decisionNo" label={f('decisionNo')} rules={required}>
              <Input maxLength={100} />
            </Form.Item>
            <Form.Item name="authority" label={f('authority')} rules={required}>
              <Select
                aria-label={f('authority')}
                options={(['authorized_grassroots_committee', 'superior_standing_committee', 'provincial_standing'] as const).map((a) => ({ value: a, label: t(`admission.authorities.${a}`) }))}
              />
            </Form.Item>
          </>
        )}
      </div>
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
      {kind !== 'self_review' && (
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
