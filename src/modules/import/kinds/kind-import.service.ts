import type { Transaction } from 'kysely';
import type { DB, ImportJobRow } from '../../../db/types.js';
import type { KindLayout } from '../../../domain/import/kind-columns.js';
import { AppError } from '../../../errors.js';
import { appendAudit } from '../../audit/audit.repository.js';
import { createOrgIn } from '../../org/org-create.service.js';
import { moveOrgIn } from '../../org/org-move.service.js';
import { updateOrgIn } from '../../org/org-update.service.js';
import type { ServiceContext } from '../../service-context.js';
import { setTargetIn } from '../../targets/targets.service.js';
import { memorySource } from '../byte-source.js';
import { readShare, type ReadMeter } from '../import.reader.js';
import * as jobs from '../import.repository.js';
import type { KindTarget } from './kind-common.js';
import { dataRows, type OtherKind } from './kind-layout.js';
import { analyseOrgs, type OrgPlan, type ParentRef } from './org-import.analysis.js';
import { analyseTargets, type TargetPlan } from './target-import.analysis.js';

// The dry run and the commit of an org or target import (issue 6 item 6), on the member
// import's job row: the same statuses, report, cancel and history. The commit re-reads the file
// inside ONE transaction and writes through the org and target services' own use cases (their
// checks, dated history, roll-ups and per-record audit), then one import.commit audit entry
// with the file's SHA-256 and the counts. Any refusal rolls the whole file back.

export type Progress = (done: number, total: number | null) => void;

/** The running percentage of an org or target job of this process (the job row gets the final one). */
const live = new Map<number, number>();
export const runningKindProgress = (id: number): number | undefined => live.get(id);

type Db = Parameters<typeof analyseOrgs>[0];

function layoutOf(job: ImportJobRow): KindLayout {
  const m = job.mapping as { layout?: KindLayout } | null;
  if (!m?.layout) throw new AppError('IMPORT_NO_HEADER', { rows: 20 }, { field: 'body' });
  return m.layout;
}

async function targetOf(ctx: ServiceContext, job: ImportJobRow): Promise<KindTarget> {
  const org = await jobs.findOrg(ctx.db, ctx.scope, job.org_id);
  if (!org) throw new AppError('ORG_NOT_FOUND', { id: job.org_id }, { field: 'orgId' });
  return { scope: ctx.scope, today: ctx.clock.today(), org: { id: org.id, path: org.path, name: org.name, code: org.code } };
}

async function analyse(db: Db, kind: OtherKind, target: KindTarget, job: ImportJobRow, bytes: Uint8Array, meter?: ReadMeter) {
  const layout = layoutOf(job);
  const rows = await dataRows(job.format, memorySource(bytes), layout, meter);
  return kind === 'orgs' ? { kind, ...(await analyseOrgs(db, target, rows, layout)) } : { kind, ...(await analyseTargets(db, target, rows, layout)) };
}

/** The file whole: org and target files are small (their rows are read whole too). */
async function fileOf(ctx: ServiceContext, id: number): Promise<Uint8Array> {
  const data = await jobs.jobFile(ctx.db, ctx.scope, id);
  if (!data) throw new AppError('IMPORT_JOB_NOT_FOUND', { id }, { field: 'id' });
  return data;
}

/** Reads the whole file and stores the report; nothing but the job changes. */
export async function dryRunKind(ctx: ServiceContext, job: ImportJobRow, onProgress?: Progress): Promise<void> {
  const bytes = await fileOf(ctx, job.id);
  const now = () => ctx.clock.now();
  live.set(job.id, 0);
  // The reading is most of a dry run: its share of the file read is the job's percentage.
  const meter: ReadMeter = { bytesRead: 0, totalBytes: bytes.length };
  const tick = setInterval(() => live.set(job.id, Math.min(99, Math.floor(100 * readShare(meter)))), 250);
  try {
    const result = await analyse(ctx.db, job.kind as OtherKind, await targetOf(ctx, job), job, bytes, meter);
    onProgress?.(result.counts.rows, result.counts.rows);
    const n = await jobs.updateJob(
      ctx.db,
      ctx.scope,
      job.id,
      { status: 'dry_run_done', counts: result.counts, problems: result.problems, problemCount: result.problemCount, progress: 100, failure: null },
      now(),
      ['parsed', 'dry_run_done', 'failed'],
    );
    if (n === 0) throw new AppError('IMPORT_STATE', { status: 'đã hủy', action: 'kiểm tra lại' }, { field: 'status' });
  } catch (e) {
    if (!(e instanceof AppError && e.code === 'IMPORT_STATE')) {
      await jobs.updateJob(ctx.db, ctx.scope, job.id, { status: 'failed', failure: e instanceof Error ? e.message : String(e) }, now(), ['parsed', 'dry_run_done']);
    }
    throw e;
  } finally {
    clearInterval(tick);
    live.delete(job.id);
  }
}

type Tally = { created: number; updated: number; skipped: number; unchanged: number };

/** A refusal of a use case names the row it came from, so the job's failure says where. */
function atRow(row: number, e: unknown): unknown {
  if (!(e instanceof AppError)) return e;
  const out = new AppError(e.code, e.params, { ...(e.details as object), row });
  out.message = `Dòng ${row}: ${e.message}`;
  return out;
}

async function applyOrgs(tx: Transaction<DB>, ctx: ServiceContext, plans: OrgPlan[], policy: ImportJobRow['on_duplicate'], tally: Tally, onRow: () => void) {
  const created = new Map<number, number>();
  const idOf = (ref: ParentRef) => ('orgId' in ref ? ref.orgId : created.get(ref.row)!);
  for (const p of plans) {
    onRow();
    try {
      if (p.kind === 'new') {
        const org = await createOrgIn(tx, ctx, { ...p.input, parentId: idOf(p.parent) });
        created.set(p.row, org.id);
        tally.created++;
      } else if (p.kind === 'update') {
        if (policy === 'stop') throw new AppError('IMPORT_DUPLICATES_STOP', { count: 1 }, { field: 'onDuplicate' });
        if (policy === 'skip') {
          tally.skipped++;
          continue;
        }
        let version = p.version;
        if (p.rename) version = (await updateOrgIn(tx, ctx, p.orgId, { version, ...p.rename, effectiveDate: p.effectiveDate })).version;
        if (p.moveTo) await moveOrgIn(tx, ctx, p.orgId, { newParentId: idOf(p.moveTo), effectiveDate: p.effectiveDate });
        tally.updated++;
      } else tally.unchanged++;
    } catch (e) {
      throw atRow(p.row, e);
    }
  }
}

async function applyTargets(tx: Transaction<DB>, ctx: ServiceContext, plans: TargetPlan[], policy: ImportJobRow['on_duplicate'], tally: Tally, onRow: () => void) {
  for (const p of plans) {
    onRow();
    try {
      if (p.kind === 'unchanged') {
        tally.unchanged++;
        continue;
      }
      if (p.kind === 'update') {
        if (policy === 'stop') throw new AppError('IMPORT_DUPLICATES_STOP', { count: 1 }, { field: 'onDuplicate' });
        if (policy === 'skip') {
          tally.skipped++;
          continue;
        }
      }
      await setTargetIn(tx, ctx, p.year, { orgId: p.orgId, target: p.target, note: p.note }, p.row);
      tally[p.kind === 'new' ? 'created' : 'updated']++;
    } catch (e) {
      throw atRow(p.row, e);
    }
  }
}

/**
 * Writes the file in ONE transaction: re-analysed against the database as it is now (a row in
 * error rolls everything back), then each plan through its service, then the audit entry.
 */
export async function commitKind(ctx: ServiceContext, job: ImportJobRow, onProgress?: Progress): Promise<void> {
  const bytes = await fileOf(ctx, job.id);
  const target = await targetOf(ctx, job);
  const now = () => ctx.clock.now();
  if ((await jobs.updateJob(ctx.db, ctx.scope, job.id, { status: 'committing', progress: 0, failure: null }, now(), ['dry_run_done', 'failed'])) === 0) {
    throw new AppError('IMPORT_STATE', { status: job.status, action: 'ghi vào cơ sở dữ liệu' }, { field: 'status' });
  }
  const tally: Tally = { created: 0, updated: 0, skipped: 0, unchanged: 0 };
  live.set(job.id, 0);
  try {
    await ctx.db.transaction().execute(async (tx) => {
      const result = await analyse(tx, job.kind as OtherKind, target, job, bytes);
      if (result.counts.error > 0) throw new AppError('IMPORT_HAS_ERRORS', { count: result.counts.error }, { field: 'body' });
      let done = 0;
      const total = result.plans.length;
      const onRow = () => {
        done++;
        live.set(job.id, Math.min(99, Math.floor((100 * done) / Math.max(total, 1))));
        onProgress?.(done, total);
      };
      if (result.kind === 'orgs') await applyOrgs(tx, ctx, result.plans, job.on_duplicate, tally, onRow);
      else await applyTargets(tx, ctx, result.plans, job.on_duplicate, tally, onRow);
      const counts = { ...result.counts, ...tally };
      await jobs.updateJob(tx, ctx.scope, job.id, { status: 'committed', counts, progress: 100, committedAt: now() }, now());
      await appendAudit(tx, ctx.actor, {
        action: 'import.commit',
        entityType: 'import_job',
        entityId: job.id,
        orgPath: job.org_path,
        after: { kind: job.kind, fileName: job.file_name, sha256: job.sha256, onDuplicate: job.on_duplicate, counts },
      });
    });
  } catch (e) {
    // Nothing of the file was written (the transaction rolled back); the job says why.
    await jobs.updateJob(ctx.db, ctx.scope, job.id, { status: 'failed', failure: e instanceof Error ? e.message : String(e) }, now(), ['committing']);
    throw e;
  } finally {
    live.delete(job.id);
  }
}
