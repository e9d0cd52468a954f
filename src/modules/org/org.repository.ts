import { sql, type Kysely, type Transaction, type Updateable } from 'kysely';
import type { DB, NewOrg, OrgRow, OrgTable } from '../../db/types.js';
import { subtreeUpperBound } from '../../db/tree-path.js';
import { ACTIVE_STATUSES } from '../../domain/member-status.js';
import { inScope, type Scope } from '../auth/scope.js';

// Rows of org, org_version and org_event for the structure changes; one org at a time here,
// whole subtrees in org-subtree.repository.ts.

type Db = Kysely<DB> | Transaction<DB>;

// Any number will do as long as no other module takes the same advisory lock for another purpose.
const TREE_LOCK_KEY = 4_206_001;

/**
 * Serializes structure changes. Row locks alone cannot stop two concurrent moves from making
 * a cycle (A under a descendant of B while B goes under a descendant of A), and changes are rare.
 */
export async function lockTree(tx: Transaction<DB>): Promise<void> {
  await sql`select pg_advisory_xact_lock(${TREE_LOCK_KEY})`.execute(tx);
}

export function findOrg(db: Db, scope: Scope, id: number): Promise<OrgRow | undefined> {
  return db.selectFrom('org').selectAll().where('id', '=', id).where(inScope(scope, 'org.path')).executeTakeFirst();
}

/** Whether a code is taken anywhere: codes are unique in the whole installation, not per scope. */
export async function codeTaken(db: Db, code: string): Promise<boolean> {
  const row = await db.selectFrom('org').select('id').where('code', '=', code).executeTakeFirst();
  return row !== undefined;
}

/** The id comes first because the path contains it. */
export async function nextOrgId(tx: Transaction<DB>): Promise<number> {
  const { rows } = await sql<{ id: number }>`select nextval(pg_get_serial_sequence('org', 'id'))::bigint as id`.execute(tx);
  return Number(rows[0]!.id);
}

export async function insertOrg(tx: Transaction<DB>, row: NewOrg & { id: number }): Promise<OrgRow> {
  return tx.insertInto('org').values(row).returningAll().executeTakeFirstOrThrow();
}

export async function updateOrg(tx: Transaction<DB>, id: number, set: Updateable<OrgTable>): Promise<OrgRow> {
  return tx.updateTable('org').set(set).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
}

/** The latest start of an open version among the given orgs: no change may be dated before it. */
export async function lastChange(db: Db, orgIds: number[]): Promise<string | null> {
  if (orgIds.length === 0) return null;
  const row = await db
    .selectFrom('org_version')
    .select((eb) => eb.fn.max('valid_from').as('d'))
    .where('org_id', 'in', orgIds)
    .where('valid_to', 'is', null)
    .executeTakeFirst();
  return (row?.d as string | null | undefined) ?? null;
}

/**
 * Opens a version of one org from its current row, closing the open one at `date`. A second
 * change on the same day replaces that day's version: a day is the finest grain of an as-of read.
 */
export async function rollVersion(tx: Transaction<DB>, orgId: number, date: string): Promise<void> {
  await tx
    .updateTable('org_version')
    .set({ valid_to: date })
    .where('org_id', '=', orgId)
    .where('valid_to', 'is', null)
    .where('valid_from', '<', date)
    .execute();
  await sql`
    insert into org_version (org_id, valid_from, valid_to, name, org_type, org_kind, parent_id, path, level)
    select id, ${date}::date, null, name, org_type, org_kind, parent_id, path, level from org where id = ${orgId}
    on conflict (org_id, valid_from) do update set valid_to = null, name = excluded.name, org_type = excluded.org_type,
      org_kind = excluded.org_kind, parent_id = excluded.parent_id, path = excluded.path, level = excluded.level`.execute(tx);
}

/** Ends the open version at `date`; one opened that same day never took effect, so it goes. */
export async function endVersion(tx: Transaction<DB>, orgId: number, date: string): Promise<void> {
  await tx.deleteFrom('org_version').where('org_id', '=', orgId).where('valid_to', 'is', null).where('valid_from', '=', date).execute();
  await tx.updateTable('org_version').set({ valid_to: date }).where('org_id', '=', orgId).where('valid_to', 'is', null).execute();
}

export async function insertVersion(tx: Transaction<DB>, org: OrgRow): Promise<void> {
  await tx
    .insertInto('org_version')
    .values({
      org_id: org.id,
      valid_from: org.founded_on,
      valid_to: null,
      name: org.name,
      org_type: org.org_type,
      org_kind: org.org_kind,
      parent_id: org.parent_id,
      path: org.path,
      level: org.level,
    })
    .execute();
}

export interface NewEvent {
  orgId: number;
  kind: 'founded' | 'renamed' | 'moved' | 'merged_into' | 'absorbed' | 'dissolved' | 'changed';
  effectiveDate: string;
  decisionNo: string | null;
  details: Record<string, unknown>;
  createdBy: number | null;
}

export async function insertEvent(tx: Transaction<DB>, e: NewEvent): Promise<void> {
  await tx
    .insertInto('org_event')
    .values({
      org_id: e.orgId,
      kind: e.kind,
      effective_date: e.effectiveDate,
      decision_no: e.decisionNo,
      details: JSON.stringify(e.details),
      created_by: e.createdBy,
    })
    .execute();
}

/** Members on the rolls anywhere in the subtree (from the member rows, not the roll-ups). */
export async function countActiveMembersIn(db: Db, path: string): Promise<number> {
  const row = await db
    .selectFrom('member')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('org_path', '>=', path)
    .where('org_path', '<', subtreeUpperBound(path))
    .where('deleted_at', 'is', null)
    .where('status', 'in', ACTIVE_STATUSES)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Members on the rolls placed directly in the org. */
export async function countActiveMembersOf(db: Db, orgId: number): Promise<number> {
  const row = await db
    .selectFrom('member')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('org_id', '=', orgId)
    .where('deleted_at', 'is', null)
    .where('status', 'in', ACTIVE_STATUSES)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export function liveChildren(db: Db, orgId: number): Promise<Pick<OrgRow, 'id' | 'path' | 'org_type' | 'name'>[]> {
  return db
    .selectFrom('org')
    .select(['id', 'path', 'org_type', 'name'])
    .where('parent_id', '=', orgId)
    .where('dissolved_on', 'is', null)
    .orderBy('code')
    .execute();
}
