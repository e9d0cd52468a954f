import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB, LiaisonCommentRow, ResidenceLiaisonRow } from '../../db/types.js';
import { ancestorIds } from '../../db/tree-path.js';
import { inScope, type Scope } from '../auth/scope.js';

// All SQL of residence liaison (R-TRF-16). A referral has two ends, like a transfer: the member's
// workplace org (the member's current path) and, when it is one of ours, the residence org (its
// current path). Whoever holds either end sees it and may record the yearly comment; only the
// workplace end refers and ends. Neither table stores a path, so moves need nothing here.

type Db = Kysely<DB> | Transaction<DB>;

const eitherEnd = (scope: Scope) => sql<boolean>`(${inScope(scope, 'm.org_path')} or (ro.path is not null and ${inScope(scope, 'ro.path')}))`;

export type LiaisonWithMember = ResidenceLiaisonRow & {
  full_name: string;
  birth_date: string;
  member_status: string;
  org_id: number;
  org_name: string;
  org_path: string;
  residence_path: string | null;
};

function liaisonQuery(db: Db, scope: Scope) {
  return db
    .selectFrom('residence_liaison as l')
    .innerJoin('member as m', 'm.id', 'l.member_id')
    .innerJoin('org as mo', 'mo.id', 'm.org_id')
    .leftJoin('org as ro', 'ro.id', 'l.residence_org_id')
    .selectAll('l')
    .select(['m.full_name', 'm.birth_date', 'm.status as member_status', 'm.org_id', 'mo.name as org_name', 'm.org_path', 'ro.path as residence_path'])
    .where(eitherEnd(scope));
}

export function findLiaison(db: Db, scope: Scope, id: number, opts: { forUpdate?: boolean } = {}): Promise<LiaisonWithMember | undefined> {
  let q = liaisonQuery(db, scope).where('l.id', '=', id);
  if (opts.forUpdate) q = q.forUpdate('l');
  return q.executeTakeFirst();
}

export function liaisonsOfMember(db: Db, scope: Scope, memberId: number): Promise<LiaisonWithMember[]> {
  return liaisonQuery(db, scope).where('l.member_id', '=', memberId).orderBy('l.referred_on', 'desc').orderBy('l.id', 'desc').execute();
}

/** Referrals in scope in force at some time of `year` (all referrals when null), by workplace org then name. */
export function listLiaisons(db: Db, scope: Scope, year: number | null): Promise<LiaisonWithMember[]> {
  let q = liaisonQuery(db, scope);
  if (year !== null) q = q.where('l.referred_on', '<=', `${year}-12-31`).where((eb) => eb.or([eb('l.ended_on', 'is', null), eb('l.ended_on', '>=', `${year}-01-01`)]));
  return q.orderBy('mo.name').orderBy('m.name_sort').orderBy('l.referred_on').execute();
}

export function commentsOf(db: Db, liaisonIds: readonly number[]): Promise<LiaisonCommentRow[]> {
  if (liaisonIds.length === 0) return Promise.resolve([]);
  return db.selectFrom('liaison_comment').selectAll().where('liaison_id', 'in', liaisonIds).orderBy('liaison_id').orderBy('year').execute();
}

/** The member's referral in force, whatever the scope: it is the member's own (one at a time). */
export function openLiaisonOf(db: Db, memberId: number): Promise<{ id: number; referred_on: string } | undefined> {
  return db.selectFrom('residence_liaison').select(['id', 'referred_on']).where('member_id', '=', memberId).where('ended_on', 'is', null).executeTakeFirst();
}

/** The kinds of the member's org and its ancestors, nearest first: where the member works (R-TRF-16). */
export async function kindsUpward(db: Db, path: string): Promise<(string | null)[]> {
  const rows = await db.selectFrom('org').select(['org_kind', 'level']).where('id', 'in', ancestorIds(path)).orderBy('level', 'desc').execute();
  return rows.map((r) => r.org_kind);
}

/**
 * The residence org, whichever subtree it lies in: the workplace office names the chi bộ where the
 * member lives, which it usually cannot see. Only its name, type and state are read (the same
 * deliberate exception as the receiving cell of a transfer).
 */
export function findResidenceOrg(db: Db, id: number): Promise<{ id: number; name: string; org_type: string; dissolved_on: string | null } | undefined> {
  return db.selectFrom('org').select(['id', 'name', 'org_type', 'dissolved_on']).where('id', '=', id).executeTakeFirst();
}

type NewLiaison = Omit<ResidenceLiaisonRow, 'id' | 'version' | 'ended_on' | 'end_reason'>;

/** Inserts the referral only if the member is in the scope (the workplace end), checked in the statement. */
export function insertLiaison(db: Db, scope: Scope, row: NewLiaison) {
  const cols = Object.keys(row) as (keyof NewLiaison)[];
  return db
    .insertInto('residence_liaison')
    .columns(cols)
    .expression(
      db
        .selectFrom('member as m')
        .select(cols.map((c) => (c === 'member_id' ? sql`m.id`.as(c) : sql`${row[c]}`.as(c))))
        .where('m.id', '=', row.member_id)
        .where(inScope(scope, 'm.org_path')),
    )
    .returningAll()
    .executeTakeFirst();
}

/** Inserts the year's comment when either end of the referral is in scope; nothing when the year has one. */
export function insertComment(db: Db, scope: Scope, row: Omit<LiaisonCommentRow, 'id'>) {
  const cols = Object.keys(row) as (keyof typeof row)[];
  return db
    .insertInto('liaison_comment')
    .columns(cols)
    .expression(
      db
        .selectFrom('residence_liaison as l')
        .innerJoin('member as m', 'm.id', 'l.member_id')
        .leftJoin('org as ro', 'ro.id', 'l.residence_org_id')
        .select(cols.map((c) => (c === 'liaison_id' ? sql`l.id`.as(c) : sql`${row[c]}`.as(c))))
        .where('l.id', '=', row.liaison_id)
        .where(eitherEnd(scope)),
    )
    .onConflict((oc) => oc.columns(['liaison_id', 'year']).doNothing())
    .returningAll()
    .executeTakeFirst();
}

/** Ends the referral at the version read, from the workplace end only. */
export async function endLiaison(db: Db, scope: Scope, id: number, version: number, set: { ended_on: string; end_reason: string | null; updated_by: number | null; updated_at: Date }): Promise<number> {
  const r = await db
    .updateTable('residence_liaison')
    .set((eb) => ({ ...set, version: eb('version', '+', 1) }))
    .where('id', '=', id)
    .where('version', '=', version)
    .where('ended_on', 'is', null)
    .where((eb) => eb.exists(eb.selectFrom('member as m').select('m.id').whereRef('m.id', '=', 'residence_liaison.member_id').where(inScope(scope, 'm.org_path'))))
    .executeTakeFirst();
  return Number(r.numUpdatedRows);
}
