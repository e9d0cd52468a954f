import type { Kysely } from 'kysely';
import type { DB } from '../../db/types.js';
import type { ThrottleState } from '../../domain/login-throttle.js';

/** The throttle state of each key that has one. */
export async function readThrottle(db: Kysely<DB>, keys: readonly string[]): Promise<Map<string, ThrottleState>> {
  const rows = await db.selectFrom('login_throttle').selectAll().where('key', 'in', [...keys]).execute();
  return new Map(
    rows.map((r) => [
      r.key,
      { failures: r.failures, lastFailureAt: new Date(r.last_failure_at), lockedUntil: r.locked_until ? new Date(r.locked_until) : null },
    ]),
  );
}

export function writeThrottle(db: Kysely<DB>, key: string, s: ThrottleState) {
  const values = { failures: s.failures, last_failure_at: s.lastFailureAt, locked_until: s.lockedUntil };
  return db
    .insertInto('login_throttle')
    .values({ key, ...values })
    .onConflict((oc) => oc.column('key').doUpdateSet(values))
    .execute();
}

export function clearThrottle(db: Kysely<DB>, key: string) {
  return db.deleteFrom('login_throttle').where('key', '=', key).execute();
}

/** Removes counts no longer in force (last failure before `before`, no lock running), so guessed names do not pile up. */
export async function deleteStaleThrottle(db: Kysely<DB>, before: Date, now: Date): Promise<number> {
  const r = await db
    .deleteFrom('login_throttle')
    .where('last_failure_at', '<', before)
    .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<=', now)]))
    .executeTakeFirst();
  return Number(r.numDeletedRows);
}
