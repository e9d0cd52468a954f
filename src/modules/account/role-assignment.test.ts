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

async function as(h: ApiHarness, username: string, roles: { role: Role; orgId: number | null }[], orgId: number | null): Promise<Session & { id: number }> {
  const id = await userWithRoles(h.database.db, username, PW, roles);
  await h.database.db.updateTable('app_user').set({ org_id: orgId }).where('id', '=', id).execute();
  return { ...(await signIn(h.app, username, PW)), id };
}

function expectRefused(res: LightMyRequestResponse, reason: string) {
  expect(res.statusCode).toBe(403);
  expect(res.json().error.code).toBe('FORBIDDEN');
  expect(res.json().error.details.reason).toBe(reason);
}

describeApi('role assignments', (h) => {
  let a: Tree;
  let b: Tree;
  let staffA: Session & { id: number };
  let targetA: number;
  let targetB: number;

  const grant = (s: { headers: Record<string, string> }, body: Record<string, unknown>) => call(h(), s.headers, 'POST', '/api/role-assignments', body);

  beforeAll(async () => {
    const db = h().database.db;
    a = await insertTestTree(db, 'A');
    b = await insertTestTree(db, 'B');
    staffA = await as(h(), 'cb.btc-xa-a', [{ role: 'org_staff', orgId: a.commune.id }], a.commune.id);
    targetA = await userWithRoles(db, 'bt.chibo-a', PW, []);
    await db.updateTable('app_user').set({ org_id: a.cellA.id }).where('id', '=', targetA).execute();
    targetB = await userWithRoles(db, 'bt.chibo-b', PW, []);
    await db.updateTable('app_user').set({ org_id: b.cellA.id }).where('id', '=', targetB).execute();
  });

  it('lets commission staff grant a weaker role within their subtree; the holder then sees that subtree', async () => {
    const m = await insertTestMember(h().database.db, { org: a.cellA });
    const other = await insertTestMember(h().database.db, { org: a.cellB });
    const res = await grant(staffA, { userId: targetA, role: 'committee', orgId: a.cellA.id, validFrom: '2026-01-01' });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ userId: targetA, role: 'committee', org: { id: a.cellA.id }, grantedBy: 'cb.btc-xa-a', active: true, revokedAt: null });
    const holder = await signIn(h().app, 'bt.chibo-a', PW);
    expect((await call(h(), holder.headers, 'GET', `/api/members/${m.id}`)).statusCode).toBe(200);
    expect((await call(h(), holder.headers, 'GET', `/api/members/${other.id}`)).statusCode).toBe(404);

    const row = await h().database.db.selectFrom('audit_log').selectAll().where('action', '=', 'role.grant').where('entity_id', '=', String(res.json().id)).executeTakeFirstOrThrow();
    expect(row.user_id).toBe(staffA.id);
    expect(row.org_path).toBe(a.cellA.path);
    expect(row.after).toMatchObject({ userId: targetA, role: 'committee', orgId: a.cellA.id });

    const twice = await grant(staffA, { userId: targetA, role: 'committee', orgId: a.cellA.id });
    expect(twice.statusCode).toBe(409);
    expect(twice.json().error.code).toBe('ROLE_ALREADY_ASSIGNED');
  });

  it('refuses a grant that would outlive the granter\'s own assignment, naming the last allowed day', async () => {
    const db = h().database.db;
    const id = await userWithRoles(db, 'cb.btc-han-a', PW, []);
    await db
      .insertInto('role_assignment')
      .values({ user_id: id, role: 'org_staff', org_id: a.commune.id, valid_from: '2026-01-01', valid_to: '2026-12-31', granted_by: null })
      .execute();
    const limited = await signIn(h().app, 'cb.btc-han-a', PW);
    const count = async () => Number((await db.selectFrom('role_assignment').select((eb) => eb.fn.countAll<number>().as('n')).where('user_id', '=', targetA).where('role', '=', 'leader').executeTakeFirstOrThrow()).n);
    const n = await count();
    for (const validTo of [undefined, '2027-01-01']) {
      const res = await grant(limited, { userId: targetA, role: 'leader', orgId: a.gcell.id, validFrom: '2026-11-20', ...(validTo ? { validTo } : {}) });
      expect(res.statusCode, res.body).toBe(400);
      expect(res.json().error).toMatchObject({ code: 'GRANT_OUTLIVES_GRANTER', details: { field: 'validTo', until: '2026-12-31' } });
      expect(res.json().error.message).toContain('2026-12-31');
    }
    expect(await count()).toBe(n);
    const ok = await grant(limited, { userId: targetA, role: 'leader', orgId: a.gcell.id, validFrom: '2026-11-20', validTo: '2026-12-31' });
    expect(ok.statusCode, ok.body).toBe(201);
    expect(ok.json()).toMatchObject({ validTo: '2026-12-31' });
  });

  it('refuses a role stronger than the granter\'s (org_staff granting org_staff or admin)', async () => {
    for (const role of ['org_staff', 'admin', 'inspection_staff']) {
      const res = await grant(staffA, { userId: targetA, role, orgId: a.cellA.id });
      expectRefused(res, 'role_too_strong');
      expect(res.json().error.message).toMatch(/vượt quá quyền phân quyền/);
    }
  });

  it('refuses orgs outside the granter\'s subtree: a sibling or an ancestor is not found, the whole installation is refused', async () => {
    for (const orgId of [b.cellA.id, a.province.id]) {
      const res = await grant(staffA, { userId: targetA, role: 'leader', orgId });
      expect(res.statusCode).toBe(404);
      expect(res.json().error.code).toBe('ORG_NOT_FOUND');
    }
    const wide = await grant(staffA, { userId: targetA, role: 'leader', orgId: null });
    expectRefused(wide, 'org_outside_scope');
    expect(wide.json().error.message).toMatch(/ngoài phạm vi/);
  });

  it('refuses to grant to an account the granter cannot see', async () => {
    const res = await grant(staffA, { userId: targetB, role: 'leader', orgId: a.cellA.id });
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe('USER_NOT_FOUND');
    expect((await call(h(), staffA.headers, 'GET', `/api/users/${targetB}/roles`)).statusCode).toBe(404);
  });

  it('refuses every self-grant, including an administrator giving themself org_staff to reach member data', async () => {
    expectRefused(await grant(staffA, { userId: staffA.id, role: 'leader', orgId: a.cellA.id }), 'self_grant');

    const sysadmin = await as(h(), 'qt.he-thong', [{ role: 'admin', orgId: null }], null);
    const m = await insertTestMember(h().database.db, { org: a.cellA });
    expect((await call(h(), sysadmin.headers, 'GET', `/api/members/${m.id}`)).statusCode).toBe(403);
    const self = await grant(sysadmin, { userId: sysadmin.id, role: 'org_staff', orgId: null });
    expectRefused(self, 'self_grant');
    expect(self.json().error.message).toMatch(/chính mình/);
    expectRefused(await grant(sysadmin, { userId: sysadmin.id, role: 'org_staff', orgId: a.cellA.id }), 'self_grant');
    expect((await call(h(), sysadmin.headers, 'GET', `/api/members/${m.id}`)).statusCode).toBe(403);
    const held = await h().database.db.selectFrom('role_assignment').select('role').where('user_id', '=', sysadmin.id).execute();
    expect(held.map((r) => r.role)).toEqual(['admin']);
  });

  it('revokes by the same rule, once; the holder loses the role at once', async () => {
    const given = await grant(staffA, { userId: targetA, role: 'leader', orgId: a.cellB.id });
    expect(given.statusCode).toBe(201);
    const id = given.json().id;
    const holder = await signIn(h().app, 'bt.chibo-a', PW);
    const before = (await call(h(), holder.headers, 'GET', '/api/auth/me')).json().grants;
    expect(before).toContainEqual({ role: 'leader', path: a.cellB.path });

    const revoked = await call(h(), staffA.headers, 'POST', `/api/role-assignments/${id}/revoke`);
    expect(revoked.statusCode).toBe(200);
    expect(revoked.json()).toMatchObject({ id, active: false, revokedBy: 'cb.btc-xa-a' });
    const after = (await call(h(), holder.headers, 'GET', '/api/auth/me')).json().grants;
    expect(after).not.toContainEqual({ role: 'leader', path: a.cellB.path });
    const again = await call(h(), staffA.headers, 'POST', `/api/role-assignments/${id}/revoke`);
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('ROLE_ASSIGNMENT_REVOKED');

    const audit = await h().database.db.selectFrom('audit_log').selectAll().where('action', '=', 'role.revoke').where('entity_id', '=', String(id)).executeTakeFirstOrThrow();
    expect(audit.before).toEqual({ revokedAt: null });
    expect(audit.org_path).toBe(a.cellB.path);

    const roles = await call(h(), staffA.headers, 'GET', `/api/users/${targetA}/roles`);
    expect(roles.json().items.find((r: { id: number }) => r.id === id)).toMatchObject({ active: false, revokedBy: 'cb.btc-xa-a' });
  });

  it('refuses to revoke a stronger role or one outside the subtree', async () => {
    const strong = await grant(h(), { userId: targetA, role: 'org_staff', orgId: a.cellA.id });
    expect(strong.statusCode).toBe(201);
    expectRefused(await call(h(), staffA.headers, 'POST', `/api/role-assignments/${strong.json().id}/revoke`), 'role_too_strong');
    const elsewhere = await grant(h(), { userId: targetB, role: 'leader', orgId: b.cellA.id });
    const res = await call(h(), staffA.headers, 'POST', `/api/role-assignments/${elsewhere.json().id}/revoke`);
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe('ROLE_ASSIGNMENT_NOT_FOUND');
    const ownRole = await h().database.db.selectFrom('role_assignment').select('id').where('user_id', '=', staffA.id).executeTakeFirstOrThrow();
    expectRefused(await call(h(), staffA.headers, 'POST', `/api/role-assignments/${ownRole.id}/revoke`), 'self_grant');
  });

  it('lists only the assignments within the caller\'s scope', async () => {
    await grant(h(), { userId: targetA, role: 'leader', orgId: b.commune.id });
    const mine = await call(h(), staffA.headers, 'GET', `/api/users/${targetA}/roles`);
    expect(mine.statusCode).toBe(200);
    const orgs = mine.json().items.map((r: { org: { id: number } | null }) => r.org?.id);
    expect(orgs).not.toContain(b.commune.id);
    expect(mine.body).not.toContain('Đảng bộ xã B');
    const all = await call(h(), h().headers, 'GET', `/api/users/${targetA}/roles`);
    expect(all.json().items.map((r: { org: { id: number } | null }) => r.org?.id)).toContain(b.commune.id);
  });

  it('checks dates and refuses unknown fields', async () => {
    const order = await grant(h(), { userId: targetA, role: 'leader', orgId: a.gcell.id, validFrom: '2026-06-01', validTo: '2026-01-01' });
    expect(order.statusCode).toBe(400);
    expect(order.json().error.code).toBe('DATE_ORDER');
    const extra = await grant(h(), { userId: targetA, role: 'leader', orgId: a.gcell.id, grantedBy: 1 });
    expect(extra.statusCode).toBe(400);
    expect(extra.json().error.code).toBe('VALIDATION');
  });
});
