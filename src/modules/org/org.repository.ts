import { sql, type Kysely, type SqlBool, type Transaction, type Updateable } from 'kysely';
import type { DB, NewOrg, OrgRow, OrgTable } from '../../db/types.js';
import { subtreeUpperBound } from '../../db/tree-path.js';
import { ACTIVE_STATUSES } from '../../domain/member-status.js';
import { inScope, pathInScope, type Scope } from '../auth/scope.js';
import { AppError } from '../../errors.js';

/** For tables keyed by org_id: the org lies in the scope. */
const orgInScope = (scope: Scope) => sql<SqlBool>`exists (select 1 from org o where o.id = org_id and ${inScope(scope, 'o.path')})`;

// Rows of org, org_version and org_event for the structure changes; one org at a time here,
// whole subtrees in org-subtree.repository.ts. Every statement on an existing org is limited to
// the caller's scope in SQL; a new org is checked against it before it is written.

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

export async function insertOrg(tx: Transaction<DB>, scope: Scope, row: NewOrg & { id: number }): Promise<OrgRow> {
  if (!pathInScope(scope, row.path)) throw new AppError('FORBIDDEN');
  return tx.insertInto('org').values(row).returningAll().executeTakeFirstOrThrow();
}

export async function updateOrg(tx: Transaction<DB>, scope: Scope, id: number, set: Updateable<OrgTable>): Promise<OrgRow> {
  return tx.updateTable('org').set(set).where('id', '=', id).where(inScope(scope, 'org.path')).returningAll().executeTakeFirstOrThrow();
}

/** The latest start of an open version among the given orgs: no change may be dated before it. */
export async function lastChange(db: Db, scope: Scope, orgIds: number[]): Promise<string | null> {
  if (orgIds.length === 0) return null;
  const row = await db
    .selectFrom('org_version as v')
    .innerJoin('org', 'org.id', 'v.org_id')
    .select((eb) => eb.fn.max('v.valid_from').as('d'))
    .where('v.org_id', 'in', orgIds)
    .where('v.valid_to', 'is', null)
    .where(inScope(scope, 'org.path'))
    .executeTakeFirst();
  return (row?.d as string | null | undefined) ?? null;
}

/**
 * Opens a version of one org from its current row, closing the open one at `date`. A second
 * change on the same day replaces that day's version: a day is the finest grain of an as-of read.
 */
export async function rollVersion(tx: Transaction<DB>, scope: Scope, orgId: number, date: string): Promise<void> {
  await tx
    .updateTable('org_version')
    .set({ valid_to: date })
    .where('org_id', '=', orgId)
    .where('valid_to', 'is', null)
    .where('valid_from', '<', date)
    .where(orgInScope(scope))
    .execute();
  await sql`
    insert into org_version (org_id, valid_from, valid_to, name, org_type, org_kind, parent_id, path, level)
    select id, ${date}::date, null, name, org_type, org_kind, parent_id, path, level from org where id = ${orgId} and ${inScope(scope, 'org.path')}
    on conflict (org_id, valid_from) do update set valid_to = null, name = excluded.name, org_type = excluded.org_type,
      org_kind = excluded.org_kind, parent_id = excluded.parent_id, path = excluded.path, level = excluded.level`.execute(tx);
}

/** Ends the open version at `date`; one opened that same day never took effect, so it goes. */
export async function endVersion(tx: Transaction<DB>, scope: Scope, orgId: number, date: string): Promise<void> {
  await tx.deleteFrom('org_version').where('org_id', '=', orgId).where('valid_to', 'is', null).where('valid_from', '=', date).where(orgInScope(scope)).execute();
  await tx.updateTable('org_version').set({ valid_to: date }).where('org_id', '=', orgId).where('valid_to', 'is', null).where(orgInScope(scope)).execute();
}

export async function insertVersion(tx: Transaction<DB>, scope: Scope, org: OrgRow): Promise<void> {
  if (!pathInScope(scope, org.path)) throw new AppError('FORBIDDEN');
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

export async function insertEvent(tx: Transaction<DB>, scope: Scope, e: NewEvent): Promise<void> {
  await sql`
    insert into org_event (org_id, kind, effective_date, decision_no, details, created_by)
    select o.id, ${e.kind}, ${e.effectiveDate}::date, ${e.decisionNo}, ${JSON.stringify(e.details)}::jsonb, ${e.createdBy}::bigint
    from org o where o.id = ${e.orgId} and ${inScope(scope, 'o.path')}`.execute(tx);
}

/** Members on the rolls anywhere in the subtree (from the member rows, not the roll-ups). */
export async function countActiveMembersIn(db: Db, scope: Scope, path: string): Promise<number> {
  const row = await db
    .selectFrom('member')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('org_path', '>=', path)
    .where('org_path', '<', subtreeUpperBound(path))
    .where(inScope(scope, 'member.org_path'))
    .where('deleted_at', 'is', null)
    .where('status', 'in', ACTIVE_STATUSES)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Members on the rolls placed directly in the org. */
export async function countActiveMembersOf(db: Db, scope: Scope, orgId: number): Promise<number> {
  const row = await db
    .selectFrom('member')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('org_id', '=', orgId)
    .where(inScope(scope, 'member.org_path'))
    .where('deleted_at', 'is', null)
    .where('status', 'in', ACTIVE_STATUSES)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export function liveChildren(db: Db, scope: Scope, orgId: number): Promise<Pick<OrgRow, 'id' | 'path' | 'org_type' | 'name'>[]> {
  return db
    .selectFrom('org')
    .select(['id', 'path', 'org_type', 'name'])
    .where('parent_id', '=', orgId)
    .where(inScope(scope, 'org.path'))
    .where('dissolved_on', 'is', null)
    .orderBy('code')
    .execute();
}
