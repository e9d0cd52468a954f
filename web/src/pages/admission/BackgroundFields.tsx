import { Button, Checkbox, Form, Input, InputNumber, Select, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { AdmissionCase } from '../../api/admission.js';
import { DateField } from '../../components/DateField.js';
import { formatDate } from '../../lib/format.js';
import { STEP_GRID, useStepFieldText } from '../case/StepFormParts.js';

// The rows of the background check (R-ADM-11…14): who is checked and by whom, or on what ground
// the check is skipped; then one reply per checked person. The server judges the list (the
// applicant present, no one listed sent to check, a ground that fits the relation).

const RELATIONS = ['applicant', 'father', 'mother', 'parent_in_law', 'carer', 'spouse', 'child'] as const;
const GROUNDS = ['member_relative', 'spouse_side_member', 'same_commune'] as const;
const FIELDSET = { border: '1px solid var(--ant-color-border, #d9d9d9)', borderRadius: 8, padding: '0.5rem 1rem', marginBottom: '1rem' } as const;
const LEGEND = { width: 'auto', fontSize: '1em', marginBottom: 0, padding: '0 0.25rem' } as const;

export interface SubjectRow {
  relation: string;
  fullName: string;
  birthYear?: number | null;
  checkedAt: string;
  abroad?: boolean;
  treatment: 'check' | 'skip';
  checkerName?: string;
  checkerPosition?: string;
  letterDate?: string;
  ground?: string;
  confirmedBy?: string;
  confirmedOn?: string;
}

/** The rows as the API takes them: a check or a skip, never both. */
export function subjectsBody(rows: SubjectRow[]) {
  return rows.map((r) => ({
    relation: r.relation,
    fullName: r.fullName,
    birthYear: r.birthYear ?? null,
    checkedAt: r.checkedAt,
    abroad: r.abroad ?? false,
    check: r.treatment === 'check' ? { checkerName: r.checkerName ?? '', checkerPosition: r.checkerPosition ?? '', letterDate: r.letterDate ?? '' } : null,
    skip: r.treatment === 'skip' ? { ground: r.ground ?? '', confirmedBy: r.confirmedBy ?? '', confirmedOn: r.confirmedOn ?? '' } : null,
  }));
}

export function initialSubjects(applicant: string, today: string): SubjectRow[] {
  return [{ relation: 'applicant', fullName: applicant, checkedAt: '', treatment: 'check', letterDate: today }];
}

export function BackgroundSubjectsFields() {
  const { t } = useTranslation();
  const { f, required } = useStepFieldText();
  return (
    <Form.List name="subjects">
      {(rows, { add, remove }) => (
        <>
          <Typography.Title level={2} style={{ fontSize: '1.1rem' }}>
            {f('subjects')}
          </Typography.Title>
          {rows.map((row, i) => (
            <fieldset key={row.key} style={FIELDSET}>
              <legend style={LEGEND}>{t('admission.stepFields.subject', { n: i + 1 })}</legend>
              <div style={STEP_GRID}>
                <Form.Item name={[row.name, 'relation']} label={f('relation')} rules={required}>
                  <Select aria-label={`${t('admission.stepFields.subject', { n: i + 1 })}: ${f('relation')}`} options={RELATIONS.map((r) => ({ value: r, label: t(`admission.relations.${r}`) }))} />
                </Form.Item>
                <Form.Item name={[row.name, 'fullName']} label={f('fullName')} rules={required}>
                  <Input maxLength={120} />
                </Form.Item>
                <Form.Item name={[row.name, 'birthYear']} label={f('birthYear')}>
                  <InputNumber aria-label={f('birthYear')} min={1900} max={2100} precision={0} style={{ width: '100%' }} />
                </Form.Item>
                <Form.Item name={[row.name, 'checkedAt']} label={f('checkedAt')} rules={required}>
                  <Input maxLength={300} />
                </Form.Item>
                <Form.Item name={[row.name, 'treatment']} label={f('treatment')} rules={required}>
                  <Select aria-label={`${t('admission.stepFields.subject', { n: i + 1 })}: ${f('treatment')}`} options={(['check', 'skip'] as const).map((x) => ({ value: x, label: t(`admission.treatments.${x}`) }))} />
                </Form.Item>
                <Form.Item name={[row.name, 'abroad']} valuePropName="checked" label=" ">
                  <Checkbox>{f('subjectAbroad')}</Checkbox>
                </Form.Item>
              </div>
              <Form.Item noStyle dependencies={[['subjects', row.name, 'treatment']]}>
                {({ getFieldValue }) =>
                  getFieldValue(['subjects', row.name, 'treatment']) === 'skip' ? (
                    <div style={STEP_GRID}>
                      <Form.Item name={[row.name, 'ground']} label={f('skipGround')} rules={required} style={{ gridColumn: '1 / -1' }}>
                        <Select aria-label={`${t('admission.stepFields.subject', { n: i + 1 })}: ${f('skipGround')}`} options={GROUNDS.map((g) => ({ value: g, label: t(`admission.skipGrounds.${g}`) }))} />
                      </Form.Item>
                      <Form.Item name={[row.name, 'confirmedBy']} label={f('confirmedBy')} rules={required}>
                        <Input maxLength={300} />
                      </Form.Item>
                      <Form.Item name={[row.name, 'confirmedOn']} label={f('confirmedOn')} rules={required}>
                        <DateField aria-label={f('confirmedOn')} noFuture />
                      </Form.Item>
                    </div>
                  ) : (
                    <div style={STEP_GRID}>
                      <Form.Item name={[row.name, 'checkerName']} label={f('checkerName')} rules={required}>
                        <Input maxLength={120} />
                      </Form.Item>
                      <Form.Item name={[row.name, 'checkerPosition']} label={f('checkerPosition')} rules={required}>
                        <Input maxLength={200} />
                      </Form.Item>
                      <Form.Item name={[row.name, 'letterDate']} label={f('letterDate')} rules={required}>
                        <DateField aria-label={f('letterDate')} noFuture />
                      </Form.Item>
                    </div>
                  )
                }
              </Form.Item>
              {i > 0 && (
                <Button onClick={() => remove(row.name)} style={{ marginBottom: '0.5rem' }}>
                  {f('removeSubject')}
                </Button>
              )}
            </fieldset>
          ))}
          <Button onClick={() => add({ relation: 'father', treatment: 'check' })} style={{ marginBottom: '1rem' }}>
            {f('addSubject')}
          </Button>
        </>
      )}
    </Form.List>
  );
}

interface RequestedSubject {
  relation: string;
  fullName: string;
  abroad?: boolean;
  check: { letterDate: string } | null;
}

/** The people the request step sent someone to check, with their index in its list. */
export function checkedSubjects(c: AdmissionCase): { index: number; subject: RequestedSubject }[] {
  const request = [...c.steps].reverse().find((s) => s.kind === 'background_check_requested');
  const subjects = (request?.details.subjects ?? []) as RequestedSubject[];
  return subjects.flatMap((subject, index) => (subject.check ? [{ index, subject }] : []));
}

/** One reply per checked person; a skipped one needs none (R-ADM-12). */
export function BackgroundRepliesFields({ c }: { c: AdmissionCase }) {
  const { t } = useTranslation();
  const { f, required } = useStepFieldText();
  const checked = checkedSubjects(c);
  if (checked.length === 0) return <Typography.Paragraph>{f('noSubjects')}</Typography.Paragraph>;
  return (
    <>
      {checked.map(({ index, subject }, i) => (
        <fieldset key={index} style={FIELDSET}>
          <legend style={LEGEND}>
            {t(`admission.relations.${subject.relation as (typeof RELATIONS)[number]}`)}: {subject.fullName} · {f('letterDate')} {formatDate(subject.check!.letterDate)}
          </legend>
          <div style={STEP_GRID}>
            <Form.Item name={['replies', i, 'replyDate']} label={f('replyDate')} rules={required}>
              <DateField aria-label={`${subject.fullName}: ${f('replyDate')}`} noFuture />
            </Form.Item>
            <Form.Item name={['replies', i, 'result']} label={f('result')} rules={required}>
              <Select aria-label={`${subject.fullName}: ${f('result')}`} options={(['clear', 'concerns'] as const).map((r) => ({ value: r, label: t(`admission.results.${r}`) }))} />
            </Form.Item>
          </div>
        </fieldset>
      ))}
    </>
  );
}

/** The replies as the API takes them, each naming its subject's place in the request's list. */
export function repliesBody(c: AdmissionCase, rows: { replyDate: string; result: string }[] | undefined) {
  return checkedSubjects(c).map(({ index }, i) => ({ subjectIndex: index, replyDate: rows?.[i]?.replyDate, result: rows?.[i]?.result }));
}
