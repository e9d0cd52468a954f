import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildTestApp, loginFrom, movableClock, sessionOf, userWithRoles } from '../../../test/api.js';
import { describeEachEngine } from '../../../test/engines.js';
import type { Database } from '../../db/connect.js';
import type { LoginThrottlePolicy } from '../../domain/login-throttle.js';

// Small numbers so that the thresholds are reached in a few requests; each test signs in from
// its own client address so that the address counters of one test do not reach another.
const policy: LoginThrottlePolicy = {
  account: { delayAfter: 3, lockAfter: 6, lockMinutes: 15, maxDelaySeconds: 60 },
  address: { delayAfter: 8, lockAfter: 12, lockMinutes: 15, maxDelaySeconds: 60 },
};
const PW = 'dung-mat-khau-2026';

describeEachEngine('sign-in throttle and lock', (getDb, engine) => {
  const clock = movableClock('2026-11-20T03:00:00Z');
  let app: FastifyInstance;
  let db: Database['db'];
  beforeAll(async () => {
    app = await buildTestApp(getDb(), engine, clock, { loginThrottle: policy });
    db = getDb().db;
    for (const name of ['lan.nt', 'minh.lv', 'khoa.dt', 'binh.pt', 'hai.nv', 'hoa.lock']) await userWithRoles(db, name, PW, [{ role: 'leader', orgId: null }]);
    await userWithRoles(db, 'quan.tri', PW, [{ role: 'admin', orgId: null }]);
  });
  afterAll(async () => {
    await app.close();
  });

  const auditRows = (action: string) =>
    db.selectFrom('audit_log').select(['user_id', 'ip', 'after']).where('action', '=', action).orderBy('id').execute();
  const throttleRow = (key: string) => db.selectFrom('login_throttle').selectAll().where('key', '=', key).executeTakeFirst();

  it('answers an unknown name exactly like a known one, failure after failure, then makes both wait', async () => {
    const seen: { unknown: unknown[]; known: unknown[] } = { unknown: [], known: [] };
    for (const [who, name, address] of [['unknown', 'khong.ai', '198.51.100.1'], ['known', 'lan.nt', '198.51.100.2']] as const) {
      for (let i = 0; i < 4; i++) {
        const res = await loginFrom(app, address, name, 'sai-mat-khau-1');
        seen[who].push({ status: res.statusCode, body: res.json(), retryAfter: res.headers['retry-after'] ?? null });
      }
    }
    expect(seen.unknown).toEqual(seen.known);
    expect(seen.known.slice(0, 3)).toEqual(Array(3).fill({ status: 401, body: expect.objectContaining({ error: expect.objectContaining({ code: 'BAD_CREDENTIALS' }) }), retryAfter: null }));
    const fourth = seen.known[3] as { status: number; body: { error: { code: string; message: string; details: { reason: string } } }; retryAfter: string };
    expect(fourth.status).toBe(429);
    expect(fourth.retryAfter).toBe('1');
    expect(fourth.body.error.code).toBe('LOGIN_THROTTLED');
    expect(fourth.body.error.message).toBe('Đăng nhập sai quá nhiều lần. Vui lòng thử lại sau 1 giây (lúc 10:00:01)');
    expect(fourth.body.error.details.reason).toBe('delay');
  });

  it('does not look at the password while the wait runs, and lets the right one in after it', async () => {
    const address = '198.51.100.3';
    for (let i = 0; i < 3; i++) expect((await loginFrom(app, address, 'minh.lv', 'sai-mat-khau-1')).statusCode).toBe(401);
    expect((await loginFrom(app, address, 'minh.lv', PW)).statusCode).toBe(429);
    clock.advance(1000);
    const ok = await loginFrom(app, address, 'minh.lv', PW);
    expect(ok.statusCode).toBe(200);
    // Success clears the account's count; the address keeps its own.
    expect(await throttleRow('user:minh.lv')).toBeUndefined();
    expect((await throttleRow(`address:${address}`))?.failures).toBe(3);
  });

  it('locks exactly at the threshold, not one failure before, and unlocks after the lock time', async () => {
    const address = '198.51.100.4';
    const fail = async () => {
      const res = await loginFrom(app, address, 'khoa.dt', 'sai-mat-khau-1');
      clock.advance(61_000); // past any wait
      return res.statusCode;
    };
    for (let i = 0; i < 5; i++) expect(await fail()).toBe(401);
    expect((await throttleRow('user:khoa.dt'))?.locked_until).toBeNull();
    expect(await fail()).toBe(401); // the sixth failure reaches the threshold
    const locked = await loginFrom(app, address, 'khoa.dt', PW);
    expect(locked.statusCode).toBe(429);
    expect(locked.json().error.details.reason).toBe('lock');
    expect(locked.headers['retry-after']).toBe(String(15 * 60 - 61));
    expect(locked.json().error.message).toMatch(/thử lại sau 14 phút/);
    // Another address does not get around the account's lock.
    expect((await loginFrom(app, '198.51.100.40', 'khoa.dt', PW)).statusCode).toBe(429);
    clock.advance((15 * 60 - 61) * 1000);
    expect((await loginFrom(app, address, 'khoa.dt', PW)).statusCode).toBe(200);
  });

  it('lets an administrator\'s unlock lift a throttle lock', async () => {
    const address = '198.51.100.8';
    for (let i = 0; i < 6; i++) {
      expect((await loginFrom(app, address, 'hoa.lock', 'sai-mat-khau-1')).statusCode).toBe(401);
      clock.advance(61_000);
    }
    expect((await loginFrom(app, address, 'hoa.lock', PW)).statusCode).toBe(429);
    const admin = sessionOf(await loginFrom(app, '198.51.100.9', 'quan.tri', PW));
    const id = (await db.selectFrom('app_user').select('id').where('username', '=', 'hoa.lock').executeTakeFirstOrThrow()).id;
    const unlock = await app.inject({ method: 'POST', url: `/api/users/${id}/unlock`, headers: admin.headers });
    expect(unlock.statusCode).toBe(200);
    expect((await loginFrom(app, '198.51.100.10', 'hoa.lock', PW)).statusCode).toBe(200);
  });

  it('counts per address across names, and a forged X-Forwarded-For does not change the address', async () => {
    const address = '198.51.100.5';
    for (let i = 0; i < 8; i++) {
      const res = await app.inject({
        method: 'POST',
        url: '/api/auth/login',
        remoteAddress: address,
        headers: { 'x-forwarded-for': `203.0.113.${i}` },
        payload: { username: `doan.${i}`, password: 'sai-mat-khau-1' },
      });
      expect(res.statusCode).toBe(401);
    }
    const ninth = await loginFrom(app, address, 'binh.pt', PW);
    expect(ninth.statusCode).toBe(429);
    expect(await throttleRow('address:203.0.113.0')).toBeUndefined();
    // The same account from elsewhere is not held back by this address.
    expect((await loginFrom(app, '198.51.100.50', 'binh.pt', PW)).statusCode).toBe(200);
  });

  it('answers a locked or disabled account like a wrong password, and the audit row says why', async () => {
    await db.updateTable('app_user').set({ status: 'locked' }).where('username', '=', 'hai.nv').execute();
    const lockedAccount = await loginFrom(app, '198.51.100.6', 'hai.nv', PW);
    const wrong = await loginFrom(app, '198.51.100.6', 'lan.nt', 'sai-mat-khau-2');
    await db.updateTable('app_user').set({ status: 'disabled' }).where('username', '=', 'hai.nv').execute();
    const disabled = await loginFrom(app, '198.51.100.6', 'hai.nv', PW);
    expect(lockedAccount.statusCode).toBe(401);
    expect(lockedAccount.json()).toEqual(wrong.json());
    expect(disabled.json()).toEqual(wrong.json());
    const reasons = (await auditRows('auth.login_failed')).map((r) => (r.after as { username: string; reason: string }));
    expect(reasons).toContainEqual({ username: 'hai.nv', reason: 'locked' });
    expect(reasons).toContainEqual({ username: 'hai.nv', reason: 'disabled' });
    expect(reasons).toContainEqual({ username: 'khong.ai', reason: 'unknown_user' });
    expect(reasons).toContainEqual({ username: 'lan.nt', reason: 'bad_password' });
  });

  it('forgets counts a day old at the next sign-in, but not a running lock', async () => {
    const old = new Date(clock.now().getTime() - 25 * 3600_000);
    const lockedOn = new Date(clock.now().getTime() + 3600_000);
    await db.insertInto('login_throttle').values({ key: 'user:da.quen', failures: 2, last_failure_at: old, locked_until: null }).execute();
    await db.insertInto('login_throttle').values({ key: 'user:van.khoa', failures: 30, last_failure_at: old, locked_until: lockedOn }).execute();
    await db.insertInto('login_throttle').values({ key: 'user:moi.sai', failures: 1, last_failure_at: clock.now(), locked_until: null }).execute();
    expect((await loginFrom(app, '198.51.100.7', 'minh.lv', PW)).statusCode).toBe(200);
    expect(await throttleRow('user:da.quen')).toBeUndefined();
    expect(await throttleRow('user:van.khoa')).toBeDefined();
    expect(await throttleRow('user:moi.sai')).toBeDefined();
  });

  it('audits every success, failure and refusal with the address', async () => {
    const ok = await auditRows('auth.login');
    expect(ok.map((r) => r.ip)).toEqual(expect.arrayContaining(['198.51.100.3', '198.51.100.4', '198.51.100.50']));
    const throttled = await auditRows('auth.login_throttled');
    expect(throttled.length).toBeGreaterThanOrEqual(5);
    expect(throttled.map((r) => (r.after as { reason: string }).reason)).toEqual(expect.arrayContaining(['delay', 'lock']));
    // 3 + 3 + 3 + 6 + 6 + 8 + 3 failed attempts above (the fourth of the first two tests was refused unread).
    expect((await auditRows('auth.login_failed')).length).toBe(32);
  });
});
