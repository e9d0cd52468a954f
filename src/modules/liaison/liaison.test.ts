import ExcelJS from 'exceljs';
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { beforeAll, expect, it } from 'vitest';
import { describeApi, signIn, userWithRoles, type ApiHarness, type Session } from '../../../test/api.js';
import { insertTestMember, insertTestOrg, insertTestTree } from '../../../test/factories.js';
import { makeScope } from '../auth/scope.js';
import * as repo from './liaison.repository.js';

type Tree = Awaited<ReturnType<typeof insertTestTree>>;

function call(h: ApiHarness, method: InjectOptions['method'], url: string, payload?: unknown, headers = h.headers): Promise<LightMyRequestResponse> {
  return h.app.inject({ method, url, payload: payload as InjectOptions['payload'], headers });
}

async function counts(h: ApiHarness) {
  const db = h.database.db;
  const n = async (t: 'residence_liaison' | 'liaison_comment' | 'audit_log') => Number((await db.selectFrom(t).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
  return { liaisons: await n('residence_liaison'), comments: await n('liaison_comment'), audit: await n('audit_log') };
}

// Today is 2026-11-20. The member works at a school (chi bộ cơ sở, đơn vị sự nghiệp) of commune LA
// and lives in a village of commune LB: the two ends lie in two offices' scopes.
describeApi('residence liaison', (h) => {
  let work: Tree;
  let home: Tree;
  let third: Tree;
  let staffWork: Session;
  let staffHome: Session;
  let staffThird: Session;
  const m: Record<string, number> = {};
  const error = (res: LightMyRequestResponse) => res.json().error as { code: string; details: { field?: string; problem?: string } };
  let liaisonId = 0;

  beforeAll(async () => {
    const db = h().database.db;
    work = await insertTestTree(db, 'LA');
    home = await insertTestTree(db, 'LB');
    third = await insertTestTree(db, 'LC');
    const school = await insertTestOrg(db, { type: 'grassroots_cell', parent: work.commune, name: 'Chi bộ Trường THCS LA', kind: 'public_service' });
    const add = async (key: string, org: { id: number; path: string }, extra: Record<string, unknown> = {}) => {
      m[key] = (await insertTestMember(db, { org, full_name: `Cư Trú ${key}`, status: 'official', status_since: '2015-01-01', ...extra })).id;
    };
    await add('teacher', school);
    await add('probationer', school, { status: 'probationary', status_since: '2026-03-01', admission_date: '2026-03-01' });
    await add('exempt', school, { status: 'exempt', status_since: '2024-01-01' });
    await add('villager', work.cellA);
    await userWithRoles(db, 'staff.la', 'mat-khau-staff-la-1', [{ role: 'org_staff', orgId: work.commune.id }]);
    await userWithRoles(db, 'staff.lb', 'mat-khau-staff-lb-1', [{ role: 'org_staff', orgId: home.commune.id }]);
    await userWithRoles(db, 'staff.lc', 'mat-khau-staff-lc-1', [{ role: 'org_staff', orgId: third.commune.id }]);
    staffWork = await signIn(h().app, 'staff.la', 'mat-khau-staff-la-1');
    staffHome = await signIn(h().app, 'staff.lb', 'mat-khau-staff-lb-1');
    staffThird = await signIn(h().app, 'staff.lc', 'mat-khau-staff-lc-1');
  });

  const refer = (body: Record<string, unknown>, s: Session) => call(h(), 'POST', '/api/residence-liaisons', { referredOn: '2025-09-01', letterNo: '15-GT/ĐU', ...body }, s.headers);

  it('R-TRF-16: refuses a member of a residential cell, an exempt member, a referral without a residence, and other offices, writing nothing', async () => {
    const before = await counts(h());
    expect(error(await refer({ memberId: m.villager, residenceName: 'Chi bộ thôn Đông' }, staffWork))).toMatchObject({ code: 'RESIDENCE_LIAISON_REFUSED', details: { problem: 'residential_org' } });
    expect(error(await refer({ memberId: m.exempt, residenceName: 'Chi bộ thôn Đông' }, staffWork))).toMatchObject({ code: 'RESIDENCE_LIAISON_REFUSED', details: { problem: 'status_not_referred' } });
    expect(error(await refer({ memberId: m.teacher }, staffWork))).toMatchObject({ code: 'LIAISON_FIELD_REQUIRED', details: { field: 'residenceName' } });
    expect(error(await refer({ memberId: m.teacher, residenceOrgId: home.committee.id }, staffWork))).toMatchObject({ code: 'ORG_HOLDS_NO_MEMBERS' });
    expect(error(await refer({ memberId: m.teacher, residenceName: 'x', referredOn: '2026-11-21' }, staffWork))).toMatchObject({ code: 'DATE_IN_FUTURE' });
    // Before the first version the rules carry (HD06, 09/06/2025): refused, naming the field.
    expect(error(await refer({ memberId: m.teacher, residenceName: 'x', referredOn: '2025-03-01' }, staffWork))).toMatchObject({ code: 'RULE_NOT_IN_FORCE', details: { field: 'referredOn' } });
    const foreign = await refer({ memberId: m.teacher, residenceName: 'Chi bộ thôn Đông' }, staffHome);
    expect(foreign.statusCode).toBe(404);
    expect(foreign.body).not.toContain('Cư Trú');
    expect((await call(h(), 'POST', '/api/residence-liaisons', { memberId: m.teacher, residenceName: 'x', referredOn: '2025-09-01' }, {})).statusCode).toBe(401);
    expect(await counts(h())).toEqual(before);
  });

  it('R-TRF-16: the workplace refers the member to a village cell of another office; one referral at a time', async () => {
    const res = await refer({ memberId: m.teacher, residenceOrgId: home.cellA.id }, staffWork);
    expect(res.statusCode, res.body).toBe(201);
    const l = res.json();
    liaisonId = l.id;
    expect(l).toMatchObject({ member: { id: m.teacher }, residence: { orgId: home.cellA.id, name: 'Chi bộ LB A' }, referredOn: '2025-09-01', endedOn: null, comments: [], commentDue: true, callerSides: { workplace: true, residence: false } });
    expect(error(await refer({ memberId: m.teacher, residenceName: 'Chi bộ thôn Tây' }, staffWork))).toMatchObject({ code: 'RESIDENCE_LIAISON_OPEN' });
    // A probationary member is referred too (the [I] default).
    expect((await refer({ memberId: m.probationer, residenceName: 'Chi bộ tổ dân phố 5, phường Ngoài' }, staffWork)).statusCode).toBe(201);
    const mine = (await call(h(), 'GET', `/api/members/${m.teacher}/residence-liaisons`, undefined, staffWork.headers)).json().items;
    expect(mine).toHaveLength(1);
  });

  it('R-TRF-16: the residence office sees the referral, comments once a year within the referral, and the due list follows', async () => {
    const seen = await call(h(), 'GET', `/api/residence-liaisons/${liaisonId}`, undefined, staffHome.headers);
    expect(seen.json()).toMatchObject({ callerSides: { workplace: false, residence: true } });
    expect((await call(h(), 'GET', `/api/residence-liaisons/${liaisonId}`, undefined, staffThird.headers)).statusCode).toBe(404);
    const due = async (s: Session) => ((await call(h(), 'GET', '/api/residence-liaisons/due', undefined, s.headers)).json().items as { id: number }[]).map((i) => i.id);
    expect(await due(staffHome)).toEqual([liaisonId]);
    expect(await due(staffWork)).toContain(liaisonId);
    expect(await due(staffThird)).toEqual([]);

    const before = await counts(h());
    const comment = (body: Record<string, unknown>, s: Session) => call(h(), 'POST', `/api/residence-liaisons/${liaisonId}/comments`, { year: 2026, rating: 'good', comment: 'Gương mẫu tham gia sinh hoạt tổ dân phố', commentedOn: '2026-11-15', ...body }, s.headers);
    expect(error(await comment({ year: 2024 }, staffHome))).toMatchObject({ code: 'LIAISON_COMMENT_YEAR', details: { problem: 'before_referral' } });
    expect(error(await comment({ year: 2027 }, staffHome))).toMatchObject({ code: 'LIAISON_COMMENT_YEAR', details: { problem: 'future_year' } });
    expect((await comment({}, staffThird)).statusCode).toBe(404);
    expect(await counts(h())).toEqual(before);

    const ok = await comment({}, staffHome);
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ comments: [{ year: 2026, rating: 'good' }], commentDue: false });
    expect(error(await comment({ rating: 'poor' }, staffWork))).toMatchObject({ code: 'LIAISON_COMMENT_EXISTS' });
    expect(await due(staffHome)).toEqual([]);
    // The workplace enters last year's paper comment.
    expect((await comment({ year: 2025, rating: 'fair', commentedOn: '2025-12-20' }, staffWork)).json().comments.map((c: { year: number }) => c.year)).toEqual([2025, 2026]);
    expect((await call(h(), 'GET', '/api/residence-liaisons/due?year=2025', undefined, staffHome.headers)).json()).toEqual({ year: 2025, items: [] });
  });

  it('R-TRF-16: only the workplace ends a referral; then a new one may begin', async () => {
    const end = (s: Session, body: Record<string, unknown> = {}) => call(h(), 'POST', `/api/residence-liaisons/${liaisonId}/end`, { endedOn: '2026-11-18', reason: 'Chuyển nơi ở', version: 1, ...body }, s.headers);
    expect((await end(staffHome)).statusCode).toBe(403);
    expect((await end(staffThird)).statusCode).toBe(404);
    expect(error(await end(staffWork, { endedOn: '2025-08-01' }))).toMatchObject({ code: 'STEP_DATE_BEFORE_PREVIOUS' });
    const ok = await end(staffWork);
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ endedOn: '2026-11-18', version: 2 });
    expect(error(await end(staffWork, { version: 2 }))).toMatchObject({ code: 'RESIDENCE_LIAISON_ENDED' });
    expect((await refer({ memberId: m.teacher, residenceName: 'Chi bộ tổ dân phố 3, phường Mới', referredOn: '2026-11-19' }, staffWork)).statusCode).toBe(201);
    // Below the repository: a foreign scope neither reads nor writes.
    const foreign = makeScope([third.commune.path]);
    expect(await repo.findLiaison(h().database.db, foreign, liaisonId)).toBeUndefined();
    expect(await repo.insertComment(h().database.db, foreign, { liaison_id: liaisonId, year: 2026, rating: 'good', comment: 'x', commented_on: '2026-11-20', created_by: null, created_at: new Date() })).toBeUndefined();
  });

  it('R-REC-11: the register of members referred to their residence as Excel, audited', async () => {
    const res = await call(h(), 'GET', '/api/residence-liaisons/export', undefined, staffWork.headers);
    expect(res.statusCode, res.body).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const text = JSON.stringify(wb.worksheets[0]!.getSheetValues());
    expect(text).toContain('SINH HOẠT NƠI CƯ TRÚ');
    expect(await h().database.db.selectFrom('audit_log').select('after').where('action', '=', 'residence_liaison.register_export').execute()).toEqual([{ after: expect.objectContaining({ rows: 3 }) }]);
    expect(text).toContain('Cư Trú Teacher');
    expect(text).toContain('2026: Tốt — Gương mẫu');
    expect(await h().database.db.selectFrom('audit_log').select('after').where('action', '=', 'residence_liaison.register_export').execute()).toEqual([{ after: expect.objectContaining({ rows: 3 }) }]);
  });
});
