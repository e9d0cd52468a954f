import { sql, type Expression, type Kysely, type SqlBool, type Transaction } from 'kysely';
import type { AdmissionTargetRow, DB } from '../../db/types.js';
import { KINH } from '../../domain/stats-figures.js';
import { inScope, type Scope } from '../auth/scope.js';

// All SQL of yearly admission targets (issue 5 item 8). Targets are rows of admission_target;
// achievement is counted live from the member registry. Every read and write takes the caller's
// scope and checks the org's current path against it in the same statement: an org out of scope
// answers like a missing one.

type Db = Kysely<DB> | Transaction<DB>;

export interface TargetOrg {
  id: number;
  name: string;
  path: string;
  founded_on: string;
  dissolved_on: string | null;
}

export function findOrg(db: Db, scope: Scope, orgId: number, opts: { forShare?: boolean } = {}): Promise<TargetOrg | undefined> {
  let q = db.selectFrom('org').select(['id', 'name', 'path', 'founded_on', 'dissolved_on']).where('id', '=', orgId).where(inScope(scope, 'path'));
  if (opts.forShare) q = q.forShare();
  return q.executeTakeFirst();
}

/** The target of an org for a year, when the org is in scope. */
export function findTarget(db: Db, scope: Scope, orgId: number, year: number, opts: { forUpdate?: boolean } = {}): Promise<AdmissionTargetRow | undefined> {
  let q = db
    .selectFrom('admission_target as t')
    .innerJoin('org as o', 'o.id', 't.org_id')
    .selectAll('t')
    .where('t.org_id', '=', orgId)
    .where('t.year', '=', year)
    .where(inScope(scope, 'o.path'));
  if (opts.forUpdate) q = q.forUpdate('t');
  return q.executeTakeFirst();
}

type TargetValues = Pick<AdmissionTargetRow, 'org_id' | 'year' | 'target' | 'note' | 'set_by' | 'set_at'>;

/**
 * A first target for (org, year), only when the org is in scope (insert … select … where in
 * scope). undefined when out of scope or when someone else set one first (the primary key).
 */
export async function insertTarget(db: Db, scope: Scope, v: TargetValues): Promise<AdmissionTargetRow | undefined> {
  const { rows } = await sql<AdmissionTargetRow>`
    insert into admission_target (org_id, year, target, note, set_by, set_at)
    select o.id, ${v.year}, ${v.target}, ${v.note}, ${v.set_by}, ${v.set_at}
    from org o where o.id = ${v.org_id} and ${inScope(scope, 'o.path')}
    on conflict (org_id, year) do nothing
    returning *`.execute(db);
  return rows[0];
}

/** Changes the target if still at `version` and in scope; 0 rows: someone changed it first. */
export async function updateTargetAtVersion(db: Db, scope: Scope, v: TargetValues, version: number): Promise<number> {
  const r = await db
    .updateTable('admission_target as t')
    .set({ target: v.target, note: v.note, set_by: v.set_by, set_at: v.set_at, version: version + 1 })
    .where('t.org_id', '=', v.org_id)
    .where('t.year', '=', v.year)
    .where('t.version', '=', version)
    .where((eb) => eb.exists(eb.selectFrom('org as o').select('o.id').whereRef('o.id', '=', 't.org_id').where(inScope(scope, 'o.path'))))
    .executeTakeFirst();
  return Number(r.numUpdatedRows);
}

/**
 * Members on the rolls from which a subtree's admissions are found from the year's admissions
 * nationwide rather than from the subtree's placements (see achievementQuery). On the national
 * dataset the subtree's placements win even for the largest province (Hà Nội, 483,575 members:
 * 1.3 s against 2.0 s); only the whole country (5.7 million: 2.1 s) goes by the admissions.
 */
export const BIG_SUBTREE = 1_000_000;

export type AchievementRole = 'ancestor' | 'node' | 'child';

export interface AchievementRow {
  role: AchievementRole;
  id: number;
  name: string;
  code: string;
  org_type: string;
  level: number;
  dissolved_on: string | null;
  has_children: boolean;
  target: number | null;
  note: string | null;
  version: number | null;
  set_at: Date | null;
  children_target_sum: number | null;
  admitted: number;
  youth_union: number;
  women: number;
  ethnic_minority: number;
}

/** The node asked for, or by default the top of the caller's scope (the first root in path order). */
function nodeFilter(scope: Scope, orgId: number | null): Expression<SqlBool> {
  if (orgId !== null) return sql<SqlBool>`o.id = ${orgId}`;
  if (scope.paths.includes('/')) return sql<SqlBool>`o.parent_id is null`;
  if (scope.paths.length === 0) return sql<SqlBool>`false`;
  return sql<SqlBool>`o.path in (${sql.join([...scope.paths])})`;
}

/**
 * One query for the page: the node (in scope), its ancestors that are in scope (the breadcrumb),
 * its direct children live during the year, each with its own target, the sum of its children's
 * targets, and who was admitted in the year under it (R-STAT-04 breakdown: Youth Union members,
 * women, ethnic minorities). No rows: the node is missing or out of scope.
 *
 * Admitted in year Y under an org: a member (not deleted, whatever their status now) whose
 * admission_date lies in Y and who was placed, on that date, in an org whose *current* path lies
 * in the org's subtree — orgs moved since count under their new parent. The placement is the
 * interval covering the admission date; when the record starts later (the org was founded after
 * the admission, as the seeded histories do), the member's first placement after it.
 *
 * A big subtree (a province, the country) drives from member_admission_idx (the year's
 * admissions, a range on admission_date), then the placement by its primary key (member_id,
 * valid_from) and the org by its primary key; a small one from its orgs' placements
 * (member_placement_org_idx). Both group by the child's path prefix: the part of the org's path
 * one id below the node. Measured on the national dataset: docs/queries/admission-targets.md.
 */
export async function achievementRows(db: Db, scope: Scope, orgId: number | null, year: number, bigSubtree = BIG_SUBTREE): Promise<AchievementRow[]> {
  // No JIT for this statement: the branch the size gate skips still counts in the plan's cost,
  // which then passes jit_above_cost, and compiling took 2.5 s for a query that runs in 40 ms
  // (PostgreSQL 15, national dataset). `set local` needs a transaction of its own.
  const run = async (tx: Db) => {
    await sql`set local jit = off`.execute(tx);
    return achievementQuery(scope, orgId, year, bigSubtree).execute(tx);
  };
  const { rows } = db.isTransaction ? await run(db) : await (db as Kysely<DB>).transaction().execute(run);
  return rows.map((r) => ({
    ...r,
    id: Number(r.id),
    level: Number(r.level),
    target: r.target === null ? null : Number(r.target),
    version: r.version === null ? null : Number(r.version),
    children_target_sum: r.children_target_sum === null ? null : Number(r.children_target_sum),
  }));
}

/** The statement of achievementRows, apart so that its plan can be looked at (EXPLAIN). */
export function achievementQuery(scope: Scope, orgId: number | null, year: number, bigSubtree = BIG_SUBTREE) {
  const start = `${year}-01-01`;
  const end = `${year}-12-31`;
  return sql<AchievementRow>`
    with node as (
      select o.id, o.path from org o
      where ${nodeFilter(scope, orgId)} and ${inScope(scope, 'o.path')}
      order by o.path limit 1
    ),
    nodes as (
      select 'node' as role, o.* from org o join node n on o.id = n.id
      union all
      select 'child', c.* from org c join node n on c.parent_id = n.id
      where c.founded_on <= ${end}::date and (c.dissolved_on is null or c.dissolved_on > ${start}::date)
      union all
      select 'ancestor', a.* from org a join node n
        on a.id = any (string_to_array(trim(both '/' from n.path), '/')::bigint[]) and a.id <> n.id
      where ${inScope(scope, 'a.path')}
    ),
    -- Members admitted in the year, each with the org of their admission placement (see above).
    -- Two ways to find them, one kept by a one-time gate on the subtree's size:
    --  big subtree (≥ bigSubtree members on the rolls, from org_rollup): the year's admissions by
    --    member_admission_idx, then each one's placement and org by primary key, kept when the
    --    org lies in the subtree (the whole country: ~200,000 admissions);
    --  small subtree: the subtree's orgs by path, their placements open at some time from the
    --    year's first day on (member_placement_org_idx), the member by primary key, kept when
    --    admitted in the year and when this placement is the admission placement (so once each).
    size as (
      select coalesce(sum(r.n), 0) >= ${bigSubtree} as big
      from node n left join org_rollup r on r.org_id = n.id and r.dim = 'status'
    ),
    admissions as materialized (
      select m.id, m.sex, m.ethnicity, m.youth_union_date, o.path as org_path
      from node n
      cross join member m
      cross join lateral (
        select p.org_id from member_placement p
        where p.member_id = m.id and (p.valid_to is null or p.valid_to > m.admission_date)
        order by p.valid_from limit 1
      ) as pl
      join org o on o.id = pl.org_id
      where (select big from size)
        and m.admission_date >= ${start}::date and m.admission_date <= ${end}::date and m.deleted_at is null
        and o.path >= n.path and o.path < left(n.path, -1) || '0'
        and ${inScope(scope, 'o.path')}
      union all
      select m.id, m.sex, m.ethnicity, m.youth_union_date, o.path
      from node n
      join org o on o.path >= n.path and o.path < left(n.path, -1) || '0'
      -- The lateral subqueries (kept apart by offset 0) hold the planner to index lookups per org
      -- and per member: the node's path comes from a CTE, so it cannot tell how small the
      -- subtree is and would otherwise hash the whole placement table.
      cross join lateral (
        select p.member_id, p.valid_from from member_placement p
        where p.org_id = o.id and (p.valid_to is null or p.valid_to > ${start}::date) offset 0
      ) as p
      cross join lateral (
        select mm.id, mm.sex, mm.ethnicity, mm.youth_union_date, mm.admission_date from member mm
        where mm.id = p.member_id and mm.deleted_at is null
          and mm.admission_date >= ${start}::date and mm.admission_date <= ${end}::date offset 0
      ) as m
      cross join lateral (
        select first.valid_from from member_placement first
        where first.member_id = m.id and (first.valid_to is null or first.valid_to > m.admission_date)
        order by first.valid_from limit 1
      ) as pl
      where not (select big from size)
        and pl.valid_from = p.valid_from
        and ${inScope(scope, 'o.path')}
    ),
    admitted as materialized (
      select
        case when a.org_path = n.path then null
             else n.path || split_part(substr(a.org_path, length(n.path) + 1), '/', 1) || '/' end as child_path,
        count(*)::int as admitted,
        count(*) filter (where a.youth_union_date is not null)::int as youth_union,
        count(*) filter (where a.sex = 'female')::int as women,
        count(*) filter (where a.ethnicity <> ${KINH})::int as ethnic_minority
      from node n cross join admissions a
      group by 1
    ),
    sums as (
      select c.parent_id as org_id, sum(t.target)::int as s
      from org c join admission_target t on t.org_id = c.id and t.year = ${year}
      where c.parent_id in (select id from nodes where role <> 'ancestor')
      group by c.parent_id
    )
    select r.role, r.id, r.name, r.code, r.org_type, r.level, r.dissolved_on,
      exists (select 1 from org g where g.parent_id = r.id) as has_children,
      t.target, t.note, t.version, t.set_at,
      s.s as children_target_sum,
      coalesce(f.admitted, 0)::int as admitted, coalesce(f.youth_union, 0)::int as youth_union,
      coalesce(f.women, 0)::int as women, coalesce(f.ethnic_minority, 0)::int as ethnic_minority
    from nodes r
    left join admission_target t on t.org_id = r.id and t.year = ${year} and r.role <> 'ancestor'
    left join sums s on s.org_id = r.id
    left join lateral (
      select sum(a.admitted) as admitted, sum(a.youth_union) as youth_union, sum(a.women) as women, sum(a.ethnic_minority) as ethnic_minority
      from admitted a where r.role = 'node' or (r.role = 'child' and a.child_path = r.path)
    ) as f on r.role <> 'ancestor'
    order by case r.role when 'ancestor' then 0 when 'node' then 1 else 2 end, r.level, r.name, r.id`;
}
