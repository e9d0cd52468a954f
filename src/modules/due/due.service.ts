import type { Kysely } from 'kysely';
import type { Clock } from '../../clock.js';
import type { DB } from '../../db/types.js';
import { dueBounds, dueStatus, type DueStatus } from '../../domain/due/due-status.js';
import { AppError } from '../../errors.js';
import { makeScope } from '../auth/scope.js';
import { findOwnMember } from '../member/member.repository.js';
import type { ServiceContext } from '../service-context.js';
import * as repo from './due.repository.js';
import type { DueSource } from './due.source.js';

// The "Việc cần làm" list (issue 5 item 9): what is due in the caller's scope, how it stands
// today, and the daily job that recomputes it from the open cases.

export const DUE_JOB = 'due_items';
const BATCH = 1000;

export interface DueItem {
  id: number;
  caseKind: string;
  caseId: number;
  step: string;
  ruleId: string;
  dueOn: string;
  dueWithExtension: string | null;
  status: DueStatus;
  subjectName: string;
  orgId: number;
  orgName: string;
}

type ItemRow = Awaited<ReturnType<typeof repo.itemsOfMember>>[number];

function toItem(r: ItemRow, today: string): DueItem {
  return {
    id: r.id,
    caseKind: r.case_kind,
    caseId: r.case_id,
    step: r.step,
    ruleId: r.rule_id,
    dueOn: r.due_on,
    dueWithExtension: r.due_with_extension,
    status: dueStatus({ dueOn: r.due_on, dueWithExtension: r.due_with_extension }, today),
    subjectName: r.subject_name,
    orgId: r.org_id,
    orgName: r.org_name,
  };
}

async function orgPathOf(ctx: ServiceContext, orgId: number | undefined): Promise<string | null> {
  if (orgId === undefined) return null;
  const path = await repo.orgPathInScope(ctx.db, ctx.scope, orgId);
  if (path === null) throw new AppError('ORG_NOT_FOUND', { id: orgId }, { field: 'org' });
  return path;
}

export type DueShow = 'attention' | 'overdue' | 'all';

export async function listDueItems(ctx: ServiceContext, q: { org?: number; show: DueShow; page: number; pageSize: number }) {
  const today = ctx.clock.today();
  const { soonUntil } = dueBounds(today);
  const orgPath = await orgPathOf(ctx, q.org);
  // "attention": overdue, in extension and due soon, the list's default; "overdue": past the final date.
  const filter: repo.DueFilter = {
    orgPath,
    dueUntil: q.show === 'attention' ? soonUntil : null,
    overdueOn: q.show === 'overdue' ? today : null,
  };
  const { items, total } = await repo.listItems(ctx.db, ctx.scope, filter, q.pageSize, (q.page - 1) * q.pageSize);
  return { items: items.map((r) => toItem(r, today)), total, today };
}

export async function dueSummary(ctx: ServiceContext, q: { org?: number }) {
  const today = ctx.clock.today();
  const orgPath = await orgPathOf(ctx, q.org);
  return { ...(await repo.countItems(ctx.db, ctx.scope, orgPath, today, dueBounds(today).soonUntil)), today };
}

/** A party member's own items, by the record linked to their account. */
export async function ownDueItems(ctx: ServiceContext) {
  if (ctx.actor.userId === null) throw new AppError('UNAUTHENTICATED');
  const today = ctx.clock.today();
  const m = await findOwnMember(ctx.db, ctx.actor.userId);
  if (!m) return { items: [], total: 0, today };
  const items = (await repo.itemsOfMember(ctx.db, m.id)).map((r) => toItem(r, today));
  return { items, total: items.length, today };
}

/**
 * Recomputes every source's items from its open cases, each kind in one transaction (replaced
 * whole: a case closed or gone loses its items). Idempotent: running it twice on a day changes
 * nothing; a day it did not run loses nothing, the dates being stored.
 */
export async function runDueJob(db: Kysely<DB>, clock: Clock, sources: readonly DueSource[]): Promise<{ kind: string; cases: number; items: number }[]> {
  const today = clock.today();
  const all = makeScope(['/']);
  const out: { kind: string; cases: number; items: number }[] = [];
  await db.transaction().execute(async (tx) => {
    for (const source of sources) {
      await repo.clearKind(tx, source.kind);
      let cases = 0;
      let items = 0;
      for (let after = 0; ; ) {
        const batch = await source.openCases(tx, all, after, BATCH);
        if (batch.length === 0) break;
        cases += batch.length;
        items += await repo.insertCases(tx, source.kind, batch, today);
        after = batch.at(-1)!.caseId;
      }
      out.push({ kind: source.kind, cases, items });
    }
    await repo.recordRun(tx, DUE_JOB, today, { sources: out });
  });
  return out;
}

/** Whether the daily job has not yet run today. */
export async function dueJobPending(db: Kysely<DB>, clock: Clock): Promise<boolean> {
  const last = await repo.lastRun(db, DUE_JOB);
  return last === null || last < clock.today();
}
