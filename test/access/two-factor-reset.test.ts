import type { FastifyInstance } from 'fastify';
import { Secret } from 'otpauth';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { setUserOrgAndMember } from '../../src/modules/auth/auth.repository.js';
import type { Database } from '../../src/db/connect.js';
import { buildTestApp, loginFrom, movableClock, sessionOf, userWithRoles, type Session } from '../api.js';
import { describeEachEngine } from '../engines.js';
import { insertTestTree } from '../factories.js';

// Issue 3, lost authenticator: an administrator in scope resets a user's second factor
// (POST /api/users/:id/reset-two-factor); the user's sessions end and, since their role requires
// it, they enrol again at the next sign-in. Who may is the rule of every account change
// (manageRefusal): in scope, not oneself, not a stronger account.

const PW = 'mat-khau-hai-lop-2026';

describeEachEngine('resetting a lost second factor', (getDb, engine) => {
  const clock = movableClock('2026-11-20T03:00:05Z');
  let app: FastifyInstance;
  let db: Database['db'];
  let address = 0;
  const signIn = async (username: string) => sessionOf(await loginFrom(app, `198.51.100.${++address}`, username, PW));
  const reset = (s: Session, id: number) => app.inject({ method: 'POST', url: `/api/users/${id}/reset-two-factor`, headers: s.headers });
  const ids: Record<string, number> = {};
  const enrolled = async (id: number) => {
    await db.updateTable('app_user').set({ totp_secret: new Secret({ size: 20 }).base32, totp_enabled_at: new Date('2026-01-01T00:00:00Z') }).where('id', '=', id).execute();
    await db.insertInto('recovery_code').values({ user_id: id, code_hash: `${id}`.padEnd(64, '0') }).execute();
  };
  const totpOf = (id: number) => db.selectFrom('app_user').select(['totp_secret', 'totp_enabled_at']).where('id', '=', id).executeTakeFirstOrThrow();

  beforeAll(async () => {
    app = await buildTestApp(getDb(), engine, clock, { twoFactorRoles: ['org_staff', 'admin'] });
    db = getDb().db;
    const a = await insertTestTree(db, '2FA-A');
    const b = await insertTestTree(db, '2FA-B');
    const people: [string, 'admin' | 'org_staff', number, number][] = [
      ['qt.xa-a', 'admin', a.commune.id, a.commune.id],
      ['qt.xa-b', 'admin', b.commune.id, b.commune.id],
      ['cb.mat-may', 'org_staff', a.cellA.id, a.cellA.id],
      ['qt.tinh-a', 'admin', a.province.id, a.cellB.id],
    ];
    for (const [username, role, orgId, unit] of people) {
      ids[username] = await userWithRoles(db, username, PW, [{ role, orgId }]);
      await setUserOrgAndMember(db, ids[username]!, unit, null);
      await enrolled(ids[username]!);
    }
  });
  afterAll(async () => {
    await app.close();
  });

  /** A full session of an administrator whose own second factor is on (stage set past the code). */
  async function adminSession(username: string): Promise<Session> {
    const s = await signIn(username);
    await db.updateTable('app_session').set({ stage: 'full' }).where('user_id', '=', ids[username]!).execute();
    return s;
  }

  it('forgets the secret and recovery codes, ends the sessions, and makes the user enrol again', async () => {
    const admin = await adminSession('qt.xa-a');
    const lost = await signIn('cb.mat-may');
    expect((await app.inject({ method: 'GET', url: '/api/auth/me', headers: lost.headers })).json().user.stage).toBe('password');

    const res = await reset(admin, ids['cb.mat-may']!);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ twoFactorWasEnabled: true, sessionsEnded: 1 });
    expect(await totpOf(ids['cb.mat-may']!)).toEqual({ totp_secret: null, totp_enabled_at: null });
    expect(await db.selectFrom('recovery_code').select('id').where('user_id', '=', ids['cb.mat-may']!).execute()).toEqual([]);
    expect((await app.inject({ method: 'GET', url: '/api/auth/me', headers: lost.headers })).statusCode).toBe(401);

    const again = await loginFrom(app, '198.51.100.200', 'cb.mat-may', PW);
    expect(again.json()).toMatchObject({ user: { stage: 'totp_setup' }, nextStep: 'totp_setup' });
    const blocked = await app.inject({ method: 'GET', url: '/api/orgs', headers: sessionOf(again).headers });
    expect(blocked.json().error.code).toBe('SECOND_FACTOR_REQUIRED');

    const account = await app.inject({ method: 'GET', url: `/api/users/${ids['cb.mat-may']}`, headers: admin.headers });
    expect(account.json().twoFactorEnabled).toBe(false);
    const row = await db.selectFrom('audit_log').selectAll().where('action', '=', 'user.two_factor_reset').where('entity_id', '=', String(ids['cb.mat-may'])).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ user_id: ids['qt.xa-a'], before: { twoFactorEnabled: true }, after: { twoFactorEnabled: false, secretCleared: true, sessionsEnded: 1 } });
    expect(JSON.stringify(row)).not.toMatch(/totp_secret|[A-Z2-7]{32}/);
  });

  it('answers 404 for an account of another subtree, and changes nothing there', async () => {
    await enrolled(ids['cb.mat-may']!);
    const other = await adminSession('qt.xa-b');
    const res = await reset(other, ids['cb.mat-may']!);
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe('USER_NOT_FOUND');
    expect((await totpOf(ids['cb.mat-may']!)).totp_enabled_at).not.toBeNull();
  });

  it('refuses one\'s own account and a stronger one', async () => {
    const admin = await adminSession('qt.xa-a');
    const self = await reset(admin, ids['qt.xa-a']!);
    expect(self.statusCode).toBe(403);
    expect(self.json().error.details.reason).toBe('self_administration');
    // An administrator of the whole province, whose unit lies in the commune's subtree.
    const stronger = await reset(admin, ids['qt.tinh-a']!);
    expect(stronger.statusCode).toBe(403);
    expect(stronger.json().error.details.reason).toBe('target_stronger');
    expect((await totpOf(ids['qt.tinh-a']!)).totp_enabled_at).not.toBeNull();
    expect((await totpOf(ids['qt.xa-a']!)).totp_enabled_at).not.toBeNull();
  });

  it('is refused to a session still waiting for its own second factor', async () => {
    const pending = await signIn('qt.xa-a');
    const res = await reset(pending, ids['cb.mat-may']!);
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('SECOND_FACTOR_REQUIRED');
    expect((await totpOf(ids['cb.mat-may']!)).totp_enabled_at).not.toBeNull();
  });
});
