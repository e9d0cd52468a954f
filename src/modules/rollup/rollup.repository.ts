import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../../db/types.js';
import { ancestorIds } from '../../db/tree-path.js';
import { ROLLUP_DIMS, type DimCounts } from '../../domain/rollup-dims.js';
import { inScope, type Scope } from '../auth/scope.js';

type Db = Kysely<DB> | Transaction<DB>;

// The writes here (applyDelta, moveCounts) take no Scope on purpose: a change in a cell must reach
// every ancestor's counts, above the caller's scope too, and their paths come from rows the
// services already read within the scope. rebuildAll and differences are whole-tree maintenance
// (the CLI's check, bulk loads), never reached from a request.

export interface RollupRow {
  org_id: number;
  dim: string;
  val: string;
  n: number;
}

/** Adds `delta` to every org on `path` (the org itself and all its ancestors), in one statement. */
export async function applyDelta(db: Db, path: string, delta: DimCounts): Promise<void> {
  if (delta.size === 0) return;
  const rows: RollupRow[] = [];
  for (const orgId of ancestorIds(path)) {
    for (const [key, n] of delta) {
      const [dim, val] = key.split('\u0000') as [string, string];
      rows.push({ org_id: orgId, dim, val, n });
    }
  }
  await db
    .insertInto('org_rollup')
    .values(rows)
    .onConflict((oc) => oc.columns(['org_id', 'dim', 'val']).doUpdateSet({ n: sql`org_rollup.n + excluded.n` }))
    .execute();
}

/** Roll-up rows written per statement by applyDeltas. */
const ROLLUP_ROWS_PER_STATEMENT = 2_000;

/**
 * Adds the deltas of many orgs at once (a bulk write that summed them per org): each org's delta
 * reaches it and its ancestors, summed per (org, dim, val) first, so every count row is written
 * once, in a few statements.
 */
export async function applyDeltas(db: Db, byPath: ReadonlyMap<string, DimCounts>): Promise<void> {
  const sums = new Map<string, number>();
  for (const [path, delta] of byPath) {
    for (const orgId of ancestorIds(path)) {
      for (const [key, n] of delta) sums.set(`${orgId}\u0000${key}`, (sums.get(`${orgId}\u0000${key}`) ?? 0) + n);
    }
  }
  const rows: RollupRow[] = [];
  for (const [k, n] of sums) {
    if (n === 0) continue;
    const [orgId, dim, val] = k.split('\u0000') as [string, string, string];
    rows.push({ org_id: Number(orgId), dim, val, n });
  }
  for (let i = 0; i < rows.length; i += ROLLUP_ROWS_PER_STATEMENT) {
    await db
      .insertInto('org_rollup')
      .values(rows.slice(i, i + ROLLUP_ROWS_PER_STATEMENT))
      .onConflict((oc) => oc.columns(['org_id', 'dim', 'val']).doUpdateSet({ n: sql`org_rollup.n + excluded.n` }))
      .execute();
  }
}

/**
 * A subtree rooted at `rootId` moves: its whole counts leave `oldAncestorIds` and arrive at
 * `newAncestorIds` (neither list includes the root itself). Two statements, any subtree size.
 */
export async function moveCounts(db: Db, rootId: number, oldAncestorIds: number[], newAncestorIds: number[]): Promise<void> {
  for (const [ids, sign] of [
    [oldAncestorIds, -1],
    [newAncestorIds, 1],
  ] as const) {
    if (ids.length === 0) continue;
    await sql`
      insert into org_rollup (org_id, dim, val, n)
      select a.id, r.dim, r.val, ${sign}::bigint * r.n
      from org_rollup r cross join unnest(${sql.val(ids)}::bigint[]) as a(id)
      where r.org_id = ${rootId}
      on conflict (org_id, dim, val) do update set n = org_rollup.n + excluded.n`.execute(db);
  }
}

/** The stored counts of the given orgs, those in scope only. */
export async function countsOf(db: Db, scope: Scope, orgIds: number[]): Promise<RollupRow[]> {
  if (orgIds.length === 0) return [];
  return db
    .selectFrom('org_rollup as r')
    .innerJoin('org as o', 'o.id', 'r.org_id')
    .select(['r.org_id', 'r.dim', 'r.val', 'r.n'])
    .where('r.org_id', 'in', orgIds)
    .where('r.n', '<>', 0)
    .where(inScope(scope, 'o.path'))
    .execute();
}

const dimValues = sql.raw(ROLLUP_DIMS.map((d) => `('${d.dim}', ${d.sql})`).join(', '));

// Recount of every org's subtree from the base tables: members on the rolls by each dimension,
// plus live orgs by type and kind (each org counts in its own subtree too).
function recountSql() {
  return sql<RollupRow>`
    with own as (
      select m.org_id, d.dim, d.val, count(*)::bigint as n
      from member m cross join lateral (values ${dimValues}) as d(dim, val)
      where m.deleted_at is null and m.status in ('probationary', 'official', 'exempt')
      group by m.org_id, d.dim, d.val
      union all
      select o.id, 'org_type', o.org_type, 1 from org o where o.dissolved_on is null
      union all
      select o.id, 'org_kind', o.org_kind, 1 from org o where o.dissolved_on is null and o.org_kind is not null
    )
    select a.id::bigint as org_id, own.dim, own.val, sum(own.n)::bigint as n
    from own
    join org o on o.id = own.org_id
    cross join lateral unnest(string_to_array(trim(both '/' from o.path), '/')::bigint[]) as a(id)
    group by a.id, own.dim, own.val`;
}

/** Replaces all roll-ups with a recount (after bulk loads; also the repair after a failed check). */
export async function rebuildAll(db: Kysely<DB>): Promise<void> {
  await db.transaction().execute(async (tx) => {
    await sql`delete from org_rollup`.execute(tx);
    await sql`insert into org_rollup (org_id, dim, val, n) ${recountSql()}`.execute(tx);
  });
}

export interface RollupDifference {
  org_id: number;
  dim: string;
  val: string;
  stored: number;
  expected: number;
}

/** Every (org, dim, val) whose stored count differs from a recount; empty when exact. */
export async function differences(db: Db, limit = 1000): Promise<{ rows: RollupDifference[]; total: number }> {
  const { rows } = await sql<RollupDifference & { total: number }>`
    with fresh as (${recountSql()}),
    stored as (select org_id, dim, val, n from org_rollup where n <> 0),
    diff as (
      select coalesce(f.org_id, s.org_id) as org_id, coalesce(f.dim, s.dim) as dim, coalesce(f.val, s.val) as val,
             coalesce(s.n, 0)::bigint as stored, coalesce(f.n, 0)::bigint as expected
      from fresh f full join stored s on s.org_id = f.org_id and s.dim = f.dim and s.val = f.val
      where coalesce(s.n, 0) <> coalesce(f.n, 0)
    )
    select *, count(*) over ()::bigint as total from diff order by org_id, dim, val limit ${limit}`.execute(db);
  return { rows: rows.map(({ total: _t, ...r }) => r), total: rows[0]?.total ?? 0 };
}
