import { useTranslation } from 'react-i18next';
import type { AdmissionCase } from '../../api/admission.js';
import type { DocumentKind } from '../../../../src/domain/admission/dossier-checklist.js';
import { formatDate } from '../../lib/format.js';

// What an admission step keeps beside its date and votes, shown in the timeline: the people
// checked or skipped, the replies, the comments, the ballot method, a decision's dossier warning.

type Step = AdmissionCase['steps'][number];
type Relation = 'applicant' | 'father' | 'mother' | 'parent_in_law' | 'carer' | 'spouse' | 'child';
type Ground = 'member_relative' | 'spouse_side_member' | 'same_commune';
type Source = 'residence' | 'youth_union' | 'trade_union' | 'women_union' | 'farmers_union' | 'veterans_union';

interface Details {
  subjects?: { relation: Relation; fullName: string; abroad?: boolean; check: { checkerName: string } | null; skip: { ground: Ground; confirmedBy: string } | null }[];
  replies?: { subjectIndex: number; replyDate: string; result: 'clear' | 'concerns'; late?: boolean }[];
  comments?: { from: Source; date: string; summary: string }[];
  summary?: string | null;
  ballot?: { method: 'secret_ballot' | 'raised_card'; reportedUpOn: string | null };
  dossierMissing?: DocumentKind[];
}

export function StepDetails({ step, steps }: { step: Step; steps: readonly Step[] }) {
  const { t } = useTranslation();
  const d = step.details as Details;
  const request = [...steps].reverse().find((s) => s.kind === 'background_check_requested');
  const listed = (request?.details as Details | undefined)?.subjects ?? [];
  return (
    <>
      {d.subjects && (
        <ul style={{ margin: '0.25rem 0', paddingLeft: '1.25rem' }}>
          {d.subjects.map((s, i) => (
            <li key={i}>
              {t(`admission.relations.${s.relation}`)}: {s.fullName} —{' '}
              {s.skip
                ? t('admission.details.skipped', { ground: t(`admission.skipGrounds.${s.skip.ground}`), by: s.skip.confirmedBy })
                : t('admission.details.checkedBy', { checker: s.check?.checkerName ?? '' })}
              {s.abroad ? ` (${t('admission.stepFields.subjectAbroad').toLowerCase()})` : ''}
            </li>
          ))}
        </ul>
      )}
      {d.replies && (
        <ul style={{ margin: '0.25rem 0', paddingLeft: '1.25rem' }}>
          {d.replies.map((r) => (
            <li key={r.subjectIndex}>
              {listed[r.subjectIndex]?.fullName ?? '—'}: {t(`admission.results.${r.result}`)}, {formatDate(r.replyDate)}
              {r.late ? ` (${t('admission.case.late')})` : ''}
            </li>
          ))}
        </ul>
      )}
      {d.comments && (
        <ul style={{ margin: '0.25rem 0', paddingLeft: '1.25rem' }}>
          {d.comments.map((c, i) => (
            <li key={i}>
              {t(`admission.commentSources.${c.from}`)} ({formatDate(c.date)}): {c.summary}
            </li>
          ))}
        </ul>
      )}
      {d.summary && <div>{t('admission.details.summary', { text: d.summary })}</div>}
      {d.ballot && (
        <div>
          {t(`admission.ballotMethods.${d.ballot.method}`)}
          {d.ballot.reportedUpOn ? ` · ${t('admission.details.reportedUp', { date: formatDate(d.ballot.reportedUpOn) })}` : ''}
        </div>
      )}
      {d.dossierMissing && d.dossierMissing.length > 0 && (
        <div>{t('admission.details.dossierMissing', { list: d.dossierMissing.map((k) => t(`admission.checklist.documents.${k}`)).join('; ') })}</div>
      )}
    </>
  );
}
