import { sql, type Expression, type Kysely, type SqlBool, type Transaction } from 'kysely';
import type { DB } from '../../db/types.js';
import type { Role } from '../../domain/permissions.js';
import { normalizeName } from '../../domain/vn-name.js';
import { inScope, type Scope } from '../auth/scope.js';

// All SQL of account administration. An account belongs to the unit in app_user.org_id: a caller
// sees and changes the accounts whose unit lies in their scope; installation-wide accounts
// (org_id null: the first administrator, central staff) only with a whole-tree scope. An
// out-of-scope account looks missing.

type Db = Kysely<DB> | Transaction<DB>;

export const isWholeTree = (scope: Scope) => scope.paths.includes('/');

/** SQL predicate on `app_user as u`: the account is visible within the scope. */
export function accountInScope(scope: Scope): Expression<SqlBool> {
  if (isWholeTree(scope)) return sql<SqlBool>`true`;
  return sql<SqlBool>`exists (select 1 from org o2 where o2.id = u.org_id and ${inScope(scope, 'o2.path')})`;
}

export interface AccountRow {
  id: number;
  username: string;
  display_name: string;
  status: 'active' | 'locked' | 'disabled';
  must_change_password: boolean;
  member_id: number | null;
  org_id: number | null;
  org_name: string | null;
  org_path: string | null;
  two_factor: boolean;
  created_at: Date;
  updated_at: Date;
}

// Never the password hash nor the TOTP secret: only whether a second factor is enrolled.
function selectAccount(db: Db) {
  return db
    .selectFrom('app_user as u')
    .leftJoin('org as o', 'o.id', 'u.org_id')
    .select([
      'u.id',
      'u.username',
      'u.display_name',
      'u.status',
      'u.must_change_password',
      'u.member_id',
      'u.org_id',
      'o.name as org_name',
      'o.path as org_path',
      sql<boolean>`u.totp_enabled_at is not null`.as('two_factor'),
      'u.created_at',
      'u.updated_at',
    ]);
}

export function findAccount(db: Db, scope: Scope, id: number, opts: { forUpdate?: boolean } = {}): Promise<AccountRow | undefined> {
  let q = selectAccount(db).where('u.id', '=', id).where(accountInScope(scope));
  if (opts.forUpdate) q = q.forUpdate('u');
  return q.executeTakeFirst();
}

export function findAccountByUsername(db: Db, scope: Scope, username: string): Promise<AccountRow | undefined> {
  return selectAccount(db).where('u.username', '=', username).where(accountInScope(scope)).executeTakeFirst();
}

export interface AccountFilter {
  q?: string;
  status?: AccountRow['status'];
  limit: number;
  offset: number;
}

const likePattern = (q: string) => `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

export async function listAccounts(db: Db, scope: Scope, f: AccountFilter): Promise<{ rows: AccountRow[]; total: number }> {
  let q = selectAccount(db).where(accountInScope(scope));
  if (f.q) {
    // The display name compares without diacritics, by the one normalization of names
    // ("nguyen van" finds "Nguyễn Văn Hùng"); the username as typed, case aside.
    const p = likePattern(f.q);
    const norm = likePattern(normalizeName(f.q));
    q = q.where((eb) => eb.or([eb('u.username', 'ilike', p), eb('u.display_name_norm', 'like', norm)]));
  }
  if (f.status) q = q.where('u.status', '=', f.status);
  const [rows, count] = await Promise.all([
    q.orderBy('u.username').limit(f.limit).offset(f.offset).execute(),
    q.clearSelect().select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n) };
}

/** Usernames are unique across the installation, so this looks beyond the caller's scope. */
export async function usernameTaken(db: Db, username: string): Promise<boolean> {
  return (await db.selectFrom('app_user').select('id').where('username', '=', username).executeTakeFirst()) !== undefined;
}

/**
 * The account already linked to a member record, wherever it is (one account per member, so the
 * check looks beyond the scope); `visible` says whether the caller's scope covers that account,
 * and only then may its name be shown.
 */
export function accountOfMember(db: Db, scope: Scope, memberId: number, exceptUserId: number | null) {
  let q = db
    .selectFrom('app_user as u')
    .select(['u.id', 'u.username', sql<boolean>`${accountInScope(scope)}`.as('visible')])
    .where('u.member_id', '=', memberId);
  if (exceptUserId !== null) q = q.where('u.id', '<>', exceptUserId);
  return q.executeTakeFirst();
}

export async function insertAccount(
  db: Db,
  a: { username: string; displayName: string; passwordHash: string; orgId: number | null; memberId: number | null; now: Date },
): Promise<number> {
  const row = await db
    .insertInto('app_user')
    .values({
      username: a.username,
      display_name: a.displayName,
      display_name_norm: normalizeName(a.displayName),
      password_hash: a.passwordHash,
      must_change_password: true,
      org_id: a.orgId,
      member_id: a.memberId,
      created_at: a.now,
      updated_at: a.now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function updateAccount(
  db: Db,
  scope: Scope,
  id: number,
  set: { display_name?: string; org_id?: number | null; status?: AccountRow['status']; password_hash?: string; must_change_password?: boolean },
  now: Date,
): Promise<void> {
  await db
    .updateTable('app_user as u')
    .set({ ...set, ...(set.display_name !== undefined ? { display_name_norm: normalizeName(set.display_name) } : {}), updated_at: now })
    .where('u.id', '=', id)
    .where(accountInScope(scope))
    .execute();
}

/**
 * Forgets the account's second factor: secret (pending or enrolled), last used step and recovery
 * codes. Returns whether there was anything to forget.
 */
export async function clearTwoFactor(db: Db, scope: Scope, id: number, now: Date): Promise<boolean> {
  const r = await db
    .updateTable('app_user as u')
    .set({ totp_secret: null, totp_enabled_at: null, totp_last_step: null, updated_at: now })
    .where('u.id', '=', id)
    .where(accountInScope(scope))
    .where((eb) => eb.or([eb('u.totp_secret', 'is not', null), eb('u.totp_enabled_at', 'is not', null)]))
    .executeTakeFirst();
  await db
    .deleteFrom('recovery_code')
    .where('user_id', '=', id)
    .where((eb) => eb.exists(eb.selectFrom('app_user as u').select('u.id').where('u.id', '=', id).where(accountInScope(scope))))
    .execute();
  return Number(r.numUpdatedRows) > 0;
}

/** Ends every session of the account; returns how many there were. */
export async function deleteSessions(db: Db, userId: number): Promise<number> {
  const r = await db.deleteFrom('app_session').where('user_id', '=', userId).executeTakeFirst();
  return Number(r.numDeletedRows);
}

/** Forgets the failed sign-ins counted against the account name (the throttle's 'user:' key). */
export async function clearLoginThrottle(db: Db, username: string): Promise<number> {
  const r = await db.deleteFrom('login_throttle').where('key', '=', `user:${username}`).executeTakeFirst();
  return Number(r.numDeletedRows);
}

export function findOrg(db: Db, scope: Scope, orgId: number) {
  return db
    .selectFrom('org as o')
    .select(['o.id', 'o.name', 'o.path'])
    .where('o.id', '=', orgId)
    .where(inScope(scope, 'o.path'))
    .executeTakeFirst();
}

/** An org by id or by its code (the CLI accepts either). */
export function findOrgByIdOrCode(db: Db, scope: Scope, ref: string) {
  const q = db.selectFrom('org as o').select(['o.id', 'o.name', 'o.path']).where(inScope(scope, 'o.path'));
  return (/^\d+$/.test(ref) ? q.where('o.id', '=', Number(ref)) : q.where('o.code', '=', ref)).executeTakeFirst();
}

/**
 * The roles an account holds or will hold (not revoked, not yet ended), with their org paths,
 * whatever the caller's scope: deciding whether the caller may administer the account needs all
 * of them.
 */
export async function standingRoles(db: Db, userId: number, today: string): Promise<{ role: Role; path: string }[]> {
  const { rows } = await sql<{ role: Role; path: string }>`
    select ra.role, coalesce(o.path, '/') as path
    from role_assignment ra left join org o on o.id = ra.org_id
    where ra.user_id = ${userId} and ra.revoked_at is null
      and (ra.valid_to is null or ra.valid_to >= ${today}::date)`.execute(db);
  return rows;
}
