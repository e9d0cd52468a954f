import type { Kysely } from 'kysely';
import type { Clock } from '../../clock.js';
import type { DB } from '../../db/types.js';
import { dueBounds, dueStatus, type DueStatus } from '../../domain/due/due-status.js';
import { AppError } from '../../errors.js';
import { makeScope } from '../auth/scope.js';
import { findOwnMember } from '../member/member.repository.js';
import type { ServiceContext } from '../service-context.js';
import { fingerprint, itemChanges, itemRows } from './due.diff.js';
import * as repo from './due.repository.js';
import type { DueSource } from './due.source.js';

// The "Việc cần làm" list (issue 5 item 9): what is due in the caller's scope, how it stands
// today, and the daily job that recomputes it from the open cases.

export const DUE_JOB = 'due_items';
// Open cases read and written per statement.
const BATCH = 5000;

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
  memberId: number | null;
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
    memberId: r.member_id === null ? null : Number(r.member_id),
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

export interface DueJobKind {
  kind: string;
  /** Open cases read, and the deadlines they carry. */
  cases: number;
  items: number;
  /** Rows the run wrote (new or changed) and removed (closed cases, deadlines met). */
  written: number;
  removed: number;
}

/**
 * Recomputes every source's items from its open cases, in one transaction, and writes
 * only the difference from the stored rows (a case closed or gone loses its items). Idempotent:
 * running it twice on a day writes nothing the second time; a day it did not run loses nothing,
 * the dates being stored. Every case is recomputed, not only those changed since the last run:
 * a holiday edited by an administrator moves working-day deadlines of cases nobody touched.
 */
export async function runDueJob(db: Kysely<DB>, clock: Clock, sources: readonly DueSource[], opts: { batch?: number } = {}): Promise<DueJobKind[]> {
  const batchSize = opts.batch ?? BATCH;
  const today = clock.today();
  const all = makeScope(['/']);
  const out: DueJobKind[] = [];
  await db.transaction().execute(async (tx) => {
    for (const source of sources) {
      const k: DueJobKind = { kind: source.kind, cases: 0, items: 0, written: 0, removed: 0 };
      for (let after = 0; ; ) {
        const batch = await source.openCases(tx, all, after, batchSize);
        // The last range is open-ended: it also removes the items of closed cases after the last open one.
        const upTo = batch.length < batchSize ? null : batch.at(-1)!.caseId;
        const rows = itemRows(batch);
        k.cases += batch.length;
        k.items += rows.length;
        const stored = await repo.rangeFingerprint(tx, source.kind, after, upTo);
        if (stored.n !== rows.length || stored.hash !== fingerprint(rows)) {
          const changes = itemChanges(rows, await repo.itemsOfRange(tx, source.kind, after, upTo));
          await repo.deleteItems(tx, changes.remove);
          await repo.updateItems(tx, changes.update, today);
          await repo.insertItems(tx, source.kind, changes.insert, today);
          k.written += changes.insert.length + changes.update.length;
          k.removed += changes.remove.length;
        }
        if (upTo === null) break;
        after = upTo;
      }
      out.push(k);
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
