import { sql, type Expression, type Kysely, type RawBuilder, type SqlBool } from 'kysely';
import type { DB } from '../../db/types.js';
import { subtreeUpperBound } from '../../db/tree-path.js';
import { ACTIVE_STATUSES } from '../../domain/member-status.js';
import { ORG_DIMS, ROLLUP_DIMS, type RollupMember } from '../../domain/rollup-dims.js';
import type { DimRow } from '../../domain/stats-figures.js';
import { inScope, type Scope } from '../auth/scope.js';

// SQL of the statistics module. Every query yields (dim, val, n) rows in the vocabulary of
// org_rollup, whichever source it reads: the roll-ups, the current base tables, or the history
// tables as of a date. The member dimensions are always ROLLUP_DIMS' own SQL expressions.

/** The member columns the ROLLUP_DIMS expressions read (the compiler keeps this list complete). */
const DIM_COLUMNS = Object.keys({
  status: 1,
  sex: 1,
  birth_date: 1,
  ethnicity: 1,
  religion: 1,
  theory_level: 1,
  general_education: 1,
  professional_level: 1,
  youth_union_date: 1,
} satisfies Record<keyof RollupMember, 1>) as (keyof RollupMember)[];

// One grouping set per dimension: a single hash aggregation pass over the members, instead of
// multiplying every member row by the number of dimensions.
const dimColumns = sql.raw(ROLLUP_DIMS.map((d, i) => `(${d.sql}) as d${i}`).join(',\n      '));
const dimSets = sql.raw(ROLLUP_DIMS.map((_, i) => `(d${i})`).join(', '));
const dimOfSet = sql.raw(`case ${ROLLUP_DIMS.map((d, i) => `when grouping(d${i}) = 0 then '${d.dim}'`).join(' ')} end`);
const valOfSet = sql.raw(`case ${ROLLUP_DIMS.map((_, i) => `when grouping(d${i}) = 0 then d${i}`).join(' ')} end`);

const activeStatuses = sql.join(ACTIVE_STATUSES.map((s) => sql.lit(s)));

/** `column` lies in the subtree of one of `paths`; null means the whole tree. */
function under(paths: readonly string[] | null, column: string): Expression<SqlBool> {
  if (paths === null) return sql<SqlBool>`true`;
  if (paths.length === 0) return sql<SqlBool>`false`;
  const parts = paths.map((p) => sql`(${sql.ref(column)} >= ${p} and ${sql.ref(column)} < ${subtreeUpperBound(p)})`);
  return sql<SqlBool>`(${sql.join(parts, sql` or `)})`;
}

/** Counts by every member dimension over a derived table `m` that has the DIM_COLUMNS. */
function memberDimCounts(members: RawBuilder<unknown>): RawBuilder<DimRow> {
  return sql<DimRow>`
    select ${dimOfSet} as dim, ${valOfSet} as val, count(*)::bigint as n
    from (select ${dimColumns} from (${members}) as m) as x
    group by grouping sets (${dimSets})`;
}

export interface OrgRef {
  id: number;
  path: string;
}

/** The org when it exists and lies in the caller's scope; null otherwise (both answer 404). */
export async function findOrgInScope(db: Kysely<DB>, scope: Scope, orgId: number): Promise<OrgRef | null> {
  const row = await db
    .selectFrom('org')
    .select(['id', 'path'])
    .where('id', '=', orgId)
    .where(inScope(scope, 'org.path'))
    .executeTakeFirst();
  return row ?? null;
}

/**
 * The org's roll-up rows, in one indexed query (the org by primary key, its ~150 org_rollup rows
 * by the primary key's prefix). null when the org is missing or out of scope.
 */
export async function rollupRowsOfOrg(db: Kysely<DB>, scope: Scope, orgId: number): Promise<DimRow[] | null> {
  const rows = await db
    .selectFrom('org as o')
    .leftJoin('org_rollup as r', (j) => j.onRef('r.org_id', '=', 'o.id').on('r.n', '<>', 0))
    .select(['r.dim', 'r.val', 'r.n'])
    .where('o.id', '=', orgId)
    .where(inScope(scope, 'o.path'))
    .execute();
  if (rows.length === 0) return null;
  return rows.filter((r): r is DimRow => r.dim !== null && r.val !== null && r.n !== null);
}

/** The roots of the caller's scope: its scope orgs, or every root org when the scope is '/'. */
function scopeRoots(scope: Scope): Expression<SqlBool> {
  if (scope.paths.includes('/')) return sql<SqlBool>`o.parent_id is null`;
  if (scope.paths.length === 0) return sql<SqlBool>`false`;
  return sql<SqlBool>`o.path in (${sql.join([...scope.paths])})`;
}

/**
 * The roll-up rows of every root org of the scope (their subtrees do not overlap), unsummed: the
 * caller adds them up (shapeFigures does) rather than a sort-and-group in SQL. At 34 provinces
 * that is ~4,100 rows by index.
 */
export async function rollupRowsOfScope(db: Kysely<DB>, scope: Scope): Promise<DimRow[]> {
  const { rows } = await sql<DimRow>`
    select r.dim, r.val, r.n
    from org o join org_rollup r on r.org_id = o.id
    where ${scopeRoots(scope)} and ${inScope(scope, 'o.path')} and r.n <> 0`.execute(db);
  return rows;
}

/** The scope's root orgs (id and current path). */
export async function scopeRootOrgs(db: Kysely<DB>, scope: Scope): Promise<OrgRef[]> {
  const { rows } = await sql<OrgRef>`
    select o.id, o.path from org o where ${scopeRoots(scope)} and ${inScope(scope, 'o.path')} order by o.path`.execute(db);
  return rows;
}

/**
 * The same rows as the roll-ups, recounted from the current base tables (member, org) for the
 * subtrees at `paths` (null: the whole tree) — the definition rebuildAll() recounts by.
 */
export async function recountRows(db: Kysely<DB>, scope: Scope, paths: readonly string[] | null): Promise<DimRow[]> {
  const columns = sql.raw(DIM_COLUMNS.map((c) => `m.${c}`).join(', '));
  const members = sql`
    select ${columns}
    from member m join org o on o.id = m.org_id
    where m.deleted_at is null and m.status in (${activeStatuses})
      and ${under(paths, 'o.path')} and ${inScope(scope, 'o.path')}`;
  const { rows } = await sql<DimRow>`
    ${memberDimCounts(members)}
    union all
    select ${sql.lit(ORG_DIMS.type)}, o.org_type, count(*)::bigint from org o
    where o.dissolved_on is null and ${under(paths, 'o.path')} and ${inScope(scope, 'o.path')}
    group by o.org_type
    union all
    select ${sql.lit(ORG_DIMS.kind)}, o.org_kind, count(*)::bigint from org o
    where o.dissolved_on is null and o.org_kind is not null and ${under(paths, 'o.path')} and ${inScope(scope, 'o.path')}
    group by o.org_kind`.execute(db);
  return rows;
}

/**
 * Paths of the given orgs as of a date (an org that did not exist then has none). Only orgs the
 * caller may see now count: the scope is of current paths, the answer is of past ones.
 */
export async function pathsAsOf(db: Kysely<DB>, scope: Scope, orgIds: readonly number[], asOf: string): Promise<string[]> {
  if (orgIds.length === 0) return [];
  const { rows } = await sql<{ path: string }>`
    select v.path from org_version v join org o on o.id = v.org_id
    where v.org_id in (${sql.join([...orgIds])}) and ${inScope(scope, 'o.path')}
      and v.valid_from <= ${asOf}::date and (v.valid_to is null or v.valid_to > ${asOf}::date)`.execute(db);
  return rows.map((r) => r.path);
}

/**
 * True in SQL only when the caller may see what `paths` (as of D) stand for: each is the path on D
 * of an org now in scope; null (the whole tree) needs every root org in scope. Anything else
 * yields no rows at all, so a path taken from elsewhere cannot widen the figures.
 */
function historyGate(scope: Scope, paths: readonly string[] | null, d: RawBuilder<unknown>): Expression<SqlBool> {
  if (paths === null) {
    return sql<SqlBool>`not exists (select 1 from org ro where ro.parent_id is null and not ${inScope(scope, 'ro.path')})`;
  }
  if (paths.length === 0) return sql<SqlBool>`false`;
  return sql<SqlBool>`not exists (
    select 1 from unnest(array[${sql.join([...paths])}]::text[]) as g(path)
    where not exists (
      select 1 from org_version rv join org ro on ro.id = rv.org_id
      where rv.path = g.path and rv.valid_from <= ${d} and (rv.valid_to is null or rv.valid_to > ${d})
        and ${inScope(scope, 'ro.path')}))`;
}

/**
 * The rows as of a past date, from the history tables, for the subtrees that had `paths` on that
 * date (null: the whole tree). A member is on an org's rolls on D when their status period
 * containing D is probationary/official/exempt and their placement containing D is at an org whose
 * version containing D lies under the org's path as of D. Orgs count when live on D (version
 * containing D, founded on or before D, not dissolved by D), by their type and kind as of D.
 *
 * Member attributes (sex, birth date, ethnicity, religion, theory and professional levels,
 * education, Youth Union) are the member row's current values: the schema keeps no history of
 * them, so the response says attributesAsOf: 'current'. Status is the one as of D.
 *
 * Scope: `paths` must be the paths on D of orgs the caller may see now (historyGate, in SQL); the
 * figures are aggregates of those subtrees as they were on D, which may include people who have
 * since moved elsewhere — no member row leaves this query.
 */
export async function historyRows(db: Kysely<DB>, scope: Scope, paths: readonly string[] | null, asOf: string): Promise<DimRow[]> {
  const d = sql`${asOf}::date`;
  const columns = sql.raw(DIM_COLUMNS.map((c) => (c === 'status' ? 'sp.status' : `m.${c}`)).join(', '));
  const attributes = sql.raw(DIM_COLUMNS.filter((c) => c !== 'status').map((c) => `mm.${c}`).join(', '));
  // From the subtree's placements (by org), each member's status period and row by primary key.
  // The lateral subqueries (kept apart by limit/offset) hold PostgreSQL to those index lookups; a
  // plain join let it hash the whole status-period and member tables: 15 s → 2.8 s for a province
  // of 484,000 members. Should two status periods of a member overlap (bad data), the later counts,
  // as it does in member.status and so in the roll-ups.
  const members = sql`
    select ${columns}
    from tree t
    join member_placement p on p.org_id = t.org_id
    cross join lateral (
      select s.status from member_status_period s
      where s.member_id = p.member_id and s.valid_from <= ${d} and (s.valid_to is null or s.valid_to > ${d})
      order by s.valid_from desc limit 1
    ) as sp
    cross join lateral (select ${attributes} from member mm where mm.id = p.member_id and mm.deleted_at is null offset 0) as m
    where p.valid_from <= ${d} and (p.valid_to is null or p.valid_to > ${d})
      and sp.status in (${activeStatuses})`;
  const { rows } = await sql<DimRow>`
    with gate as (select ${historyGate(scope, paths, d)} as ok),
    tree as (
      select v.org_id, v.org_type, v.org_kind
      from org_version v
      where v.valid_from <= ${d} and (v.valid_to is null or v.valid_to > ${d}) and ${under(paths, 'v.path')}
        and (select ok from gate)
    ),
    live as (
      select t.org_type, t.org_kind
      from tree t join org o on o.id = t.org_id
      where o.founded_on <= ${d} and (o.dissolved_on is null or o.dissolved_on > ${d})
    )
    ${memberDimCounts(members)}
    union all
    select ${sql.lit(ORG_DIMS.type)}, org_type, count(*)::bigint from live group by org_type
    union all
    select ${sql.lit(ORG_DIMS.kind)}, org_kind, count(*)::bigint from live where org_kind is not null group by org_kind`.execute(db);
  return rows;
}
