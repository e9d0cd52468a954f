import type { Transaction } from 'kysely';
import type { DB, ImportJobRow } from '../../db/types.js';
import { holdsMembers, type OrgType } from '../../domain/org-type.js';
import { addDelta, dimKey, type DimCounts } from '../../domain/rollup-dims.js';
import { updateMemberIn } from '../member/member.service.js';
import type { PatchMemberInput } from '../member/member.schema.js';
import { applyDeltas } from '../rollup/rollup.repository.js';
import type { ServiceContext } from '../service-context.js';
import type { Counts, RowPlan } from './import.analysis.js';
import * as staging from './import.staging.repository.js';

// The staged import (issue 6 targets): the dry run keeps each valid row as the record it will
// become (import_row), and the commit writes from there, set-based, instead of reading and
// checking the file again — when, and only when, the database is still as the dry run saw it.

/** What the dry run left for the commit, kept in the job's mapping. */
export interface StagedMark {
  /** Rows staged: every valid row (new, update, unchanged). */
  rows: number;
  /** The day of the dry run: rules about "today" (dates not in the future) were checked on it. */
  today: string;
}

export const stagedMarkOf = (job: ImportJobRow): StagedMark | null => (job.mapping as { staged?: StagedMark } | null)?.staged ?? null;

/** One batch of plans as staged rows, column by column. */
export function stagedRows(plans: readonly RowPlan[]): staging.StagedColumns {
  const out: staging.StagedColumns = { row: [], kind: [], member_id: [], member_version: [], patch: [], member: staging.MEMBER_COLUMNS.map(() => []), org_id: [] };
  for (const p of plans) {
    out.row.push(p.row);
    out.kind.push(p.kind);
    out.member_id.push(p.kind === 'new' ? null : p.memberId);
    out.member_version.push(p.kind === 'new' ? null : p.kind === 'update' ? p.patch.version : p.version);
    out.patch.push(p.kind === 'update' ? JSON.stringify(p.patch) : null);
    out.org_id.push(p.kind === 'new' ? p.input.orgId : null);
    staging.MEMBER_COLUMNS.forEach((c, i) => {
      const v = p.kind === 'new' ? p.fields[c] : null;
      out.member[i]!.push(v === null || v === undefined ? null : String(v));
    });
  }
  return out;
}

/**
 * Whether the staged rows still say what a new analysis would: all there, same day, no key of a
 * new row taken since, no matched record changed since, every target org still open to members
 * and in scope. Any doubt answers false and the commit analyses the file again.
 */
export async function stagedStillHolds(tx: Transaction<DB>, ctx: ServiceContext, job: ImportJobRow): Promise<boolean> {
  const mark = stagedMarkOf(job);
  if (!mark || mark.today !== ctx.clock.today()) return false;
  if ((await staging.stagedCount(tx, ctx.scope, job.id)) !== mark.rows) return false;
  const orgs = await staging.stagedOrgs(tx, ctx.scope, job.id);
  if (orgs.some((o) => !o.in_scope || o.dissolved_on !== null || !holdsMembers(o.org_type as OrgType))) return false;
  return (await staging.stagedConflicts(tx, ctx.scope, job.id)) === 0;
}

/** New records per statement: bounded work per statement, and a progress step each. */
const chunkOf = (total: number) => Math.max(500, Math.min(20_000, Math.ceil(total / 20)));

/**
 * Writes the staged rows inside the commit's transaction: the new records a chunk per statement
 * (members, intervals, per-record audit, roll-up sums in SQL), the roll-ups once, then each update
 * through the member registry's edit path (its checks, roll-ups and before/after audit).
 */
export async function commitStaged(
  tx: Transaction<DB>,
  ctx: ServiceContext,
  job: ImportJobRow,
  dry: Partial<Counts>,
  onStep: (done: number, total: number) => void,
): Promise<Record<string, number>> {
  const total = (dry.new ?? 0) + (job.on_duplicate === 'update' ? (dry.toUpdate ?? 0) : 0);
  const tally = { created: 0, updated: 0, skipped: 0, unchanged: dry.unchanged ?? 0 };
  const rollup = new Map<string, DimCounts>();
  const chunk = chunkOf(dry.new ?? 0);
  const now = ctx.clock.now();
  for (let after = 0; ; ) {
    const last = await staging.newRowsChunkEnd(tx, ctx.scope, job.id, after, chunk);
    if (last === null) break;
    const r = await staging.insertStagedMembers(tx, ctx.scope, ctx.actor, job.id, after, last, now);
    tally.created += r.created;
    for (const c of r.rollup) {
      let d = rollup.get(c.org_path);
      if (!d) rollup.set(c.org_path, (d = new Map()));
      addDelta(d, new Map([[dimKey(c.dim, c.val), c.n]]));
    }
    after = last;
    onStep(tally.created, total);
  }
  // stagedStillHolds checked every org is in scope: a shortfall is a defect, never half-written.
  if (tally.created !== (dry.new ?? 0)) throw new Error(`import ${job.id}: ${tally.created} of ${dry.new} new records written`);
  await applyDeltas(tx, rollup);

  if (job.on_duplicate === 'skip') tally.skipped = dry.toUpdate ?? 0;
  else if (job.on_duplicate === 'update') {
    for (let after = 0; ; ) {
      const rows = await staging.stagedUpdates(tx, ctx.scope, job.id, after, 500);
      if (rows.length === 0) break;
      for (const u of rows) {
        await updateMemberIn(tx, ctx, u.member_id!, u.patch as PatchMemberInput);
        tally.updated++;
      }
      after = rows.at(-1)!.row;
      onStep(tally.created + tally.updated, total);
    }
  }
  return tally;
}
