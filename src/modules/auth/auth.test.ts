import { describe, expect, it } from 'vitest';
import { ADMIN, describeApi, signIn } from '../../../test/api.js';
import { createUser } from './auth.service.js';

describeApi('auth and health', (h) => {
  it('answers health without a session, naming the engine', async () => {
    const res = await h().app.inject({ method: 'GET', url: '/api/health' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: 'ok', database: h().engine });
  });

  it('refuses API calls without a session with a coded Vietnamese error', async () => {
    const res = await h().app.inject({ method: 'GET', url: '/api/auth/me' });
    expect(res.statusCode).toBe(401);
    expect(res.json().error.code).toBe('UNAUTHENTICATED');
    expect(res.json().error.message).toMatch(/đăng nhập/);
  });

  it('gives the same answer for an unknown user and a wrong password, and audits both', async () => {
    const a = await h().app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'khongco', password: 'sai-mat-khau-1' } });
    const b = await h().app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: ADMIN.username, password: 'sai-mat-khau-1' } });
    expect(a.statusCode).toBe(401);
    expect(b.statusCode).toBe(401);
    expect(a.json()).toEqual(b.json());
    const failed = await h().database.db.selectFrom('audit_log').select('action').where('action', '=', 'auth.login_failed').execute();
    expect(failed.length).toBeGreaterThanOrEqual(2);
  });

  it('signs in with an httpOnly cookie, tells who is signed in, and signs out', async () => {
    const login = await h().app.inject({ method: 'POST', url: '/api/auth/login', payload: ADMIN });
    const set = String(login.headers['set-cookie']);
    expect(set).toMatch(/HttpOnly/i);
    expect(set).toMatch(/SameSite=Lax/i);
    const { headers } = await signIn(h().app, ADMIN.username, ADMIN.password);
    const me = await h().app.inject({ method: 'GET', url: '/api/auth/me', headers });
    expect(me.json().user.username).toBe('admin');
    const out = await h().app.inject({ method: 'POST', url: '/api/auth/logout', headers });
    expect(out.statusCode).toBe(204);
    const after = await h().app.inject({ method: 'GET', url: '/api/auth/me', headers });
    expect(after.statusCode).toBe(401);
  });

  it('serves the OpenAPI document', async () => {
    const res = await h().app.inject({ method: 'GET', url: '/api/openapi.json' });
    expect(res.statusCode).toBe(200);
    expect(Object.keys(res.json().paths)).toContain('/api/auth/login');
  });
});

describe('error bodies', () => {
  it('never carry a stack', async () => {
    const { AppError } = await import('../../errors.js');
    const body = new AppError('STALE_VERSION', { current: 3, given: 2 }).toBody();
    expect(body.error.code).toBe('STALE_VERSION');
    expect(body.error.message).toContain('phiên bản hiện tại 3');
    expect(JSON.stringify(body)).not.toMatch(/at .*\.ts/);
  });
});

describeApi('changing one\'s password', (h) => {
  it('refuses a wrong current password and a weak new one, then changes it', async () => {
    const { app } = h();
    await createUser(h().database.db, { username: 'hoa.bt', displayName: 'Bùi Thị Hoa', password: 'tam-thoi-12345', mustChangePassword: true });
    const { headers } = await signIn(app, 'hoa.bt', 'tam-thoi-12345');
    const me = await app.inject({ method: 'GET', url: '/api/auth/me', headers });
    expect(me.json().user.mustChangePassword).toBe(true);

    const wrong = await app.inject({ method: 'POST', url: '/api/auth/password', headers, payload: { currentPassword: 'sai-sai-sai-1', newPassword: 'Hoa-moi-2026!' } });
    expect(wrong.statusCode).toBe(401);
    expect(wrong.json().error.details.field).toBe('currentPassword');

    const weak = await app.inject({ method: 'POST', url: '/api/auth/password', headers, payload: { currentPassword: 'tam-thoi-12345', newPassword: 'matkhau123' } });
    expect(weak.statusCode).toBe(400);
    expect(weak.json().error.code).toBe('WEAK_PASSWORD');
    expect(weak.json().error.message).toMatch(/phổ biến/);

    const ok = await app.inject({ method: 'POST', url: '/api/auth/password', headers, payload: { currentPassword: 'tam-thoi-12345', newPassword: 'Hoa-moi-2026!' } });
    expect(ok.statusCode).toBe(200);
    const again = await signIn(app, 'hoa.bt', 'Hoa-moi-2026!');
    const after = await app.inject({ method: 'GET', url: '/api/auth/me', headers: again.headers });
    expect(after.json().user.mustChangePassword).toBe(false);
  });
});
