import { createHash } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import type { DB, DuplicatePolicy, ImportJobRow, ImportJobStatus, ImportKind } from '../../db/types.js';
import type { HeaderLayout } from '../../domain/import/columns.js';
import { AppError } from '../../errors.js';
import { appendAudit } from '../audit/audit.repository.js';
import type { DimCounts } from '../../domain/rollup-dims.js';
import { createMembersIn, updateMemberIn } from '../member/member.service.js';
import { applyDeltas } from '../rollup/rollup.repository.js';
import type { ServiceContext } from '../service-context.js';
import { analyse, overridesOf, readLayout, type AnalysisTarget, type Counts, type RowPlan } from './import.analysis.js';
import { READ_BYTES, slices, type ByteSource } from './byte-source.js';
import { csvEncoding, formatOf, readShare, type ReadMeter } from './import.reader.js';
import * as repo from './import.repository.js';
import { IMPORT_FIELDS } from '../../domain/import/columns.js';
import { KIND_SPECS } from '../../domain/import/kind-columns.js';
import { commitKind, dryRunKind, runningKindProgress } from './kinds/kind-import.service.js';
import { readKindLayout } from './kinds/kind-layout.js';
import { commitStaged, stagedRows, stagedStillHolds, type StagedMark } from './import.staged.js';
import * as staging from './import.staging.repository.js';
import type { ImportJob, ImportLayout, ImportProblem, RemapBody, TemplateBody, UploadQuery, UploadResponse } from './import.schema.js';

// Use cases of the member import (issue 6): upload → dry run (report, nothing written) →
// commit (all or nothing, one transaction) or cancel. The job row carries the status, counts,
// progress and problems, so the report survives a reload and the history is a list of jobs.

/** Problems kept with a job (the report file recomputes none: it reads these). */
export const MAX_STORED_PROBLEMS = 20_000;

const STATUS_LABELS: Record<ImportJobStatus, string> = {
  parsed: 'đã tải lên',
  dry_run_done: 'đã kiểm tra',
  committing: 'đang ghi',
  committed: 'đã ghi',
  failed: 'lỗi',
  cancelled: 'đã hủy',
};

// ---- live progress -----------------------------------------------------------------------------

/**
 * The percentage of each dry run or commit running in this process. A commit runs in one
 * transaction, which cannot publish anything before it ends (and PGlite has a single connection),
 * so the running figure lives here, keyed by job id, and the job row receives the final state.
 */
const live = new Map<number, number>();

/** The running percentage of a job of this process, undefined when none runs. */
export const runningProgress = (id: number): number | undefined => live.get(id);

const percentOf = (m: ReadMeter) => Math.min(99, Math.floor(100 * readShare(m)));

/** A commit creating at least this many records refreshes the planner's statistics after it. */
const ANALYZE_AFTER = 10_000;

/** Job rows are rewritten with the running counts at most this often during a dry run. */
const PERSIST_EVERY_MS = 2_000;

const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());

function layoutOf(job: ImportJobRow): HeaderLayout | null {
  const m = job.mapping as { layout?: HeaderLayout } | null;
  return m?.layout ?? null;
}

function previewOf(job: ImportJobRow): string[][] {
  const m = job.mapping as { preview?: string[][] } | null;
  return m?.preview ?? [];
}

function present(job: ImportJobRow, opts: { offset?: number; limit?: number } = {}): ImportJob {
  const layout = layoutOf(job);
  const problems = (job.problems as ImportProblem[]) ?? [];
  const offset = opts.offset ?? 0;
  return {
    id: job.id,
    kind: job.kind,
    fileName: job.file_name,
    sha256: job.sha256,
    format: job.format,
    encoding: job.encoding,
    status: job.status,
    onDuplicate: job.on_duplicate,
    orgId: job.org_id,
    layout: layout ? ({ headerRow: layout.row + 1, headerRows: layout.rows, columns: layout.columns } as ImportLayout) : null,
    counts: (job.counts as Record<string, number>) ?? {},
    progress: live.get(job.id) ?? runningKindProgress(job.id) ?? job.progress,
    failure: job.failure,
    problemCount: job.problem_count,
    problems: problems.slice(offset, offset + (opts.limit ?? 200)),
    createdAt: iso(job.created_at)!,
    committedAt: iso(job.committed_at),
    preview: previewOf(job),
  };
}

const notFound = (id: number) => new AppError('IMPORT_JOB_NOT_FOUND', { id }, { field: 'id' });

async function jobOf(ctx: ServiceContext, id: number): Promise<ImportJobRow> {
  const job = await repo.findJob(ctx.db, ctx.scope, id);
  if (!job) throw notFound(id);
  return job;
}

/** The job's file, read through its stored parts as the readers ask (never whole in memory). */
async function fileOf(ctx: ServiceContext, db: Kysely<DB>, id: number): Promise<ByteSource> {
  const source = await repo.jobFileSource(db, ctx.scope, id);
  if (!source) throw notFound(id);
  return source;
}

/** The SHA-256 of a file read a part at a time, when the caller did not compute it as it received the file. */
async function sha256Of(source: ByteSource): Promise<string> {
  const hash = createHash('sha256');
  for await (const { bytes } of slices(source, 0, READ_BYTES)) hash.update(bytes);
  return hash.digest('hex');
}

function stateError(job: ImportJobRow, action: string): AppError {
  return new AppError('IMPORT_STATE', { status: STATUS_LABELS[job.status], action }, { field: 'status' });
}

async function targetOf(ctx: ServiceContext, job: ImportJobRow) {
  const org = await repo.findOrg(ctx.db, ctx.scope, job.org_id);
  if (!org) throw new AppError('ORG_NOT_FOUND', { id: job.org_id }, { field: 'orgId' });
  return { scope: ctx.scope, today: ctx.clock.today(), org: { id: org.id, path: org.path, name: org.name } };
}

// ---- upload -----------------------------------------------------------------------------------

export interface UploadInput extends Omit<UploadQuery, 'kind'> {
  /** Members when absent (the kinds came with migration 0021). */
  kind?: ImportKind;
  /** The file: spooled to disk by the route, a path by the CLI, in memory for small files and tests. */
  source: ByteSource;
  /** Its SHA-256 when already computed (the route hashes it as it arrives); else read here. */
  sha256?: string;
}

/**
 * Stores the file as a job after finding its header (a file without one is refused at once),
 * and answers the columns as matched with a preview of the first rows. Nothing else is read yet.
 */
export async function uploadFile(ctx: ServiceContext, input: UploadInput): Promise<UploadResponse> {
  const name = input.fileName;
  const kind = input.kind ?? 'members';
  const file = input.source;
  if (file.size === 0) throw new AppError('IMPORT_FILE_EMPTY', { name }, { field: 'body' });
  const format = await formatOf(file);
  const ext = name.toLowerCase().split('.').pop();
  if (!(ext === format || (format === 'csv' && ext === 'txt'))) throw new AppError('IMPORT_UNSUPPORTED_FILE', { name }, { field: 'fileName' });
  const org = await repo.findOrg(ctx.db, ctx.scope, input.orgId);
  if (!org) throw new AppError('ORG_NOT_FOUND', { id: input.orgId }, { field: 'orgId' });

  let templateId: number | null = null;
  let mapping: Record<string, string | null> | null = null;
  if (input.template !== undefined) {
    const t = await repo.findTemplate(ctx.db, ctx.scope, input.template, org.path, kind);
    if (!t) throw new AppError('IMPORT_TEMPLATE_NOT_FOUND', { name: input.template }, { field: 'template' });
    templateId = t.id;
    mapping = t.mapping as Record<string, string | null>;
  }
  let layout: HeaderLayout;
  let preview: string[][];
  try {
    // Orgs and targets have columns of their own (issue 6 item 6).
    ({ layout, preview } = kind === 'members' ? await readLayout(format, file, overridesOf(mapping)) : ((await readKindLayout(kind, format, file, overridesOf(mapping))) as { layout: HeaderLayout; preview: string[][] }));
  } catch (e) {
    if (e instanceof AppError) throw e;
    // A damaged workbook or a file that only claims to be one.
    throw new AppError('IMPORT_UNSUPPORTED_FILE', { name }, { field: 'body' });
  }
  const sha256 = input.sha256 ?? (await sha256Of(file));
  const encoding = format === 'csv' ? await csvEncoding(file) : null;
  const job = await ctx.db.transaction().execute(async (tx) => {
    const j = await repo.insertJob(tx, ctx.scope, {
      createdBy: ctx.actor.userId,
      orgId: org.id,
      orgPath: org.path,
      fileName: name,
      sha256,
      file,
      format,
      encoding,
      onDuplicate: input.onDuplicate,
      templateId,
      mapping: null,
      now: ctx.clock.now(),
      kind,
    });
    if (!j) throw new AppError('ORG_NOT_FOUND', { id: org.id }, { field: 'orgId' });
    await repo.updateJob(tx, ctx.scope, j.id, { mapping: { layout, template: mapping, preview } }, ctx.clock.now());
    await appendAudit(tx, ctx.actor, { action: 'import.upload', entityType: 'import_job', entityId: j.id, orgPath: org.path, after: { fileName: name, sha256, bytes: file.size, format } });
    return (await repo.findJob(tx, ctx.scope, j.id))!;
  });
  return present(job);
}

/**
 * The user's own reading of the header (the mapping screen): each column's field as chosen, a
 * field claimed twice refused. The report is dropped and the dry run must run again.
 */
export async function remap(ctx: ServiceContext, id: number, body: RemapBody): Promise<ImportJob> {
  const job = await jobOf(ctx, id);
  const layout = layoutOf(job);
  if (!layout || !['parsed', 'dry_run_done', 'failed'].includes(job.status) || live.has(id)) throw stateError(job, 'đổi cột');
  const fields: readonly string[] = job.kind === 'members' ? IMPORT_FIELDS : KIND_SPECS[job.kind].fields;
  const foreign = body.columns.find((c) => c.field !== null && !fields.includes(c.field));
  if (foreign) throw new AppError('IMPORT_FIELD_UNKNOWN', { field: foreign.field!, kind: job.kind }, { field: 'columns' });
  const chosen = new Map(body.columns.map((c) => [c.index, c.field]));
  const seen = new Set<string>();
  const columns = layout.columns.map((c) => {
    const field = chosen.has(c.index) ? chosen.get(c.index)! : c.field;
    if (field !== null) {
      if (seen.has(field)) throw new AppError('IMPORT_FIELD_TWICE', { header: c.header }, { field: 'columns' });
      seen.add(field);
    }
    return { ...c, field };
  });
  // A new reading of the columns: the staged rows of the last dry run no longer say anything.
  const { staged: _staged, ...kept } = (job.mapping ?? {}) as { staged?: StagedMark };
  const mapping = { ...kept, layout: { ...layout, columns } };
  return ctx.db.transaction().execute(async (tx) => {
    const n = await repo.updateJob(
      tx,
      ctx.scope,
      id,
      { mapping, status: 'parsed', counts: {}, problems: [], problemCount: 0, progress: 0, failure: null },
      ctx.clock.now(),
      ['parsed', 'dry_run_done', 'failed'],
    );
    if (n === 0) throw stateError(job, 'đổi cột');
    await staging.clearStaged(tx, ctx.scope, id);
    await appendAudit(tx, ctx.actor, { action: 'import.remap', entityType: 'import_job', entityId: id, orgPath: job.org_path, after: { columns: columns.map((c) => ({ header: c.header, field: c.field })) } });
    return present((await repo.findJob(tx, ctx.scope, id))!);
  });
}

// ---- dry run -----------------------------------------------------------------------------------

export type Progress = (done: number, total: number | null) => void;

/** Reads the whole file and stores the report; nothing but the job changes. */
export async function dryRun(ctx: ServiceContext, id: number, onProgress?: Progress): Promise<ImportJob> {
  const job = await jobOf(ctx, id);
  if (job.status !== 'parsed' && job.status !== 'dry_run_done' && job.status !== 'failed') throw stateError(job, 'kiểm tra lại');
  if (job.kind !== 'members') {
    await dryRunKind(ctx, job, onProgress);
    return present(await jobOf(ctx, id));
  }
  const file = await fileOf(ctx, ctx.db, id);
  const layout = layoutOf(job);
  if (!layout) throw new AppError('IMPORT_NO_HEADER', { rows: 20 }, { field: 'body' });
  const now = () => ctx.clock.now();
  const meter: ReadMeter = { bytesRead: 0, totalBytes: file.size };
  let persisted = Date.now();
  // The rows of an earlier dry run go, and with them the mark that lets a commit use them.
  const { staged: _old, ...mapping } = (job.mapping ?? {}) as { staged?: StagedMark };
  await repo.updateJob(ctx.db, ctx.scope, id, { mapping }, now());
  await staging.clearStaged(ctx.db, ctx.scope, id);
  live.set(id, 0);
  try {
    const target = await targetOf(ctx, job);
    const result = await analyse(ctx.db, target, job.format, file, {
      layout,
      maxProblems: MAX_STORED_PROBLEMS,
      meter,
      // Each valid row once, as the record it will become: the commit writes from there.
      onPlans: (plans) => staging.stageRows(ctx.db, ctx.scope, id, stagedRows(plans)),
      onBatch: async (rows, counts) => {
        onProgress?.(rows, null);
        live.set(id, percentOf(meter));
        if (Date.now() - persisted >= PERSIST_EVERY_MS) {
          persisted = Date.now();
          await repo.updateJob(ctx.db, ctx.scope, id, { counts, progress: percentOf(meter) }, now());
        }
      },
    });
    onProgress?.(result.counts.rows, result.counts.rows);
    const c = result.counts;
    const staged: StagedMark | undefined = c.error === 0 ? { rows: c.new + c.toUpdate + c.unchanged, today: target.today } : undefined;
    const n = await repo.updateJob(
      ctx.db,
      ctx.scope,
      id,
      { status: 'dry_run_done', counts: c, problems: result.problems, problemCount: result.problemCount, progress: 100, failure: null, mapping: { ...mapping, staged } },
      now(),
      ['parsed', 'dry_run_done', 'failed'],
    );
    // Cancelled meanwhile: the report is dropped with the job.
    if (n === 0) throw stateError(await jobOf(ctx, id), 'kiểm tra lại');
  } catch (e) {
    if (!(e instanceof AppError && e.code === 'IMPORT_STATE')) {
      await repo.updateJob(ctx.db, ctx.scope, id, { status: 'failed', failure: e instanceof Error ? e.message : String(e) }, now(), ['parsed', 'dry_run_done']);
    }
    throw e;
  } finally {
    live.delete(id);
  }
  return present(await jobOf(ctx, id));
}

// ---- commit ------------------------------------------------------------------------------------

/**
 * Writes one batch of plans: its new records together (createMembersIn, their roll-up summed into
 * `rollup` for the end of the commit), then its updates one by one through the edit path.
 */
async function applyPlans(
  tx: Parameters<typeof createMembersIn>[0],
  ctx: ServiceContext,
  plans: RowPlan[],
  policy: DuplicatePolicy,
  tally: Record<string, number>,
  rollup: Map<string, DimCounts>,
) {
  const created = await createMembersIn(
    tx,
    ctx,
    plans.flatMap((p) => (p.kind === 'new' ? [p.input] : [])),
    rollup,
  );
  tally.created! += created.length;
  for (const p of plans) {
    if (p.kind === 'new') continue;
    if (p.kind === 'update') {
      if (policy === 'stop') throw new AppError('IMPORT_DUPLICATES_STOP', { count: 1 }, { field: 'onDuplicate', row: p.row });
      if (policy === 'skip') {
        tally.skipped!++;
        continue;
      }
      await updateMemberIn(tx, ctx, p.memberId, p.patch);
      tally.updated!++;
    } else tally.unchanged!++;
  }
}

/** The refusals of a commit that the job alone decides (before any reading of the file). */
export function assertCommittable(job: ImportJob): void {
  const dry = job.counts as Partial<Counts>;
  const label = STATUS_LABELS[job.status];
  if (job.status !== 'dry_run_done' && !(job.status === 'failed' && dry.rows !== undefined)) {
    throw new AppError('IMPORT_STATE', { status: label, action: 'ghi vào cơ sở dữ liệu' }, { field: 'status' });
  }
  if ((dry.error ?? 0) > 0) throw new AppError('IMPORT_HAS_ERRORS', { count: dry.error! }, { field: 'body' });
  if (job.onDuplicate === 'stop' && (dry.toUpdate ?? 0) > 0) throw new AppError('IMPORT_DUPLICATES_STOP', { count: dry.toUpdate! }, { field: 'onDuplicate' });
}

/**
 * Writes the file in ONE transaction. When the dry run's staged rows still hold (nothing they
 * rest on changed since: import.staged.ts), the commit writes from them set-based; otherwise it
 * re-reads and re-checks every row against the database as it is now (the same pass as the dry
 * run): a row in error, or with the stop policy a duplicate that differs, rolls everything back.
 * Either way: intervals, roll-ups, name words, per-record audit, and one more audit entry that
 * records the import with the file's SHA-256 and the counts.
 */
export async function commit(ctx: ServiceContext, id: number, onProgress?: Progress): Promise<ImportJob> {
  const job = await jobOf(ctx, id);
  assertCommittable(present(job));
  if (job.kind !== 'members') {
    await commitKind(ctx, job, onProgress);
    return present(await jobOf(ctx, id));
  }
  const dry = job.counts as Partial<Counts>;
  // Before the transaction: on PGlite it holds the only connection.
  const target = await targetOf(ctx, job);
  const now = () => ctx.clock.now();
  if ((await repo.updateJob(ctx.db, ctx.scope, id, { status: 'committing', progress: 0, failure: null }, now(), ['dry_run_done', 'failed'])) === 0) {
    throw stateError(await jobOf(ctx, id), 'ghi vào cơ sở dữ liệu');
  }
  live.set(id, 0);
  try {
    await ctx.db.transaction().execute(async (tx) => {
      await staging.commitSettings(tx);
      let counts: Record<string, number>;
      if (await stagedStillHolds(tx, ctx, job)) {
        const tally = await commitStaged(tx, ctx, job, dry, (done, total) => {
          live.set(id, Math.min(99, Math.floor((100 * done) / Math.max(1, total))));
          onProgress?.(done, total);
        });
        counts = { ...(dry as Counts), ...tally };
      } else {
        counts = await commitByAnalysis(tx, ctx, job, target, dry, onProgress);
      }
      await repo.updateJob(tx, ctx.scope, id, { status: 'committed', counts, progress: 100, committedAt: now() }, now());
      await appendAudit(tx, ctx.actor, {
        action: 'import.commit',
        entityType: 'import_job',
        entityId: id,
        orgPath: job.org_path,
        after: { fileName: job.file_name, sha256: job.sha256, onDuplicate: job.on_duplicate, counts },
      });
    });
  } catch (e) {
    // Nothing of the file was written (the transaction rolled back); the job says why.
    await repo.updateJob(ctx.db, ctx.scope, id, { status: 'failed', failure: e instanceof Error ? e.message : String(e) }, now(), ['committing']);
    throw e;
  } finally {
    live.delete(id);
  }
  // The staged rows have served; dropping them is no part of the import (a leftover is harmless).
  await staging.clearStaged(ctx.db, ctx.scope, id).catch(() => undefined);
  const done = await jobOf(ctx, id);
  if (((done.counts as Record<string, number>).created ?? 0) >= ANALYZE_AFTER) await staging.analyzeImported(ctx.db);
  return present(done);
}

/** The commit's own reading of the file, in its transaction: the database changed since the dry run. */
async function commitByAnalysis(
  tx: Transaction<DB>,
  ctx: ServiceContext,
  job: ImportJobRow,
  target: AnalysisTarget,
  dry: Partial<Counts>,
  onProgress?: Progress,
): Promise<Record<string, number>> {
  // Its parts are read in the transaction (PGlite has one connection, which the transaction holds).
  const file = await fileOf(ctx, tx, job.id);
  const total = dry.rows ?? null;
  const tally: Record<string, number> = { created: 0, updated: 0, skipped: 0, unchanged: 0 };
  const meter: ReadMeter = { bytesRead: 0, totalBytes: file.size };
  const rollup = new Map<string, DimCounts>();
  const result = await analyse(tx, target, job.format, file, {
    layout: layoutOf(job)!,
    maxProblems: 100,
    stopAtError: true,
    skipPossibleDuplicates: true,
    onPlans: (plans) => applyPlans(tx, ctx, plans, job.on_duplicate, tally, rollup),
    meter,
    onBatch: async (rows) => {
      live.set(job.id, percentOf(meter));
      onProgress?.(rows, total);
    },
  });
  if (result.counts.error > 0) throw new AppError('IMPORT_HAS_ERRORS', { count: result.counts.error }, { field: 'body' });
  // The new records' roll-up contribution, summed per org over the whole file, written once.
  await applyDeltas(tx, rollup);
  onProgress?.(result.counts.rows, result.counts.rows);
  // Possible duplicates only warn: the commit keeps the dry run's count of them.
  return { ...result.counts, possibleDuplicates: dry.possibleDuplicates ?? 0, ...tally };
}

export async function cancel(ctx: ServiceContext, id: number): Promise<ImportJob> {
  const job = await jobOf(ctx, id);
  const n = await repo.updateJob(ctx.db, ctx.scope, id, { status: 'cancelled' }, ctx.clock.now(), ['parsed', 'dry_run_done', 'failed']);
  if (n === 0) throw stateError(job, 'hủy');
  await staging.clearStaged(ctx.db, ctx.scope, id);
  await appendAudit(ctx.db, ctx.actor, { action: 'import.cancel', entityType: 'import_job', entityId: id, orgPath: job.org_path, after: { fileName: job.file_name } });
  return present(await jobOf(ctx, id));
}

export async function getJob(ctx: ServiceContext, id: number, opts: { offset?: number; limit?: number } = {}): Promise<ImportJob> {
  return present(await jobOf(ctx, id), opts);
}

export async function listJobs(ctx: ServiceContext, page: number, pageSize: number) {
  const rows = await repo.listJobs(ctx.db, ctx.scope, pageSize, (page - 1) * pageSize);
  return {
    items: rows.map((r) => ({
      id: r.id,
      kind: r.kind,
      fileName: r.file_name,
      status: r.status,
      format: r.format,
      onDuplicate: r.on_duplicate,
      orgId: r.org_id,
      orgName: r.org_name,
      username: r.username ?? null,
      counts: (r.counts as Record<string, number>) ?? {},
      problemCount: r.problem_count,
      progress: r.progress,
      createdAt: iso(r.created_at)!,
      committedAt: iso(r.committed_at),
    })),
  };
}

/** The uploaded file (read through its parts as the workbook is written) and its problems, for the report workbook. */
export async function reportSource(ctx: ServiceContext, id: number) {
  const job = await jobOf(ctx, id);
  return { job, file: await fileOf(ctx, ctx.db, id), layout: layoutOf(job), problems: (job.problems as ImportProblem[]) ?? [] };
}

// ---- background running (web): one job at a time per process, survivable by polling ---------

const running = new Set<Promise<unknown>>();

/** Starts a use case without waiting; its outcome is in the job row (status, failure). */
export function inBackground(work: () => Promise<unknown>, onError: (e: unknown) => void): void {
  const p = work().catch((e: unknown) => {
    if (!(e instanceof AppError)) onError(e);
  });
  running.add(p);
  void p.finally(() => running.delete(p));
}

/** Waits for background work to end (server shutdown, tests). */
export async function settle(): Promise<void> {
  while (running.size > 0) await Promise.allSettled([...running]);
}

// ---- templates ---------------------------------------------------------------------------------

export async function saveTemplate(ctx: ServiceContext, body: TemplateBody) {
  return ctx.db.transaction().execute(async (tx) => {
    const t = await repo.upsertTemplate(tx, ctx.scope, { name: body.name, orgId: body.orgId, kind: body.kind, mapping: body.mapping, createdBy: ctx.actor.userId, now: ctx.clock.now() });
    if (!t) throw new AppError('ORG_NOT_FOUND', { id: body.orgId }, { field: 'orgId' });
    await appendAudit(tx, ctx.actor, { action: 'import.template', entityType: 'import_template', entityId: t.id, orgPath: t.org_path, after: { name: t.name, kind: t.kind, mapping: body.mapping } });
    return presentTemplate(t);
  });
}

function presentTemplate(t: { id: number; name: string; kind: ImportKind; org_id: number; mapping: unknown; updated_at: Date | string }) {
  return { id: t.id, name: t.name, kind: t.kind, orgId: t.org_id, mapping: t.mapping as Record<string, string | null>, updatedAt: iso(t.updated_at)! };
}

export async function listTemplates(ctx: ServiceContext) {
  return { items: (await repo.listTemplates(ctx.db, ctx.scope)).map(presentTemplate) };
}
