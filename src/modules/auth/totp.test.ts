import type { FastifyInstance } from 'fastify';
import { Secret, TOTP } from 'otpauth';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildTestApp, loginFrom, movableClock, sessionOf, TEST_TOTP_BOX, userWithRoles, type Session } from '../../../test/api.js';
import { secretBox } from './secret-box.js';
import { sealPlaintextSecrets } from './totp.service.js';
import { describeEachEngine } from '../../../test/engines.js';
import type { Database } from '../../db/connect.js';

const PW = 'dung-mat-khau-2026';
const STEP = 30_000;

describeEachEngine('two-factor sign-in (TOTP)', (getDb, engine) => {
  const clock = movableClock('2026-11-20T03:00:05Z');
  let app: FastifyInstance;
  let db: Database['db'];
  let address = 0;
  // A fresh client address per sign-in keeps the address counters out of the way.
  const login = (username: string, password = PW) => loginFrom(app, `192.0.2.${++address}`, username, password);
  const codeAt = (secret: string, offsetMs = 0) =>
    new TOTP({ secret: Secret.fromBase32(secret), algorithm: 'SHA1', digits: 6, period: 30 }).generate({ timestamp: clock.now().getTime() + offsetMs });
  const post = (s: Session, url: string, payload?: object) => app.inject({ method: 'POST', url, headers: s.headers, ...(payload ? { payload } : {}) });
  const get = (s: Session, url: string) => app.inject({ method: 'GET', url, headers: s.headers });

  beforeAll(async () => {
    app = await buildTestApp(getDb(), engine, clock, {
      twoFactorRoles: ['org_staff'],
      loginThrottle: {
        account: { delayAfter: 3, lockAfter: 10, lockMinutes: 15, maxDelaySeconds: 60 },
        address: { delayAfter: 50, lockAfter: 100, lockMinutes: 15, maxDelaySeconds: 60 },
      },
    });
    db = getDb().db;
    await userWithRoles(db, 'thu.lt', PW, [{ role: 'leader', orgId: null }]);
    await userWithRoles(db, 'quang.staff', PW, [{ role: 'org_staff', orgId: null }]);
  });
  afterAll(async () => {
    await app.close();
  });

  /** Enrols a signed-in user; returns the secret, the recovery codes and the session's new token. */
  async function enrol(s: Session): Promise<{ secret: string; recoveryCodes: string[]; session: Session }> {
    const setup = await post(s, '/api/auth/totp/setup');
    expect(setup.statusCode).toBe(200);
    const { secret } = setup.json() as { secret: string };
    const enabled = await post(s, '/api/auth/totp/enable', { code: codeAt(secret) });
    expect(enabled.statusCode).toBe(200);
    return { secret, recoveryCodes: enabled.json().recoveryCodes, session: sessionOf(enabled) };
  }

  let thuSecret = '';
  let thuRecovery: string[] = [];

  it('enrols an optional user: an otpauth URI, a code from the wrong secret refused, ten recovery codes shown once', async () => {
    const s = sessionOf(await login('thu.lt'));
    expect((await post(s, '/api/auth/totp/enable', { code: '123456' })).json().error.code).toBe('TOTP_NOT_SET_UP');
    const setup = await post(s, '/api/auth/totp/setup');
    const { otpauthUri: uri, secret } = setup.json() as { otpauthUri: string; secret: string };
    expect(uri).toMatch(/^otpauth:\/\/totp\/.*thu\.lt\?/);
    expect(uri).toContain(`secret=${secret}`);
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);

    const otherSecret = new Secret({ size: 20 }).base32;
    const wrong = await post(s, '/api/auth/totp/enable', { code: codeAt(otherSecret) });
    expect(wrong.statusCode).toBe(401);
    expect(wrong.json().error.code).toBe('BAD_TOTP_CODE');
    expect(wrong.json().error.message).toMatch(/Mã xác thực không đúng/);

    const enabled = await post(s, '/api/auth/totp/enable', { code: codeAt(secret) });
    expect(enabled.statusCode).toBe(200);
    const codes = enabled.json().recoveryCodes as string[];
    expect(codes).toHaveLength(10);
    expect(new Set(codes).size).toBe(10);
    for (const c of codes) expect(c).toMatch(/^[a-z2-9]{4}-[a-z2-9]{4}-[a-z2-9]{4}$/);
    // Only hashes are kept.
    const stored = await db.selectFrom('recovery_code').select('code_hash').execute();
    expect(stored.map((r) => r.code_hash)).not.toContain(codes[0]);
    // Enabling rotates the session even when it was already full: the old token is dead.
    expect((await post(s, '/api/auth/totp/setup')).statusCode).toBe(401);
    expect((await post(sessionOf(enabled), '/api/auth/totp/setup')).json().error.code).toBe('TOTP_ALREADY_ENABLED');
    thuSecret = secret;
    thuRecovery = codes;
  });

  it('asks for the code after the password, allows nothing else meanwhile, and refuses the same code twice', async () => {
    const res = await login('thu.lt');
    expect(res.json().user.stage).toBe('password');
    expect(res.json().nextStep).toBe('totp_verify');
    const s = sessionOf(res);
    const blocked = await get(s, '/api/orgs');
    expect(blocked.statusCode).toBe(403);
    expect(blocked.json().error.code).toBe('SECOND_FACTOR_REQUIRED');
    expect((await get(s, '/api/auth/me')).json().user.stage).toBe('password');
    // A password alone can neither replace itself nor sign the owner out everywhere.
    expect((await post(s, '/api/auth/password', { currentPassword: PW, newPassword: 'mat-khau-cua-ke-gian-1' })).json().error.code).toBe('SECOND_FACTOR_REQUIRED');
    expect((await post(s, '/api/auth/logout-all')).json().error.code).toBe('SECOND_FACTOR_REQUIRED');

    // The enabling code's step was used: the same code in the same window is a replay.
    const replay = await post(s, '/api/auth/totp/verify', { code: codeAt(thuSecret) });
    expect(replay.statusCode).toBe(401);
    expect(replay.json().error.code).toBe('BAD_TOTP_CODE');
    clock.advance(STEP);
    const ok = await post(s, '/api/auth/totp/verify', { code: codeAt(thuSecret) });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().user.stage).toBe('full');
    // Session fixation: the full session has a new token and anti-forgery token; the one that
    // only knew the password is gone, not promoted.
    const full = sessionOf(ok);
    expect(full.cookie).not.toBe(s.cookie);
    expect(full.csrfToken).not.toBe(s.csrfToken);
    expect((await get(s, '/api/orgs')).statusCode).toBe(401);
    expect((await get(s, '/api/auth/me')).statusCode).toBe(401);
    expect((await get(full, '/api/orgs')).statusCode).toBe(200);
    expect((await get(full, '/api/auth/me')).json().csrfToken).toBe(full.csrfToken);
    expect((await post(full, '/api/auth/totp/verify', { code: codeAt(thuSecret) })).json().error.code).toBe('SECOND_FACTOR_NOT_PENDING');
  });

  it('accepts a code one step old but not two', async () => {
    clock.advance(3 * STEP);
    const s = sessionOf(await login('thu.lt'));
    expect((await post(s, '/api/auth/totp/verify', { code: codeAt(thuSecret, -2 * STEP) })).statusCode).toBe(401);
    expect((await post(s, '/api/auth/totp/verify', { code: codeAt(thuSecret, -STEP) })).statusCode).toBe(200);
  });

  it('takes a recovery code once, however it is typed', async () => {
    clock.advance(STEP);
    const first = sessionOf(await login('thu.lt'));
    const used = await post(first, '/api/auth/totp/verify', { recoveryCode: thuRecovery[0] });
    expect(used.statusCode).toBe(200);
    expect(used.json().recoveryCodesLeft).toBe(9);
    const again = sessionOf(await login('thu.lt'));
    const twice = await post(again, '/api/auth/totp/verify', { recoveryCode: thuRecovery[0] });
    expect(twice.statusCode).toBe(401);
    expect(twice.json().error.code).toBe('BAD_TOTP_CODE');
    const retyped = ` ${thuRecovery[1]!.replace(/-/g, '').toUpperCase()} `;
    expect((await post(again, '/api/auth/totp/verify', { recoveryCode: retyped })).statusCode).toBe(200);
    const third = sessionOf(await login('thu.lt'));
    const both = await post(third, '/api/auth/totp/verify', { code: '123456', recoveryCode: thuRecovery[2] });
    expect(both.statusCode).toBe(400);
    expect(both.json().error.code).toBe('VALIDATION');
  });

  it('counts wrong codes toward the throttle, and signing in again with the password does not reset it', async () => {
    clock.advance(STEP);
    const s = sessionOf(await login('thu.lt'));
    for (let i = 0; i < 3; i++) expect((await post(s, '/api/auth/totp/verify', { code: '000000' })).statusCode).toBe(401);
    const refused = await post(s, '/api/auth/totp/verify', { code: codeAt(thuSecret) });
    expect(refused.statusCode).toBe(429);
    expect(refused.json().error.code).toBe('LOGIN_THROTTLED');
    clock.advance(1000);
    const s2 = sessionOf(await login('thu.lt'));
    expect((await post(s2, '/api/auth/totp/verify', { code: '000000' })).statusCode).toBe(401);
    expect((await post(s2, '/api/auth/totp/verify', { code: codeAt(thuSecret) })).statusCode).toBe(429);
    clock.advance(2000);
    expect((await post(s2, '/api/auth/totp/verify', { code: codeAt(thuSecret) })).statusCode).toBe(200);
    const audits = await db.selectFrom('audit_log').select('after').where('action', '=', 'auth.second_factor_failed').execute();
    expect(audits.map((a) => (a.after as { reason: string }).reason)).toEqual(expect.arrayContaining(['wrong_code', 'reused_code', 'wrong_recovery_code']));
  });

  it('turns TOTP off only with the password and a current code', async () => {
    clock.advance(STEP);
    const pending = sessionOf(await login('thu.lt'));
    const verified = await post(pending, '/api/auth/totp/verify', { code: codeAt(thuSecret) });
    expect(verified.statusCode).toBe(200);
    const s = sessionOf(verified);
    clock.advance(STEP);
    const badPw = await post(s, '/api/auth/totp/disable', { password: 'sai-mat-khau-1', code: codeAt(thuSecret) });
    expect(badPw.statusCode).toBe(401);
    expect(badPw.json().error.details.field).toBe('password');
    expect((await post(s, '/api/auth/totp/disable', { password: PW, code: codeAt(new Secret({ size: 20 }).base32) })).statusCode).toBe(401);
    expect((await post(s, '/api/auth/totp/disable', { password: PW, code: codeAt(thuSecret) })).statusCode).toBe(204);
    expect(await db.selectFrom('recovery_code').selectAll().where('user_id', '=', (await userId('thu.lt'))).execute()).toEqual([]);
    const after = await login('thu.lt');
    expect(after.json().user.stage).toBe('full');
    expect(after.json().nextStep).toBeNull();
  });

  const userId = async (username: string) => (await db.selectFrom('app_user').select('id').where('username', '=', username).executeTakeFirstOrThrow()).id;

  it('makes a role that requires it enrol before anything else, and refuses to turn it off', async () => {
    const res = await login('quang.staff');
    expect(res.json().user.stage).toBe('totp_setup');
    expect(res.json().nextStep).toBe('totp_setup');
    const s = sessionOf(res);
    expect((await get(s, '/api/orgs')).json().error.code).toBe('SECOND_FACTOR_REQUIRED');
    expect((await post(s, '/api/auth/totp/verify', { code: '123456' })).json().error.code).toBe('SECOND_FACTOR_REQUIRED');
    const { secret, session: full } = await enrol(s);
    // Enrolment finished the sign-in: a new token for the full session, the setup one is dead.
    expect((await get(s, '/api/auth/me')).statusCode).toBe(401);
    expect((await get(full, '/api/auth/me')).json().user.stage).toBe('full');
    expect((await get(full, '/api/orgs')).statusCode).toBe(200);
    clock.advance(STEP);
    const off = await post(full, '/api/auth/totp/disable', { password: PW, code: codeAt(secret) });
    expect(off.statusCode).toBe(403);
    expect(off.json().error.code).toBe('TOTP_REQUIRED_FOR_ROLE');
    expect(off.json().error.message).toContain('org_staff');
    // Next time: the code, not the enrolment.
    expect((await login('quang.staff')).json().nextStep).toBe('totp_verify');
  });

  it('keeps secrets sealed at rest, and seals a plaintext one from before on its first use', async () => {
    // Every secret enrolled through the API is stored sealed, never as the base32 shown once.
    const rows = await db.selectFrom('app_user').select(['id', 'totp_secret']).where('totp_secret', 'is not', null).execute();
    expect(rows.length).toBeGreaterThan(0);
    for (const r of rows) {
      expect(r.totp_secret).toMatch(/^v1\./);
      expect(TEST_TOTP_BOX.open(r.totp_secret!, r.id)).toMatch(/^[A-Z2-7]{32}$/);
    }

    // An account enrolled before sealing existed: its plaintext secret still works, once, and is sealed by that use.
    const id = await userWithRoles(db, 'cu.truoc', PW, [{ role: 'leader', orgId: null }]);
    const legacy = new Secret({ size: 20 }).base32;
    await db.updateTable('app_user').set({ totp_secret: legacy, totp_enabled_at: new Date('2025-01-01T00:00:00Z') }).where('id', '=', id).execute();
    clock.advance(STEP);
    const s = sessionOf(await login('cu.truoc'));
    expect((await post(s, '/api/auth/totp/verify', { code: codeAt(legacy) })).statusCode).toBe(200);
    const stored = (await db.selectFrom('app_user').select('totp_secret').where('id', '=', id).executeTakeFirstOrThrow()).totp_secret!;
    expect(stored).not.toBe(legacy);
    expect(TEST_TOTP_BOX.open(stored, id)).toBe(legacy);

    // The start-up pass seals the rest without waiting for a sign-in.
    const other = await userWithRoles(db, 'cu.nua', PW, []);
    await db.updateTable('app_user').set({ totp_secret: legacy }).where('id', '=', other).execute();
    expect(await sealPlaintextSecrets(db, TEST_TOTP_BOX)).toBe(1);
    expect(TEST_TOTP_BOX.open((await db.selectFrom('app_user').select('totp_secret').where('id', '=', other).executeTakeFirstOrThrow()).totp_secret!, other)).toBe(legacy);
    expect(await sealPlaintextSecrets(db, TEST_TOTP_BOX)).toBe(0);

    // Sealed under another key (a data folder restored without its key file): a clear refusal, not a 500.
    await db.updateTable('app_user').set({ totp_secret: secretBox(Buffer.alloc(32, 8)).seal(legacy, id) }).where('id', '=', id).execute();
    clock.advance(STEP);
    const locked = sessionOf(await login('cu.truoc'));
    const unreadable = await post(locked, '/api/auth/totp/verify', { code: codeAt(legacy) });
    expect(unreadable.statusCode).toBe(409);
    expect(unreadable.json().error.code).toBe('TOTP_SECRET_UNREADABLE');
    expect(unreadable.json().error.message).toMatch(/đặt lại xác thực hai lớp/);
  });

  it('audits enrolment, use and removal', async () => {
    const actions = (await db.selectFrom('audit_log').select('action').distinct().execute()).map((r) => r.action);
    expect(actions).toEqual(
      expect.arrayContaining(['auth.totp_setup_started', 'auth.totp_enabled', 'auth.totp_enable_failed', 'auth.second_factor_passed', 'auth.totp_disabled', 'auth.totp_disable_failed']),
    );
  });
});
