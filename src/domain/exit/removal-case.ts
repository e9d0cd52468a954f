import { partyVoteOutcome } from '../admission/party-vote.js';
import type { DecidingAuthority } from '../rules/admission.params.js';
import { EXIT_ABSENCE_MONTHS, EXIT_ABSENCE_WINDOW, EXIT_APPEAL, EXIT_SELF_REVIEW_REQUESTS } from '../rules/exit.params.js';
import { paramOn, RuleNotInForceError, type RuleSettings } from '../rules/params.js';
import { periodEnd } from '../rules/period.js';
import type { WorkingCalendar } from '../calendar/working-days.js';
import { VN_WORKING_CALENDAR } from '../calendar/working-days.js';
import type { VoteCount, VoteProblem } from '../votes/vote.js';

// The removal case (xóa tên) of a member as a state machine (R-EXIT-01 … R-EXIT-04, votes as
// R-PROB-09). Steps come in the order of HD06 §11.1 and QĐ294 §8.2: the member is asked to
// self-review (each request and its reply recorded; after the third refusal the chi bộ proceeds,
// R-EXIT-03), the chi bộ resolution (≥ 2/3), the đảng ủy cơ sở resolution where the cell sits
// under one (≥ 2/3), the deciding authority's decision (> 1/2, or ≥ 2/3 for an authorized đảng ủy
// cơ sở) which removes the member; then the day the member receives it, which opens the 30-wd
// appeal window, the appeal and its resolution (R-EXIT-04). An upheld appeal restores the member
// (R-AGE-04). A vote that does not pass ends the case without removal: the proposal lapses and a
// new case may be opened. None may be skipped or taken twice, none dated before the one before it.
// Not here: a second appeal to a higher level after a rejected one (up to Ban Bí thư), R-EXIT-08
// (expulsion-worthy violations) and R-EXIT-09 (legal status), which need the discipline module.

/** R-EXIT-01 and R-EXIT-02 grounds, and R-EXIT-05 (applied by the receiving authority). */
export const REMOVAL_GROUNDS = [
  'missed_meetings', // R-EXIT-01: bỏ sinh hoạt đảng 3 tháng trong năm không có lý do chính đáng
  'unpaid_dues', // R-EXIT-01: không đóng đảng phí 3 tháng trong năm không có lý do chính đáng
  'card_returned', // R-EXIT-02: tự ý trả thẻ hoặc hủy thẻ đảng viên
  'no_progress', // R-EXIT-02: giảm sút ý chí, chi bộ giáo dục 12 tháng không tiến bộ
  'two_years_violations', // R-EXIT-02: hai năm liền vi phạm tư cách đảng viên
  'political_standard', // R-EXIT-02: không đủ tiêu chuẩn chính trị theo quy định của Bộ Chính trị
  'transfer_not_submitted', // R-EXIT-05: không nộp hồ sơ chuyển sinh hoạt quá 3 tháng
] as const;
export type RemovalGround = (typeof REMOVAL_GROUNDS)[number];

export const REMOVAL_STEP_KINDS = [
  'self_review_request',
  'cell_resolution',
  'grassroots_resolution',
  'decision',
  'notification',
  'appeal',
  'appeal_resolution',
  'finalize',
] as const;
export type RemovalStepKind = (typeof REMOVAL_STEP_KINDS)[number];

export const REMOVAL_STATES = [
  'opened',
  'self_reviewed',
  'cell_resolved',
  'grassroots_resolved',
  'removed',
  'notified',
  'appealed',
  'not_removed',
  'restored',
  'removal_upheld',
  'removal_final',
] as const;
export type RemovalState = (typeof REMOVAL_STATES)[number];

export const REMOVAL_CLOSED_STATES: readonly RemovalState[] = ['not_removed', 'restored', 'removal_upheld', 'removal_final'];
export const isRemovalClosed = (s: RemovalState): boolean => REMOVAL_CLOSED_STATES.includes(s);

/** The member's answer to a request to self-review (R-EXIT-03). */
export type SelfReviewReply = 'reviewed' | 'refused' | 'no_reply';
/** Where an appeal is resolved (R-EXIT-04): province or direct superior (90 wd), or the centre (180 wd). */
export type AppealLevel = 'provincial' | 'central';
export type AppealResult = 'upheld' | 'rejected';

export interface RemovalCaseFacts {
  readonly state: RemovalState;
  /** The cell sits under a đảng ủy cơ sở, which adopts its own resolution (R-PROB-09 via R-EXIT-03). */
  readonly needsGrassrootsResolution: boolean;
  /** Requests to self-review the member refused or left unanswered (R-EXIT-03). */
  readonly selfReviewRefusals: number;
  /** The day the member received the decision: the appeal window runs from it (R-EXIT-04). */
  readonly notifiedOn: string | null;
  readonly appealDate: string | null;
  readonly appealLevel: AppealLevel | null;
  /** Date of the last recorded step (the opening date before any). */
  readonly lastStepDate: string;
}

export type RemovalStep =
  | { readonly kind: 'self_review_request'; readonly date: string; readonly reply: SelfReviewReply }
  | { readonly kind: 'cell_resolution'; readonly date: string; readonly votes: VoteCount }
  | { readonly kind: 'grassroots_resolution'; readonly date: string; readonly votes: VoteCount }
  | { readonly kind: 'decision'; readonly date: string; readonly authority: DecidingAuthority; readonly votes: VoteCount }
  | { readonly kind: 'notification'; readonly date: string }
  | { readonly kind: 'appeal'; readonly date: string; readonly level: AppealLevel; readonly byMember: boolean }
  | { readonly kind: 'appeal_resolution'; readonly date: string; readonly result: AppealResult }
  | { readonly kind: 'finalize'; readonly date: string };

export type RemovalStepProblem =
  | { readonly problem: 'step_not_allowed'; readonly expected: readonly RemovalStepKind[] }
  | { readonly problem: 'date_before_previous_step'; readonly previous: string }
  | { readonly problem: 'vote_impossible'; readonly vote: VoteProblem }
  | { readonly problem: 'appeal_before_decision' }
  | { readonly problem: 'appeal_after_window'; readonly windowEnds: string }
  | { readonly problem: 'appeal_not_by_member' }
  | { readonly problem: 'appeal_window_open'; readonly windowEnds: string };

export interface RemovalStepDone {
  readonly ok: true;
  readonly outcome: 'done' | 'passed' | 'failed';
  readonly state: RemovalState;
  /** R-EXIT-03: the third refusal lets the chi bộ proceed without the self-review. */
  readonly proceedsWithoutSelfReview: boolean;
}
export type RemovalStepResult = RemovalStepDone | ({ readonly ok: false } & RemovalStepProblem);

/** The steps that may come next (two after the notification: the appeal, or closing after the window), none on a closed case. */
export function expectedRemovalSteps(c: Pick<RemovalCaseFacts, 'state' | 'needsGrassrootsResolution'>): RemovalStepKind[] {
  switch (c.state) {
    case 'opened':
      return ['self_review_request'];
    case 'self_reviewed':
      return ['cell_resolution'];
    case 'cell_resolved':
      return [c.needsGrassrootsResolution ? 'grassroots_resolution' : 'decision'];
    case 'grassroots_resolved':
      return ['decision'];
    case 'removed':
      return ['notification'];
    case 'notified':
      return ['appeal', 'finalize'];
    case 'appealed':
      return ['appeal_resolution'];
    case 'not_removed':
    case 'restored':
    case 'removal_upheld':
    case 'removal_final':
      return [];
  }
}

/** R-EXIT-04: the last day an appeal may be filed, 30 wd from the day the member received the decision. */
export function appealWindowEnds(notifiedOn: string, calendar: WorkingCalendar = VN_WORKING_CALENDAR): string {
  return periodEnd(notifiedOn, paramOn(EXIT_APPEAL, notifiedOn).file, calendar);
}

/** R-EXIT-04: the appeal is resolved within 90 wd (province, direct superior) or 180 wd (centre) of its filing. */
export function appealResolutionDue(appealDate: string, level: AppealLevel, calendar: WorkingCalendar = VN_WORKING_CALENDAR): string {
  const p = paramOn(EXIT_APPEAL, appealDate);
  return periodEnd(appealDate, level === 'central' ? p.resolveCentral : p.resolveProvincial, calendar);
}

const fail = (p: RemovalStepProblem): RemovalStepResult => ({ ok: false, ...p });
const done = (state: RemovalState, outcome: RemovalStepDone['outcome'] = 'done', proceedsWithoutSelfReview = false): RemovalStepResult => ({
  ok: true,
  outcome,
  state,
  proceedsWithoutSelfReview,
});

/** Whether `step` may be recorded on the case, and what it leads to. */
export function applyRemovalStep(c: RemovalCaseFacts, step: RemovalStep, calendar: WorkingCalendar = VN_WORKING_CALENDAR): RemovalStepResult {
  const expected = expectedRemovalSteps(c);
  if (!expected.includes(step.kind)) {
    // R-EXIT-04: an appeal filed before any decision exists is refused as such.
    if (step.kind === 'appeal' && !['removed', 'notified', 'appealed', 'removal_upheld', 'removal_final', 'restored'].includes(c.state)) {
      return fail({ problem: 'appeal_before_decision' });
    }
    return fail({ problem: 'step_not_allowed', expected });
  }
  if (step.date < c.lastStepDate) return fail({ problem: 'date_before_previous_step', previous: c.lastStepDate });

  switch (step.kind) {
    case 'self_review_request': {
      // R-EXIT-03: the member self-reviews first; after the 3rd request refused the chi bộ proceeds.
      if (step.reply === 'reviewed') return done('self_reviewed');
      const refusals = c.selfReviewRefusals + 1;
      if (refusals >= paramOn(EXIT_SELF_REVIEW_REQUESTS, step.date)) return done('self_reviewed', 'done', true);
      // The request was made (done); the refusal is its reply, recorded beside it.
      return done('opened');
    }
    case 'cell_resolution': {
      // R-EXIT-03 / R-PROB-09: two thirds of the chi bộ official members.
      const vote = partyVoteOutcome('cell', step.votes, step.date);
      if (!vote.ok) return fail({ problem: 'vote_impossible', vote: vote.problem });
      return vote.passed ? done('cell_resolved', 'passed') : done('not_removed', 'failed');
    }
    case 'grassroots_resolution': {
      // R-EXIT-03 / R-PROB-09: two thirds of the đảng ủy cơ sở.
      const vote = partyVoteOutcome('grassroots_committee', step.votes, step.date);
      if (!vote.ok) return fail({ problem: 'vote_impossible', vote: vote.problem });
      return vote.passed ? done('grassroots_resolved', 'passed') : done('not_removed', 'failed');
    }
    case 'decision': {
      // R-EXIT-03: more than half of the BTV, or two thirds of an authorized đảng ủy cơ sở (R-ADM-18 thresholds).
      const vote = partyVoteOutcome(step.authority, step.votes, step.date);
      if (!vote.ok) return fail({ problem: 'vote_impossible', vote: vote.problem });
      return vote.passed ? done('removed', 'passed') : done('not_removed', 'failed');
    }
    case 'notification':
      return done('notified');
    case 'appeal': {
      // R-EXIT-04: by the member, within 30 wd of receiving the decision.
      if (!step.byMember) return fail({ problem: 'appeal_not_by_member' });
      const ends = appealWindowEnds(c.notifiedOn!, calendar);
      if (step.date > ends) return fail({ problem: 'appeal_after_window', windowEnds: ends });
      return done('appealed');
    }
    case 'appeal_resolution':
      // An upheld appeal annuls the removal (R-AGE-04); a rejected one confirms it.
      return step.result === 'upheld' ? done('restored', 'passed') : done('removal_upheld', 'failed');
    case 'finalize': {
      // The removal stands once the window has run without an appeal.
      const ends = appealWindowEnds(c.notifiedOn!, calendar);
      if (step.date <= ends) return fail({ problem: 'appeal_window_open', windowEnds: ends });
      return done('removal_final');
    }
  }
}

export interface RemovalDeadline {
  readonly step: RemovalStepKind;
  readonly ruleId: string;
  readonly due: string;
  readonly dueWithExtension: string | null;
}

/** The deadlines running on an open case: the appeal window, then the appeal's resolution (R-EXIT-04). */
export function removalOpenDeadlines(c: RemovalCaseFacts, calendar: WorkingCalendar = VN_WORKING_CALENDAR): RemovalDeadline[] {
  try {
    if (c.state === 'notified' && c.notifiedOn !== null) return [{ step: 'appeal', ruleId: 'R-EXIT-04', due: appealWindowEnds(c.notifiedOn, calendar), dueWithExtension: null }];
    if (c.state === 'appealed' && c.appealDate !== null && c.appealLevel !== null) {
      return [{ step: 'appeal_resolution', ruleId: 'R-EXIT-04', due: appealResolutionDue(c.appealDate, c.appealLevel, calendar), dueWithExtension: null }];
    }
  } catch (e) {
    // An event before the first version the rules carry has no deadline to show, not a wrong one.
    if (!(e instanceof RuleNotInForceError)) throw e;
  }
  return [];
}

/**
 * R-EXIT-01: whether the months missed (meetings or dues, as 'YYYY-MM') ground a removal on
 * `onDate`: at least 3 within "the year". The window is [I] (calendar year, not necessarily
 * consecutive, by default; or the 12 months up to `onDate`'s month), configurable in settings.
 */
export function absenceGroundMet(monthsMissed: readonly string[], onDate: string, settings?: RuleSettings): boolean {
  const needed = paramOn(EXIT_ABSENCE_MONTHS, onDate);
  const { window, consecutive } = paramOn(EXIT_ABSENCE_WINDOW, onDate, settings);
  const index = (m: string) => Number(m.slice(0, 4)) * 12 + Number(m.slice(5, 7)) - 1;
  const upTo = index(onDate.slice(0, 7));
  const months = [...new Set(monthsMissed.map(index))].filter((m) => m <= upTo).sort((a, b) => a - b);
  const groups: number[][] =
    window === 'calendar_year'
      ? [...new Set(months.map((m) => Math.floor(m / 12)))].map((y) => months.filter((m) => Math.floor(m / 12) === y))
      : [months.filter((m) => m > upTo - 12)];
  return groups.some((g) => (consecutive ? longestRun(g) : g.length) >= needed);
}

function longestRun(sorted: readonly number[]): number {
  let best = 0;
  let run = 0;
  sorted.forEach((m, i) => {
    run = i > 0 && m === sorted[i - 1]! + 1 ? run + 1 : 1;
    best = Math.max(best, run);
  });
  return best;
}

/**
 * R-AGE-04: a member restored after a wrongful removal keeps a continuous party age (the removed
 * interval is annulled, see party-age.ts `annulledAsWrongful`) and owes the dues for the gap:
 * from the removal to the restoration (end exclusive, like the status intervals).
 */
export function restorationAfterWrongfulRemoval(removedOn: string, restoredOn: string): { gapAnnulled: true; duesOwedFrom: string; duesOwedTo: string } {
  return { gapAnnulled: true, duesOwedFrom: removedOn, duesOwedTo: restoredOn };
}
