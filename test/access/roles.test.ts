import { beforeAll, expect, it } from 'vitest';
import { buildApp } from '../../src/app.js';
import { describeApi, signIn, userWithRoles, type Session } from '../api.js';
import { insertTestMember, insertTestOrg, type TestOrg } from '../factories.js';

// What each role sees and may do, through the HTTP API (issue 3: a member reading another
// member, a leader reading sensitive fields, an administrator without member data, no
// assignment at all, forced password change, forged requests).

describeApi('roles', (h) => {
  let cell: TestOrg;
  let otherCell: TestOrg;
  let mine: { id: number };
  let other: { id: number };
  const s: Record<string, Session> = {};
  const as = (who: string, method: 'GET' | 'POST' | 'PATCH', url: string, payload?: Record<string, unknown>) =>
    h().app.inject({ method, url, payload, headers: s[who]!.headers });

  beforeAll(async () => {
    const db = h().database.db;
    const province = await insertTestOrg(db, { type: 'province', name: 'Đảng bộ tỉnh Vai Trò', code: 'RL' });
    cell = await insertTestOrg(db, { type: 'grassroots_cell', parent: province, name: 'Chi bộ Thôn Đông', code: 'RL.1' });
    otherCell = await insertTestOrg(db, { type: 'grassroots_cell', parent: province, name: 'Chi bộ Thôn Tây', code: 'RL.2' });
    mine = await insertTestMember(db, { org: cell, full_name: 'Lò Thị Mai', citizen_id: '014190000011', ethnicity: 'thai', religion: 'none', phone: '0912345678', residence: 'Bản Đông' });
    other = await insertTestMember(db, { org: cell, full_name: 'Lường Văn Khu', citizen_id: '014190000012' });
    await insertTestMember(db, { org: otherCell, full_name: 'Quàng Văn Páo', citizen_id: '014190000013' });
    const pw = 'mat-khau-vai-tro-1';
    await userWithRoles(db, 'leader', pw, [{ role: 'leader', orgId: province.id }]);
    await userWithRoles(db, 'secretary', pw, [{ role: 'committee', orgId: cell.id }]);
    await userWithRoles(db, 'member', pw, [{ role: 'member', orgId: cell.id }], { memberId: mine.id });
    await userWithRoles(db, 'sysadmin', pw, [{ role: 'admin', orgId: null }]);
    await userWithRoles(db, 'nobody', pw, []);
    await userWithRoles(db, 'mixed', pw, [{ role: 'committee', orgId: cell.id }, { role: 'leader', orgId: otherCell.id }]);
    for (const u of ['leader', 'secretary', 'member', 'sysadmin', 'nobody', 'mixed']) s[u] = await signIn(h().app, u, pw);
  });

  it('a leader reads the register but not the sensitive fields, and cannot look people up by citizen ID', async () => {
    const res = await as('leader', 'GET', `/api/members/${mine.id}`);
    expect(res.statusCode).toBe(200);
    const m = res.json();
    expect(m.fullName).toBe('Lò Thị Mai');
    expect(m).toMatchObject({ citizenId: null, ethnicity: null, religion: null, phone: null, residence: null });
    expect(m.redactedFields).toEqual(expect.arrayContaining(['citizenId', 'ethnicity', 'religion', 'phone', 'residence']));
    expect(res.body).not.toContain('014190000011');
    expect(res.body).not.toContain('0912345678');

    const byId = await as('leader', 'GET', '/api/members?q=014190000011');
    expect(byId.json()).toMatchObject({ items: [], total: 0 });
    const byName = await as('leader', 'GET', '/api/members?q=lo thi mai');
    expect(byName.json().total).toBe(1);
  });

  it('a leader never writes', async () => {
    for (const [method, url, payload] of [
      ['PATCH', `/api/members/${mine.id}`, { version: 1, occupation: 'x' }],
      ['POST', '/api/orgs', { code: 'RL.9', name: 'Chi bộ Mới', orgType: 'grassroots_cell', parentId: cell.id, foundedOn: '2026-01-01' }],
      ['POST', `/api/orgs/${cell.id}/dissolve`, { effectiveDate: '2026-01-01' }],
    ] as const) {
      const res = await as('leader', method, url, payload);
      expect(res.statusCode, url).toBe(403);
      expect(res.json().error.code).toBe('FORBIDDEN');
    }
  });

  it('the history shown to a leader has no sensitive values in it', async () => {
    const staff = h().headers;
    const edit = await h().app.inject({ method: 'PATCH', url: `/api/members/${other.id}`, headers: staff, payload: { version: 1, phone: '0987654321', occupation: 'Nông dân' } });
    expect(edit.statusCode).toBe(200);
    const asStaff = (await h().app.inject({ method: 'GET', url: `/api/members/${other.id}/history`, headers: staff })).json();
    expect(asStaff.audit.at(-1).after).toEqual({ phone: '0987654321', occupation: 'Nông dân' });
    const asLeader = (await as('leader', 'GET', `/api/members/${other.id}/history`)).json();
    expect(asLeader.audit.at(-1).after).toEqual({ occupation: 'Nông dân' });
  });

  it('a cell secretary reads the sensitive fields of the cell, only of the cell, and writes nothing', async () => {
    const m = (await as('secretary', 'GET', `/api/members/${mine.id}`)).json();
    expect(m).toMatchObject({ citizenId: '014190000011', phone: '0912345678', redactedFields: [] });
    expect((await as('secretary', 'GET', '/api/members?q=quang van pao')).json().total).toBe(0);
    expect((await as('secretary', 'PATCH', `/api/members/${mine.id}`, { version: 1, occupation: 'x' })).statusCode).toBe(403);
  });

  it('where roles differ by subtree, the sensitive fields follow the role of each subtree', async () => {
    const own = (await as('mixed', 'GET', `/api/members/${mine.id}`)).json();
    expect(own.citizenId).toBe('014190000011');
    const list = (await as('mixed', 'GET', '/api/members?q=quang van pao')).json();
    const west = (await as('mixed', 'GET', `/api/members/${list.items[0].id}`)).json();
    expect(west).toMatchObject({ fullName: 'Quàng Văn Páo', citizenId: null });
    // Searching by citizen ID would confirm the hidden one in the other subtree.
    expect((await as('mixed', 'GET', '/api/members?q=014190000013')).json().total).toBe(0);
  });

  it('a party member reads their own record, whole, and nobody else\'s', async () => {
    const me = await as('member', 'GET', '/api/members/me');
    expect(me.statusCode).toBe(200);
    expect(me.json()).toMatchObject({ id: mine.id, citizenId: '014190000011', phone: '0912345678' });
    for (const url of [`/api/members/${other.id}`, `/api/members/${mine.id}`, '/api/members', `/api/orgs/${cell.id}/stats`]) {
      const res = await as('member', 'GET', url);
      expect(res.statusCode, url).toBe(403);
      expect(res.body).not.toContain('Lường Văn Khu');
    }
    expect((await as('leader', 'GET', '/api/members/me')).json().error.code).toBe('NO_OWN_RECORD');
  });

  it('an administrator manages accounts but sees no member data without another assignment', async () => {
    expect((await as('sysadmin', 'GET', '/api/orgs')).statusCode).toBe(200);
    for (const url of ['/api/members', `/api/members/${mine.id}`, '/api/stats']) expect((await as('sysadmin', 'GET', url)).statusCode, url).toBe(403);
  });

  it('no assignment, no data (fail closed), but one may still see who one is', async () => {
    for (const url of ['/api/orgs', '/api/members', '/api/stats', `/api/orgs/${cell.id}`]) expect((await as('nobody', 'GET', url)).statusCode, url).toBe(403);
    const me = (await as('nobody', 'GET', '/api/auth/me')).json();
    expect(me).toMatchObject({ grants: [], permissions: [] });
  });

  it('tells the web app each role\'s permissions from the one table', async () => {
    const me = (await as('leader', 'GET', '/api/auth/me')).json();
    expect(me.grants).toEqual([{ role: 'leader', path: expect.stringMatching(/^\/\d+\/$/) }]);
    expect(me.permissions).toContainEqual({ resource: 'member', action: 'read' });
    expect(me.permissions).not.toContainEqual({ resource: 'member_sensitive', action: 'read' });
    expect(me.permissions).not.toContainEqual({ resource: 'member', action: 'update' });
  });

  it('writes every read of a full record to the audit trail (who looked at whom)', async () => {
    await as('secretary', 'GET', `/api/members/${other.id}`);
    const rows = await h()
      .database.db.selectFrom('audit_log as a')
      .innerJoin('app_user as u', 'u.id', 'a.user_id')
      .select(['u.username', 'a.action', 'a.entity_id'])
      .where('a.action', '=', 'member.read')
      .where('a.entity_id', '=', String(other.id))
      .execute();
    expect(rows).toContainEqual({ username: 'secretary', action: 'member.read', entity_id: String(other.id) });
  });
});

describeApi('sign-in gates and forged requests', (h) => {
  it('holds a user who must change their password at the password form', async () => {
    const db = h().database.db;
    const org = await insertTestOrg(db, { type: 'province', name: 'Đảng bộ tỉnh Đổi Mật Khẩu' });
    const id = await userWithRoles(db, 'moi.vao', 'tam-thoi-12345', [{ role: 'leader', orgId: org.id }]);
    await db.updateTable('app_user').set({ must_change_password: true }).where('id', '=', id).execute();
    const s = await signIn(h().app, 'moi.vao', 'tam-thoi-12345');
    const blocked = await h().app.inject({ method: 'GET', url: '/api/orgs', headers: s.headers });
    expect(blocked.statusCode).toBe(403);
    expect(blocked.json().error.code).toBe('PASSWORD_CHANGE_REQUIRED');
    expect((await h().app.inject({ method: 'GET', url: '/api/auth/me', headers: s.headers })).statusCode).toBe(200);
    const changed = await h().app.inject({ method: 'POST', url: '/api/auth/password', headers: s.headers, payload: { currentPassword: 'tam-thoi-12345', newPassword: 'Mat-khau-rieng-2026' } });
    expect(changed.statusCode).toBe(200);
    // The session continues under a new token (rotation); the old one is dead.
    expect((await h().app.inject({ method: 'GET', url: '/api/orgs', headers: s.headers })).statusCode).toBe(401);
    const cookie = `dangvu_session=${changed.cookies.find((c) => c.name === 'dangvu_session')!.value}`;
    expect((await h().app.inject({ method: 'GET', url: '/api/orgs', headers: { cookie } })).statusCode).toBe(200);
  });

  it('refuses a state-changing request without the session\'s anti-forgery token, or from another site', async () => {
    const body = { code: 'CSRF.1', name: 'Đảng bộ tỉnh Giả Mạo', orgType: 'province', parentId: null, foundedOn: '2026-01-01' };
    const cases: Record<string, string>[] = [
      { cookie: h().cookie },
      { cookie: h().cookie, 'x-csrf-token': 'doan-bua' },
      { ...h().headers, origin: 'https://evil.example' },
      { ...h().headers, 'sec-fetch-site': 'cross-site' },
    ];
    for (const headers of cases) {
      const res = await h().app.inject({ method: 'POST', url: '/api/orgs', headers, payload: body });
      expect(res.statusCode, JSON.stringify(headers)).toBe(403);
      expect(res.json().error.code).toBe('CSRF_REJECTED');
    }
    expect((await h().app.inject({ method: 'GET', url: '/api/orgs?q=CSRF.1', headers: h().headers })).json().items).toEqual([]);
    const ok = await h().app.inject({ method: 'POST', url: '/api/orgs', headers: { ...h().headers, origin: 'http://localhost:80', 'sec-fetch-site': 'same-origin' }, payload: body });
    expect(ok.statusCode).toBe(201);
    const login = await h().app.inject({ method: 'POST', url: '/api/auth/login', headers: { origin: 'https://evil.example' }, payload: { username: 'admin', password: 'x' } });
    expect(login.json().error.code).toBe('CSRF_REJECTED');
  });

  it('stops the server from starting with a route that does not declare who may call it', async () => {
    const app = await buildApp(h().app.ctx);
    expect(() => app.get('/api/undeclared', async () => ({ ok: true }))).toThrow(/must declare exactly one of public, self, permission/);
    expect(() => app.get('/api/declared', { config: { self: true } }, async () => ({ ok: true }))).not.toThrow();
    await app.close();
  });
});
