import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { describeApi, TEST_TOTP_BOX } from '../../test/api.js';
import { insertTestOrg } from '../../test/factories.js';
import { buildApp } from '../app.js';
import { fixedClock } from '../clock.js';
import { connect } from '../db/connect.js';
import { paramOn } from '../domain/rules/params.js';
import { ADM_DECISION_DEADLINE } from '../domain/rules/admission.params.js';

describeApi('security headers', (h) => {
  it('sends a content security policy, no sniffing and frame denial on API answers', async () => {
    const res = await h().app.inject({ method: 'GET', url: '/api/health' });
    const csp = String(res.headers['content-security-policy']);
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("object-src 'none'");
    // Plain http in tests: nothing that would send the browser to https.
    expect(csp).not.toContain('upgrade-insecure-requests');
    expect(res.headers['strict-transport-security']).toBeUndefined();
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['x-frame-options']).toBe('DENY');
    expect(res.headers['x-powered-by']).toBeUndefined();
  });

  it('serves the Swagger UI under that policy: every script is a same-origin file, none inline', async () => {
    const { app } = h();
    let res = await app.inject({ method: 'GET', url: '/api/docs' });
    for (let i = 0; i < 3 && res.statusCode >= 300 && res.statusCode < 400; i++) {
      const to = String(res.headers.location);
      res = await app.inject({ method: 'GET', url: to.startsWith('/') ? to : `/api/docs/${to.replace(/^\.\//, '')}` });
    }
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/text\/html/);
    expect(String(res.headers['content-security-policy'])).toContain("script-src 'self'");
    const html = res.body;
    const scripts = [...html.matchAll(/<script([^>]*)>([\s\S]*?)<\/script>/g)];
    expect(scripts.length).toBeGreaterThan(0);
    for (const [, attrs, body] of scripts) {
      const src = /src="([^"]+)"/.exec(attrs!)?.[1];
      expect(src, 'inline script would be blocked').toBeDefined();
      expect(src).not.toMatch(/^(https?:)?\/\//);
      expect(body!.trim()).toBe('');
      const file = await app.inject({ method: 'GET', url: src!.startsWith('/') ? src! : `/api/docs/${src!.replace(/^\.\//, '')}` });
      expect(file.statusCode, src).toBe(200);
    }
    const spec = await app.inject({ method: 'GET', url: '/api/docs/json' });
    expect(spec.statusCode).toBe(200);
  });
});

describeApi('bad input', (h) => {
  const login = (payload: string | Buffer, contentType = 'application/json') =>
    h().app.inject({ method: 'POST', url: '/api/auth/login', remoteAddress: '192.0.2.200', headers: { 'content-type': contentType }, payload });
  const expectCoded = (res: { statusCode: number; json(): unknown }, status: number, code: string) => {
    expect(res.statusCode).toBe(status);
    const body = res.json() as { error: { code: string; message: string; details: { field: string }[] } };
    expect(body.error.code).toBe(code);
    // Vietnamese, and no internals.
    expect(body.error.message).toMatch(/[àáảãạăâđêôơư]/i);
    expect(JSON.stringify(body)).not.toMatch(/FST_|SyntaxError|at .*\.(js|ts)/);
    return body;
  };

  it('refuses malformed and empty JSON', async () => {
    expectCoded(await login('{"username": "admin", "password": '), 400, 'MALFORMED_BODY');
    expectCoded(await login(''), 400, 'MALFORMED_BODY');
    expectCoded(await login('{"__proto__": {"isAdmin": true}, "username": "a", "password": "b"}'), 400, 'MALFORMED_BODY');
  });

  it('refuses a body over 1 MB with 413 before reading it all', async () => {
    const big = JSON.stringify({ username: 'admin', password: 'x'.repeat(1024 * 1024) });
    expectCoded(await login(big), 413, 'BODY_TOO_LARGE');
  });

  it('refuses a content type the API does not read', async () => {
    const body = expectCoded(await login('username=admin&password=x', 'application/x-www-form-urlencoded'), 415, 'UNSUPPORTED_MEDIA_TYPE');
    expect(body.error.message).toContain('application/x-www-form-urlencoded');
  });

  it('names an unknown field, on sign-in and on every write body, and writes nothing', async () => {
    const res = expectCoded(await login(JSON.stringify({ username: 'admin', password: 'x', rememberMe: true })), 400, 'VALIDATION');
    expect(res.error.details).toContainEqual({ field: 'body.rememberMe', message: 'Trường không được chấp nhận' });

    const before = await h().database.db.selectFrom('org').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    const org = await h().app.inject({
      method: 'POST',
      url: '/api/orgs',
      headers: h().headers,
      payload: { code: 'UNK01', name: 'Đảng bộ thử', orgType: 'province', parentId: null, foundedOn: '2020-01-01', isAdmin: true },
    });
    const orgBody = expectCoded(org, 400, 'VALIDATION');
    expect(orgBody.error.details.map((d) => d.field)).toEqual(['body.isAdmin']);
    const after = await h().database.db.selectFrom('org').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));

    const province = await insertTestOrg(h().database.db, { type: 'province' });
    for (const [url, payload] of [
      [`/api/orgs/${province.id}/dissolve`, { effectiveDate: '2026-01-01', reason: 'x' }],
      ['/api/members', { fullName: 'Lê Văn Thử', sex: 'male', birthDate: '1980-01-01', status: 'official', statusSince: '2010-01-01', orgId: province.id, salary: 1 }],
    ] as const) {
      const r = await h().app.inject({ method: 'POST', url, headers: h().headers, payload });
      expect(r.statusCode, url).toBe(400);
      expect((r.json() as { error: { details: { field: string }[] } }).error.details.map((d) => d.field), url).toContain(`body.${Object.keys(payload).at(-1)}`);
    }
  });

  it('refuses wrong types and over-long strings with a Vietnamese message', async () => {
    const wrongType = expectCoded(await login(JSON.stringify({ username: 123, password: ['x'] })), 400, 'VALIDATION');
    expect(wrongType.error.details.map((d) => d.field).sort()).toEqual(['body.password', 'body.username']);
    const long = expectCoded(await login(JSON.stringify({ username: 'admin', password: 'x'.repeat(10_000) })), 400, 'VALIDATION');
    expect(long.error.details.map((d) => d.field)).toEqual(['body.password']);
  });

  it('refuses invalid UTF-8, a NUL and half a surrogate pair, and stores none of them', async () => {
    const invalidUtf8 = Buffer.concat([Buffer.from('{"username": "ad'), Buffer.from([0xc3, 0x28]), Buffer.from('min", "password": "x"}')]);
    expectCoded(await login(invalidUtf8), 400, 'INVALID_TEXT');
    expectCoded(await login('{"username": "admin\\u0000", "password": "x"}'), 400, 'INVALID_TEXT');
    expectCoded(await login('{"username": "\\ud800admin", "password": "x"}'), 400, 'INVALID_TEXT');
    const org = await h().app.inject({
      method: 'POST',
      url: '/api/orgs',
      headers: { ...h().headers, 'content-type': 'application/json' },
      payload: '{"code": "NUL01", "name": "Chi bộ\\u0000", "orgType": "province", "parentId": null, "foundedOn": "2020-01-01"}',
    });
    expectCoded(org, 400, 'INVALID_TEXT');
    expect(await h().database.db.selectFrom('org').select('id').where('code', '=', 'NUL01').executeTakeFirst()).toBeUndefined();
  });

  it('answers a NUL in a query string with 400, not a database error', async () => {
    const res = await h().app.inject({ method: 'GET', url: '/api/members?q=ab%00cd&mode=anywhere', headers: h().headers });
    expectCoded(res, 400, 'INVALID_TEXT');
    const orgs = await h().app.inject({ method: 'GET', url: '/api/orgs?q=%00', headers: h().headers });
    expect(orgs.statusCode).toBeLessThan(500);
  });

  it('treats SQL-looking sign-in names as names', async () => {
    const res = await login(JSON.stringify({ username: "admin' or '1'='1' --", password: "' or 1=1 --" }));
    expectCoded(res, 401, 'BAD_CREDENTIALS');
  });
});

describe('internal errors', () => {
  it('become INTERNAL without SQL, table names or a stack', async () => {
    const database = await connect({ memory: true });
    try {
      const app = await buildApp({
        db: database.db,
        engine: 'pglite',
        clock: fixedClock('2026-11-20T03:00:00Z'),
        session: { idleMinutes: 30, absoluteHours: 12 },
        cookieSecure: false,
        security: { allowedOrigins: [], twoFactorRoles: [], totpBox: TEST_TOTP_BOX },
      });
      app.get('/api/test/broken-query', { config: { public: true } }, async () => {
        await sql`select secret_column from no_such_table_xyz where id = ${1}`.execute(database.db);
        return {};
      });
      // A date before the first version of a rule is the caller's input: 400, in Vietnamese.
      app.get('/api/test/old-date', { config: { public: true } }, async () => {
        paramOn(ADM_DECISION_DEADLINE, '1950-01-01');
        return {};
      });
      const old = await app.inject({ method: 'GET', url: '/api/test/old-date' });
      expect(old.statusCode).toBe(400);
      expect(old.json().error).toMatchObject({ code: 'RULE_NOT_IN_FORCE', details: { field: 'date' } });
      expect(old.json().error.message).toContain('1950-01-01');
      const res = await app.inject({ method: 'GET', url: '/api/test/broken-query' });
      expect(res.statusCode).toBe(500);
      expect(res.json()).toEqual({ error: { code: 'INTERNAL', message: 'Lỗi hệ thống. Vui lòng thử lại hoặc báo quản trị viên', details: null } });
      expect(res.body).not.toMatch(/no_such_table|secret_column|select|relation|\.ts:/i);
      await app.close();
    } finally {
      await database.close();
    }
  });
});
