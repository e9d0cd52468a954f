import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { DB, OrgRow } from '../../db/types.js';
import { inScope, type Scope } from '../auth/scope.js';

// Reads of the tree, today or as of a past date. Today's tree comes from org (counts from
// org_rollup); a past date's from org_version, the rows valid on that day. Scope always applies
// to the org's current path: it is who may see the org now, whatever its place back then.

/** A tree node as read; member_count is null for a past date (roll-ups hold today only). */
/** An org as the tree shows it: its row (or, as of a past date, its version) and its counts. */
export type OrgNodeRow = Omit<OrgRow, 'name_norm' | 'is_demo' | 'created_at' | 'updated_at'> & {
  member_count: number | null;
  child_count: number;
};

export interface CrumbRow {
  org_id: number;
  id: number;
  code: string;
  name: string;
  org_type: string;
}

export interface NodeFilter {
  asOf: string | null;
  includeDissolved: boolean;
}

const validAt = (alias: string, date: string) =>
  sql`${sql.ref(`${alias}.valid_from`)} <= ${date}::date and (${sql.ref(`${alias}.valid_to`)} is null or ${sql.ref(`${alias}.valid_to`)} > ${date}::date)`;

/**
 * One query for any list of nodes with their counts. `where` is given the alias that holds the
 * tree columns on that date ('o' today, 'v' in the past). Child counts are correlated index
 * lookups on the parent index, so a thousand children cost one query, not a thousand.
 */
async function nodes(
  db: Kysely<DB>,
  scope: Scope,
  f: NodeFilter,
  where: (t: 'o' | 'v') => RawBuilder<unknown>,
  limit = 10_000,
): Promise<OrgNodeRow[]> {
  if (f.asOf === null) {
    const { rows } = await sql<OrgNodeRow>`
      select o.id, o.code, o.name, o.org_type, o.org_kind, o.parent_id, o.path, o.level, o.founded_on, o.founding_decision,
        o.dissolved_on, o.dissolution_decision, o.merged_into_id, o.version,
        coalesce(r.n, 0)::bigint as member_count,
        (select count(*) from org c where c.parent_id = o.id and c.dissolved_on is null)::bigint as child_count
      from org o
      left join org_rollup r on r.org_id = o.id and r.dim = 'total' and r.val = 'all'
      where ${where('o')} and ${inScope(scope, 'o.path')} ${f.includeDissolved ? sql`` : sql`and o.dissolved_on is null`}
      order by o.code
      limit ${limit}`.execute(db);
    return rows;
  }
  const d = f.asOf;
  const { rows } = await sql<OrgNodeRow>`
    select o.id, o.code, v.name, v.org_type, v.org_kind, v.parent_id, v.path, v.level, o.founded_on, o.founding_decision,
      null::date as dissolved_on, null::text as dissolution_decision, null::bigint as merged_into_id, o.version,
      null::bigint as member_count,
      (select count(*) from org_version c where c.parent_id = o.id and ${validAt('c', d)})::bigint as child_count
    from org_version v
    join org o on o.id = v.org_id
    where ${validAt('v', d)} and ${where('v')} and ${inScope(scope, 'o.path')}
    order by o.code
    limit ${limit}`.execute(db);
  return rows;
}

export async function orgNode(db: Kysely<DB>, scope: Scope, id: number, asOf: string | null): Promise<OrgNodeRow | undefined> {
  const [row] = await nodes(db, scope, { asOf, includeDissolved: true }, () => sql`o.id = ${id}`);
  return row;
}

export function childNodes(db: Kysely<DB>, scope: Scope, parentId: number, f: NodeFilter): Promise<OrgNodeRow[]> {
  return nodes(db, scope, f, (t) => sql`${sql.ref(`${t}.parent_id`)} = ${parentId}`);
}

/** The caller's top-level orgs: the tree's roots for a whole-tree scope, else the scope's own roots. */
export function topNodes(db: Kysely<DB>, scope: Scope, f: NodeFilter): Promise<OrgNodeRow[]> {
  const whole = scope.paths.length === 1 && scope.paths[0] === '/';
  if (scope.paths.length === 0) return Promise.resolve([]);
  return nodes(db, scope, f, (t) =>
    whole ? sql`${sql.ref(`${t}.parent_id`)} is null` : sql`o.path = any(${sql.val([...scope.paths])}::text[])`,
  );
}

export function nodesByIds(db: Kysely<DB>, scope: Scope, ids: readonly number[], f: NodeFilter): Promise<OrgNodeRow[]> {
  if (ids.length === 0) return Promise.resolve([]);
  return nodes(db, scope, f, () => sql`o.id = any(${sql.val(ids)}::bigint[])`);
}

const likeEscape = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/**
 * Ids of the orgs whose code equals or starts with `q`, or whose normalized name contains
 * `nameNorm`, best first: exact code, code prefix, then names (those starting with it first).
 * Each arm is its own query so the name arm can use the trigram index.
 */
export async function searchIds(
  db: Kysely<DB>,
  scope: Scope,
  q: string,
  nameNorm: string,
  f: NodeFilter,
  limit: number,
): Promise<number[]> {
  const codePrefix = `${likeEscape(q.toLowerCase())}%`;
  const contains = `%${likeEscape(nameNorm)}%`;
  const starts = `${likeEscape(nameNorm)}%`;
  const alive = f.asOf
    ? sql`exists (select 1 from org_version v where v.org_id = o.id and ${validAt('v', f.asOf)})`
    : f.includeDissolved
      ? sql`true`
      : sql`o.dissolved_on is null`;
  // Codes have no spaces, so a query with one is only a name. The code arm is a prefix range on
  // org_code_lower_idx (text_pattern_ops).
  const codeArm = /\s/.test(q)
    ? sql``
    : sql`select id, case when code = ${q} then 0 else 1 end as rank from org where lower(code) like ${codePrefix} union all`;
  const { rows } = await sql<{ id: number }>`
    with hits as (
      ${codeArm}
      select id, 2 as rank from org where name_norm like ${contains}
    )
    select o.id
    from hits h join org o on o.id = h.id
    where ${inScope(scope, 'o.path')} and ${alive}
    group by o.id, o.code, o.name_norm
    order by min(h.rank), (o.name_norm like ${starts}) desc, length(o.name_norm), o.code
    limit ${limit}`.execute(db);
  return rows.map((r) => Number(r.id));
}

/**
 * The ancestors of each org, root first, that the caller may see: one query for the whole list.
 * For a past date the path and names are those of that date.
 */
export async function breadcrumbs(
  db: Kysely<DB>,
  scope: Scope,
  items: readonly { id: number; path: string }[],
  asOf: string | null,
): Promise<Map<number, CrumbRow[]>> {
  const out = new Map<number, CrumbRow[]>(items.map((i) => [i.id, []]));
  if (items.length === 0) return out;
  const names = asOf
    ? sql`join org_version pv on pv.org_id = p.id and ${validAt('pv', asOf)}`
    : sql``;
  const { rows } = await sql<CrumbRow>`
    select x.org_id, p.id, p.code, ${asOf ? sql`pv.name, pv.org_type` : sql`p.name, p.org_type`}
    from unnest(${sql.val(items.map((i) => i.id))}::bigint[], ${sql.val(items.map((i) => i.path))}::text[]) as x(org_id, path)
    cross join lateral unnest(string_to_array(trim(both '/' from x.path), '/')::bigint[]) with ordinality as a(id, ord)
    join org p on p.id = a.id
    ${names}
    where a.id <> x.org_id and ${inScope(scope, 'p.path')}
    order by x.org_id, a.ord`.execute(db);
  for (const r of rows) out.get(Number(r.org_id))?.push(r);
  return out;
}

export interface StructureCountsRow {
  members: number;
  official: number;
  parent_type: string | null;
  parent_kind: string | null;
  child_types: string;
}

/** Today's facts the structure rules look at, from the roll-ups and the live children. */
export async function structureCounts(db: Kysely<DB>, scope: Scope, id: number): Promise<StructureCountsRow | undefined> {
  const { rows } = await sql<StructureCountsRow>`
    select
      coalesce((select n from org_rollup where org_id = o.id and dim = 'total' and val = 'all'), 0)::bigint as members,
      coalesce((select n from org_rollup where org_id = o.id and dim = 'status' and val = 'official'), 0)::bigint as official,
      p.org_type as parent_type, p.org_kind as parent_kind,
      coalesce((select string_agg(distinct c.org_type, ',') from org c where c.parent_id = o.id and c.dissolved_on is null), '') as child_types
    from org o left join org p on p.id = o.parent_id
    where o.id = ${id} and ${inScope(scope, 'o.path')}`.execute(db);
  return rows[0];
}

export function events(db: Kysely<DB>, scope: Scope, orgId: number) {
  return db
    .selectFrom('org_event as e')
    .innerJoin('org as o', 'o.id', 'e.org_id')
    .select(['e.id', 'e.kind', 'e.effective_date', 'e.decision_no', 'e.details', 'e.created_by', 'e.created_at'])
    .where('e.org_id', '=', orgId)
    .where(inScope(scope, 'o.path'))
    .orderBy('e.effective_date')
    .orderBy('e.id')
    .execute();
}
