import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { describeApi, signIn, userWithRoles, type ApiHarness, type Session } from '../../../test/api.js';
import { describeEachEngine } from '../../../test/engines.js';
import { insertTestMember, insertTestTree } from '../../../test/factories.js';
import { vnDate } from '../../clock.js';
import type { MemberRow } from '../../db/types.js';
import { appendAudit } from './audit.repository.js';

type Tree = Awaited<ReturnType<typeof insertTestTree>>;
interface AuditItem {
  action: string;
  entityType: string;
  entityId: string | null;
  username: string | null;
  ip: string | null;
  orgId: number | null;
  before: unknown;
  after: unknown;
}

const PW = 'mat-khau-thu-nghiem-9';

function call(h: ApiHarness, headers: Record<string, string>, method: InjectOptions['method'], url: string, payload?: unknown): Promise<LightMyRequestResponse> {
  return h.app.inject({ method, url, payload: payload as InjectOptions['payload'], headers });
}

describeEachEngine('audit_log is append-only', (getDb) => {
  beforeAll(async () => {
    await appendAudit(getDb().db, { userId: null, ip: 'test' }, { action: 'test.row', entityType: 'test', entityId: 1, orgPath: null, after: { x: 1 } });
  });

  for (const statement of ['update audit_log set action = \'gia-mao\'', 'delete from audit_log', 'truncate audit_log']) {
    it(`refuses: ${statement}`, async () => {
      await expect(sql.raw(statement).execute(getDb().db)).rejects.toThrow(/append-only/);
      const rows = await getDb().db.selectFrom('audit_log').select('action').execute();
      expect(rows.map((r) => r.action)).toContain('test.row');
      expect(rows.map((r) => r.action)).not.toContain('gia-mao');
    });
  }
});

describe('no code path changes or deletes audit rows', () => {
  const files = (dir: string): string[] =>
    readdirSync(dir).flatMap((f) => {
      const p = join(dir, f);
      return statSync(p).isDirectory() ? files(p) : p.endsWith('.ts') && !p.endsWith('.test.ts') ? [p] : [];
    });

  it('has no UPDATE or DELETE of audit_log anywhere in src/', () => {
    const offending = files('src').filter((f) =>
      /updateTable\(\s*['"]audit_log|deleteFrom\(\s*['"]audit_log|update\s+audit_log|delete\s+from\s+audit_log|truncate\s+(table\s+)?audit_log/i.test(readFileSync(f, 'utf8')),
    );
    expect(offending).toEqual([]);
  });
});

describeApi('audit trail', (h) => {
  let a: Tree;
  let b: Tree;
  let memberA: MemberRow;
  let memberB: MemberRow;
  let staffA: Session;

  const trail = async (s: { headers: Record<string, string> }, query = ''): Promise<{ items: AuditItem[]; total: number }> => {
    const res = await call(h(), s.headers, 'GET', `/api/audit?pageSize=200${query}`);
    expect(res.statusCode).toBe(200);
    return res.json();
  };

  beforeAll(async () => {
    const db = h().database.db;
    a = await insertTestTree(db, 'A');
    b = await insertTestTree(db, 'B');
    memberA = await insertTestMember(db, { org: a.cellA, phone: '0912000001' });
    memberB = await insertTestMember(db, { org: b.cellA, phone: '0912000002' });
    for (const m of [memberA, memberB]) {
      const res = await call(h(), h().headers, 'PATCH', `/api/members/${m.id}`, { version: m.version, phone: '0988777666', occupation: 'Giáo viên' });
      expect(res.statusCode).toBe(200);
    }
    await userWithRoles(db, 'cb.btc-a', PW, [{ role: 'org_staff', orgId: a.province.id }]);
    staffA = await signIn(h().app, 'cb.btc-a', PW);
  });

  it('shows who changed a member record, when, from where, and before and after of the changed fields', async () => {
    const { items } = await trail(h(), `&entityType=member&entityId=${memberA.id}`);
    const edit = items.find((i) => i.action === 'member.update');
    expect(edit).toMatchObject({
      username: 'admin',
      entityType: 'member',
      entityId: String(memberA.id),
      orgId: a.cellA.id,
      before: { phone: '0912000001', occupation: null },
      after: { phone: '0988777666', occupation: 'Giáo viên' },
    });
    expect(edit!.ip).toBeTruthy();
    expect(Object.keys(edit!.after as object).sort()).toEqual(['occupation', 'phone']);
  });

  it('never shows a sibling subtree\'s rows, nor rows about no org, to a scoped reader', async () => {
    const { items } = await trail(staffA);
    expect(items.some((i) => i.entityId === String(memberA.id))).toBe(true);
    expect(items.some((i) => i.entityType === 'member' && i.entityId === String(memberB.id))).toBe(false);
    expect(items.every((i) => i.orgId !== null)).toBe(true);
    expect(items.some((i) => i.action.startsWith('auth.'))).toBe(false);

    const direct = await trail(staffA, `&entityType=member&entityId=${memberB.id}`);
    expect(direct).toMatchObject({ items: [], total: 0 });
    const org = await call(h(), staffA.headers, 'GET', `/api/audit?org=${b.commune.id}`);
    expect(org.statusCode).toBe(404);
    expect(org.json().error.code).toBe('ORG_NOT_FOUND');

    const whole = await trail(h());
    expect(whole.items.some((i) => i.entityId === String(memberB.id))).toBe(true);
    expect(whole.items.some((i) => i.action === 'auth.login' && i.orgId === null)).toBe(true);
  });

  it('filters by org subtree, by who acted and by date (Việt Nam days)', async () => {
    const cellB = await trail(h(), `&org=${a.cellB.id}`);
    expect(cellB.items.some((i) => i.entityId === String(memberA.id))).toBe(false);
    const commune = await trail(h(), `&org=${a.commune.id}&entityType=member`);
    expect(commune.items.map((i) => i.entityId)).toEqual([String(memberA.id)]);

    const adminId = (await h().database.db.selectFrom('app_user').select('id').where('username', '=', 'admin').executeTakeFirstOrThrow()).id;
    const byAdmin = await trail(h(), `&userId=${adminId}&entityType=member`);
    expect(byAdmin.total).toBe(2);

    const today = vnDate(new Date());
    const tomorrow = vnDate(new Date(Date.now() + 86_400_000));
    expect((await trail(h(), `&entityType=member&from=${today}&to=${today}`)).total).toBe(2);
    expect((await trail(h(), `&entityType=member&from=${tomorrow}`)).total).toBe(0);
    const order = await call(h(), h().headers, 'GET', `/api/audit?from=${tomorrow}&to=${today}`);
    expect(order.statusCode).toBe(400);
  });

  it('is refused to roles without the audit permission', async () => {
    await userWithRoles(h().database.db, 'ld.a', PW, [{ role: 'leader', orgId: a.province.id }]);
    const leader = await signIn(h().app, 'ld.a', PW);
    expect((await call(h(), leader.headers, 'GET', '/api/audit')).statusCode).toBe(403);
  });

  it('offers no route that writes the trail', async () => {
    const doc = (await h().app.inject({ method: 'GET', url: '/api/openapi.json' })).json() as { paths: Record<string, Record<string, unknown>> };
    const auditPaths = Object.entries(doc.paths).filter(([p]) => p.startsWith('/api/audit'));
    expect(auditPaths.length).toBeGreaterThan(0);
    for (const [, methods] of auditPaths) expect(Object.keys(methods)).toEqual(['get']);
    const count = async () => Number((await h().database.db.selectFrom('audit_log').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
    const n = await count();
    for (const method of ['DELETE', 'PUT', 'PATCH', 'POST'] as const) {
      const res = await call(h(), h().headers, method, '/api/audit', {});
      expect(res.statusCode).toBe(404);
    }
    expect(await count()).toBe(n);
  });
});
