import { describe, expect, it } from 'vitest';
import { DEFAULT_LOGIN_THROTTLE } from './domain/login-throttle.js';
import { DEFAULT_TRUST_PROXY, loadConfig, loginThrottleOf } from './config.js';

describe('configuration of sign-in hardening', () => {
  it('defaults to the documented throttle and trusts only local and private proxies', () => {
    const c = loadConfig({});
    expect(loginThrottleOf(c)).toEqual(DEFAULT_LOGIN_THROTTLE);
    expect(c.TRUST_PROXY).toBe(DEFAULT_TRUST_PROXY);
  });

  it('reads the throttle numbers and TRUST_PROXY forms', () => {
    const c = loadConfig({ LOGIN_DELAY_AFTER: '5', LOGIN_LOCK_AFTER: '20', LOGIN_LOCK_MINUTES: '30', LOGIN_ADDRESS_LOCK_AFTER: '500', TRUST_PROXY: '10.0.0.1' });
    expect(loginThrottleOf(c).account).toEqual({ delayAfter: 5, lockAfter: 20, lockMinutes: 30, maxDelaySeconds: 60 });
    expect(loginThrottleOf(c).address.lockAfter).toBe(500);
    expect(c.TRUST_PROXY).toBe('10.0.0.1');
    expect(loadConfig({ TRUST_PROXY: '0' }).TRUST_PROXY).toBe(false);
    expect(loadConfig({ TRUST_PROXY: 'true' }).TRUST_PROXY).toBe(true);
  });

  it('refuses a lock threshold not above the delay threshold, naming the variable', () => {
    expect(() => loadConfig({ LOGIN_DELAY_AFTER: '10', LOGIN_LOCK_AFTER: '10' })).toThrow(/LOGIN_LOCK_AFTER: phải lớn hơn LOGIN_DELAY_AFTER/);
    expect(() => loadConfig({ LOGIN_LOCK_MINUTES: '0' })).toThrow(/LOGIN_LOCK_MINUTES/);
  });
});
