import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { beforeAll, expect, it } from 'vitest';
import { describeApi, signIn, userWithRoles, type ApiHarness, type Session } from '../../../test/api.js';
import { insertTestMember, insertTestTree } from '../../../test/factories.js';
import type { Role } from '../../domain/permissions.js';

type Tree = Awaited<ReturnType<typeof insertTestTree>>;

const PW = 'mat-khau-thu-nghiem-9';

function call(h: ApiHarness, headers: Record<string, string>, method: InjectOptions['method'], url: string, payload?: unknown): Promise<LightMyRequestResponse> {
  return h.app.inject({ method, url, payload: payload as InjectOptions['payload'], headers });
}

/** A signed-in user holding the given roles. */
async function as(h: ApiHarness, username: string, roles: { role: Role; orgId: number | null }[], orgId: number | null = null): Promise<Session & { id: number }> {
  const id = await userWithRoles(h.database.db, username, PW, roles);
  if (orgId !== null) await h.database.db.updateTable('app_user').set({ org_id: orgId }).where('id', '=', id).execute();
  return { ...(await signIn(h.app, username, PW)), id };
}

const auditOf = (h: ApiHarness, action: string, entityId: number) =>
  h.database.db.selectFrom('audit_log').selectAll().where('action', '=', action).where('entity_id', '=', String(entityId)).execute();

describeApi('accounts', (h) => {
  let a: Tree;
  let b: Tree;
  let scopedAdmin: Session & { id: number };
  const created: Record<string, number> = {};

  const create = async (headers: Record<string, string>, username: string, orgId: number | null, extra: Record<string, unknown> = {}) =>
    call(h(), headers, 'POST', '/api/users', { username, displayName: `Tên ${username}`, orgId, ...extra });

  beforeAll(async () => {
    a = await insertTestTree(h().database.db, 'A');
    b = await insertTestTree(h().database.db, 'B');
    scopedAdmin = await as(h(), 'qt.tinh-a', [{ role: 'admin', orgId: a.province.id }], a.province.id);
    for (const [name, org] of [
      ['cb.xa-a', a.commune.id],
      ['cb.chibo-a', a.cellA.id],
      ['cb.xa-b', b.commune.id],
      ['cb.trung-uong', null],
    ] as const) {
      const res = await create(h().headers, name, org);
      expect(res.statusCode).toBe(201);
      created[name] = res.json().account.id;
    }
  });

  it('creates an account with a generated temporary password, returned once, that must be changed', async () => {
    const res = await create(h().headers, 'Nguyen.Lan', a.cellB.id);
    expect(res.statusCode).toBe(201);
    const body = res.json();
    expect(body.account).toMatchObject({ username: 'nguyen.lan', mustChangePassword: true, status: 'active', org: { id: a.cellB.id } });
    expect(body.temporaryPassword).toMatch(/^.{10,}$/);
    expect(res.body).not.toMatch(/argon2|password_hash|passwordHash|totp_secret/i);
    const s = await signIn(h().app, 'nguyen.lan', body.temporaryPassword);
    const blocked = await call(h(), s.headers, 'GET', '/api/auth/me');
    expect(blocked.json().user.mustChangePassword).toBe(true);
    const [row] = await auditOf(h(), 'user.create', body.account.id);
    expect(row!.org_path).toBe(a.cellB.path);
    expect(JSON.stringify(row)).not.toMatch(/argon2/);
    expect(JSON.stringify(row)).not.toContain(body.temporaryPassword);

    const again = await create(h().headers, 'nguyen.lan', a.cellB.id);
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('DUPLICATE_USERNAME');
  });

  it('finds accounts by display name without diacritics or case, and follows a rename', async () => {
    const body = (await create(h().headers, 'dv.duc', a.cellA.id, { displayName: 'Nguyễn Văn Đức' })).json();
    const find = async (q: string) =>
      (await call(h(), h().headers, 'GET', `/api/users?pageSize=200&q=${encodeURIComponent(q)}`)).json().items.map((u: { username: string }) => u.username);
    for (const q of ['nguyen van duc', 'NGUYEN VAN', 'van đuc', 'Đức', 'nguyễn  văn']) expect(await find(q), q).toContain('dv.duc');
    expect(await find('nguyen thi')).not.toContain('dv.duc');
    // A stray % or _ is a character, not a wildcard.
    expect(await find('nguyen%duc')).not.toContain('dv.duc');

    const renamed = await call(h(), h().headers, 'PATCH', `/api/users/${body.account.id}`, { displayName: 'Trần Thị Đào' });
    expect(renamed.statusCode, renamed.body).toBe(200);
    expect(await find('tran thi dao')).toContain('dv.duc');
    expect(await find('nguyen van duc')).not.toContain('dv.duc');
  });

  it('refuses to link a member already linked to an account outside the caller\'s scope without naming that account', async () => {
    const m = await insertTestMember(h().database.db, { org: a.cellA });
    expect((await create(h().headers, 'dv.ben-b', b.cellA.id, { memberId: m.id })).statusCode).toBe(201);
    const staffAdmin = await as(h(), 'qt.nv-a', [{ role: 'admin', orgId: a.province.id }, { role: 'org_staff', orgId: a.province.id }], a.province.id);
    const res = await create(staffAdmin.headers, 'dv.ben-a', a.cellA.id, { memberId: m.id });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('MEMBER_LINKED_ELSEWHERE');
    expect(res.body).not.toContain('dv.ben-b');
    // The whole-tree administrator sees that account and is told its name.
    const whole = await create(h().headers, 'dv.ben-a', a.cellA.id, { memberId: m.id });
    expect(whole.json().error).toMatchObject({ code: 'MEMBER_ALREADY_LINKED' });
    expect(whole.json().error.message).toContain('dv.ben-b');
  });

  it('takes a given temporary password only if the policy accepts it, and refuses unknown fields', async () => {
    const weak = await create(h().headers, 'tran.binh', a.cellB.id, { password: 'matkhau123' });
    expect(weak.statusCode).toBe(400);
    expect(weak.json().error.code).toBe('WEAK_PASSWORD');
    const extra = await create(h().headers, 'tran.binh', a.cellB.id, { passwordHash: 'x' });
    expect(extra.statusCode).toBe(400);
    expect(extra.json().error.code).toBe('VALIDATION');
    const ok = await create(h().headers, 'tran.binh', a.cellB.id, { password: 'Binh-tam-2026!' });
    expect(ok.statusCode).toBe(201);
    expect(ok.json().temporaryPassword).toBeNull();
  });

  it('shows a scoped administrator only the accounts of their subtree', async () => {
    const list = await call(h(), scopedAdmin.headers, 'GET', '/api/users?pageSize=200');
    expect(list.statusCode).toBe(200);
    const names = list.json().items.map((u: { username: string }) => u.username);
    expect(names).toEqual(expect.arrayContaining(['cb.xa-a', 'cb.chibo-a', 'qt.tinh-a']));
    expect(names).not.toContain('cb.xa-b');
    expect(names).not.toContain('cb.trung-uong');
    expect(names).not.toContain('admin');
    expect(list.body).not.toMatch(/Tên cb\.xa-b/);

    const search = await call(h(), scopedAdmin.headers, 'GET', `/api/users?q=${encodeURIComponent('CHIBO')}`);
    expect(search.json().items.map((u: { username: string }) => u.username)).toEqual(['cb.chibo-a']);

    const whole = await call(h(), h().headers, 'GET', '/api/users?pageSize=200');
    expect(whole.json().items.map((u: { username: string }) => u.username)).toEqual(expect.arrayContaining(['cb.xa-b', 'cb.trung-uong', 'admin']));

    for (const id of [created['cb.xa-b'], created['cb.trung-uong']]) {
      const res = await call(h(), scopedAdmin.headers, 'GET', `/api/users/${id}`);
      expect(res.statusCode).toBe(404);
      expect(res.json().error.code).toBe('USER_NOT_FOUND');
      const reset = await call(h(), scopedAdmin.headers, 'POST', `/api/users/${id}/password-reset`, {});
      expect(reset.statusCode).toBe(404);
    }
    expect((await call(h(), scopedAdmin.headers, 'GET', `/api/users/${created['cb.xa-a']}`)).statusCode).toBe(200);
  });

  it('lets a scoped administrator place accounts only in their subtree', async () => {
    const outside = await create(scopedAdmin.headers, 'ngoai.pham.vi', b.cellA.id);
    expect(outside.statusCode).toBe(404);
    expect(outside.json().error.code).toBe('ORG_NOT_FOUND');
    const wide = await create(scopedAdmin.headers, 'toan.he.thong', null);
    expect(wide.statusCode).toBe(403);
    expect(wide.json().error.details.reason).toBe('installation_wide_account');
    const inside = await create(scopedAdmin.headers, 'trong.pham.vi', a.gcell.id);
    expect(inside.statusCode).toBe(201);
    const move = await call(h(), scopedAdmin.headers, 'PATCH', `/api/users/${inside.json().account.id}`, { orgId: b.commune.id });
    expect(move.statusCode).toBe(404);
    expect(move.json().error.code).toBe('ORG_NOT_FOUND');
  });

  it('edits display name and unit, auditing only what changed', async () => {
    const id = created['cb.chibo-a']!;
    const res = await call(h(), scopedAdmin.headers, 'PATCH', `/api/users/${id}`, { displayName: 'Lê Thị Mai', orgId: a.cellB.id });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ displayName: 'Lê Thị Mai', org: { id: a.cellB.id } });
    const [row] = await auditOf(h(), 'user.update', id);
    expect(row!.before).toEqual({ displayName: 'Tên cb.chibo-a', orgId: a.cellA.id });
    expect(row!.after).toEqual({ displayName: 'Lê Thị Mai', orgId: a.cellB.id });
    expect(row!.org_path).toBe(a.cellB.path);
    expect(row!.user_id).toBe(scopedAdmin.id);
  });

  it('links a member record only within the creator\'s member scope, and only once', async () => {
    const m = await insertTestMember(h().database.db, { org: a.cellA });
    const byScopedAdmin = await create(scopedAdmin.headers, 'dv.khong-lien-ket', a.cellA.id, { memberId: m.id });
    expect(byScopedAdmin.statusCode).toBe(404);
    expect(byScopedAdmin.json().error.code).toBe('MEMBER_NOT_FOUND');
    const linked = await create(h().headers, 'dv.lien-ket', a.cellA.id, { memberId: m.id });
    expect(linked.statusCode).toBe(201);
    expect(linked.json().account.memberId).toBe(m.id);
    const twice = await create(h().headers, 'dv.lien-ket-2', a.cellA.id, { memberId: m.id });
    expect(twice.statusCode).toBe(409);
    expect(twice.json().error.code).toBe('MEMBER_ALREADY_LINKED');
  });

  it('resets a password: a new temporary one, forced change, every session ended', async () => {
    const id = (await create(h().headers, 'pham.cuong', a.cellA.id, { password: 'Cuong-tam-2026!' })).json().account.id;
    const before = await signIn(h().app, 'pham.cuong', 'Cuong-tam-2026!');
    expect((await call(h(), before.headers, 'POST', '/api/auth/password', { currentPassword: 'Cuong-tam-2026!', newPassword: 'Cuong-rieng-2026!' })).statusCode).toBe(200);
    const session = await signIn(h().app, 'pham.cuong', 'Cuong-rieng-2026!');
    expect((await call(h(), session.headers, 'GET', '/api/auth/me')).json().user.mustChangePassword).toBe(false);

    const reset = await call(h(), scopedAdmin.headers, 'POST', `/api/users/${id}/password-reset`, {});
    expect(reset.statusCode).toBe(200);
    const { temporaryPassword, sessionsEnded } = reset.json();
    expect(sessionsEnded).toBeGreaterThanOrEqual(2);
    expect((await call(h(), session.headers, 'GET', '/api/auth/me')).statusCode).toBe(401);
    const old = await h().app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'pham.cuong', password: 'Cuong-rieng-2026!' } });
    expect(old.statusCode).toBe(401);
    const fresh = await signIn(h().app, 'pham.cuong', temporaryPassword);
    const me = await call(h(), fresh.headers, 'GET', '/api/auth/me');
    expect(me.json().user.mustChangePassword).toBe(true);
    const gated = await call(h(), fresh.headers, 'GET', '/api/orgs');
    expect(gated.statusCode).toBe(403);
    expect(gated.json().error.code).toBe('PASSWORD_CHANGE_REQUIRED');
    const [row] = await auditOf(h(), 'user.password_reset', id);
    expect(row!.after).toMatchObject({ mustChangePassword: true });
    expect(JSON.stringify(row)).not.toContain(temporaryPassword);
  });

  it('locks (sessions end, sign-in refused) and unlocks (failed sign-ins forgotten)', async () => {
    const id = (await create(h().headers, 'vo.dung', a.cellA.id, { password: 'Dung-tam-2026!' })).json().account.id;
    const s = await signIn(h().app, 'vo.dung', 'Dung-tam-2026!');
    const lock = await call(h(), scopedAdmin.headers, 'POST', `/api/users/${id}/lock`);
    expect(lock.statusCode).toBe(200);
    expect(lock.json().status).toBe('locked');
    expect((await call(h(), s.headers, 'GET', '/api/auth/me')).statusCode).toBe(401);
    const refused = await h().app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'vo.dung', password: 'Dung-tam-2026!' } });
    expect(refused.statusCode).toBe(401);

    const db = h().database.db;
    // The refused sign-in above already counted a failure under this key; make it a lock.
    const locked = { failures: 7, last_failure_at: new Date(), locked_until: new Date(Date.now() + 3600_000) };
    await db.insertInto('login_throttle').values({ key: 'user:vo.dung', ...locked }).onConflict((oc) => oc.column('key').doUpdateSet(locked)).execute();
    await db.insertInto('login_throttle').values({ key: 'user:someone.else', failures: 3, last_failure_at: new Date(), locked_until: null }).execute();
    const unlock = await call(h(), scopedAdmin.headers, 'POST', `/api/users/${id}/unlock`);
    expect(unlock.statusCode).toBe(200);
    expect(unlock.json().status).toBe('active');
    const keys = (await db.selectFrom('login_throttle').select('key').execute()).map((r) => r.key);
    expect(keys).not.toContain('user:vo.dung');
    expect(keys).toContain('user:someone.else');
    await signIn(h().app, 'vo.dung', 'Dung-tam-2026!');
    const actions = (await db.selectFrom('audit_log').select(['action', 'before', 'after']).where('entity_id', '=', String(id)).where('entity_type', '=', 'user').execute()).map((r) => r.action);
    expect(actions).toEqual(expect.arrayContaining(['user.lock', 'user.unlock']));
  });

  it('disables an account and signs an account out everywhere', async () => {
    const id = (await create(h().headers, 'dang.em', a.cellA.id, { password: 'Em-tam-2026!!' })).json().account.id;
    const s1 = await signIn(h().app, 'dang.em', 'Em-tam-2026!!');
    const s2 = await signIn(h().app, 'dang.em', 'Em-tam-2026!!');
    const revoke = await call(h(), scopedAdmin.headers, 'POST', `/api/users/${id}/revoke-sessions`);
    expect(revoke.json()).toEqual({ sessionsEnded: 2 });
    for (const s of [s1, s2]) expect((await call(h(), s.headers, 'GET', '/api/auth/me')).statusCode).toBe(401);
    const disable = await call(h(), scopedAdmin.headers, 'POST', `/api/users/${id}/disable`);
    expect(disable.json().status).toBe('disabled');
    const refused = await h().app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'dang.em', password: 'Em-tam-2026!!' } });
    expect(refused.statusCode).toBe(401);
  });

  it('refuses to let a scoped administrator take over a stronger account in their subtree, or administer themself', async () => {
    const strong = await create(h().headers, 'qt.manh', a.commune.id);
    const strongId = strong.json().account.id;
    const grant = await call(h(), h().headers, 'POST', '/api/role-assignments', { userId: strongId, role: 'admin', orgId: null });
    expect(grant.statusCode).toBe(201);
    for (const [method, url, payload] of [
      ['POST', `/api/users/${strongId}/password-reset`, {}],
      ['POST', `/api/users/${strongId}/lock`, undefined],
      ['PATCH', `/api/users/${strongId}`, { displayName: 'x' }],
    ] as const) {
      const res = await call(h(), scopedAdmin.headers, method, url, payload);
      expect(res.statusCode).toBe(403);
      expect(res.json().error.code).toBe('FORBIDDEN');
      expect(res.json().error.details.reason).toBe('target_stronger');
      expect(res.json().error.message).toMatch(/qt\.manh/);
    }
    const self = await call(h(), scopedAdmin.headers, 'POST', `/api/users/${scopedAdmin.id}/password-reset`, {});
    expect(self.statusCode).toBe(403);
    expect(self.json().error.details.reason).toBe('self_administration');
  });

  it('lets commission staff read accounts of their subtree but not change them', async () => {
    const staff = await as(h(), 'cb.btc-a', [{ role: 'org_staff', orgId: a.commune.id }], a.commune.id);
    const list = await call(h(), staff.headers, 'GET', '/api/users?pageSize=200');
    expect(list.statusCode).toBe(200);
    expect(list.json().items.map((u: { username: string }) => u.username)).not.toContain('qt.tinh-a');
    const res = await create(staff.headers, 'khong.duoc', a.cellA.id);
    expect(res.statusCode).toBe(403);
  });
});
