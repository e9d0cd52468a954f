import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB, DuplicatePolicy, ImportJobRow, ImportJobStatus, ImportKind, MemberRow } from '../../db/types.js';
import { subtreeUpperBound } from '../../db/tree-path.js';
import { inScope, type Scope } from '../auth/scope.js';
import { partsSource, type ByteSource } from './byte-source.js';

// All SQL of the import. Jobs, files and templates are scoped by the org they were made for
// (org_path); members are looked up by their natural keys.

type Db = Kysely<DB> | Transaction<DB>;

export interface NewJob {
  createdBy: number | null;
  orgId: number;
  orgPath: string;
  fileName: string;
  sha256: string;
  /** The file, stored a part at a time. */
  file: ByteSource;
  format: 'xlsx' | 'csv';
  encoding: string | null;
  onDuplicate: DuplicatePolicy;
  templateId: number | null;
  mapping: Record<string, string | null> | null;
  now: Date;
  /** What the file holds (migration 0021); members when absent. */
  kind?: ImportKind;
}

/** The job and its file; the org is checked in scope in the same statement (0 rows: out of scope). */
export async function insertJob(db: Db, scope: Scope, j: NewJob): Promise<ImportJobRow | undefined> {
  const job = await db
    .insertInto('import_job')
    .columns(['kind', 'created_by', 'org_id', 'org_path', 'file_name', 'sha256', 'file_bytes', 'format', 'encoding', 'status', 'on_duplicate', 'template_id', 'mapping', 'created_at', 'updated_at'])
    .expression((eb) =>
      eb
        .selectFrom('org as o')
        .select([
          sql.val(j.kind ?? 'members').as('kind'),
          sql.lit(j.createdBy).as('created_by'),
          'o.id',
          'o.path',
          sql.val(j.fileName).as('file_name'),
          sql.val(j.sha256).as('sha256'),
          sql.val(j.file.size).as('file_bytes'),
          sql.val(j.format).as('format'),
          sql.val(j.encoding).as('encoding'),
          sql.val('parsed').as('status'),
          sql.val(j.onDuplicate).as('on_duplicate'),
          sql.val(j.templateId).as('template_id'),
          sql.val(j.mapping === null ? null : JSON.stringify(j.mapping)).as('mapping'),
          sql.val(j.now).as('created_at'),
          sql.val(j.now).as('updated_at'),
        ])
        .where('o.id', '=', j.orgId)
        .where(inScope(scope, 'o.path')),
    )
    .returningAll()
    .executeTakeFirst();
  if (job) {
    // One statement per part: no statement carries more than FILE_PART_BYTES (migration 0029),
    // and no more than a part of the file is read at a time.
    for (let part = 0, at = 0; at < j.file.size || part === 0; part++, at += FILE_PART_BYTES) {
      await db.insertInto('import_file').values({ job_id: job.id, part, data: await j.file.read(at, FILE_PART_BYTES) }).execute();
    }
  }
  return job;
}

/** The size of the parts an import's file is kept in. */
export const FILE_PART_BYTES = 1024 * 1024;

export function findJob(db: Db, scope: Scope, id: number, opts: { forUpdate?: boolean } = {}): Promise<ImportJobRow | undefined> {
  let q = db.selectFrom('import_job').selectAll().where('id', '=', id).where(inScope(scope, 'org_path'));
  if (opts.forUpdate) q = q.forUpdate();
  return q.executeTakeFirst();
}

/**
 * The job's file as a source: a range reads only the parts it spans, one statement each, in the
 * caller's scope (and its transaction, when given one), and few parts stay in memory.
 */
export async function jobFileSource(db: Db, scope: Scope, id: number): Promise<ByteSource | undefined> {
  const job = await db.selectFrom('import_job').select('file_bytes').where('id', '=', id).where(inScope(scope, 'org_path')).executeTakeFirst();
  if (!job) return undefined;
  return partsSource(Number(job.file_bytes), FILE_PART_BYTES, async (part) => {
    const row = await db
      .selectFrom('import_file as f')
      .innerJoin('import_job as j', 'j.id', 'f.job_id')
      .select('f.data')
      .where('f.job_id', '=', id)
      .where('f.part', '=', part)
      .where(inScope(scope, 'j.org_path'))
      .executeTakeFirst();
    if (!row) throw new Error(`import ${id}: part ${part} of the file is missing`);
    return row.data;
  });
}

/** The job's file whole, read through its parts (small files: orgs, targets). */
export async function jobFile(db: Db, scope: Scope, id: number): Promise<Uint8Array | undefined> {
  const source = await jobFileSource(db, scope, id);
  return source && source.read(0, source.size);
}

export interface JobUpdate {
  status?: ImportJobStatus;
  counts?: Record<string, number>;
  problems?: unknown[];
  problemCount?: number;
  progress?: number;
  failure?: string | null;
  encoding?: string | null;
  mapping?: unknown;
  committedAt?: Date;
}

/** Changes a job in scope, optionally only from the given statuses; the number of rows changed. */
export async function updateJob(db: Db, scope: Scope, id: number, u: JobUpdate, now: Date, fromStatuses?: readonly ImportJobStatus[]): Promise<number> {
  let q = db
    .updateTable('import_job')
    .set({
      updated_at: now,
      ...(u.status !== undefined ? { status: u.status } : {}),
      ...(u.counts !== undefined ? { counts: JSON.stringify(u.counts) } : {}),
      ...(u.problems !== undefined ? { problems: JSON.stringify(u.problems) } : {}),
      ...(u.problemCount !== undefined ? { problem_count: u.problemCount } : {}),
      ...(u.progress !== undefined ? { progress: u.progress } : {}),
      ...(u.failure !== undefined ? { failure: u.failure } : {}),
      ...(u.encoding !== undefined ? { encoding: u.encoding } : {}),
      ...(u.mapping !== undefined ? { mapping: JSON.stringify(u.mapping) } : {}),
      ...(u.committedAt !== undefined ? { committed_at: u.committedAt } : {}),
    })
    .where('id', '=', id)
    .where(inScope(scope, 'org_path'));
  if (fromStatuses) q = q.where('status', 'in', [...fromStatuses]);
  const r = await q.executeTakeFirst();
  return Number(r.numUpdatedRows);
}

export function listJobs(db: Db, scope: Scope, limit: number, offset: number) {
  return db
    .selectFrom('import_job as j')
    .innerJoin('org as o', 'o.id', 'j.org_id')
    .leftJoin('app_user as u', 'u.id', 'j.created_by')
    .select(['j.id', 'j.kind', 'j.file_name', 'j.status', 'j.format', 'j.on_duplicate', 'j.counts', 'j.problem_count', 'j.progress', 'j.created_at', 'j.committed_at', 'j.org_id', 'o.name as org_name', 'u.username'])
    .where(inScope(scope, 'j.org_path'))
    .orderBy('j.id', 'desc')
    .limit(limit)
    .offset(offset)
    .execute();
}

/** A committed import of the same bytes within the same subtree: running it again changes nothing. */
export function committedWithSha(db: Db, scope: Scope, sha256: string, orgPath: string) {
  return db
    .selectFrom('import_job')
    .select(['id', 'committed_at'])
    .where('sha256', '=', sha256)
    .where('status', '=', 'committed')
    .where('org_path', '=', orgPath)
    .where(inScope(scope, 'org_path'))
    .orderBy('id', 'desc')
    .executeTakeFirst();
}

export interface SubtreeOrg {
  id: number;
  code: string;
  name: string;
  name_norm: string;
  path: string;
  org_type: string;
  dissolved_on: string | null;
}

/** Every org of the subtree rooted at `rootPath` that the caller may see: where a row's org is looked for. */
export function subtreeOrgs(db: Db, scope: Scope, rootPath: string): Promise<SubtreeOrg[]> {
  return db
    .selectFrom('org')
    .select(['id', 'code', 'name', 'name_norm', 'path', 'org_type', 'dissolved_on'])
    .where('path', '>=', rootPath)
    .where('path', '<', subtreeUpperBound(rootPath))
    .where(inScope(scope, 'path'))
    .execute();
}

export function findOrg(db: Db, scope: Scope, id: number) {
  return db.selectFrom('org').select(['id', 'code', 'name', 'path', 'org_type']).where('id', '=', id).where(inScope(scope, 'path')).executeTakeFirst();
}

/**
 * Members holding any of these citizen IDs or card numbers, anywhere: the keys are unique
 * nationally, so a key held outside the caller's scope must still stop the row (the row's
 * problem then names the typed value, never the holder, as the API's DUPLICATE_* refusal does).
 * The caller reads only `inScope`, `id`, `citizen_id` and `party_card_no` of a row out of scope.
 */
export async function membersByKeys(db: Db, scope: Scope, citizenIds: readonly string[], cards: readonly string[]): Promise<(MemberRow & { in_scope: boolean })[]> {
  if (citizenIds.length === 0 && cards.length === 0) return [];
  return db
    .selectFrom('member as m')
    .selectAll('m')
    .select(sql<boolean>`${inScope(scope, 'm.org_path')}`.as('in_scope'))
    .where('m.deleted_at', 'is', null)
    .where((eb) =>
      eb.or([
        ...(citizenIds.length > 0 ? [eb('m.citizen_id', 'in', [...citizenIds])] : []),
        ...(cards.length > 0 ? [eb('m.party_card_no', 'in', [...cards])] : []),
      ]),
    )
    .execute() as Promise<(MemberRow & { in_scope: boolean })[]>;
}

/**
 * Members in scope with one of these (normalized name, date of birth) pairs: possible duplicates.
 * Joined pair by pair on the (name_norm, birth_date) index of migration 0014: as two IN lists the
 * planner took the trigram index for the names, seconds per batch once the table had grown.
 */
export async function membersByNameAndBirth(db: Db, scope: Scope, pairs: readonly { nameNorm: string; birthDate: string }[]) {
  if (pairs.length === 0) return [];
  const unique = [...new Map(pairs.map((p) => [`${p.nameNorm}|${p.birthDate}`, p])).values()];
  const { rows } = await sql<{ id: number; full_name: string; name_norm: string; birth_date: string; citizen_id: string | null; party_card_no: string | null }>`
    select distinct m.id, m.full_name, m.name_norm, m.birth_date, m.citizen_id, m.party_card_no
    from unnest(${unique.map((p) => p.nameNorm)}::text[], ${unique.map((p) => p.birthDate)}::date[]) as p(name_norm, birth_date)
    join member m on m.name_norm = p.name_norm and m.birth_date = p.birth_date
    where m.deleted_at is null and ${inScope(scope, 'm.org_path')}`.execute(db);
  return rows;
}

// ---- templates -------------------------------------------------------------------------------

export function findTemplate(db: Db, scope: Scope, name: string, orgPath: string, kind: ImportKind = 'members') {
  // The nearest template of that name on the way from the org up to the scope's root.
  return db
    .selectFrom('import_template')
    .selectAll()
    .where('name', '=', name)
    .where('kind', '=', kind)
    .where(inScope(scope, 'org_path'))
    .where(sql<boolean>`${orgPath} like org_path || '%'`)
    .orderBy(sql`length(org_path)`, 'desc')
    .executeTakeFirst();
}

export function listTemplates(db: Db, scope: Scope) {
  return db.selectFrom('import_template').selectAll().where(inScope(scope, 'org_path')).orderBy('name').orderBy('id').execute();
}

export async function upsertTemplate(db: Db, scope: Scope, t: { name: string; orgId: number; kind?: ImportKind; mapping: Record<string, string | null>; createdBy: number | null; now: Date }) {
  const org = await findOrg(db, scope, t.orgId);
  if (!org) return undefined;
  return db
    .insertInto('import_template')
    .values({ name: t.name, kind: t.kind ?? 'members', org_id: org.id, org_path: org.path, mapping: JSON.stringify(t.mapping), created_by: t.createdBy, created_at: t.now, updated_at: t.now })
    .onConflict((oc) => oc.columns(['org_id', 'kind', 'name']).doUpdateSet({ mapping: JSON.stringify(t.mapping), updated_at: t.now }))
    .returningAll()
    .executeTakeFirst();
}
