import type { Transaction } from 'kysely';
import type { DB } from '../../db/types.js';
import { appendAudit, changedFields } from '../audit/audit.repository.js';
import * as dueRepo from '../due/due.repository.js';
import type { CaseDue } from '../due/due.source.js';
import { AppError } from '../../errors.js';
import type { ServiceContext } from '../service-context.js';

// What every case module (admission, recognition …) does the same way when a step is recorded:
// the step's history row, and after the case row is updated, its due items and its audit row,
// all in the step's transaction. The rules of each case stay in its own module.

interface Votes {
  members: number;
  inFavour: number;
  against: number;
}

/** The history row of a step, in the shape every case's step table has. */
export function stepRow(
  ctx: ServiceContext,
  caseId: number,
  input: { kind: string; date: string; notes?: string | null },
  o: { outcome: string; decisionNo: string | null; votes: Votes | null; details: Record<string, unknown>; now: Date },
) {
  return {
    case_id: caseId,
    kind: input.kind,
    step_date: input.date,
    recorded_by: ctx.actor.userId,
    recorded_at: o.now,
    decision_no: o.decisionNo,
    outcome: o.outcome,
    votes_members: o.votes?.members ?? null,
    votes_in_favour: o.votes?.inFavour ?? null,
    votes_against: o.votes?.against ?? null,
    notes: input.notes ?? null,
    details: JSON.stringify(o.details),
  };
}

/** After the case row moved from `before` to `after`: its due items replaced, and one audit row with the changed fields and the step. */
export async function afterStep(
  tx: Transaction<DB>,
  ctx: ServiceContext,
  c: { kind: string; id: number; orgPath: string; before: Record<string, unknown>; after: Record<string, unknown>; due: CaseDue },
  step: { id: number; kind: string; outcome: string },
): Promise<void> {
  // What is due moves with the case (the daily job only reconciles).
  await dueRepo.replaceCaseItems(tx, c.kind, c.due, ctx.clock.today());
  const diff = changedFields(c.before, c.after);
  await appendAudit(tx, ctx.actor, {
    action: `${c.kind}_case.step`,
    entityType: `${c.kind}_case`,
    entityId: c.id,
    orgPath: c.orgPath,
    before: diff.before,
    after: { ...diff.after, step: { id: step.id, kind: step.kind, outcome: step.outcome } },
  });
}

/** Votes as the API shows them, or null when the step recorded none. */
export function votesOf(members: number | null, inFavour: number | null, against: number | null): Votes | null {
  return members === null || inFavour === null || against === null ? null : { members, inFavour, against };
}

interface StepRowShape {
  id: number;
  kind: string;
  step_date: string;
  recorded_by: number | null;
  decision_no: string | null;
  outcome: string;
  votes_members: number | null;
  votes_in_favour: number | null;
  votes_against: number | null;
  notes: string | null;
  details: unknown;
}

/** A step's history row as the API shows it; `K` is the case's own step kinds. */
export function presentStep<K extends string>(s: StepRowShape) {
  return {
    id: s.id,
    kind: s.kind as K,
    date: s.step_date,
    recordedBy: s.recorded_by,
    decisionNo: s.decision_no,
    outcome: s.outcome as 'done' | 'passed' | 'failed',
    votes: votesOf(s.votes_members, s.votes_in_favour, s.votes_against),
    notes: s.notes,
    details: (s.details ?? {}) as Record<string, unknown>,
  };
}

/** A step or case date may be today at the latest: a decision not yet taken is not recorded. */
export function notInFuture(ctx: ServiceContext, field: string, value: string): void {
  const today = ctx.clock.today();
  if (value > today) throw new AppError('DATE_IN_FUTURE', { field, value, today }, { field });
}
