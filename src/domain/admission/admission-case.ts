import { periodEnd } from '../rules/period.js';
import { paramOn, RuleNotInForceError, type RuleSettings } from '../rules/params.js';
import { ADM_DOSSIER_VALIDITY, type DecidingAuthority } from '../rules/admission.params.js';
import type { VoteCount, VoteProblem } from '../votes/vote.js';
import { admissionAge } from './admission-age.js';
import { admissionDecisionDue, backgroundReplyDue, ceremonyDue, dossierStillValid, memberFormsDue } from './admission-deadlines.js';
import { courseCertificateProblem, courseCertificateValidUntil } from './course-certificate.js';
import { partyVoteOutcome } from './party-vote.js';
import { ballotProblem, type BallotProblem, type BallotRecord } from './ballot.js';
import {
  backgroundRepliesOutcome,
  backgroundSubjectsProblem,
  type BackgroundReply,
  type BackgroundReplyProblem,
  type BackgroundSubject,
  type BackgroundSubjectProblem,
} from './background-check.js';
import { commentsProblem, type AdmissionComment, type CommentsProblem, type MemberOrganization } from './comments.js';
import { sponsorProblems, sponsorRequirement, type ApplicantForSponsorship, type SponsorFacts, type SponsorProblem } from './sponsors.js';

// The admission case as a state machine (R-ADM-05 … R-ADM-24). Steps come in the order of HD06 §3:
// course, introducers, background check (asked, answered), comments, chi bộ resolution, đảng ủy
// cơ sở resolution (only where the cell sits under one), the deciding authority's decision, the
// ceremony, the member's forms. None may be skipped or taken twice, none dated before the one
// before it. A vote that does not reach its threshold closes the case as rejected: the rules
// have the full result reported upward (R-ADM-34) but no path that continues the same case.
// Not here yet: a move of the applicant (R-ADM-25/26), the over-60 path (R-ADM-02), readmission
// (R-ADM-27/28) — the functions exist, the case does not branch on them.

export const ADMISSION_STEP_KINDS = [
  'course_certificate',
  'sponsors',
  'background_check_requested',
  'background_check_replied',
  'comments',
  'cell_resolution',
  'grassroots_resolution',
  'decision',
  'ceremony',
  'member_forms',
] as const;
export type AdmissionStepKind = (typeof ADMISSION_STEP_KINDS)[number];

export const ADMISSION_STATES = [
  'opened',
  'course_certified',
  'sponsored',
  'background_check_pending',
  'background_checked',
  'comments_collected',
  'cell_resolved',
  'grassroots_resolved',
  'decided',
  'admitted',
  'completed',
  'rejected',
] as const;
export type AdmissionState = (typeof ADMISSION_STATES)[number];

const STATE_AFTER: Record<AdmissionStepKind, AdmissionState> = {
  course_certificate: 'course_certified',
  sponsors: 'sponsored',
  background_check_requested: 'background_check_pending',
  background_check_replied: 'background_checked',
  comments: 'comments_collected',
  cell_resolution: 'cell_resolved',
  grassroots_resolution: 'grassroots_resolved',
  decision: 'decided',
  ceremony: 'admitted',
  member_forms: 'completed',
};

export const CLOSED_STATES: readonly AdmissionState[] = ['completed', 'rejected'];
export const isClosed = (s: AdmissionState): boolean => CLOSED_STATES.includes(s);

/** What the machine needs to know of a case. */
export interface AdmissionCaseFacts {
  readonly state: AdmissionState;
  /** The cell sits under a đảng ủy cơ sở (org type `cell`), which adopts its own resolution (R-ADM-17). */
  readonly needsGrassrootsResolution: boolean;
  readonly candidateBirthDate: string;
  readonly candidateIsYouthUnionMember: boolean;
  readonly openedOn: string;
  readonly courseCertificateDate: string | null;
  readonly sponsorsDate: string | null;
  readonly backgroundRequestedOn: string | null;
  readonly backgroundAbroad: boolean | null;
  readonly cellResolutionDate: string | null;
  readonly decisionDate: string | null;
  readonly ceremonyDate: string | null;
  /** Date of the last recorded step (the opening date before any). */
  readonly lastStepDate: string;
}

export type AdmissionStep =
  | { readonly kind: 'course_certificate'; readonly date: string }
  | {
      readonly kind: 'sponsors';
      readonly date: string;
      readonly youthUnionOrgExists: boolean;
      readonly tradeUnionOrgExists: boolean;
      readonly isYouthUnionCadre: boolean;
      /** The Đoàn or Công đoàn resolution that replaces one introducer, if adopted. */
      readonly resolutionBy: 'youth_union' | 'trade_union' | null;
      readonly sponsors: readonly SponsorFacts[];
    }
  | { readonly kind: 'background_check_requested'; readonly date: string; readonly abroad: boolean; readonly subjects: readonly BackgroundSubject[] }
  | {
      readonly kind: 'background_check_replied';
      readonly date: string;
      /** The subjects listed on the request step. */
      readonly subjects: readonly BackgroundSubject[];
      readonly replies: readonly BackgroundReply[];
    }
  | {
      readonly kind: 'comments';
      readonly date: string;
      readonly organizations: readonly MemberOrganization[];
      readonly comments: readonly AdmissionComment[];
      readonly summary: string | null;
    }
  | { readonly kind: 'cell_resolution'; readonly date: string; readonly votes: VoteCount; readonly ballot: BallotRecord }
  | { readonly kind: 'grassroots_resolution'; readonly date: string; readonly votes: VoteCount; readonly ballot: BallotRecord }
  | { readonly kind: 'decision'; readonly date: string; readonly authority: DecidingAuthority; readonly votes: VoteCount; readonly ballot: BallotRecord }
  | { readonly kind: 'ceremony'; readonly date: string; readonly superiorConsent: boolean }
  | { readonly kind: 'member_forms'; readonly date: string };

export type AdmissionStepProblem =
  | { readonly problem: 'step_not_allowed'; readonly expected: AdmissionStepKind | null }
  | { readonly problem: 'date_before_previous_step'; readonly previous: string }
  | { readonly problem: 'vote_impossible'; readonly vote: VoteProblem }
  | { readonly problem: 'course_certificate'; readonly detail: 'missing' | 'dated_after_resolution' | 'expired' }
  | { readonly problem: 'age'; readonly detail: 'under_18' | 'over_60'; readonly months: number }
  | { readonly problem: 'dossier_expired'; readonly preparedOn: string }
  | { readonly problem: 'sponsors_insufficient'; readonly required: 'two_members' | 'one_member_and_resolution' | 'must_be_youth_union_member' }
  | { readonly problem: 'sponsor_not_eligible'; readonly index: number; readonly reasons: readonly SponsorProblem[] }
  | { readonly problem: 'ceremony_late_without_consent'; readonly due: string }
  | { readonly problem: 'background_subject'; readonly detail: BackgroundSubjectProblem }
  | { readonly problem: 'background_reply'; readonly detail: BackgroundReplyProblem }
  | { readonly problem: 'comments'; readonly detail: CommentsProblem }
  | { readonly problem: 'ballot'; readonly detail: BallotProblem };

export interface AdmissionStepDone {
  readonly ok: true;
  readonly outcome: 'done' | 'passed' | 'failed';
  readonly state: AdmissionState;
  /** Recorded after its deadline (R-ADM-19 with the extension used, R-ADM-24): kept, and said. */
  readonly late: boolean;
}

export type AdmissionStepResult = AdmissionStepDone | ({ readonly ok: false } & AdmissionStepProblem);

/** The one step that may come next, or null on a closed case. */
export function expectedStep(c: Pick<AdmissionCaseFacts, 'state' | 'needsGrassrootsResolution'>): AdmissionStepKind | null {
  if (isClosed(c.state)) return null;
  if (c.state === 'opened') return 'course_certificate';
  const last = ADMISSION_STEP_KINDS.find((k) => STATE_AFTER[k] === c.state)!;
  const next = ADMISSION_STEP_KINDS[ADMISSION_STEP_KINDS.indexOf(last) + 1] ?? null;
  // R-ADM-17: a chi bộ cơ sở has no đảng ủy cơ sở above it; its resolution goes straight up.
  if (next === 'grassroots_resolution' && !c.needsGrassrootsResolution) return 'decision';
  return next;
}

const fail = (p: AdmissionStepProblem): AdmissionStepResult => ({ ok: false, ...p });

function voted(level: Parameters<typeof partyVoteOutcome>[0], votes: VoteCount, ballot: BallotRecord, date: string, state: AdmissionState): AdmissionStepResult {
  const outcome = partyVoteOutcome(level, votes, date);
  if (!outcome.ok) return fail({ problem: 'vote_impossible', vote: outcome.problem });
  // R-ADM-34: the method is always recorded; a vote short of its ratio records its report upward.
  const ballotWrong = ballotProblem(ballot, outcome.passed, date);
  if (ballotWrong) return fail({ problem: 'ballot', detail: ballotWrong });
  return outcome.passed ? { ok: true, outcome: 'passed', state, late: false } : { ok: true, outcome: 'failed', state: 'rejected', late: false };
}

/** Whether `step` may be recorded on the case, and what it leads to. */
export function applyAdmissionStep(c: AdmissionCaseFacts, step: AdmissionStep, settings?: RuleSettings): AdmissionStepResult {
  const expected = expectedStep(c);
  if (step.kind !== expected) return fail({ problem: 'step_not_allowed', expected });
  if (step.date < c.lastStepDate) return fail({ problem: 'date_before_previous_step', previous: c.lastStepDate });
  const next = STATE_AFTER[step.kind];
  const done: AdmissionStepResult = { ok: true, outcome: 'done', state: next, late: false };

  switch (step.kind) {
    case 'course_certificate':
      return done;
    case 'background_check_requested': {
      // R-ADM-11/12/13: who is checked, who is validly skipped, who may not check.
      const detail = backgroundSubjectsProblem(step.subjects, step.date);
      return detail ? fail({ problem: 'background_subject', detail }) : done;
    }
    case 'background_check_replied': {
      // Complete only when every checked subject has its reply (R-ADM-14 lateness is kept, said).
      const r = safely(() => backgroundRepliesOutcome(step.subjects, step.replies, step.date));
      if (r !== null && !r.ok) {
        const { ok: _ok, ...detail } = r;
        return fail({ problem: 'background_reply', detail });
      }
      return { ...done, late: r !== null && r.replies.some((x) => x.late) };
    }
    case 'comments': {
      // R-ADM-15: the residence comment, one per organization, and the 5D summary.
      const detail = commentsProblem({ ...step, organizations: withYouthUnion(step.organizations, c.candidateIsYouthUnionMember) });
      return detail ? fail({ problem: 'comments', detail }) : done;
    }
    case 'sponsors':
      return sponsorsStep(c, step, settings) ?? done;
    case 'cell_resolution': {
      // R-ADM-05/06: the certificate exists, predates the resolution, and is at most 60 months old.
      const course = courseCertificateProblem(c.courseCertificateDate, step.date);
      if (course) return fail({ problem: 'course_certificate', detail: course });
      // R-ADM-01: 18 to 60 in months on the date the chi bộ considers the admission. Over 60 needs
      // the R-ADM-02 path, which this case does not carry yet: refused rather than waved through.
      const age = admissionAge(c.candidateBirthDate, step.date, settings);
      if (age.kind !== 'eligible') return fail({ problem: 'age', detail: age.kind, months: age.months });
      // R-ADM-21: the dossier (its introducers' letters onwards) is at most 12 months old.
      if (c.sponsorsDate !== null && !dossierStillValid(c.sponsorsDate, step.date)) return fail({ problem: 'dossier_expired', preparedOn: c.sponsorsDate });
      // R-ADM-16: two thirds of the official members in favour.
      return voted('cell', step.votes, step.ballot, step.date, next);
    }
    case 'grassroots_resolution':
      // R-ADM-17: two thirds of the đảng ủy cơ sở members.
      return voted('grassroots_committee', step.votes, step.ballot, step.date, next);
    case 'decision': {
      // R-ADM-18: the deciding authority's threshold.
      const r = voted(step.authority, step.votes, step.ballot, step.date, next);
      if (!r.ok || r.outcome === 'failed' || c.cellResolutionDate === null) return r;
      // R-ADM-19: decided within the deadline of the rule version in force on the chi bộ resolution.
      const due = safely(() => admissionDecisionDue(c.cellResolutionDate!));
      return { ...r, late: due !== null && step.date > due.due };
    }
    case 'ceremony': {
      // R-ADM-22: within 30 wd of the decision reaching the chi bộ (taken as the decision date:
      // the receipt is not recorded); later only with the direct superior's consent.
      const due = c.decisionDate === null ? null : safely(() => ceremonyDue(c.decisionDate!));
      if (due !== null && step.date > due) {
        if (!step.superiorConsent) return fail({ problem: 'ceremony_late_without_consent', due });
        return { ...done, late: true };
      }
      return done;
    }
    case 'member_forms': {
      // R-ADM-24: forms within 30 wd of the ceremony; a late declaration is still taken.
      const due = c.ceremonyDate === null ? null : safely(() => memberFormsDue(c.ceremonyDate!));
      return { ...done, late: due !== null && step.date > due };
    }
  }
}

/** R-ADM-07 … R-ADM-10: enough introducers of the right kind, each of them eligible. */
function sponsorsStep(c: AdmissionCaseFacts, step: Extract<AdmissionStep, { kind: 'sponsors' }>, settings?: RuleSettings): AdmissionStepResult | null {
  const applicant: ApplicantForSponsorship = {
    birthDate: c.candidateBirthDate,
    isYouthUnionMember: c.candidateIsYouthUnionMember,
    isYouthUnionCadre: step.isYouthUnionCadre,
    youthUnionOrgExists: step.youthUnionOrgExists,
    tradeUnionOrgExists: step.tradeUnionOrgExists,
  };
  const required = sponsorRequirement(applicant, step.date, settings);
  const enough =
    required.kind === 'two_members'
      ? step.sponsors.length >= 2
      : required.kind === 'one_member_and_resolution'
        ? step.sponsors.length >= 2 || (step.sponsors.length >= 1 && step.resolutionBy === required.resolutionBy)
        : false;
  if (!enough) return fail({ problem: 'sponsors_insufficient', required: required.kind });
  for (const [index, s] of step.sponsors.entries()) {
    const reasons = sponsorProblems(s, step.date);
    if (reasons.length > 0) return fail({ problem: 'sponsor_not_eligible', index, reasons });
  }
  return null;
}

/** A Đoàn member on the candidate register belongs to the Đoàn, whatever the step lists. */
export function withYouthUnion(organizations: readonly MemberOrganization[], youthUnionMember: boolean): MemberOrganization[] {
  return youthUnionMember && !organizations.includes('youth_union') ? [...organizations, 'youth_union'] : [...organizations];
}

function safely<T>(f: () => T): T | null {
  try {
    return f();
  } catch (e) {
    // An event before the first version the rules carry has no deadline to show, not a wrong one.
    if (e instanceof RuleNotInForceError) return null;
    throw e;
  }
}

export interface OpenDeadline {
  readonly step: AdmissionStepKind;
  readonly ruleId: string;
  readonly due: string;
  readonly dueWithExtension: string | null;
}

/** The deadlines running on an open case, each from the version in force on its event's date. */
export function openDeadlines(c: AdmissionCaseFacts): OpenDeadline[] {
  const out: OpenDeadline[] = [];
  const add = (step: AdmissionStepKind, ruleId: string, f: () => { due: string; dueWithExtension: string | null } | string) => {
    const v = safely(f);
    if (v !== null) out.push(typeof v === 'string' ? { step, ruleId, due: v, dueWithExtension: null } : { step, ruleId, ...v });
  };
  const beforeCell = ['course_certified', 'sponsored', 'background_check_pending', 'background_checked', 'comments_collected'].includes(c.state);
  if (beforeCell && c.courseCertificateDate !== null) {
    const cert = c.courseCertificateDate;
    add('cell_resolution', 'R-ADM-06', () => courseCertificateValidUntil(cert, cert));
  }
  if (beforeCell && c.sponsorsDate !== null) {
    const prepared = c.sponsorsDate;
    add('cell_resolution', 'R-ADM-21', () => periodEnd(prepared, paramOn(ADM_DOSSIER_VALIDITY, prepared)));
  }
  if (c.state === 'background_check_pending' && c.backgroundRequestedOn !== null) {
    const asked = c.backgroundRequestedOn;
    add('background_check_replied', 'R-ADM-14', () => backgroundReplyDue(asked, c.backgroundAbroad ?? false));
  }
  if ((c.state === 'cell_resolved' || c.state === 'grassroots_resolved') && c.cellResolutionDate !== null) {
    const resolved = c.cellResolutionDate;
    add('decision', 'R-ADM-19', () => admissionDecisionDue(resolved));
  }
  if (c.state === 'decided' && c.decisionDate !== null) {
    const decided = c.decisionDate;
    add('ceremony', 'R-ADM-22', () => ceremonyDue(decided));
  }
  if (c.state === 'admitted' && c.ceremonyDate !== null) {
    const held = c.ceremonyDate;
    add('member_forms', 'R-ADM-24', () => memberFormsDue(held));
  }
  return out;
}
