import { sql, type Expression, type Kysely, type SqlBool, type Transaction } from 'kysely';
import type { DB } from '../../db/types.js';
import type { Role } from '../../domain/permissions.js';
import { inScope, type Scope } from '../auth/scope.js';
import { isWholeTree } from './account.repository.js';

// Role assignments as the administration screens see them. An assignment is visible where its
// org lies in the caller's scope; an installation-wide one (org_id null) only to a whole-tree
// scope, so an assignment elsewhere reveals neither itself nor the org it names.

type Db = Kysely<DB> | Transaction<DB>;

function assignmentInScope(scope: Scope): Expression<SqlBool> {
  if (isWholeTree(scope)) return sql<SqlBool>`true`;
  return inScope(scope, 'o.path');
}

export interface AssignmentRow {
  id: number;
  user_id: number;
  role: Role;
  org_id: number | null;
  org_name: string | null;
  org_path: string | null;
  valid_from: string;
  valid_to: string | null;
  granted_by: string | null;
  granted_at: Date;
  revoked_by: string | null;
  revoked_at: Date | null;
}

function selectAssignment(db: Db) {
  return db
    .selectFrom('role_assignment as ra')
    .leftJoin('org as o', 'o.id', 'ra.org_id')
    .leftJoin('app_user as g', 'g.id', 'ra.granted_by')
    .leftJoin('app_user as r', 'r.id', 'ra.revoked_by')
    .select([
      'ra.id',
      'ra.user_id',
      'ra.role',
      'ra.org_id',
      'o.name as org_name',
      'o.path as org_path',
      'ra.valid_from',
      'ra.valid_to',
      'g.username as granted_by',
      'ra.granted_at',
      'r.username as revoked_by',
      'ra.revoked_at',
    ]);
}

/** Every assignment of the account within the scope, revoked and ended ones included (history). */
export function assignmentsOf(db: Db, scope: Scope, userId: number): Promise<AssignmentRow[]> {
  return selectAssignment(db)
    .where('ra.user_id', '=', userId)
    .where(assignmentInScope(scope))
    .orderBy('ra.granted_at')
    .orderBy('ra.id')
    .execute();
}

export function findAssignment(db: Db, scope: Scope, id: number, opts: { forUpdate?: boolean } = {}): Promise<AssignmentRow | undefined> {
  let q = selectAssignment(db).where('ra.id', '=', id).where(assignmentInScope(scope));
  if (opts.forUpdate) q = q.forUpdate('ra');
  return q.executeTakeFirst();
}

/** A standing assignment of the same role on the same org whose period meets the given one. */
export function overlappingAssignment(
  db: Db,
  a: { userId: number; role: Role; orgId: number | null; validFrom: string; validTo: string | null },
): Promise<{ id: number } | undefined> {
  return db
    .selectFrom('role_assignment')
    .select('id')
    .where('user_id', '=', a.userId)
    .where('role', '=', a.role)
    .where((eb) => (a.orgId === null ? eb('org_id', 'is', null) : eb('org_id', '=', a.orgId)))
    .where('revoked_at', 'is', null)
    .where((eb) => eb.or([eb('valid_to', 'is', null), eb('valid_to', '>=', a.validFrom)]))
    .$if(a.validTo !== null, (q) => q.where('valid_from', '<=', a.validTo!))
    .executeTakeFirst();
}

export async function revokeAssignment(db: Db, scope: Scope, id: number, by: number | null, at: Date): Promise<void> {
  await db
    .updateTable('role_assignment as ra')
    .set({ revoked_by: by, revoked_at: at })
    .where('ra.id', '=', id)
    .where('ra.revoked_at', 'is', null)
    .where((eb) =>
      isWholeTree(scope)
        ? sql<SqlBool>`true`
        : eb.exists(eb.selectFrom('org as o').select('o.id').whereRef('o.id', '=', 'ra.org_id').where(inScope(scope, 'o.path'))),
    )
    .execute();
}
