import { sql, type Kysely, type SqlBool, type Transaction } from 'kysely';
import type { DB, RecordUpdateRow } from '../../db/types.js';
import { ACTIVE_STATUSES } from '../../domain/member-status.js';
import { inScope, makeScope, type Scope } from '../auth/scope.js';

// SQL of the yearly record update (phiếu bổ sung, R-REC-07). Each phiếu is read through its member
// and filtered on the member's current path.

type Db = Kysely<DB> | Transaction<DB>;

function underOrg(path: string | null, column: string) {
  return path === null ? sql<SqlBool>`true` : inScope(makeScope([path]), column);
}

export type UpdateWithMember = RecordUpdateRow & { full_name: string; member_status: string; org_id: number; org_name: string; org_path: string };

function updateQuery(db: Db, scope: Scope) {
  return db
    .selectFrom('record_update as u')
    .innerJoin('member as m', 'm.id', 'u.member_id')
    .innerJoin('org as o', 'o.id', 'm.org_id')
    .selectAll('u')
    .select(['m.full_name', 'm.status as member_status', 'm.org_id', 'o.name as org_name', 'm.org_path'])
    .where(inScope(scope, 'm.org_path'));
}

export function findUpdate(db: Db, scope: Scope, id: number, opts: { forUpdate?: boolean } = {}): Promise<UpdateWithMember | undefined> {
  let q = updateQuery(db, scope).where('u.id', '=', id);
  if (opts.forUpdate) q = q.forUpdate('u');
  return q.executeTakeFirst() as Promise<UpdateWithMember | undefined>;
}

export async function listUpdates(db: Db, scope: Scope, f: { orgPath: string | null; year: number | null; stage: string | null }, page: { limit: number; offset: number }) {
  let q = updateQuery(db, scope).where(underOrg(f.orgPath, 'm.org_path'));
  if (f.year !== null) q = q.where('u.year', '=', f.year);
  if (f.stage !== null) q = q.where('u.stage', '=', f.stage);
  const [items, count] = await Promise.all([
    q.orderBy('u.submitted_on', 'desc').orderBy('u.id', 'desc').limit(page.limit).offset(page.offset).execute(),
    q.clearSelect().select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items: items as UpdateWithMember[], total: Number(count.n) };
}

/** The member's yearly phiếu of the year still open or approved (a returned one may be filed again). */
export function yearlyUpdateOf(db: Db, memberId: number, year: number) {
  // Called after the member was read in scope: only the phiếu's id and stage.
  return db.selectFrom('record_update').select(['id', 'stage']).where('member_id', '=', memberId).where('year', '=', year).where('occasion', '=', 'yearly').where('stage', '<>', 'returned').executeTakeFirst();
}

export type NewUpdate = Pick<RecordUpdateRow, 'member_id' | 'year' | 'occasion' | 'stage' | 'submitted_on' | 'created_by' | 'created_at' | 'updated_by' | 'updated_at'> & { changes: string };

/**
 * Inserts a phiếu if its member is in scope (checked in the statement); undefined when not. With
 * `ownerUserId` (a member filing their own) the member must also be the one linked to that account.
 */
export function insertUpdate(db: Db, scope: Scope, row: NewUpdate, opts: { ownerUserId?: number } = {}) {
  const cols = Object.keys(row) as (keyof NewUpdate)[];
  let source = db
    .selectFrom('member as m')
    .select(cols.map((c) => (c === 'member_id' ? sql`m.id`.as(c) : c === 'changes' ? sql`${row.changes}::jsonb`.as(c) : sql`${row[c] ?? null}`.as(c))))
    .where('m.id', '=', row.member_id)
    .where(inScope(scope, 'm.org_path'));
  const owner = opts.ownerUserId;
  if (owner !== undefined) source = source.where((eb) => eb.exists(eb.selectFrom('app_user as a').select('a.id').where('a.id', '=', owner).whereRef('a.member_id', '=', 'm.id')));
  return db.insertInto('record_update').columns(cols).expression(source).returning('id').executeTakeFirst();
}

/** The phiếu of the member linked to the account, newest first (by identity, not by role scope). */
export function ownUpdates(db: Db, userId: number): Promise<UpdateWithMember[]> {
  return db
    .selectFrom('record_update as u')
    .innerJoin('member as m', 'm.id', 'u.member_id')
    .innerJoin('app_user as a', 'a.member_id', 'm.id')
    .innerJoin('org as o', 'o.id', 'm.org_id')
    .selectAll('u')
    .select(['m.full_name', 'm.status as member_status', 'm.org_id', 'o.name as org_name', 'm.org_path'])
    .where('a.id', '=', userId)
    .where('m.deleted_at', 'is', null)
    .orderBy('u.submitted_on', 'desc')
    .orderBy('u.id', 'desc')
    .execute() as Promise<UpdateWithMember[]>;
}

/** Moves the phiếu if still at `version` and its member in scope; 0 rows means neither. */
export async function updateAtVersion(
  db: Db,
  scope: Scope,
  id: number,
  version: number,
  set: Partial<Pick<RecordUpdateRow, 'stage' | 'decided_on' | 'return_reason' | 'updated_by' | 'updated_at'>>,
): Promise<number> {
  const r = await db
    .updateTable('record_update')
    .set({ ...set, version: version + 1 })
    .where('id', '=', id)
    .where('version', '=', version)
    .where((eb) => eb.exists(eb.selectFrom('member as m').select('m.id').whereRef('m.id', '=', 'record_update.member_id').where(inScope(scope, 'm.org_path'))))
    .executeTakeFirst();
  return Number(r.numUpdatedRows);
}

/** R-REC-07: the members on the rolls under the org and their yearly phiếu of the year, if any. */
export async function filing(db: Db, scope: Scope, orgPath: string, year: number, filed: 'yes' | 'no' | null, page: { limit: number; offset: number }) {
  let q = db
    .selectFrom('member as m')
    .innerJoin('org as o', 'o.id', 'm.org_id')
    .leftJoin('record_update as u', (j) => j.onRef('u.member_id', '=', 'm.id').on('u.year', '=', year).on('u.occasion', '=', 'yearly').on('u.stage', '<>', 'returned'))
    .where(inScope(scope, 'm.org_path'))
    .where(inScope(makeScope([orgPath]), 'm.org_path'))
    .where('m.deleted_at', 'is', null)
    .where('m.status', 'in', [...ACTIVE_STATUSES]);
  const counts = await q
    .select((eb) => [eb.fn.count<string>('u.id').as('filed'), eb.fn.countAll<string>().as('all')])
    .executeTakeFirstOrThrow();
  if (filed === 'yes') q = q.where('u.id', 'is not', null);
  if (filed === 'no') q = q.where('u.id', 'is', null);
  const [items, total] = await Promise.all([
    q.select(['m.id', 'm.full_name', 'o.name as org_name', 'u.id as update_id', 'u.stage']).orderBy('m.org_path').orderBy('m.name_sort').orderBy('m.id').limit(page.limit).offset(page.offset).execute(),
    q.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { filed: Number(counts.filed), all: Number(counts.all), items, total: Number(total.n) };
}

/**
 * R-REC-07: official transfers received inside the installation whose member is still on the
 * rolls in the receiving org, with the day of the last phiếu of the transfer occasion (not
 * returned) filed since the receipt, if any. Filtered by the receiving end's path. Either one
 * member's (after a step on them) or a page of cases in id order (the daily job).
 */
export function transferUpdateCases(db: Db, scope: Scope, f: { memberId: number } | { afterId: number; limit: number }) {
  let q = db
    .selectFrom('transfer_case as c')
    .innerJoin('member as m', 'm.id', 'c.member_id')
    .select((eb) => [
      'c.id',
      'c.member_id',
      'c.destination_org_id',
      'c.completed_on',
      'm.full_name',
      eb
        .selectFrom('record_update as u')
        .select((e) => e.fn.max('u.submitted_on').as('filed_on'))
        .whereRef('u.member_id', '=', 'c.member_id')
        .where('u.occasion', '=', 'transfer')
        .where('u.stage', '<>', 'returned')
        .whereRef('u.submitted_on', '>=', 'c.completed_on')
        .as('filed_on'),
    ])
    .where('c.kind', '=', 'permanent')
    .where('c.destination', '=', 'inside')
    .where('c.completed_on', 'is not', null)
    .where(inScope(scope, 'c.destination_path'))
    // Still where the transfer put them: a later move or exit ends what this transfer asked for.
    .whereRef('m.org_id', '=', 'c.destination_org_id')
    .where('m.deleted_at', 'is', null)
    .where('m.status', 'in', [...ACTIVE_STATUSES]);
  if ('memberId' in f) q = q.where('c.member_id', '=', f.memberId);
  else q = q.where('c.id', '>', f.afterId).limit(f.limit);
  return q.orderBy('c.id').execute();
}
