import type { DecidingAuthority } from '../rules/admission.params.js';
import { RuleNotInForceError } from '../rules/params.js';
import type { VoteCount, VoteProblem } from '../votes/vote.js';
import { partyVoteOutcome } from '../admission/party-vote.js';
import { officialDate, recognitionConsiderationDue, recognitionDecisionDue, recognitionEscalates } from './probation.js';

// The recognition case of a probationary member as a state machine (R-PROB-02 … R-PROB-09).
// Steps come in the order of HD06 §4: the member's self-review after the 12 months, the chi bộ
// resolution (proposing recognition or xóa tên), the đảng ủy cơ sở resolution (only where the cell
// sits under one, as in admission), the deciding authority's decision. None may be skipped or taken
// twice, none dated before the one before it.
//
// A vote of a lower organization that reaches two thirds neither way is recorded and may be taken
// again; the third such vote sends the case to the direct superior, which decides (R-PROB-06).
// A decision vote that does not pass leaves the case waiting for the decision: the member cannot
// stay probationary for ever, so the authority must still decide. The decision follows the
// proposal carried up (R-PROB-09: xóa tên needs the chi bộ and đảng ủy cơ sở votes first) unless
// the case was escalated, where the superior decides either way.
// Not here yet: a probationary member on temporary transfer (R-PROB-12), living abroad (R-PROB-13),
// the dossier documents (R-PROB-07), the announcement at the next meeting (R-PROB-08).

export const RECOGNITION_STEP_KINDS = ['self_review', 'cell_resolution', 'grassroots_resolution', 'decision'] as const;
export type RecognitionStepKind = (typeof RECOGNITION_STEP_KINDS)[number];

export const RECOGNITION_STATES = ['opened', 'self_reviewed', 'cell_resolved', 'grassroots_resolved', 'escalated', 'recognized', 'removed'] as const;
export type RecognitionState = (typeof RECOGNITION_STATES)[number];

export const RECOGNITION_CLOSED_STATES: readonly RecognitionState[] = ['recognized', 'removed'];
export const isRecognitionClosed = (s: RecognitionState): boolean => RECOGNITION_CLOSED_STATES.includes(s);

/** What the chi bộ proposes (R-PROB-02): recognition, or xóa tên of the probationary member. */
export type RecognitionProposal = 'recognize' | 'remove';
/** What the authority decides. */
export type RecognitionResult = 'recognized' | 'removed';

/** What the machine needs to know of a case. */
export interface RecognitionCaseFacts {
  readonly state: RecognitionState;
  /** The cell sits under a đảng ủy cơ sở (org type `cell`), which adopts its own resolution (R-PROB-05). */
  readonly needsGrassrootsResolution: boolean;
  /** The admission ceremony: probation runs 12 months from it (R-PROB-01). */
  readonly ceremonyDate: string;
  /** The proposal the last passed chi bộ resolution carries up (null before one passed). */
  readonly proposal: RecognitionProposal | null;
  /** Date of the last chi bộ vote, passed or not: the decision deadline runs from it (R-PROB-04). */
  readonly cellResolutionDate: string | null;
  /** Votes of the chi bộ that reached two thirds neither way (R-PROB-06). */
  readonly cellInconclusiveVotes: number;
  /** The same for the đảng ủy cơ sở. */
  readonly grassrootsInconclusiveVotes: number;
  /** Date of the last recorded step (the opening date before any). */
  readonly lastStepDate: string;
}

export type RecognitionStep =
  | { readonly kind: 'self_review'; readonly date: string }
  | { readonly kind: 'cell_resolution'; readonly date: string; readonly proposal: RecognitionProposal; readonly votes: VoteCount }
  | { readonly kind: 'grassroots_resolution'; readonly date: string; readonly votes: VoteCount }
  | { readonly kind: 'decision'; readonly date: string; readonly authority: DecidingAuthority; readonly result: RecognitionResult; readonly votes: VoteCount };

export type RecognitionStepProblem =
  | { readonly problem: 'step_not_allowed'; readonly expected: RecognitionStepKind | null }
  | { readonly problem: 'date_before_previous_step'; readonly previous: string }
  | { readonly problem: 'vote_impossible'; readonly vote: VoteProblem }
  | { readonly problem: 'self_review_before_probation_end'; readonly probationEnds: string }
  | { readonly problem: 'decision_not_proposed'; readonly proposal: RecognitionProposal };

export interface RecognitionStepDone {
  readonly ok: true;
  /** `failed`: the vote reached its threshold neither way (recorded; the case stays or escalates). */
  readonly outcome: 'done' | 'passed' | 'failed';
  readonly state: RecognitionState;
  /** Recorded after its deadline (R-PROB-02 for the chi bộ, R-PROB-04 for the decision): kept, and said. */
  readonly late: boolean;
  /** On recognition: the official date, ceremony + 12 months whatever day the decision is signed (R-PROB-03). */
  readonly officialDate: string | null;
}

export type RecognitionStepResult = RecognitionStepDone | ({ readonly ok: false } & RecognitionStepProblem);

/** The one step that may come next, or null on a closed case. */
export function expectedRecognitionStep(c: Pick<RecognitionCaseFacts, 'state' | 'needsGrassrootsResolution'>): RecognitionStepKind | null {
  switch (c.state) {
    case 'opened':
      return 'self_review';
    case 'self_reviewed':
      return 'cell_resolution';
    // R-PROB-05: a chi bộ cơ sở has no đảng ủy cơ sở above it; its resolution goes straight up.
    case 'cell_resolved':
      return c.needsGrassrootsResolution ? 'grassroots_resolution' : 'decision';
    case 'grassroots_resolved':
    case 'escalated':
      return 'decision';
    case 'recognized':
    case 'removed':
      return null;
  }
}

const fail = (p: RecognitionStepProblem): RecognitionStepResult => ({ ok: false, ...p });
const done = (state: RecognitionState, outcome: RecognitionStepDone['outcome'] = 'done', late = false): RecognitionStepResult => ({
  ok: true,
  outcome,
  state,
  late,
  officialDate: null,
});

/** Whether `step` may be recorded on the case, and what it leads to. */
export function applyRecognitionStep(c: RecognitionCaseFacts, step: RecognitionStep): RecognitionStepResult {
  const expected = expectedRecognitionStep(c);
  if (step.kind !== expected) return fail({ problem: 'step_not_allowed', expected });
  if (step.date < c.lastStepDate) return fail({ problem: 'date_before_previous_step', previous: c.lastStepDate });

  switch (step.kind) {
    case 'self_review': {
      // R-PROB-07(b): the self-review is written after the 12 months (R-PROB-01) have run.
      const ends = officialDate(c.ceremonyDate);
      if (step.date < ends) return fail({ problem: 'self_review_before_probation_end', probationEnds: ends });
      return done('self_reviewed');
    }
    case 'cell_resolution': {
      // R-PROB-05 (recognition) and R-PROB-09 (xóa tên): two thirds of the chi bộ official members.
      const vote = partyVoteOutcome('cell', step.votes, step.date);
      if (!vote.ok) return fail({ problem: 'vote_impossible', vote: vote.problem });
      // R-PROB-02: considered within 30 wd after the 12 months end; a late resolution is kept and marked.
      const due = safely(() => recognitionConsiderationDue(c.ceremonyDate));
      const late = due !== null && step.date > due;
      if (vote.passed) return done('cell_resolved', 'passed', late);
      // R-PROB-06: the third vote without two thirds either way goes to the direct superior.
      return done(recognitionEscalates(c.cellInconclusiveVotes + 1, step.date) ? 'escalated' : c.state, 'failed', late);
    }
    case 'grassroots_resolution': {
      // R-PROB-05 / R-PROB-09: two thirds of the đảng ủy cơ sở, on the proposal of the chi bộ.
      const vote = partyVoteOutcome('grassroots_committee', step.votes, step.date);
      if (!vote.ok) return fail({ problem: 'vote_impossible', vote: vote.problem });
      if (vote.passed) return done('grassroots_resolved', 'passed');
      // R-PROB-06 applies to any lower organization: the đảng ủy cơ sở too.
      return done(recognitionEscalates(c.grassrootsInconclusiveVotes + 1, step.date) ? 'escalated' : c.state, 'failed');
    }
    case 'decision': {
      // R-PROB-09: xóa tên (or recognition) only as proposed by the votes below, unless escalated.
      if (c.state !== 'escalated' && c.proposal !== null && proposalOf(step.result) !== c.proposal) {
        return fail({ problem: 'decision_not_proposed', proposal: c.proposal });
      }
      // R-ADM-18 via R-PROB-05: the deciding authority's threshold.
      const vote = partyVoteOutcome(step.authority, step.votes, step.date);
      if (!vote.ok) return fail({ problem: 'vote_impossible', vote: vote.problem });
      // R-PROB-04: decided within 30 wd of the chi bộ resolution (version in force on its date).
      const due = c.cellResolutionDate === null ? null : safely(() => recognitionDecisionDue(c.cellResolutionDate!));
      const late = due !== null && step.date > due.due;
      if (!vote.passed) return done(c.state, 'failed', late);
      if (step.result === 'removed') return done('removed', 'passed', late);
      // R-PROB-03: official on ceremony + 12 months, even when the decision comes late.
      return { ok: true, outcome: 'passed', state: 'recognized', late, officialDate: officialDate(c.ceremonyDate) };
    }
  }
}

const proposalOf = (r: RecognitionResult): RecognitionProposal => (r === 'recognized' ? 'recognize' : 'remove');

function safely<T>(f: () => T): T | null {
  try {
    return f();
  } catch (e) {
    // An event before the first version the rules carry has no deadline to show, not a wrong one.
    if (e instanceof RuleNotInForceError) return null;
    throw e;
  }
}

export interface RecognitionDeadline {
  readonly step: RecognitionStepKind;
  readonly ruleId: string;
  readonly due: string;
  readonly dueWithExtension: string | null;
}

/** The deadlines running on an open case, each from the version in force on its event's date. */
export function recognitionOpenDeadlines(c: RecognitionCaseFacts): RecognitionDeadline[] {
  const out: RecognitionDeadline[] = [];
  if (c.state === 'opened' || c.state === 'self_reviewed') {
    const due = safely(() => recognitionConsiderationDue(c.ceremonyDate));
    if (due !== null) out.push({ step: 'cell_resolution', ruleId: 'R-PROB-02', due, dueWithExtension: null });
  }
  if ((c.state === 'cell_resolved' || c.state === 'grassroots_resolved' || c.state === 'escalated') && c.cellResolutionDate !== null) {
    const resolved = c.cellResolutionDate;
    const due = safely(() => recognitionDecisionDue(resolved));
    if (due !== null) out.push({ step: 'decision', ruleId: 'R-PROB-04', ...due });
  }
  return out;
}
