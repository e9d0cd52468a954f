import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildTestApp, loginFrom, movableClock, sessionOf, userWithRoles, type Session } from '../../../test/api.js';
import { describeEachEngine } from '../../../test/engines.js';
import type { Database } from '../../db/connect.js';

const PW = 'dung-mat-khau-2026';
const MIN = 60_000;

describeEachEngine('sessions: expiry, sign out everywhere, password change', (getDb, engine) => {
  const clock = movableClock('2026-11-20T01:00:00Z');
  let app: FastifyInstance;
  let db: Database['db'];
  let n = 0;
  const signIn = async (username: string, password = PW) => sessionOf(await loginFrom(app, `192.0.2.${++n}`, username, password));
  const me = (s: Session) => app.inject({ method: 'GET', url: '/api/auth/me', headers: s.headers });
  const sessionsOf = async (username: string) =>
    (
      await db
        .selectFrom('app_session as s')
        .innerJoin('app_user as u', 'u.id', 's.user_id')
        .select('s.id')
        .where('u.username', '=', username)
        .execute()
    ).length;

  beforeAll(async () => {
    app = await buildTestApp(getDb(), engine, clock);
    db = getDb().db;
    for (const u of ['an.idle', 'ba.long', 'chi.many', 'dung.other', 'em.pw', 'gia.sweep']) await userWithRoles(db, u, PW, [{ role: 'leader', orgId: null }]);
  });
  afterAll(async () => {
    await app.close();
  });

  it('ends a session idle for more than 30 minutes, and not one used within them', async () => {
    const s = await signIn('an.idle');
    clock.advance(29 * MIN);
    expect((await me(s)).statusCode).toBe(200);
    clock.advance(29 * MIN); // 29 minutes after the last use
    expect((await me(s)).statusCode).toBe(200);
    clock.advance(30 * MIN + 1000);
    const idle = await me(s);
    expect(idle.statusCode).toBe(401);
    expect(idle.json().error.code).toBe('UNAUTHENTICATED');
    expect(await sessionsOf('an.idle')).toBe(0);
  });

  it('ends a session 12 hours after sign-in however busy it is', async () => {
    const s = await signIn('ba.long');
    for (let h = 0; h < 12 * 3; h++) {
      clock.advance(20 * MIN);
      const res = await me(s);
      if (h < 12 * 3 - 1) expect(res.statusCode, `after ${(h + 1) * 20} minutes`).toBe(200);
      else expect(res.statusCode).toBe(401);
    }
    expect(await sessionsOf('ba.long')).toBe(0);
  });

  it('deletes expired sessions of others when anyone signs in', async () => {
    await signIn('gia.sweep');
    await signIn('gia.sweep');
    expect(await sessionsOf('gia.sweep')).toBe(2);
    clock.advance(31 * MIN);
    await signIn('dung.other');
    expect(await sessionsOf('gia.sweep')).toBe(0);
  });

  it('signs out everywhere: every session of the caller, nobody else\'s', async () => {
    const a = await signIn('chi.many');
    const b = await signIn('chi.many');
    const other = await signIn('dung.other');
    const out = await app.inject({ method: 'POST', url: '/api/auth/logout-all', headers: a.headers });
    expect(out.statusCode).toBe(204);
    expect(String(out.headers['set-cookie'])).toMatch(/dangvu_session=;/);
    expect((await me(a)).statusCode).toBe(401);
    expect((await me(b)).statusCode).toBe(401);
    expect((await me(other)).statusCode).toBe(200);
    const row = await db.selectFrom('audit_log').select('after').where('action', '=', 'auth.logout_all').executeTakeFirstOrThrow();
    expect(row.after).toEqual({ sessionsEnded: 2 });
  });

  it('ends the other sessions when the password changes, keeping the one that changed it', async () => {
    const here = await signIn('em.pw');
    const elsewhere = await signIn('em.pw');
    const res = await app.inject({
      method: 'POST',
      url: '/api/auth/password',
      headers: here.headers,
      payload: { currentPassword: PW, newPassword: 'mat-khau-moi-cua-em-2026' },
    });
    expect(res.statusCode).toBe(200);
    expect((await me(elsewhere)).statusCode).toBe(401);
    // The changing session itself continues under a new token (session fixation); the old token is dead.
    const cookie = res.cookies.find((c) => c.name === 'dangvu_session');
    expect(cookie?.value).toBeTruthy();
    expect(`dangvu_session=${cookie!.value}`).not.toBe(here.cookie);
    expect((await me(here)).statusCode).toBe(401);
    const next = { cookie: `dangvu_session=${cookie!.value}`, csrfToken: res.json().csrfToken as string };
    const after = await app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie: next.cookie } });
    expect(after.statusCode).toBe(200);
    expect(after.json().csrfToken).toBe(next.csrfToken);
    expect(next.csrfToken).not.toBe(here.csrfToken);
    // The old anti-forgery token does not pass with the new cookie.
    const forged = await app.inject({ method: 'POST', url: '/api/auth/logout-all', headers: { cookie: next.cookie, 'x-csrf-token': here.csrfToken } });
    expect(forged.statusCode).toBe(403);
    expect(await sessionsOf('em.pw')).toBe(1);
    const audit = await db.selectFrom('audit_log').select('after').where('action', '=', 'auth.password_changed').orderBy('id', 'desc').executeTakeFirstOrThrow();
    expect(audit.after).toMatchObject({ otherSessionsEnded: 1, sessionRotated: true });
    const user = await db.selectFrom('app_user').select('password_changed_at').where('username', '=', 'em.pw').executeTakeFirstOrThrow();
    expect(new Date(user.password_changed_at!).getTime()).toBe(clock.now().getTime());
  });

  it('refuses a forged sign-out everywhere (no anti-forgery token)', async () => {
    const s = await signIn('dung.other');
    const res = await app.inject({ method: 'POST', url: '/api/auth/logout-all', headers: { cookie: s.cookie } });
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('CSRF_REJECTED');
    expect((await me(s)).statusCode).toBe(200);
  });
});
