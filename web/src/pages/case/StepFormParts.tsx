import { Button, Form, Input, InputNumber, Select, Space } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { DateField } from '../../components/DateField.js';
import { ErrorAlert } from '../../components/ErrorAlert.js';
import { StaleAlert } from '../../components/StaleAlert.js';
import vi from '../../i18n/vi.json';

// The pieces every case's step form (admission, recognition, removal, transfer) shows the same
// way; each form keeps the fields of its own steps.

/** Columns that wrap to one per line on a narrow screen. */
export const STEP_GRID = { display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(min(100%, 14rem), 1fr))', columnGap: '1rem' } as const;

const AUTHORITIES = ['authorized_grassroots_committee', 'superior_standing_committee', 'provincial_standing'] as const;

/** The labels of the step fields every case shares, and the one "required" rule. */
export function useStepFieldText() {
  const { t } = useTranslation();
  const f = (k: keyof typeof vi.admission.stepFields) => t(`admission.stepFields.${k}`);
  const required = [{ required: true, message: t('common.required') }];
  return { f, required };
}

/** The case changed under the user (409: reload), or the server's refusal of the step. */
export function StepFormAlerts({ stale, error, onReload }: { stale: boolean; error: unknown; onReload: () => void }) {
  const { t } = useTranslation();
  return (
    <>
      {stale && <StaleAlert title={t('admission.stale')} help={t('admission.staleHelp')} reloadLabel={t('admission.reload')} onReload={onReload} />}
      {error ? (
        <div style={{ marginBottom: '1rem' }}>
          <ErrorAlert error={error} />
        </div>
      ) : null}
    </>
  );
}

/**
 * The step's date, then what a resolution or a decision carries: its number, and for a decision
 * the body that took it (R-ADM-18).
 */
export function ResolutionFields({ resolution, decisionNo, authority, children }: { resolution: boolean; decisionNo: boolean; authority: boolean; children?: ReactNode }) {
  const { t } = useTranslation();
  const { f, required } = useStepFieldText();
  return (
    <div style={STEP_GRID}>
      <Form.Item name="date" label={f('date')} rules={required}>
        <DateField aria-label={f('date')} noFuture />
      </Form.Item>
      {resolution && (
        <Form.Item name="resolutionNo" label={f('resolutionNo')} rules={required}>
          <Input maxLength={100} />
        </Form.Item>
      )}
      {decisionNo && (
        <Form.Item name="decisionNo" label={f('decisionNo')} rules={required}>
          <Input maxLength={100} />
        </Form.Item>
      )}
      {authority && (
        <Form.Item name="authority" label={f('authority')} rules={required}>
          <Select aria-label={f('authority')} options={AUTHORITIES.map((a) => ({ value: a, label: t(`admission.authorities.${a}`) }))} />
        </Form.Item>
      )}
      {children}
    </div>
  );
}

/** The vote of a resolution: members, in favour, against (the server checks the threshold). */
export function VoteFields() {
  const { f, required } = useStepFieldText();
  return (
    <div style={STEP_GRID}>
      {(['members', 'inFavour', 'against'] as const).map((k) => (
        <Form.Item key={k} name={['votes', k]} label={f(k)} rules={required}>
          <InputNumber aria-label={f(k)} min={0} precision={0} style={{ width: '100%' }} />
        </Form.Item>
      ))}
    </div>
  );
}

/** Free notes on the step and the button that records it. */
export function NotesAndSubmit({ busy, stale }: { busy: boolean; stale: boolean }) {
  const { t } = useTranslation();
  const { f } = useStepFieldText();
  return (
    <>
      <Form.Item name="notes" label={f('notes')}>
        <Input.TextArea maxLength={2000} autoSize={{ minRows: 1, maxRows: 4 }} />
      </Form.Item>
      <Space>
        <Button type="primary" htmlType="submit" loading={busy} disabled={stale}>
          {t('admission.submitStep')}
        </Button>
      </Space>
    </>
  );
}
