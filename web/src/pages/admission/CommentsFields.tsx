import { Button, Form, Input, Radio, Select, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { DateField } from '../../components/DateField.js';
import { STEP_GRID, useStepFieldText } from '../case/StepFormParts.js';

// The comments step (R-ADM-15) and the ballot method of a vote (R-ADM-34). The server says what
// is missing: the residence comment, an organization's, the 5D summary, the report upward.

const SOURCES = ['residence', 'youth_union', 'trade_union', 'women_union', 'farmers_union', 'veterans_union'] as const;

export function CommentsFields() {
  const { t } = useTranslation();
  const { f, required } = useStepFieldText();
  return (
    <>
      <Form.Item name="organizations" label={f('organizations')}>
        <Select mode="multiple" aria-label={f('organizations')} options={SOURCES.slice(1).map((s) => ({ value: s, label: t(`admission.commentSources.${s}`) }))} />
      </Form.Item>
      <Typography.Title level={2} style={{ fontSize: '1.1rem' }}>
        {f('comments')}
      </Typography.Title>
      <Form.List name="comments">
        {(rows, { add, remove }) => (
          <>
            {rows.map((row, i) => (
              <fieldset key={row.key} style={{ border: '1px solid var(--ant-color-border, #d9d9d9)', borderRadius: 8, padding: '0.5rem 1rem', marginBottom: '1rem' }}>
                <legend style={{ width: 'auto', fontSize: '1em', marginBottom: 0, padding: '0 0.25rem' }}>{t('admission.stepFields.comment', { n: i + 1 })}</legend>
                <div style={STEP_GRID}>
                  <Form.Item name={[row.name, 'from']} label={f('from')} rules={required}>
                    <Select aria-label={`${t('admission.stepFields.comment', { n: i + 1 })}: ${f('from')}`} options={SOURCES.map((s) => ({ value: s, label: t(`admission.commentSources.${s}`) }))} />
                  </Form.Item>
                  <Form.Item name={[row.name, 'date']} label={f('date')} rules={required}>
                    <DateField aria-label={`${t('admission.stepFields.comment', { n: i + 1 })}: ${f('date')}`} noFuture />
                  </Form.Item>
                </div>
                <Form.Item name={[row.name, 'summary']} label={f('commentSummary')} rules={required}>
                  <Input.TextArea maxLength={2000} autoSize={{ minRows: 1, maxRows: 4 }} />
                </Form.Item>
                {i > 0 && (
                  <Button onClick={() => remove(row.name)} style={{ marginBottom: '0.5rem' }}>
                    {f('removeSubject')}
                  </Button>
                )}
              </fieldset>
            ))}
            <Button onClick={() => add({})} style={{ marginBottom: '1rem' }}>
              {f('addComment')}
            </Button>
          </>
        )}
      </Form.List>
      <Form.Item name="summary" label={f('summary')} rules={required}>
        <Input.TextArea maxLength={4000} autoSize={{ minRows: 2, maxRows: 6 }} />
      </Form.Item>
    </>
  );
}

export function BallotFields() {
  const { t } = useTranslation();
  const { f, required } = useStepFieldText();
  return (
    <div style={STEP_GRID}>
      <Form.Item name={['ballot', 'method']} label={f('ballotMethod')} rules={required}>
        <Radio.Group aria-label={f('ballotMethod')} options={(['secret_ballot', 'raised_card'] as const).map((m) => ({ value: m, label: t(`admission.ballotMethods.${m}`) }))} />
      </Form.Item>
      <Form.Item name={['ballot', 'reportedUpOn']} label={f('reportedUpOn')}>
        <DateField aria-label={f('reportedUpOn')} noFuture />
      </Form.Item>
    </div>
  );
}
