import { sql, type Expression, type Kysely, type SqlBool, type Transaction } from 'kysely';
import type { DB, MemberTransferBlockRow, TransferCaseRow } from '../../db/types.js';
import { ancestorIds } from '../../db/tree-path.js';
import { insertIfInScope } from '../auth/scoped-insert.js';
import { inScope, makeScope, type Scope } from '../auth/scope.js';

// All SQL of transfer cases and of the transfer-block flag. A case has two ends and is seen by
// whoever sees either (source_path or destination_path in scope); a write states which end the
// caller must hold in the same statement. An out-of-scope id looks missing.

type Db = Kysely<DB> | Transaction<DB>;

/** SQL: the case lies in the scope at either end. */
/** The path columns of a case's two ends: an office sees a case when it holds either end. */
export const TRANSFER_END_PATHS = ['source_path', 'destination_path'] as const;

/** The path column of the end whose turn it is: only that office may record the next step. */
export const endColumn = (side: 'sending' | 'receiving') => (side === 'sending' ? 'source_path' : 'destination_path');

function eitherEnd(scope: Scope, alias = 'c'): Expression<SqlBool> {
  return sql<SqlBool>`(${inScope(scope, `${alias}.source_path`)} or ${inScope(scope, `${alias}.destination_path`)})`;
}

export type CaseWithMember = TransferCaseRow & {
  full_name: string;
  birth_date: string;
  member_status: string;
  source_name: string;
  destination_name: string | null;
};

function caseQuery(db: Db, scope: Scope) {
  return db
    .selectFrom('transfer_case as c')
    .innerJoin('member as m', 'm.id', 'c.member_id')
    .innerJoin('org as so', 'so.id', 'c.source_org_id')
    .leftJoin('org as dso', 'dso.id', 'c.destination_org_id')
    .selectAll('c')
    .select(['m.full_name', 'm.birth_date', 'm.status as member_status', 'so.name as source_name', 'dso.name as destination_name'])
    .where(eitherEnd(scope));
}

export function findCase(db: Db, scope: Scope, id: number, opts: { forUpdate?: boolean } = {}): Promise<CaseWithMember | undefined> {
  let q = caseQuery(db, scope).where('c.id', '=', id);
  if (opts.forUpdate) q = q.forUpdate('c');
  return q.executeTakeFirst();
}

export interface CaseListFilter {
  states: string[] | null;
  kind: string | null;
  /** out: cases sent from the caller's subtrees (or `orgPath`); in: cases arriving there. */
  direction: 'in' | 'out' | null;
  orgPath: string | null;
  memberId: number | null;
  limit: number;
  offset: number;
}

export async function listCases(db: Db, scope: Scope, f: CaseListFilter) {
  let q = caseQuery(db, scope);
  const where = f.orgPath === null ? scope : makeScope([f.orgPath]);
  if (f.direction === 'out') q = q.where(inScope(where, 'c.source_path'));
  else if (f.direction === 'in') q = q.where(inScope(where, 'c.destination_path'));
  else if (f.orgPath !== null) q = q.where(eitherEnd(where));
  if (f.states) q = q.where('c.state', 'in', f.states);
  if (f.kind) q = q.where('c.kind', '=', f.kind as 'permanent' | 'temporary');
  if (f.memberId !== null) q = q.where('c.member_id', '=', f.memberId);
  const [items, count] = await Promise.all([
    q.orderBy('c.opened_on', 'desc').orderBy('c.id', 'desc').limit(f.limit).offset(f.offset).execute(),
    q.clearSelect().select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items, total: Number(count.n) };
}

/** Whether the member has a transfer case not yet closed (any scope: it is the member's own). */
export async function openCaseExists(db: Db, memberId: number): Promise<boolean> {
  return (await db.selectFrom('transfer_case').select('id').where('member_id', '=', memberId).where('closed_on', 'is', null).executeTakeFirst()) !== undefined;
}

/** The org and its ancestors with their types, root first: where the TCCSĐ and its superior are. */
export function chainOf(db: Db, path: string): Promise<{ id: number; org_type: string }[]> {
  // Tree structure only (ids and types), no member data: the letter's type and issuer depend on
  // where both ends sit, and the destination may lie outside the sender's scope.
  return db.selectFrom('org').select(['id', 'org_type']).where('id', 'in', ancestorIds(path)).orderBy('level').execute();
}

export interface DestinationOrg {
  id: number;
  name: string;
  path: string;
  org_type: string;
  dissolved_on: string | null;
}

/**
 * The destination cell of a transfer inside the installation, whichever subtree it lies in. The
 * deliberate exception to scoping, as for the national uniqueness checks: the sending office names
 * the receiving cell, which it cannot see; only its name, type and place in the tree are read.
 */
export function findDestinationOrg(db: Db, by: { id: number } | { code: string }): Promise<DestinationOrg | undefined> {
  const q = db.selectFrom('org').select(['id', 'name', 'path', 'org_type', 'dissolved_on']);
  return ('id' in by ? q.where('id', '=', by.id) : q.where('code', '=', by.code)).executeTakeFirst();
}

type NewCase = Omit<TransferCaseRow, 'id' | 'version' | 'source_path' | 'created_at' | 'updated_at'> & { created_at: Date; updated_at: Date };

/** Inserts the case only if its member is in the scope, checked in the same statement; source_path is the member's. */
export function insertCase(db: Db, scope: Scope, row: NewCase) {
  return insertIfInScope(db, scope, 'transfer_case', row, { table: 'member', id: row.member_id, orgId: row.source_org_id, pathInto: 'source_path' })
    .returningAll()
    .executeTakeFirst();
}

/** Open cases after `afterId` in id order, a batch at a time, for the daily due-items job. */
export function openCasesAfter(db: Db, scope: Scope, afterId: number, limit: number): Promise<CaseWithMember[]> {
  return caseQuery(db, scope).where('c.closed_on', 'is', null).where('c.id', '>', afterId).orderBy('c.id').limit(limit).execute();
}

/**
 * R-TRF-07/08: members temporarily attached to orgs in the subtree of `hostPath` (the receipt is
 * recorded, the return not yet), with the member's status and home org.
 */
export function attachedUnder(db: Db, scope: Scope, hostPath: string) {
  return db
    .selectFrom('transfer_case as c')
    .innerJoin('member as m', 'm.id', 'c.member_id')
    .innerJoin('org as so', 'so.id', 'c.source_org_id')
    .innerJoin('org as d', 'd.id', 'c.destination_org_id')
    .select(['c.id', 'c.member_id', 'm.full_name', 'm.status as member_status', 'c.source_org_id', 'so.name as source_name', 'c.destination_org_id', 'd.name as destination_name', 'c.received_on', 'c.end_date'])
    .where('c.kind', '=', 'temporary')
    .where('c.state', '=', 'received')
    .where(inScope(makeScope([hostPath]), 'c.destination_path'))
    .where(inScope(scope, 'c.destination_path'))
    .orderBy('d.name')
    .orderBy('m.name_sort')
    .execute();
}

// ---- the transfer-block flag (R-TRF-04 until the inspection module) ----------------------------

/** The member's open flag, if any, when the member is in scope. */
export function openBlock(db: Db, scope: Scope, memberId: number): Promise<MemberTransferBlockRow | undefined> {
  return db
    .selectFrom('member_transfer_block as b')
    .innerJoin('member as m', 'm.id', 'b.member_id')
    .selectAll('b')
    .where('b.member_id', '=', memberId)
    .where('b.cleared_at', 'is', null)
    .where(inScope(scope, 'm.org_path'))
    .executeTakeFirst();
}

/** Every open flag of the member, whatever the scope: what TransferBlockers answers for a case already read in scope. */
export function openBlocksOf(db: Db, memberId: number): Promise<MemberTransferBlockRow[]> {
  return db.selectFrom('member_transfer_block').selectAll().where('member_id', '=', memberId).where('cleared_at', 'is', null).execute();
}

/** Sets the flag if the member is in scope (checked in the statement); undefined when not. */
export function insertBlock(db: Db, scope: Scope, row: { member_id: number; kind: 'inspection' | 'complaint'; since: string; reason: string; set_by: number | null; set_at: Date }) {
  return insertIfInScope(db, scope, 'member_transfer_block', row, { table: 'member', id: row.member_id })
    .returningAll()
    .executeTakeFirst();
}

export async function clearBlock(db: Db, scope: Scope, id: number, set: { cleared_on: string; cleared_by: number | null; cleared_at: Date; clear_reason: string | null }): Promise<number> {
  const r = await db
    .updateTable('member_transfer_block')
    .set(set)
    .where('id', '=', id)
    .where('cleared_at', 'is', null)
    .where((eb) => eb.exists(eb.selectFrom('member as m').select('m.id').whereRef('m.id', '=', 'member_transfer_block.member_id').where(inScope(scope, 'm.org_path'))))
    .executeTakeFirst();
  return Number(r.numUpdatedRows);
}
