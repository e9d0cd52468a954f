import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB, DossierMovementRow } from '../../db/types.js';
import { ACTIVE_STATUSES } from '../../domain/member-status.js';
import { insertIfInScope } from '../auth/scoped-insert.js';
import { inScope, type Scope } from '../auth/scope.js';

// All SQL of the dossier handover and loan register (R-REC-06/08/11). Rows are read and changed
// through their keeper (`holder_org_id`) on its current path, filtered by the caller's scope; an
// out-of-scope row looks missing. Deliberate exceptions, each commented where it is: a dossier's
// movement history for its state (any keeper), and the name of the keeper of a member in scope.

type Db = Kysely<DB> | Transaction<DB>;

export type MovementWithNames = DossierMovementRow & {
  full_name: string;
  birth_date: string;
  record_no: string | null;
  holder_name: string;
};

function movementQuery(db: Db, scope: Scope) {
  return db
    .selectFrom('dossier_movement as d')
    .innerJoin('org as h', 'h.id', 'd.holder_org_id')
    .innerJoin('member as m', 'm.id', 'd.member_id')
    .leftJoin('member_record_no as r', 'r.member_id', 'd.member_id')
    .selectAll('d')
    // The register names the people whose dossiers passed through the keeper, including those who
    // have since moved to another subtree (transferred out): read by the keeper's scope on purpose.
    .select(['m.full_name', 'm.birth_date', 'r.record_no', 'h.name as holder_name'])
    .where(inScope(scope, 'h.path'));
}

/** Serialises the movements of one dossier until the transaction ends (two loans cannot both pass the check). */
export async function lockDossier(db: Db, memberId: number): Promise<void> {
  await sql`select pg_advisory_xact_lock(hashtext(${`dossier:${memberId}`}))`.execute(db);
}

/**
 * The dossier's whole register history, in register order. Read across keepers on purpose: where
 * a dossier is (held here, lent, handed to another keeper) depends on every keeper's entries. Only
 * the facts the rules need; called for a member or a keeper already read in scope.
 */
export function movementFacts(db: Db, memberId: number) {
  return db
    .selectFrom('dossier_movement')
    .select(['id', 'kind', 'holder_org_id', 'moved_on', 'returned_on'])
    .where('member_id', '=', memberId)
    .orderBy('moved_on')
    .orderBy('id')
    .execute();
}

export function findMovement(db: Db, scope: Scope, id: number): Promise<MovementWithNames | undefined> {
  return movementQuery(db, scope).where('d.id', '=', id).executeTakeFirst() as Promise<MovementWithNames | undefined>;
}

export type NewMovement = Omit<DossierMovementRow, 'id' | 'returned_on' | 'returned_by' | 'returned_at'>;

/** Inserts a register row if its keeper is in the caller's scope (checked in the statement); undefined when not. */
export function insertMovement(db: Db, scope: Scope, row: NewMovement) {
  return insertIfInScope(db, scope, 'dossier_movement', row, { table: 'org', id: row.holder_org_id })
    .returning('id')
    .executeTakeFirst();
}

/** Records the return of a loan still out whose keeper is in scope; 0 when any of that fails. */
export async function returnLoan(db: Db, scope: Scope, id: number, v: { returned_on: string; returned_by: number | null; returned_at: Date }): Promise<number> {
  const r = await db
    .updateTable('dossier_movement')
    .set(v)
    .where('id', '=', id)
    .where('kind', '=', 'lent')
    .where('returned_on', 'is', null)
    .where((eb) => eb.exists(eb.selectFrom('org as h').select('h.id').whereRef('h.id', '=', 'dossier_movement.holder_org_id').where(inScope(scope, 'h.path'))))
    .executeTakeFirst();
  return Number(r.numUpdatedRows);
}

/** Keepers are those of the scope given (narrowed to the chosen org by the service). */
export interface MovementFilter {
  /** Loans still out; with `overdueBefore`, only those due back before that day. */
  onLoan: boolean;
  overdueBefore: string | null;
  memberId: number | null;
}

function filtered(db: Db, scope: Scope, f: MovementFilter) {
  let q = movementQuery(db, scope);
  if (f.onLoan || f.overdueBefore !== null) q = q.where('d.kind', '=', 'lent').where('d.returned_on', 'is', null);
  if (f.overdueBefore !== null) q = q.where('d.due_back', '<', f.overdueBefore);
  if (f.memberId !== null) q = q.where('d.member_id', '=', f.memberId);
  return q;
}

export async function listMovements(db: Db, scope: Scope, f: MovementFilter, page: { limit: number; offset: number }) {
  const q = filtered(db, scope, f);
  const [items, count] = await Promise.all([
    q.orderBy('d.moved_on', 'desc').orderBy('d.id', 'desc').limit(page.limit).offset(page.offset).execute(),
    q.clearSelect().select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items: items as MovementWithNames[], total: Number(count.n) };
}

/** The whole register of the filter in register order, for its file. */
export function allMovements(db: Db, scope: Scope, f: MovementFilter): Promise<MovementWithNames[]> {
  return filtered(db, scope, f).orderBy('d.moved_on').orderBy('d.id').execute() as Promise<MovementWithNames[]>;
}

/** R-REC-08: the members on the rolls under the org, the list the dossiers are compared with. */
export function membersOnList(db: Db, scope: Scope) {
  return db
    .selectFrom('member as m')
    .innerJoin('org as o', 'o.id', 'm.org_id')
    .select(['m.id', 'm.full_name', 'm.birth_date', 'm.status', 'o.name as org_name'])
    .where(inScope(scope, 'm.org_path'))
    .where('m.status', 'in', [...ACTIVE_STATUSES])
    .where('m.deleted_at', 'is', null)
    .orderBy('m.org_path')
    .orderBy('m.name_sort')
    .execute();
}

/**
 * R-REC-08: the dossiers the org's keepers hold (in the cabinet or lent): per member, the last
 * register row among keepers of the scope, kept when it received or lent the dossier.
 */
export async function heldDossiers(db: Db, scope: Scope) {
  const last = db
    .selectFrom('dossier_movement as d')
    .innerJoin('org as h', 'h.id', 'd.holder_org_id')
    .where(inScope(scope, 'h.path'))
    .distinctOn('d.member_id')
    .select(['d.member_id', 'd.kind'])
    .orderBy('d.member_id')
    .orderBy('d.moved_on', 'desc')
    .orderBy('d.id', 'desc');
  return db
    .selectFrom(last.as('l'))
    .innerJoin('member as m', 'm.id', 'l.member_id')
    .innerJoin('org as o', 'o.id', 'm.org_id')
    .select(['m.id', 'm.full_name', 'm.birth_date', 'm.status', 'o.name as org_name'])
    .where('l.kind', 'in', ['received', 'lent'])
    .orderBy('m.name_sort')
    .execute();
}

/** Records a reconciliation of an org in scope (checked in the statement); undefined when not. */
export function insertReconciliation(
  db: Db,
  scope: Scope,
  v: { org_id: number; reconciled_on: string; without_dossier: number; not_on_list: number; created_by: number | null; created_at: Date },
) {
  return insertIfInScope(db, scope, 'dossier_reconciliation', v, { table: 'org', id: v.org_id })
    .returning('id')
    .executeTakeFirst();
}

/** The org's last reconciliation, if the org is in scope. */
export function lastReconciliation(db: Db, scope: Scope, orgId: number) {
  return db
    .selectFrom('dossier_reconciliation as x')
    .innerJoin('org as o', 'o.id', 'x.org_id')
    .select(['x.reconciled_on', 'x.without_dossier', 'x.not_on_list'])
    .where('x.org_id', '=', orgId)
    .where(inScope(scope, 'o.path'))
    .orderBy('x.reconciled_on', 'desc')
    .orderBy('x.id', 'desc')
    .executeTakeFirst();
}

/**
 * Where a member's dossier is now: the last register row, for a member in scope. The keeper's name
 * is read outside the scope on purpose (a cell's committee sees its member's dossier is kept by
 * the đảng ủy above it); nothing else of the keeper.
 */
export function lastMovementOfMember(db: Db, scope: Scope, memberId: number) {
  return db
    .selectFrom('dossier_movement as d')
    .innerJoin('member as m', 'm.id', 'd.member_id')
    .innerJoin('org as h', 'h.id', 'd.holder_org_id')
    .select(['d.id', 'd.kind', 'd.moved_on', 'd.counterpart', 'd.due_back', 'd.returned_on', 'd.holder_org_id', 'h.name as holder_name'])
    .where('d.member_id', '=', memberId)
    .where(inScope(scope, 'm.org_path'))
    .orderBy('d.moved_on', 'desc')
    .orderBy('d.id', 'desc')
    .executeTakeFirst();
}
