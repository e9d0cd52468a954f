import { Card, Tag, Timeline, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDate } from '../../lib/format.js';

/** A recorded step as every case's API returns it (admission, recognition …). */
export interface CaseStep {
  id: number;
  kind: string;
  date: string;
  outcome: string;
  decisionNo: string | null;
  votes: { members: number; inFavour: number; against: number } | null;
  notes: string | null;
  recordedBy: number | null;
  details: Record<string, unknown>;
}

/**
 * What has been done on a case, as a timeline from its opening: each step with its outcome, the
 * decision number, votes, notes and who recorded it; `extra` adds what a kind of case records
 * beside (a proposal, an escalation). Passed in our AA green (styles.css), failed in red.
 */
export function CaseTimeline<S extends CaseStep>(p: { openedOn: string; steps: readonly S[]; stepLabel(kind: S['kind']): string; outcomeLabel(outcome: S['outcome']): string; extra?(s: S): ReactNode }) {
  const { t } = useTranslation();
  const who = (s: S) => (s.recordedBy === null ? t('admission.case.bySeed') : t('admission.case.byUser', { id: s.recordedBy }));
  const items = [
    { key: 'opened', color: 'gray', title: formatDate(p.openedOn), content: t('admission.case.opened', { date: formatDate(p.openedOn) }) },
    ...p.steps.map((s) => ({
      key: s.id,
      color: s.outcome === 'failed' ? 'red' : s.outcome === 'passed' ? 'green' : 'blue',
      title: formatDate(s.date),
      content: (
        <div data-step={s.kind}>
          <Typography.Text strong>{p.stepLabel(s.kind)}</Typography.Text>{' '}
          <Tag {...(s.outcome === 'failed' ? { color: 'red' } : s.outcome === 'passed' ? { className: 'tag-done' } : {})}>{p.outcomeLabel(s.outcome)}</Tag>
          {s.details.late === true && <Tag className="tag-extension">{t('admission.case.late')}</Tag>}
          {p.extra?.(s)}
          {s.decisionNo && <div>{s.decisionNo}</div>}
          {s.votes && <div>{t('admission.case.votes', s.votes)}</div>}
          {s.notes && <div>{s.notes}</div>}
          <Typography.Text type="secondary">{t('admission.case.by', { who: who(s) })}</Typography.Text>
        </div>
      ),
    })),
  ];
  return (
    <Card size="small" title={t('admission.case.steps')}>
      <Timeline items={items} />
    </Card>
  );
}
