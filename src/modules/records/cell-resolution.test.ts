import ExcelJS from 'exceljs';
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { beforeAll, expect, it } from 'vitest';
import { describeApi, signIn, userWithRoles, type ApiHarness, type Session } from '../../../test/api.js';
import { insertTestMember, insertTestTree } from '../../../test/factories.js';
import { makeScope } from '../auth/scope.js';
import { cellResolutions } from './cell-resolution.repository.js';

type Tree = Awaited<ReturnType<typeof insertTestTree>>;

function call(h: ApiHarness, method: InjectOptions['method'], url: string, headers = h.headers): Promise<LightMyRequestResponse> {
  return h.app.inject({ method, url, headers });
}

async function sheetText(res: LightMyRequestResponse): Promise<string> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
  return JSON.stringify(wb.worksheets[0]!.getSheetValues());
}

// Today is 2026-11-20.
describeApi('chi bộ resolutions register', (h) => {
  let t: Tree;
  let other: Tree;
  let staff: Session;
  let committee: Session;
  let staffOther: Session;

  async function cases(tree: Tree, tag: string, citizenId: string) {
    const db = h().database.db;
    const now = new Date();
    const cand = await db
      .insertInto('candidate')
      .values({ full_name: `Quần Chúng ${tag}`, name_norm: `quan chung ${tag.toLowerCase()}`, name_sort: `Chúng ${tag}`, sex: 'male', birth_date: '1998-02-03', citizen_id: citizenId, org_id: tree.cellA.id, org_path: tree.cellA.path, youth_union_member: false, course_certificate_date: null, created_at: now, updated_at: now })
      .returning('id')
      .executeTakeFirstOrThrow();
    const adm = await db
      .insertInto('admission_case')
      .values({ candidate_id: cand.id, citizen_id: citizenId, org_id: tree.cellA.id, org_path: tree.cellA.path, needs_grassroots_resolution: true, state: 'cell_resolved', opened_on: '2026-01-05', created_at: now, updated_at: now })
      .returning('id')
      .executeTakeFirstOrThrow();
    const step = { recorded_by: null, notes: null, details: '{}' };
    await db.insertInto('admission_step').values({ ...step, case_id: adm.id, kind: 'course_certificate', step_date: '2026-02-01', decision_no: null, outcome: 'done', votes_members: null, votes_in_favour: null, votes_against: null }).execute();
    await db.insertInto('admission_step').values({ ...step, case_id: adm.id, kind: 'cell_resolution', step_date: '2026-03-10', decision_no: `05-NQ/${tag}`, outcome: 'passed', votes_members: 12, votes_in_favour: 11, votes_against: 1 }).execute();
    const p = await insertTestMember(db, { org: tree.cellB, full_name: `Dự Bị ${tag}`, status: 'probationary', status_since: '2025-06-01', admission_date: '2025-06-01' });
    const rec = await db
      .insertInto('recognition_case')
      .values({ member_id: p.id, org_id: tree.cellB.id, org_path: tree.cellB.path, needs_grassroots_resolution: true, state: 'cell_resolved', opened_on: '2026-05-01', ceremony_date: '2025-06-01', created_at: now, updated_at: now })
      .returning('id')
      .executeTakeFirstOrThrow();
    await db.insertInto('recognition_step').values({ ...step, case_id: rec.id, kind: 'cell_resolution', step_date: '2026-06-05', decision_no: `09-NQ/${tag}`, outcome: 'passed', votes_members: 9, votes_in_favour: 9, votes_against: 0, details: '{"proposal":"recognize"}' }).execute();
    const x = await insertTestMember(db, { org: tree.cellA, full_name: `Xóa Tên ${tag}`, status: 'official', status_since: '2015-01-01' });
    const rem = await db
      .insertInto('removal_case')
      .values({ member_id: x.id, org_id: tree.cellA.id, org_path: tree.cellA.path, needs_grassroots_resolution: true, state: 'opened', opened_on: '2025-10-01', grounds: '["missed_meetings"]', member_status_before: 'official' })
      .returning('id')
      .executeTakeFirstOrThrow();
    await db.insertInto('removal_step').values({ ...step, case_id: rem.id, kind: 'cell_resolution', step_date: '2025-12-15', decision_no: `12-NQ/${tag}`, outcome: 'failed', votes_members: 12, votes_in_favour: 6, votes_against: 6 }).execute();
  }

  beforeAll(async () => {
    const db = h().database.db;
    t = await insertTestTree(db, 'NQ');
    other = await insertTestTree(db, 'NK');
    await cases(t, 'NQ', '001098000301');
    await cases(other, 'NK', '001098000302');
    await userWithRoles(db, 'staff.nq', 'mat-khau-staff-nq-1', [{ role: 'org_staff', orgId: t.commune.id }]);
    await userWithRoles(db, 'committee.nq', 'mat-khau-committee-nq-1', [{ role: 'committee', orgId: t.cellA.id }]);
    await userWithRoles(db, 'staff.nk', 'mat-khau-staff-nk-1', [{ role: 'org_staff', orgId: other.commune.id }]);
    staff = await signIn(h().app, 'staff.nq', 'mat-khau-staff-nq-1');
    committee = await signIn(h().app, 'committee.nq', 'mat-khau-committee-nq-1');
    staffOther = await signIn(h().app, 'staff.nk', 'mat-khau-staff-nk-1');
  });

  it('R-REC-11: the chi bộ resolutions of admission, recognition and removal cases in scope, with votes and result, in date order', async () => {
    const rows = await cellResolutions(h().database.db, makeScope([t.commune.path]), null);
    expect(rows.map((r) => [r.case_kind, r.step_date, r.decision_no, r.subject_name, r.votes_in_favour, r.outcome])).toEqual([
      ['removal', '2025-12-15', '12-NQ/NQ', 'Xóa Tên Nq', 6, 'failed'],
      ['admission', '2026-03-10', '05-NQ/NQ', 'Quần Chúng NQ', 11, 'passed'],
      ['recognition', '2026-06-05', '09-NQ/NQ', 'Dự Bị Nq', 9, 'passed'],
    ]);
    expect((await cellResolutions(h().database.db, makeScope([t.commune.path]), 2025)).map((r) => r.case_kind)).toEqual(['removal']);
    expect(await cellResolutions(h().database.db, makeScope([]), null)).toEqual([]);
  });

  it('R-REC-11: exported as Excel for the caller\'s subtree, audited; out of scope 404, a cell committee 403, anonymous 401', async () => {
    const res = await call(h(), 'GET', `/api/registers/cell-resolutions/export?org=${t.commune.id}`, staff.headers);
    expect(res.statusCode, res.body).toBe(200);
    const text = await sheetText(res);
    expect(text).toContain('SỔ NGHỊ QUYẾT CHI BỘ VỀ ĐẢNG VIÊN');
    expect(text).toContain('Kết nạp đảng viên');
    expect(text).toContain('Không thông qua');
    expect(text).toContain('05-NQ/NQ');
    expect(text).not.toContain('NK');
    const year = await sheetText(await call(h(), 'GET', '/api/registers/cell-resolutions/export?year=2026', staff.headers));
    expect(year).toContain('Năm 2026');
    expect(year).not.toContain('12-NQ/NQ');
    const audit = await h().database.db.selectFrom('audit_log').select('after').where('action', '=', 'cell_resolution.register_export').orderBy('id').execute();
    expect(audit.map((a) => (a.after as { rows: number }).rows)).toEqual([3, 2]);
    const outside = await call(h(), 'GET', `/api/registers/cell-resolutions/export?org=${t.commune.id}`, staffOther.headers);
    expect(outside.statusCode).toBe(404);
    expect((await call(h(), 'GET', '/api/registers/cell-resolutions/export', committee.headers)).statusCode).toBe(403);
    expect((await call(h(), 'GET', '/api/registers/cell-resolutions/export', {})).statusCode).toBe(401);
  });
});
