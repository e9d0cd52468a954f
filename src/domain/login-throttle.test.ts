import { describe, expect, it } from 'vitest';
import {
  afterFailure,
  checkAttempt,
  delaySeconds,
  laterRefusal,
  waitInWords,
  type ThrottleRule,
  type ThrottleState,
} from './login-throttle.js';

const rule: ThrottleRule = { delayAfter: 3, lockAfter: 10, lockMinutes: 15, maxDelaySeconds: 60 };
const t0 = new Date('2026-11-20T03:00:00Z');
const at = (seconds: number) => new Date(t0.getTime() + seconds * 1000);

function failTimes(n: number, start = t0): ThrottleState | null {
  let s: ThrottleState | null = null;
  for (let i = 0; i < n; i++) s = afterFailure(s, start, rule);
  return s;
}

describe('login throttle', () => {
  it('lets the first failures through without waiting, then doubles the wait up to the cap', () => {
    expect([0, 1, 2, 3, 4, 5, 6, 9, 12].map((n) => delaySeconds(n, rule))).toEqual([0, 0, 0, 1, 2, 4, 8, 60, 60]);
  });

  it('refuses an attempt inside the wait and allows it once the wait is over', () => {
    const s = failTimes(5); // 4 s wait
    expect(checkAttempt(s, at(3.999), rule)).toEqual({ allowed: false, reason: 'delay', retryAt: at(4) });
    expect(checkAttempt(s, at(4), rule)).toEqual({ allowed: true });
    expect(checkAttempt(failTimes(2), t0, rule)).toEqual({ allowed: true });
  });

  it('locks exactly at the threshold, not one failure before', () => {
    const nine = failTimes(9);
    expect(nine?.lockedUntil).toBeNull();
    const ten = afterFailure(nine, t0, rule);
    expect(ten.lockedUntil).toEqual(at(15 * 60));
    expect(checkAttempt(ten, at(15 * 60 - 1), rule)).toMatchObject({ allowed: false, reason: 'lock' });
    expect(checkAttempt(ten, at(15 * 60), rule)).toEqual({ allowed: true });
  });

  it('locks again on the next failure after a lock, and forgets after a quiet day', () => {
    const ten = failTimes(10);
    const eleven = afterFailure(ten, at(16 * 60), rule);
    expect(eleven.failures).toBe(11);
    expect(eleven.lockedUntil).toEqual(at(31 * 60));
    const nextDay = afterFailure(eleven, at(25 * 3600), rule);
    expect(nextDay).toEqual({ failures: 1, lastFailureAt: at(25 * 3600), lockedUntil: null });
  });

  it('keeps the later of two refusals', () => {
    const a = { allowed: false as const, reason: 'delay' as const, retryAt: at(4) };
    const b = { allowed: false as const, reason: 'lock' as const, retryAt: at(900) };
    expect(laterRefusal(a, b)).toBe(b);
    expect(laterRefusal({ allowed: true }, a)).toBe(a);
    expect(laterRefusal({ allowed: true }, { allowed: true })).toEqual({ allowed: true });
  });

  it('says the wait in Vietnamese', () => {
    expect(waitInWords(0.2)).toBe('1 giây');
    expect(waitInWords(59)).toBe('59 giây');
    expect(waitInWords(61)).toBe('2 phút');
    expect(waitInWords(900)).toBe('15 phút');
  });
});
