import type { InjectOptions } from 'fastify';
import { beforeAll, expect, it } from 'vitest';
import { describeApi, signIn, userWithRoles, type Session } from '../../../test/api.js';
import { insertTestMember, insertTestTree } from '../../../test/factories.js';

// Candidates and cases carry their org's path for scope. A move or a merge of their org must
// take them along: a stale path would hide them from the new superior's office and leave them
// readable by the old one.

type Tree = Awaited<ReturnType<typeof insertTestTree>>;

describeApi('a moved or merged org takes its candidates and cases along', (h) => {
  let a: Tree;
  let b: Tree;
  let staffA: Session;
  let staffB: Session;
  let admissionCase: number;
  let candidate: number;
  let recognitionCase: number;
  let transferCase: number;
  let removalCase: number;
  let exemption: number;
  const call = (method: InjectOptions['method'], url: string, payload?: unknown, headers = h().headers) =>
    h().app.inject({ method, url, payload: payload as InjectOptions['payload'], headers });

  beforeAll(async () => {
    const db = h().database.db;
    a = await insertTestTree(db, 'MC1');
    b = await insertTestTree(db, 'MC2');
    const c = await call('POST', '/api/candidates', { fullName: 'Lò Văn Chuyển', sex: 'male', birthDate: '1996-02-02', citizenId: '001296099001', orgId: a.cellA.id });
    expect(c.statusCode, c.body).toBe(201);
    candidate = c.json().id;
    const opened = await call('POST', '/api/admission-cases', { candidateId: candidate, openedOn: '2026-01-05' });
    expect(opened.statusCode, opened.body).toBe(201);
    admissionCase = opened.json().id;
    const p = await insertTestMember(db, { org: a.cellB, full_name: 'Cà Thị Dự Bị', status: 'probationary', status_since: '2025-10-06' });
    const r = await call('POST', '/api/recognition-cases', { memberId: p.id, openedOn: '2026-10-07' });
    expect(r.statusCode, r.body).toBe(201);
    recognitionCase = r.json().id;
    // A transfer from cell A (which moves with its committee) to a cell of the other province.
    const leaving = await insertTestMember(db, { org: a.cellA, full_name: 'Lò Văn Đi', status: 'official' });
    const tr = await call('POST', '/api/transfers', { memberId: leaving.id, kind: 'permanent', reason: 'Chuyển công tác', causeDate: '2026-10-01', openedOn: '2026-10-02', destination: 'inside', destinationOrgId: b.gcell.id });
    expect(tr.statusCode, tr.body).toBe(201);
    transferCase = tr.json().id;
    const x = await insertTestMember(db, { org: a.cellB, full_name: 'Lường Văn Xóa', status: 'official', status_since: '2012-03-01' });
    const rc = await call('POST', '/api/exits', { memberId: x.id, openedOn: '2026-10-07', grounds: ['missed_meetings'] });
    expect(rc.statusCode, rc.body).toBe(201);
    removalCase = rc.json().id;
    const e = await insertTestMember(db, { org: a.cellB, full_name: 'Quàng Thị Miễn', status: 'official', status_since: '2001-03-01' });
    const ex = await call('POST', '/api/exemptions', { memberId: e.id, kind: 'old_age_health', from: '2026-10-01', decidedBy: 'cell', decisionDate: '2026-10-01', documents: ['Giấy khám sức khỏe'] });
    expect(ex.statusCode, ex.body).toBe(201);
    exemption = ex.json().id;
    await userWithRoles(db, 'mc.staff.a', 'mat-khau-chuyen-a-1', [{ role: 'org_staff', orgId: a.province.id }]);
    await userWithRoles(db, 'mc.staff.b', 'mat-khau-chuyen-b-1', [{ role: 'org_staff', orgId: b.province.id }]);
    staffA = await signIn(h().app, 'mc.staff.a', 'mat-khau-chuyen-a-1');
    staffB = await signIn(h().app, 'mc.staff.b', 'mat-khau-chuyen-b-1');
  });

  const reads = [
    () => `/api/candidates/${candidate}`,
    () => `/api/admission-cases/${admissionCase}`,
    () => `/api/recognition-cases/${recognitionCase}`,
    () => `/api/transfers/${transferCase}`,
    () => `/api/exits/${removalCase}`,
    () => `/api/exemptions/${exemption}`,
  ];

  it('after a move to another province, the new office reads them and the old one does not', async () => {
    for (const url of reads) expect((await call('GET', url(), undefined, staffA.headers)).statusCode, url()).toBe(200);
    const moved = await call('POST', `/api/orgs/${a.committee.id}/move`, { newParentId: b.commune.id, effectiveDate: '2026-11-01' });
    expect(moved.statusCode, moved.body).toBe(200);
    for (const url of reads) {
      expect((await call('GET', url(), undefined, staffB.headers)).statusCode, url()).toBe(200);
      expect((await call('GET', url(), undefined, staffA.headers)).statusCode, url()).toBe(404);
    }
    const listed = (await call('GET', `/api/admission-cases?org=${b.province.id}`, undefined, staffB.headers)).json().items as { id: number }[];
    expect(listed.map((x) => x.id)).toContain(admissionCase);
    expect((await call('GET', '/api/due-items?show=all&pageSize=200', undefined, staffB.headers)).json().items.some((i: { caseId: number; caseKind: string }) => i.caseKind === 'recognition' && i.caseId === recognitionCase)).toBe(true);
  });

  it('after a merge, they belong to the org merged into', async () => {
    // The two cells now sit under b's commune (moved with their committee); cell A merges into b's cell A.
    const merged = await call('POST', `/api/orgs/${a.cellA.id}/merge`, { targetId: b.cellA.id, effectiveDate: '2026-11-15' });
    expect(merged.statusCode, merged.body).toBe(200);
    const c = (await call('GET', `/api/admission-cases/${admissionCase}`, undefined, staffB.headers)).json();
    expect(c.orgId).toBe(b.cellA.id);
    expect((await call('GET', `/api/candidates/${candidate}`, undefined, staffB.headers)).json().orgId).toBe(b.cellA.id);
    expect((await call('GET', `/api/transfers/${transferCase}`, undefined, staffB.headers)).json()).toMatchObject({ source: { orgId: b.cellA.id }, callerSides: { sending: true, receiving: true } });
  });
});
