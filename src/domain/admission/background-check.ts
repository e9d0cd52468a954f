import { normalizeName } from '../vn-name.js';
import { backgroundReplyDue } from './admission-deadlines.js';

// The background check (thẩm tra lý lịch) of an admission case: who is checked (R-ADM-11), who may
// be left unchecked and on what ground (R-ADM-12), who may not be sent to check (R-ADM-13), and
// the reply deadline of each letter (R-ADM-14, computed in admission-deadlines.ts).

/** R-ADM-11: the applicant and the "người thân" whose lý lịch is checked. */
export const BACKGROUND_RELATIONS = ['applicant', 'father', 'mother', 'parent_in_law', 'carer', 'spouse', 'child'] as const;
export type BackgroundRelation = (typeof BACKGROUND_RELATIONS)[number];

/** R-ADM-12: the three grounds on which a relative's check may be skipped. */
export const BACKGROUND_SKIP_GROUNDS = ['member_relative', 'spouse_side_member', 'same_commune'] as const;
export type BackgroundSkipGround = (typeof BACKGROUND_SKIP_GROUNDS)[number];

const SPOUSE_SIDE: readonly BackgroundRelation[] = ['spouse', 'parent_in_law'];

export interface BackgroundSubject {
  readonly relation: BackgroundRelation;
  readonly fullName: string;
  readonly birthYear: number | null;
  /** Where the lý lịch is checked (the cấp ủy written to). */
  readonly checkedAt: string;
  readonly abroad: boolean;
  /** The person sent to check and the letter, when the subject is checked. */
  readonly check: { readonly checkerName: string; readonly checkerPosition: string; readonly letterDate: string } | null;
  /**
   * The ground of a skip and who confirmed it: the member's name and cấp ủy for the first two
   * grounds, the commune cấp ủy for the third.
   */
  readonly skip: { readonly ground: BackgroundSkipGround; readonly confirmedBy: string; readonly confirmedOn: string } | null;
}

export type BackgroundSubjectProblem =
  | { readonly problem: 'applicant_missing' }
  | { readonly problem: 'applicant_twice'; readonly index: number }
  | { readonly problem: 'applicant_skipped'; readonly index: number }
  | { readonly problem: 'subject_unresolved'; readonly index: number }
  | { readonly problem: 'checked_and_skipped'; readonly index: number }
  | { readonly problem: 'skip_ground_not_for_relation'; readonly index: number; readonly ground: BackgroundSkipGround }
  | { readonly problem: 'skip_unconfirmed'; readonly index: number }
  | { readonly problem: 'checker_is_subject'; readonly index: number; readonly subjectIndex: number }
  | { readonly problem: 'letter_after_step'; readonly index: number }
  | { readonly problem: 'date_after_step'; readonly index: number };

/**
 * R-ADM-11/12/13 on the request step: the applicant is listed once and checked; every relative is
 * either checked (a named checker and a letter) or skipped on a confirmed R-ADM-12 ground; no one
 * listed is sent to check anyone (names compared normalized, without diacritics and case).
 */
export function backgroundSubjectsProblem(subjects: readonly BackgroundSubject[], stepDate: string): BackgroundSubjectProblem | null {
  const applicants = subjects.flatMap((s, i) => (s.relation === 'applicant' ? [i] : []));
  if (applicants.length === 0) return { problem: 'applicant_missing' };
  if (applicants.length > 1) return { problem: 'applicant_twice', index: applicants[1]! };
  const listed = subjects.map((s) => normalizeName(s.fullName));
  for (const [index, s] of subjects.entries()) {
    if (s.check && s.skip) return { problem: 'checked_and_skipped', index };
    if (s.skip) {
      if (s.relation === 'applicant') return { problem: 'applicant_skipped', index };
      // R-ADM-12: the spouse-side ground covers the spouse's side only; the member-relative ground
      // the applicant's own parents, carer and children.
      const spouseSide = SPOUSE_SIDE.includes(s.relation);
      if ((s.skip.ground === 'spouse_side_member' && !spouseSide) || (s.skip.ground === 'member_relative' && spouseSide)) {
        return { problem: 'skip_ground_not_for_relation', index, ground: s.skip.ground };
      }
      if (s.skip.confirmedBy.trim() === '') return { problem: 'skip_unconfirmed', index };
      if (s.skip.confirmedOn > stepDate) return { problem: 'date_after_step', index };
      continue;
    }
    if (!s.check) return { problem: 'subject_unresolved', index };
    // R-ADM-13: the applicant and the listed relatives are never the ones sent to check.
    const subjectIndex = listed.indexOf(normalizeName(s.check.checkerName));
    if (subjectIndex >= 0) return { problem: 'checker_is_subject', index, subjectIndex };
    if (s.check.letterDate > stepDate) return { problem: 'letter_after_step', index };
  }
  return null;
}

export const BACKGROUND_RESULTS = ['clear', 'concerns'] as const;
export type BackgroundResult = (typeof BACKGROUND_RESULTS)[number];

export interface BackgroundReply {
  readonly subjectIndex: number;
  readonly replyDate: string;
  readonly result: BackgroundResult;
}

export type BackgroundReplyProblem =
  | { readonly problem: 'reply_missing'; readonly subjectIndex: number }
  | { readonly problem: 'reply_for_unchecked'; readonly index: number }
  | { readonly problem: 'reply_twice'; readonly index: number }
  | { readonly problem: 'reply_before_letter'; readonly index: number }
  | { readonly problem: 'date_after_step'; readonly index: number };

/** A checked subject's reply, with whether it came after the R-ADM-14 deadline (kept, and said). */
export interface BackgroundReplyOutcome {
  readonly subjectIndex: number;
  readonly due: string;
  readonly late: boolean;
}

/**
 * The reply step completes only when every checked subject has its reply, none dated before its
 * letter or after the step; a skipped subject needs none.
 */
export function backgroundRepliesOutcome(
  subjects: readonly BackgroundSubject[],
  replies: readonly BackgroundReply[],
  stepDate: string,
): { ok: true; replies: BackgroundReplyOutcome[] } | ({ ok: false } & BackgroundReplyProblem) {
  const seen = new Set<number>();
  const out: BackgroundReplyOutcome[] = [];
  for (const [index, r] of replies.entries()) {
    const s = subjects[r.subjectIndex];
    if (!s?.check) return { ok: false, problem: 'reply_for_unchecked', index };
    if (seen.has(r.subjectIndex)) return { ok: false, problem: 'reply_twice', index };
    seen.add(r.subjectIndex);
    if (r.replyDate < s.check.letterDate) return { ok: false, problem: 'reply_before_letter', index };
    if (r.replyDate > stepDate) return { ok: false, problem: 'date_after_step', index };
    const due = backgroundReplyDue(s.check.letterDate, s.abroad);
    out.push({ subjectIndex: r.subjectIndex, due, late: r.replyDate > due });
  }
  const missing = subjects.findIndex((s, i) => s.check !== null && !seen.has(i));
  if (missing >= 0) return { ok: false, problem: 'reply_missing', subjectIndex: missing };
  return { ok: true, replies: out };
}
