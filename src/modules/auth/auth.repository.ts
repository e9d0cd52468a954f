import type { Kysely } from 'kysely';
import type { DB } from '../../db/types.js';

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
      password_hash: user.passwordHash,
      must_change_password: user.mustChangePassword,
    })
    .returning(['id', 'username', 'display_name'])
    .executeTakeFirstOrThrow();
}

export function setPassword(db: Kysely<DB>, userId: number, passwordHash: string, mustChange: boolean) {
  return db
    .updateTable('app_user')
    .set({ password_hash: passwordHash, must_change_password: mustChange, updated_at: new Date() })
    .where('id', '=', userId)
    .execute();
}

export function insertSession(
  db: Kysely<DB>,
  s: { id: string; userId: number; expiresAt: Date; ip: string | null; userAgent: string | null; now: Date },
) {
  return db
    .insertInto('app_session')
    .values({
      id: s.id,
      user_id: s.userId,
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
