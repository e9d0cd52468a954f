import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB, TransferSlipRow } from '../../db/types.js';
import { inScope, type Scope } from '../auth/scope.js';

// All SQL of transfer slips (R-TRF-09). A slip has no path of its own: it is read and written
// through its case, whose two ends say who sees it (as for the case itself).

type Db = Kysely<DB> | Transaction<DB>;

const eitherEnd = (scope: Scope) => sql<boolean>`(${inScope(scope, 'c.source_path')} or ${inScope(scope, 'c.destination_path')})`;

/** The slip of a case seen from either end; undefined when the case is out of scope or has none. */
export function slipOfCase(db: Db, scope: Scope, caseId: number, opts: { forUpdate?: boolean } = {}): Promise<TransferSlipRow | undefined> {
  let q = db.selectFrom('transfer_slip as s').innerJoin('transfer_case as c', 'c.id', 's.case_id').selectAll('s').where('s.case_id', '=', caseId).where(eitherEnd(scope));
  if (opts.forUpdate) q = q.forUpdate('s');
  return q.executeTakeFirst();
}

/** Inserts the slip only when the case's sending end is in the scope, checked in the same statement. */
export function insertSlip(db: Db, scope: Scope, row: Omit<TransferSlipRow, 'id' | 'version' | 'returned_on' | 'return_note' | 'returned_by'>) {
  const cols = Object.keys(row) as (keyof typeof row)[];
  return db
    .insertInto('transfer_slip')
    .columns(cols)
    .expression(
      db
        .selectFrom('transfer_case as c')
        .select(cols.map((k) => (k === 'case_id' ? sql`c.id`.as(k) : sql`${row[k]}`.as(k))))
        .where('c.id', '=', row.case_id)
        .where(inScope(scope, 'c.source_path')),
    )
    .onConflict((oc) => oc.column('case_id').doNothing())
    .returningAll()
    .executeTakeFirst();
}

/** Records the return at the version read, when either end of the case is in scope. */
export async function returnSlip(db: Db, scope: Scope, id: number, version: number, set: { returned_on: string; return_note: string | null; returned_by: number | null; updated_at: Date }): Promise<number> {
  const r = await db
    .updateTable('transfer_slip')
    .set((eb) => ({ ...set, version: eb('version', '+', 1) }))
    .where('id', '=', id)
    .where('version', '=', version)
    .where('returned_on', 'is', null)
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom('transfer_case as c')
          .select('c.id')
          .whereRef('c.id', '=', 'transfer_slip.case_id')
          .where(eitherEnd(scope)),
      ),
    )
    .executeTakeFirst();
  return Number(r.numUpdatedRows);
}

export type SlipWithCase = TransferSlipRow & {
  member_id: number;
  full_name: string;
  birth_date: string;
  source_name: string;
  destination_name: string;
  state: string;
  letter_no: string | null;
  letter_date: string | null;
  received_on: string | null;
  exit_case_id: number | null;
};

/**
 * Slips of the cases with either end in `scope`, in issue order; `unreturned`: only those not yet
 * back (what the check lists of R-REC-08 and R-EXIT-05 look through). The member's open removal
 * case, when the caller sees it, is the one R-EXIT-05 leads to.
 */
export function listSlips(db: Db, scope: Scope, f: { unreturned: boolean }): Promise<SlipWithCase[]> {
  let q = db
    .selectFrom('transfer_slip as s')
    .innerJoin('transfer_case as c', 'c.id', 's.case_id')
    .innerJoin('member as m', 'm.id', 'c.member_id')
    .innerJoin('org as so', 'so.id', 'c.source_org_id')
    .leftJoin('org as dso', 'dso.id', 'c.destination_org_id')
    .selectAll('s')
    .select([
      'c.member_id',
      'm.full_name',
      'm.birth_date',
      'so.name as source_name',
      sql<string>`coalesce(dso.name, c.destination_text, '')`.as('destination_name'),
      'c.state',
      'c.letter_no',
      'c.letter_date',
      'c.received_on',
      (eb) =>
        eb
          .selectFrom('removal_case as x')
          .select('x.id')
          .whereRef('x.member_id', '=', 'c.member_id')
          .where('x.closed_on', 'is', null)
          .where(inScope(scope, 'x.org_path'))
          .limit(1)
          .as('exit_case_id'),
    ])
    .where(eitherEnd(scope));
  if (f.unreturned) q = q.where('s.returned_on', 'is', null);
  return q.orderBy('s.issued_on').orderBy('s.id').execute() as Promise<SlipWithCase[]>;
}
