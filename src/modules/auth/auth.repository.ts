import { sql, type Kysely } from 'kysely';
import type { DB, SessionStage } from '../../db/types.js';
import { normalizeName } from '../../domain/vn-name.js';

export function findUserByUsername(db: Kysely<DB>, username: string) {
  return db.selectFrom('app_user').selectAll().where('username', '=', username).executeTakeFirst();
}

export function countUsers(db: Kysely<DB>) {
  return db
    .selectFrom('app_user')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow()
    .then((r) => Number(r.n));
}

export function insertUser(
  db: Kysely<DB>,
  user: { username: string; displayName: string; passwordHash: string; mustChangePassword: boolean },
) {
  return db
    .insertInto('app_user')
    .values({
      username: user.username,
      display_name: user.displayName,
      display_name_norm: normalizeName(user.displayName),
      password_hash: user.passwordHash,
      must_change_password: user.mustChangePassword,
    })
    .returning(['id', 'username', 'display_name'])
    .executeTakeFirstOrThrow();
}

export function findUserById(db: Kysely<DB>, userId: number) {
  return db.selectFrom('app_user').selectAll().where('id', '=', userId).executeTakeFirst();
}

export function setPassword(db: Kysely<DB>, userId: number, passwordHash: string, mustChange: boolean, now: Date = new Date()) {
  return db
    .updateTable('app_user')
    .set({ password_hash: passwordHash, must_change_password: mustChange, password_changed_at: now, updated_at: now })
    .where('id', '=', userId)
    .execute();
}

export function insertSession(
  db: Kysely<DB>,
  s: { id: string; userId: number; expiresAt: Date; ip: string | null; userAgent: string | null; now: Date; stage: SessionStage },
) {
  return db
    .insertInto('app_session')
    .values({
      id: s.id,
      user_id: s.userId,
      stage: s.stage,
      expires_at: s.expiresAt,
      ip: s.ip,
      user_agent: s.userAgent,
      created_at: s.now,
      last_seen_at: s.now,
    })
    .execute();
}

export function findSessionWithUser(db: Kysely<DB>, sessionId: string) {
  return db
    .selectFrom('app_session as s')
    .innerJoin('app_user as u', 'u.id', 's.user_id')
    .select([
      's.id as session_id',
      's.created_at',
      's.last_seen_at',
      's.expires_at',
      's.stage',
      'u.id as user_id',
      'u.username',
      'u.display_name',
      'u.status',
      'u.must_change_password',
      'u.member_id',
    ])
    .where('s.id', '=', sessionId)
    .executeTakeFirst();
}

export function touchSession(db: Kysely<DB>, sessionId: string, now: Date) {
  return db.updateTable('app_session').set({ last_seen_at: now }).where('id', '=', sessionId).execute();
}

export function deleteSession(db: Kysely<DB>, sessionId: string) {
  return db.deleteFrom('app_session').where('id', '=', sessionId).execute();
}

/** The unit an account belongs to and the member record it is (for a member's own account). */
export function setUserOrgAndMember(db: Kysely<DB>, userId: number, orgId: number | null, memberId: number | null) {
  return db.updateTable('app_user').set({ org_id: orgId, member_id: memberId }).where('id', '=', userId).execute();
}

/**
 * Moves a session to a new id (the hash of a new token) at `stage`, keeping its start, absolute
 * expiry and address: the old token stops working in the same statement.
 */
export async function rotateSession(db: Kysely<DB>, sessionId: string, newSessionId: string, stage: SessionStage): Promise<boolean> {
  const r = await db.updateTable('app_session').set({ id: newSessionId, stage }).where('id', '=', sessionId).executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** Ends every session of a user but `keep` (none kept when absent); returns how many ended. */
export async function deleteUserSessions(db: Kysely<DB>, userId: number, keep?: string): Promise<number> {
  let q = db.deleteFrom('app_session').where('user_id', '=', userId);
  if (keep !== undefined) q = q.where('id', '<>', keep);
  const r = await q.executeTakeFirst();
  return Number(r.numDeletedRows);
}

/** Removes sessions past their absolute lifetime or idle longer than allowed. */
export async function deleteExpiredSessions(db: Kysely<DB>, now: Date, idleMinutes: number): Promise<number> {
  const idleSince = new Date(now.getTime() - idleMinutes * 60_000);
  const r = await db
    .deleteFrom('app_session')
    .where((eb) => eb.or([eb('expires_at', '<=', now), eb('last_seen_at', '<', idleSince)]))
    .executeTakeFirst();
  return Number(r.numDeletedRows);
}

/** Accounts whose TOTP secret is still stored in plaintext (from before secrets were sealed). */
export function plaintextTotpSecrets(db: Kysely<DB>): Promise<{ id: number; totp_secret: string }[]> {
  return db
    .selectFrom('app_user')
    .select(['id', sql<string>`totp_secret`.as('totp_secret')])
    .where('totp_secret', 'is not', null)
    .where('totp_secret', 'not like', 'v1.%')
    .execute();
}

/** Replaces the stored secret only if it is still `from` (a concurrent change wins). */
export async function replaceTotpSecret(db: Kysely<DB>, userId: number, from: string, to: string): Promise<boolean> {
  const r = await db.updateTable('app_user').set({ totp_secret: to }).where('id', '=', userId).where('totp_secret', '=', from).executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** Keeps a new secret as pending (not yet confirmed by a code); refused once TOTP is on. */
export async function setPendingTotp(db: Kysely<DB>, userId: number, secret: string, now: Date): Promise<boolean> {
  const r = await db
    .updateTable('app_user')
    .set({ totp_secret: secret, totp_last_step: null, updated_at: now })
    .where('id', '=', userId)
    .where('totp_enabled_at', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export function enableTotp(db: Kysely<DB>, userId: number, now: Date) {
  return db.updateTable('app_user').set({ totp_enabled_at: now, updated_at: now }).where('id', '=', userId).execute();
}

export function disableTotp(db: Kysely<DB>, userId: number, now: Date) {
  return db
    .updateTable('app_user')
    .set({ totp_secret: null, totp_enabled_at: null, totp_last_step: null, updated_at: now })
    .where('id', '=', userId)
    .execute();
}

/**
 * Records `step` as the last TOTP time step used, only if it is later than the last one: false
 * means the code (or an earlier one) was already used, so it is refused as a replay.
 */
export async function claimTotpStep(db: Kysely<DB>, userId: number, step: number): Promise<boolean> {
  const r = await db
    .updateTable('app_user')
    .set({ totp_last_step: step })
    .where('id', '=', userId)
    .where((eb) => eb.or([eb('totp_last_step', 'is', null), eb('totp_last_step', '<', step)]))
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function replaceRecoveryCodes(db: Kysely<DB>, userId: number, hashes: readonly string[]): Promise<void> {
  await db.deleteFrom('recovery_code').where('user_id', '=', userId).execute();
  await db
    .insertInto('recovery_code')
    .values(hashes.map((code_hash) => ({ user_id: userId, code_hash })))
    .execute();
}

export function deleteRecoveryCodes(db: Kysely<DB>, userId: number) {
  return db.deleteFrom('recovery_code').where('user_id', '=', userId).execute();
}

/** Marks an unused code as used; false when there is no such unused code. One statement, so a code works once. */
export async function useRecoveryCode(db: Kysely<DB>, userId: number, codeHash: string, now: Date): Promise<boolean> {
  const r = await db
    .updateTable('recovery_code')
    .set({ used_at: now })
    .where('user_id', '=', userId)
    .where('code_hash', '=', codeHash)
    .where('used_at', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function countUnusedRecoveryCodes(db: Kysely<DB>, userId: number): Promise<number> {
  const r = await db
    .selectFrom('recovery_code')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('user_id', '=', userId)
    .where('used_at', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}
