import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../../db/types.js';
import { ACTIVE_STATUSES } from '../../domain/member-status.js';
import type { Actor } from '../audit/audit.repository.js';
import { inScope, type Scope } from '../auth/scope.js';

// Set-based changes to whole subtrees: one statement per table whatever the subtree's size,
// so moving a commune with thousands of members costs a handful of index range scans.
// Subtrees are given by their root paths; a subtree is the range [path, path minus '/' plus '0').
// Every statement is also limited to the caller's scope, so a wrong id or path from a caller can
// never reach outside it, whatever the service checked before.

type Db = Kysely<DB> | Transaction<DB>;

const roots = (paths: readonly string[]) => sql`unnest(${sql.val(paths)}::text[]) as r(p)`;
const inRoots = (column: string) => sql`${sql.ref(column)} >= r.p and ${sql.ref(column)} < left(r.p, -1) || '0'`;
const active = sql`= any(${sql.val([...ACTIVE_STATUSES])}::text[])`;

/**
 * The latest recorded change to any org in the subtrees: the start of an open version, or the
 * end of a dissolved org's last one (a dissolved descendant has history too).
 */
export async function lastChangeIn(db: Db, scope: Scope, rootPaths: readonly string[]): Promise<string | null> {
  if (rootPaths.length === 0) return null;
  const { rows } = await sql<{ d: string | null }>`
    select max(coalesce(v.valid_to, v.valid_from)) as d
    from ${roots(rootPaths)}
    join org o on ${inRoots('o.path')} and ${inScope(scope, 'o.path')}
    join org_version v on v.org_id = o.id`.execute(db);
  return rows[0]?.d ?? null;
}

/**
 * Rewrites the paths under `oldPrefix` to `newPrefix` for every org, member, candidate and case
 * in the subtrees: each carries its org's path for scope, and a stale one would hide it from the
 * new superior and leave it visible to the old. Orgs go first: their row locks make a concurrent placement that locks its org wait for the
 * new path instead of writing the old one after this statement has passed.
 */
export async function repath(
  tx: Transaction<DB>,
  scope: Scope,
  rootPaths: readonly string[],
  oldPrefix: string,
  newPrefix: string,
  levelDelta: number,
  now: Date,
): Promise<string[]> {
  const from = oldPrefix.length + 1;
  await sql`
    update org o set path = ${newPrefix}::text || substr(o.path, ${from}), level = o.level + ${levelDelta}, updated_at = ${now}
    from ${roots(rootPaths)} where ${inRoots('o.path')} and ${inScope(scope, 'o.path')}`.execute(tx);
  await sql`
    update member m set org_path = ${newPrefix}::text || substr(m.org_path, ${from})
    from ${roots(rootPaths)} where ${inRoots('m.org_path')} and ${inScope(scope, 'm.org_path')}`.execute(tx);
  for (const table of PATHED_CASE_TABLES) {
    await sql`
      update ${sql.table(table)} t set org_path = ${newPrefix}::text || substr(t.org_path, ${from})
      from ${roots(rootPaths)} where ${inRoots('t.org_path')} and ${inScope(scope, 't.org_path')}`.execute(tx);
  }
  // A transfer case has two ends, each with its org's path; each end moves with its own org.
  for (const [, column] of TRANSFER_ENDS) {
    await sql`
      update transfer_case t set ${sql.ref(column)} = ${newPrefix}::text || substr(t.${sql.ref(column)}, ${from})
      from ${roots(rootPaths)} where ${inRoots(`t.${column}`)} and ${inScope(scope, `t.${column}`)}`.execute(tx);
  }
  return rootPaths.map((p) => newPrefix + p.slice(oldPrefix.length));
}

/** Closes the open version of every live org in the subtrees at `date` and opens one from its row. */
export async function rollVersionsIn(tx: Transaction<DB>, scope: Scope, rootPaths: readonly string[], date: string): Promise<void> {
  await sql`
    update org_version v set valid_to = ${date}::date
    from ${roots(rootPaths)}, org o
    where ${inRoots('o.path')} and ${inScope(scope, 'o.path')} and v.org_id = o.id and v.valid_to is null and v.valid_from < ${date}::date`.execute(tx);
  await sql`
    insert into org_version (org_id, valid_from, valid_to, name, org_type, org_kind, parent_id, path, level)
    select o.id, ${date}::date, null, o.name, o.org_type, o.org_kind, o.parent_id, o.path, o.level
    from ${roots(rootPaths)} join org o on ${inRoots('o.path')}
    where o.dissolved_on is null and ${inScope(scope, 'o.path')}
    on conflict (org_id, valid_from) do update set valid_to = null, name = excluded.name, org_type = excluded.org_type,
      org_kind = excluded.org_kind, parent_id = excluded.parent_id, path = excluded.path, level = excluded.level`.execute(tx);
}

/** Re-parents the live children of `fromId` under `toId`; their paths are rewritten by `repath`. */
export async function reparentLiveChildren(tx: Transaction<DB>, scope: Scope, fromId: number, toId: number, now: Date): Promise<void> {
  await tx
    .updateTable('org')
    .set((eb) => ({ parent_id: toId, version: eb('version', '+', 1), updated_at: now }))
    .where('parent_id', '=', fromId)
    .where('dissolved_on', 'is', null)
    .where(inScope(scope, 'org.path'))
    .execute();
}

export async function insertMovedEvents(
  tx: Transaction<DB>,
  scope: Scope,
  orgIds: readonly number[],
  e: { fromParentId: number; toParentId: number; effectiveDate: string; decisionNo: string | null; createdBy: number | null },
): Promise<void> {
  if (orgIds.length === 0) return;
  await sql`
    insert into org_event (org_id, kind, effective_date, decision_no, details, created_by)
    select c.id, 'moved', ${e.effectiveDate}::date, ${e.decisionNo},
      jsonb_build_object('fromParentId', ${e.fromParentId}::bigint, 'toParentId', ${e.toParentId}::bigint, 'mergedFromId', ${e.fromParentId}::bigint),
      ${e.createdBy}::bigint
    from unnest(${sql.val(orgIds)}::bigint[]) as c(id) join org o on o.id = c.id
    where ${inScope(scope, 'o.path')}`.execute(tx);
}

/** The latest start of an open placement of a member on the rolls of the org. */
export async function lastPlacementStart(db: Db, scope: Scope, orgId: number): Promise<string | null> {
  const { rows } = await sql<{ d: string | null }>`
    select max(p.valid_from) as d
    from member m join member_placement p on p.member_id = m.id and p.valid_to is null
    where m.org_id = ${orgId} and m.deleted_at is null and m.status ${active} and ${inScope(scope, 'm.org_path')}`.execute(db);
  return rows[0]?.d ?? null;
}

/**
 * Places every member on the rolls of `fromId` into the target from `date`: the placement
 * interval closes and a new one opens, the member row follows, and each member gets an audit row.
 */
export async function replaceMembers(
  tx: Transaction<DB>,
  scope: Scope,
  fromId: number,
  to: { id: number; path: string },
  date: string,
  now: Date,
  actor: Actor,
): Promise<number> {
  const onRolls = sql`m.org_id = ${fromId} and m.deleted_at is null and m.status ${active} and ${inScope(scope, 'm.org_path')}`;
  await sql`
    insert into audit_log (user_id, ip, action, entity_type, entity_id, org_path, before, after)
    select ${actor.userId}::bigint, ${actor.ip}, 'org.merge', 'member', m.id::text, ${to.path},
      jsonb_build_object('orgId', m.org_id), jsonb_build_object('orgId', ${to.id}::bigint, 'effectiveDate', ${date}::text)
    from member m where ${onRolls}`.execute(tx);
  await sql`
    update member_placement p set valid_to = ${date}::date
    from member m
    where m.id = p.member_id and ${onRolls} and p.valid_to is null and p.valid_from < ${date}::date`.execute(tx);
  await sql`
    insert into member_placement (member_id, valid_from, valid_to, org_id)
    select m.id, ${date}::date, null, ${to.id}::bigint from member m where ${onRolls}
    on conflict (member_id, valid_from) do update set org_id = excluded.org_id, valid_to = null`.execute(tx);
  const result = await sql`
    update member m set org_id = ${to.id}, org_path = ${to.path}, version = m.version + 1, updated_at = ${now}
    where ${onRolls}`.execute(tx);
  return Number(result.numAffectedRows ?? 0);
}

/** The tables besides member that carry their org's path (for scope): what moves and merges rewrite. */
const PATHED_CASE_TABLES = ['candidate', 'admission_case', 'recognition_case', 'removal_case', 'exemption'] as const;
/** The two ends of a transfer case (transfer_case), each an org and its path. */
const TRANSFER_ENDS = [
  ['source_org_id', 'source_path'],
  ['destination_org_id', 'destination_path'],
] as const;

/** The candidates and cases of a merged org go to the org it merged into, with its path. */
export async function reassignCases(tx: Transaction<DB>, scope: Scope, fromId: number, to: { id: number; path: string }): Promise<void> {
  for (const table of PATHED_CASE_TABLES) {
    await sql`update ${sql.table(table)} t set org_id = ${to.id}, org_path = ${to.path} where t.org_id = ${fromId} and ${inScope(scope, 't.org_path')}`.execute(tx);
  }
  for (const [idColumn, pathColumn] of TRANSFER_ENDS) {
    await sql`
      update transfer_case t set ${sql.ref(idColumn)} = ${to.id}, ${sql.ref(pathColumn)} = ${to.path}
      where t.${sql.ref(idColumn)} = ${fromId} and ${inScope(scope, `t.${pathColumn}`)}`.execute(tx);
  }
}

/** An org that no longer counts anywhere keeps no roll-up rows. */
export async function dropRollups(tx: Transaction<DB>, scope: Scope, orgId: number): Promise<void> {
  await sql`delete from org_rollup r using org o where r.org_id = ${orgId} and o.id = r.org_id and ${inScope(scope, 'o.path')}`.execute(tx);
}
