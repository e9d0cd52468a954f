import type { Kysely } from 'kysely';
import { vnTime } from '../../clock.js';
import type { DB } from '../../db/types.js';
import {
  afterFailure,
  checkAttempt,
  DEFAULT_LOGIN_THROTTLE,
  FORGET_AFTER_HOURS,
  laterRefusal,
  waitInWords,
  type LoginThrottlePolicy,
} from '../../domain/login-throttle.js';
import { AppError } from '../../errors.js';
import { appendAudit, type Actor } from '../audit/audit.repository.js';
import { withKeys } from './keyed-lock.js';
import { clearThrottle, deleteStaleThrottle, readThrottle, writeThrottle } from './throttle.repository.js';

/**
 * The two counters an attempt touches: the account name as typed (known or not) and the address.
 * An administrator's unlock clears the 'user:' key (account.repository clearLoginThrottle).
 */
export interface ThrottleKeys {
  account: string;
  address: string;
}

export const normalizeUsername = (username: string) => username.trim().toLowerCase();

export function throttleKeys(username: string, ip: string | null): ThrottleKeys {
  return { account: `user:${normalizeUsername(username)}`, address: `address:${ip ?? 'unknown'}` };
}

/**
 * Runs one sign-in attempt (password or second factor) under the throttle: refused with
 * LOGIN_THROTTLED before `attempt` runs when either key must wait; a failure `attempt` reports
 * counts on both keys.
 */
export async function throttled<T>(
  db: Kysely<DB>,
  now: Date,
  policy: LoginThrottlePolicy | undefined,
  keys: ThrottleKeys,
  refusal: { actor: Actor; username: string; step: 'password' | 'totp' },
  attempt: () => Promise<{ ok: true; value: T } | { ok: false; error: AppError }>,
): Promise<T> {
  const rules = policy ?? DEFAULT_LOGIN_THROTTLE;
  return withKeys([keys.account, keys.address], async () => {
    const states = await readThrottle(db, [keys.account, keys.address]);
    const decision = laterRefusal(
      checkAttempt(states.get(keys.account) ?? null, now, rules.account),
      checkAttempt(states.get(keys.address) ?? null, now, rules.address),
    );
    if (!decision.allowed) {
      const seconds = Math.ceil((decision.retryAt.getTime() - now.getTime()) / 1000);
      await appendAudit(db, refusal.actor, {
        action: 'auth.login_throttled',
        entityType: 'user',
        entityId: refusal.actor.userId,
        orgPath: null,
        after: { username: refusal.username, step: refusal.step, reason: decision.reason, retryAt: decision.retryAt.toISOString() },
      });
      throw new AppError(
        'LOGIN_THROTTLED',
        { wait: waitInWords(seconds), at: vnTime(decision.retryAt) },
        { reason: decision.reason, retryAfterSeconds: Math.max(1, seconds), retryAt: decision.retryAt.toISOString() },
      );
    }
    const result = await attempt();
    if (result.ok) return result.value;
    await writeThrottle(db, keys.account, afterFailure(states.get(keys.account) ?? null, now, rules.account));
    await writeThrottle(db, keys.address, afterFailure(states.get(keys.address) ?? null, now, rules.address));
    throw result.error;
  });
}

/** A completed sign-in starts the account's count again (the address keeps its own). */
export function clearAccountCount(db: Kysely<DB>, keys: ThrottleKeys) {
  return clearThrottle(db, keys.account);
}

/** Forgets counts that no longer matter (run at each sign-in, like the session sweep). */
export function sweepThrottle(db: Kysely<DB>, now: Date) {
  return deleteStaleThrottle(db, new Date(now.getTime() - FORGET_AFTER_HOURS * 3600_000), now);
}
