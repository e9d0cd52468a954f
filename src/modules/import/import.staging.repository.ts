import { sql, type Kysely, type SqlBool, type Transaction } from 'kysely';
import type { DB, ImportRowTable } from '../../db/types.js';
import { ROLLUP_DIMS } from '../../domain/rollup-dims.js';
import { ACTIVE_STATUSES } from '../../domain/member-status.js';
import type { Actor } from '../audit/audit.repository.js';
import { inScope, type Scope } from '../auth/scope.js';

// The SQL of the staged import (migration 0022): the dry run's valid rows, kept as the records
// they will become, and the commit's set-based writes from them. Every statement reaches the
// rows through their job, in the caller's scope.

type Db = Kysely<DB> | Transaction<DB>;

/**
 * A batch of staged rows column by column (the member columns in MEMBER_COLUMNS order; null
 * where a row is not new): passed as one array per column, which both engines read far faster
 * than a JSON document of objects, and which costs the import a fraction of the serializing.
 */
export interface StagedColumns {
  row: number[];
  kind: ImportRowTable['kind'][];
  member_id: (number | null)[];
  member_version: (number | null)[];
  /** JSON text of each update's patch. */
  patch: (string | null)[];
  member: (string | null)[][];
  org_id: (number | null)[];
}

/** The SQL type of each member column as import_row declares it. */
const COLUMN_TYPES: Partial<Record<(typeof MEMBER_COLUMNS)[number], string>> = {
  birth_date: 'date', admission_date: 'date', official_date: 'date', youth_union_date: 'date', status_since: 'date',
};

/** The stored columns of a new record, as member has them (and import_row mirrors them). */
export const MEMBER_COLUMNS = [
  'full_name', 'name_norm', 'name_sort', 'other_names', 'sex', 'birth_date', 'birthplace', 'hometown', 'residence', 'ethnicity',
  'religion', 'citizen_id', 'party_card_no', 'admission_date', 'official_date', 'youth_union_date', 'general_education',
  'professional_level', 'theory_level', 'occupation', 'positions', 'phone', 'status', 'status_since',
] as const;

/**
 * A new record as the audit trail keeps it (memberFields: key, column), in that order. The
 * commit turns each row into jsonb with to_jsonb of a row of these: a quarter less CPU than
 * jsonb_build_object with 46 arguments, whose types it looks up again for every row — and the
 * same jsonb (keys are stored sorted either way).
 */
const AUDIT_FIELDS = [
  ['fullName', 'full_name'], ['otherNames', 'other_names'], ['sex', 'sex'], ['birthDate', 'birth_date'], ['birthplace', 'birthplace'],
  ['hometown', 'hometown'], ['residence', 'residence'], ['ethnicity', 'ethnicity'], ['religion', 'religion'], ['citizenId', 'citizen_id'],
  ['partyCardNo', 'party_card_no'], ['admissionDate', 'admission_date'], ['officialDate', 'official_date'],
  ['youthUnionDate', 'youth_union_date'], ['generalEducation', 'general_education'], ['professionalLevel', 'professional_level'],
  ['theoryLevel', 'theory_level'], ['occupation', 'occupation'], ['positions', 'positions'], ['phone', 'phone'], ['status', 'status'],
  ['statusSince', 'status_since'], ['orgId', 'org_id'],
] as const;

const jobInScope = (scope: Scope, jobId: number) => sql<SqlBool>`exists (select 1 from import_job j where j.id = ${jobId} and ${inScope(scope, 'j.org_path')})`;

/**
 * Settings for the rest of the commit's transaction (set_config(..., true) ends with it). No JIT:
 * the conflict check over a large job is estimated above jit_above_cost, and PostgreSQL then spent
 * ~2 s compiling it for a 0.6 s scan (100,000 rows); PGlite has no JIT, the setting is a no-op there.
 */
export async function commitSettings(db: Db): Promise<void> {
  await sql`select set_config('jit', 'off', true)`.execute(db);
}

/** Drops a job's staged rows (a new dry run, a cancel, after the commit). */
export async function clearStaged(db: Db, scope: Scope, jobId: number): Promise<void> {
  await sql`delete from import_row where job_id = ${jobId} and ${jobInScope(scope, jobId)}`.execute(db);
}

/** Adds one batch of a dry run's rows, in one statement. */
export async function stageRows(db: Db, scope: Scope, jobId: number, rows: StagedColumns): Promise<void> {
  if (rows.row.length === 0) return;
  const members = MEMBER_COLUMNS.map((c, i) => sql`${sql.val(rows.member[i])}::${sql.raw(COLUMN_TYPES[c] ?? 'text')}[]`);
  await sql`
    insert into import_row (job_id, row, kind, member_id, member_version, patch, ${sql.join(MEMBER_COLUMNS.map((c) => sql.ref(c)))}, org_id)
    select ${jobId}::bigint, v.*
    from unnest(
      ${sql.val(rows.row)}::int[], ${sql.val(rows.kind)}::text[], ${sql.val(rows.member_id)}::bigint[], ${sql.val(rows.member_version)}::int[],
      ${sql.val(rows.patch)}::jsonb[], ${sql.join(members)}, ${sql.val(rows.org_id)}::bigint[]) as v
    where ${jobInScope(scope, jobId)}`.execute(db);
}

export async function stagedCount(db: Db, scope: Scope, jobId: number): Promise<number> {
  const r = await sql<{ n: number }>`select count(*)::int as n from import_row where job_id = ${jobId} and ${jobInScope(scope, jobId)}`.execute(db);
  return r.rows[0]!.n;
}

/**
 * How many staged rows the database has moved away from since the dry run: a new record's
 * citizen ID or card number now held by someone (as keysTaken tests them), or a matched record
 * edited, deleted or out of scope since it was read (its version).
 */
export async function stagedConflicts(db: Db, scope: Scope, jobId: number): Promise<number> {
  const r = await sql<{ n: number }>`
    select count(*)::int as n from import_row r
    where r.job_id = ${jobId} and ${jobInScope(scope, jobId)} and (
      (r.kind = 'new' and (
        exists (select 1 from member m where m.citizen_id = r.citizen_id and m.deleted_at is null)
        or exists (select 1 from member m where m.party_card_no = r.party_card_no)))
      or (r.kind <> 'new' and not exists (
        select 1 from member m
        where m.id = r.member_id and m.version = r.member_version and m.deleted_at is null and ${inScope(scope, 'm.org_path')})))`.execute(db);
  return r.rows[0]!.n;
}

/** The orgs the new rows go to, as they are now and as the caller sees them. */
export async function stagedOrgs(db: Db, scope: Scope, jobId: number) {
  const r = await sql<{ org_id: number; org_type: string | null; dissolved_on: string | null; in_scope: boolean }>`
    select s.org_id, o.org_type, o.dissolved_on, (o.id is not null) as in_scope
    from (select distinct org_id from import_row where job_id = ${jobId} and kind = 'new' and ${jobInScope(scope, jobId)}) s
    left join org o on o.id = s.org_id and ${inScope(scope, 'o.path')}`.execute(db);
  return r.rows;
}

/** The row number that ends a chunk of `size` new rows after `after` (null: none left). */
export async function newRowsChunkEnd(db: Db, scope: Scope, jobId: number, after: number, size: number): Promise<number | null> {
  const r = await sql<{ last: number | null }>`
    select max(row) as last from (
      select row from import_row where job_id = ${jobId} and kind = 'new' and row > ${after} and ${jobInScope(scope, jobId)}
      order by row limit ${size}) c`.execute(db);
  return r.rows[0]?.last ?? null;
}

export interface RollupCount {
  org_path: string;
  dim: string;
  val: string;
  n: number;
}

/**
 * Creates the new records of rows (after, last] in one statement: the members (in scope only),
 * their first status interval and placement (as insertFirstIntervals), a `member.create` audit
 * row each with the record as memberFields presents it; answers their roll-up contributions
 * summed per org, dimension and value (the SQL side of ROLLUP_DIMS) and how many were created.
 */
export async function insertStagedMembers(db: Db, scope: Scope, actor: Actor, jobId: number, after: number, last: number, now: Date) {
  const cols = sql.join(MEMBER_COLUMNS.map((c) => sql.ref(c)));
  const dims = sql.join(ROLLUP_DIMS.map((d) => sql`(${sql.lit(d.dim)}, (${sql.raw(d.sql)})::text)`));
  const r = await sql<RollupCount & { created: number }>`
    with ins as (
      insert into member (${cols}, org_id, org_path, created_at, updated_at)
      select ${sql.join(MEMBER_COLUMNS.map((c) => sql.ref(`r.${c}`)))}, o.id, o.path, ${now}::timestamptz, ${now}::timestamptz
      from import_row r join org o on o.id = r.org_id
      where r.job_id = ${jobId} and r.kind = 'new' and r.row > ${after} and r.row <= ${last} and ${inScope(scope, 'o.path')}
      order by r.row
      returning *),
    periods as (
      insert into member_status_period (member_id, valid_from, valid_to, status, decision_no)
      select id, status_since, null, status, null from ins),
    placements as (
      insert into member_placement (member_id, valid_from, valid_to, org_id)
      select id, coalesce(admission_date, status_since), null, org_id from ins),
    audit as (
      insert into audit_log (user_id, ip, action, entity_type, entity_id, org_path, before, after)
      select ${actor.userId}::bigint, ${actor.ip}::text, 'member.create', 'member', ins.id::text, ins.org_path, null, to_jsonb(f)
      from ins cross join lateral (select ${sql.join(AUDIT_FIELDS.map(([key, col]) => sql`ins.${sql.ref(col)} as ${sql.ref(key)}`))}) f),
    dims as (
      select ins.org_path, d.dim, d.val from ins cross join lateral (values ${dims}) as d(dim, val)
      where ins.status in (${sql.join(ACTIVE_STATUSES.map((s) => sql.lit(s)))}))
    select org_path, dim, val, count(*)::int as n, (select count(*)::int from ins) as created
    from dims group by org_path, dim, val
    union all
    select null, null, null, 0, (select count(*)::int from ins)`.execute(db);
  const created = r.rows[0]?.created ?? 0;
  return { created, rollup: r.rows.filter((x) => x.dim !== null) as RollupCount[] };
}

/** The staged updates after row `after`, in file order, `limit` at a time. */
export async function stagedUpdates(db: Db, scope: Scope, jobId: number, after: number, limit: number) {
  return db
    .selectFrom('import_row')
    .select(['row', 'member_id', 'patch'])
    .where('job_id', '=', jobId)
    .where('kind', '=', 'update')
    .where('row', '>', after)
    .where(jobInScope(scope, jobId))
    .orderBy('row')
    .limit(limit)
    .execute();
}

/**
 * Fresh planner statistics for the tables a large import filled. PGlite has no autovacuum to do
 * it, and on PostgreSQL it comes later: until then plans still assume the tables as they were
 * (the export of the list just imported, the next import's look-ups).
 */
export async function analyzeImported(db: Db): Promise<void> {
  await sql`analyze member, member_status_period, member_placement, member_name_token`.execute(db);
}
