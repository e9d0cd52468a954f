import { RuleNotInForceError } from '../rules/params.js';
import { blockingOn, type TransferBlock } from './transfer-blockers.js';
import {
  duesPaidForLetter,
  letterIssuer,
  letterType,
  transferPresentDue,
  transferStartDue,
  type LetterIssuer,
  type LetterType,
  type TransferDestination,
  type TransferKind,
} from './transfer-rules.js';

// The transfer case of a member as a state machine (rules.md §7, R-TRF-01 … R-TRF-11), v1.
// A request opens it (kind, reason, cause date, destination); then, in this order and each once:
// the member's self-review (R-TRF-11), the dues paid up to a month (R-TRF-10), the transfer letter
// (R-TRF-09 type, R-TRF-03 issuer; refused while a matter of R-TRF-04 is open or the dues do not
// reach the letter's month), the receipt by the receiving cell with the dossier check (R-TRF-05;
// only for a destination inside this installation), and the completion: the member joins the
// receiving cell (official transfer inside), leaves the installation's rolls (official transfer
// out), or comes back from a temporary attachment (R-TRF-07: the member never left the home rolls).
// No step is dated before the one before it.
//
// A case has two sides: the sending one (the member's org) records the self-review, the dues and
// the letter; the receiving one (the destination org, when inside) records the receipt and the
// completion of an official transfer. Who is on which side is decided by the caller's scope; this
// machine only says whose turn it is.

export const TRANSFER_STEP_KINDS = ['self_review', 'dues', 'letter', 'receipt', 'completion'] as const;
export type TransferStepKind = (typeof TRANSFER_STEP_KINDS)[number];

export const TRANSFER_STATES = ['requested', 'self_reviewed', 'dues_recorded', 'letter_issued', 'received', 'completed'] as const;
export type TransferState = (typeof TRANSFER_STATES)[number];

export const isTransferClosed = (s: TransferState): boolean => s === 'completed';

export type TransferSide = 'sending' | 'receiving';

/** What the machine needs to know of a case. */
export interface TransferCaseFacts {
  readonly state: TransferState;
  readonly kind: TransferKind;
  readonly destination: TransferDestination;
  /** The decision taking effect or the move: R-TRF-01 runs from it. */
  readonly causeDate: string;
  /** "YYYY-MM" up to which dues are paid (R-TRF-10), once recorded. */
  readonly duesPaidThrough: string | null;
  readonly letterDate: string | null;
  /** R-TRF-09: source and destination share the đảng bộ cấp trên trực tiếp (only inside). */
  readonly sameSuperior: boolean;
  /** R-TRF-03: the member's TCCSĐ sits directly under the province. */
  readonly grassrootsUnderProvince: boolean;
  /** A temporary transfer's planned end (R-TRF-06). */
  readonly endDate: string | null;
  readonly lastStepDate: string;
}

export type TransferStep =
  | { readonly kind: 'self_review'; readonly date: string }
  | { readonly kind: 'dues'; readonly date: string; readonly paidThrough: string }
  | { readonly kind: 'letter'; readonly date: string }
  | { readonly kind: 'receipt'; readonly date: string; readonly senderConfirmed: boolean }
  | { readonly kind: 'completion'; readonly date: string };

export type TransferStepProblem =
  | { readonly problem: 'step_not_allowed'; readonly expected: TransferStepKind | null }
  | { readonly problem: 'date_before_previous_step'; readonly previous: string }
  | { readonly problem: 'blocked'; readonly blocks: readonly TransferBlock[] }
  | { readonly problem: 'dues_not_paid_through_letter_month'; readonly paidThrough: string; readonly letterMonth: string }
  | { readonly problem: 'dossier_unconfirmed' };

export interface TransferStepDone {
  readonly ok: true;
  readonly state: TransferState;
  /** After its deadline (R-TRF-01 for the letter, R-TRF-02 for the receipt): kept, and said. */
  readonly late: boolean;
  /** On the letter: its type (R-TRF-09) and who issues it (R-TRF-03). */
  readonly letter: { readonly type: LetterType; readonly issuer: LetterIssuer } | null;
}

export type TransferStepResult = TransferStepDone | ({ readonly ok: false } & TransferStepProblem);

/** The one step that may come next, or null on a closed case. */
export function expectedTransferStep(c: Pick<TransferCaseFacts, 'state' | 'destination'>): TransferStepKind | null {
  switch (c.state) {
    case 'requested':
      return 'self_review';
    case 'self_reviewed':
      return 'dues';
    case 'dues_recorded':
      return 'letter';
    // A destination outside the installation has no receiving cell here: the sending side completes.
    case 'letter_issued':
      return c.destination === 'inside' ? 'receipt' : 'completion';
    case 'received':
      return 'completion';
    case 'completed':
      return null;
  }
}

/**
 * Whose turn a step is: the sending org's, except the receipt and the completion of an official
 * transfer inside the installation, which the receiving org records. A temporary attachment ends
 * at home: the home org records the return.
 */
export function stepSide(c: Pick<TransferCaseFacts, 'kind' | 'destination'>, step: TransferStepKind): TransferSide {
  if (step === 'receipt') return 'receiving';
  if (step === 'completion' && c.kind === 'permanent' && c.destination === 'inside') return 'receiving';
  return 'sending';
}

const fail = (p: TransferStepProblem): TransferStepResult => ({ ok: false, ...p });
const done = (state: TransferState, late = false, letter: TransferStepDone['letter'] = null): TransferStepResult => ({ ok: true, state, late, letter });

/**
 * Whether `step` may be recorded on the case, and what it leads to. `blocks` are the matters the
 * TransferBlockers report for the member (R-TRF-04).
 */
export function applyTransferStep(c: TransferCaseFacts, step: TransferStep, blocks: readonly TransferBlock[]): TransferStepResult {
  const expected = expectedTransferStep(c);
  if (step.kind !== expected) return fail({ problem: 'step_not_allowed', expected });
  if (step.date < c.lastStepDate) return fail({ problem: 'date_before_previous_step', previous: c.lastStepDate });

  switch (step.kind) {
    case 'self_review':
      // R-TRF-11: the member's self-review since the last annual review, before the letter.
      return done('self_reviewed');
    case 'dues':
      return done('dues_recorded');
    case 'letter': {
      // R-TRF-04 (R-DISC-10): no letter while an inspection or a complaint is open.
      const open = blockingOn(blocks, step.date);
      if (open.length > 0) return fail({ problem: 'blocked', blocks: open });
      // R-TRF-10: dues collected through the month of the letter.
      if (c.duesPaidThrough === null || !duesPaidForLetter(c.duesPaidThrough, step.date)) {
        return fail({ problem: 'dues_not_paid_through_letter_month', paidThrough: c.duesPaidThrough ?? '—', letterMonth: step.date.slice(0, 7) });
      }
      // R-TRF-01: an official transfer is begun within 60 wd of its cause; a late letter is kept and marked.
      const due = c.kind === 'permanent' ? safely(() => transferStartDue(c.causeDate)) : null;
      const late = due !== null && step.date > due;
      return done('letter_issued', late, { type: letterType(c.kind, c.destination, c.sameSuperior), issuer: letterIssuer(c.grassrootsUnderProvince, step.date) });
    }
    case 'receipt': {
      // R-TRF-05: no dossier is accepted without the sending cấp ủy's confirmation of its contents.
      if (!step.senderConfirmed) return fail({ problem: 'dossier_unconfirmed' });
      // R-TRF-02: presented within 30 wd of the letter.
      const due = c.letterDate === null ? null : safely(() => transferPresentDue(c.letterDate!));
      return done('received', due !== null && step.date > due);
    }
    case 'completion': {
      // R-TRF-04: an official transfer does not proceed while a matter is open; a temporary
      // attachment may always end (the member comes home).
      if (c.kind === 'permanent') {
        const open = blockingOn(blocks, step.date);
        if (open.length > 0) return fail({ problem: 'blocked', blocks: open });
      }
      return done('completed');
    }
  }
}

/** R-TRF-04 at the request: a transfer is not begun while a matter is open. */
export function requestBlocked(blocks: readonly TransferBlock[], date: string): readonly TransferBlock[] {
  return blockingOn(blocks, date);
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

export interface TransferDeadline {
  readonly step: TransferStepKind;
  readonly ruleId: string;
  readonly due: string;
  readonly dueWithExtension: null;
}

/** The deadlines running on an open case, each from the version in force on its event's date. */
export function transferOpenDeadlines(c: TransferCaseFacts): TransferDeadline[] {
  const out: TransferDeadline[] = [];
  const before = ['requested', 'self_reviewed', 'dues_recorded'].includes(c.state);
  if (before && c.kind === 'permanent') {
    const due = safely(() => transferStartDue(c.causeDate));
    if (due !== null) out.push({ step: 'letter', ruleId: 'R-TRF-01', due, dueWithExtension: null });
  }
  if (c.state === 'letter_issued' && c.destination === 'inside' && c.letterDate !== null) {
    const letter = c.letterDate;
    const due = safely(() => transferPresentDue(letter));
    if (due !== null) out.push({ step: 'receipt', ruleId: 'R-TRF-02', due, dueWithExtension: null });
  }
  // R-TRF-06: a temporary attachment ends on its planned day; its return is then due.
  const attached = c.state === 'received' || (c.state === 'letter_issued' && c.destination !== 'inside');
  if (c.kind === 'temporary' && attached && c.endDate !== null) out.push({ step: 'completion', ruleId: 'R-TRF-06', due: c.endDate, dueWithExtension: null });
  return out;
}
