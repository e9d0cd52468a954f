// Sign-in throttling (issue 3, "Sign-in hardening"): after a few free failures each further
// failure doubles the wait before the next attempt, and reaching the lock threshold locks the
// key for a while. The same rule runs for an account name (known or not, so the answer never
// tells whether an account exists) and, with larger numbers, for a client address (one
// address guessing many names). Not a regulation, so no rule id.

export interface ThrottleRule {
  /** Failures allowed before any wait. */
  delayAfter: number;
  /** Failures that lock the key. */
  lockAfter: number;
  lockMinutes: number;
  /** The longest wait between two attempts before the lock. */
  maxDelaySeconds: number;
}

export interface LoginThrottlePolicy {
  account: ThrottleRule;
  address: ThrottleRule;
}

export const DEFAULT_LOGIN_THROTTLE: LoginThrottlePolicy = {
  account: { delayAfter: 3, lockAfter: 10, lockMinutes: 15, maxDelaySeconds: 60 },
  // Many people may share one address (an office behind one gateway): larger numbers.
  address: { delayAfter: 20, lockAfter: 100, lockMinutes: 15, maxDelaySeconds: 60 },
};

/** A key quiet for this long starts again from zero. */
export const FORGET_AFTER_HOURS = 24;

export interface ThrottleState {
  failures: number;
  lastFailureAt: Date;
  lockedUntil: Date | null;
}

export type ThrottleDecision = { allowed: true } | { allowed: false; reason: 'delay' | 'lock'; retryAt: Date };

/** Failures that still count at `now`. */
export function activeFailures(state: ThrottleState | null, now: Date): number {
  if (!state) return 0;
  if (now.getTime() - state.lastFailureAt.getTime() >= FORGET_AFTER_HOURS * 3600_000) return 0;
  return state.failures;
}

/** Seconds to wait after `failures` consecutive failures: 0 up to delayAfter, then 1, 2, 4 … capped. */
export function delaySeconds(failures: number, rule: ThrottleRule): number {
  if (failures < rule.delayAfter) return 0;
  return Math.min(rule.maxDelaySeconds, 2 ** (failures - rule.delayAfter));
}

/** May an attempt be made now? Decided before the password is even looked at. */
export function checkAttempt(state: ThrottleState | null, now: Date, rule: ThrottleRule): ThrottleDecision {
  const failures = activeFailures(state, now);
  if (!state || failures === 0) return { allowed: true };
  if (state.lockedUntil && now < state.lockedUntil) return { allowed: false, reason: 'lock', retryAt: state.lockedUntil };
  const retryAt = new Date(state.lastFailureAt.getTime() + delaySeconds(failures, rule) * 1000);
  return now < retryAt ? { allowed: false, reason: 'delay', retryAt } : { allowed: true };
}

/**
 * The state after one more failure. The count is not reset when a lock ends: every failure at
 * or past the threshold locks again, so a guesser gets one try per lock period, while a quiet
 * day (FORGET_AFTER_HOURS) or a successful sign-in starts the count again.
 */
export function afterFailure(state: ThrottleState | null, now: Date, rule: ThrottleRule): ThrottleState {
  const failures = activeFailures(state, now) + 1;
  const lockedUntil = failures >= rule.lockAfter ? new Date(now.getTime() + rule.lockMinutes * 60_000) : null;
  return { failures, lastFailureAt: now, lockedUntil };
}

/** The later of two refusals (both keys are checked; the caller waits for the longer one). */
export function laterRefusal(a: ThrottleDecision, b: ThrottleDecision): ThrottleDecision {
  if (a.allowed) return b;
  if (b.allowed) return a;
  return a.retryAt >= b.retryAt ? a : b;
}

/** A wait in words, rounded up: "8 giây", "15 phút". */
export function waitInWords(seconds: number): string {
  const s = Math.max(1, Math.ceil(seconds));
  return s < 60 ? `${s} giây` : `${Math.ceil(s / 60)} phút`;
}
