import ExcelJS from 'exceljs';
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { beforeAll, expect, it } from 'vitest';
import { describeApi, signIn, userWithRoles, type ApiHarness, type Session } from '../../../test/api.js';
import { insertTestMember, insertTestTree } from '../../../test/factories.js';
import { makeScope } from '../auth/scope.js';
import * as repo from './transfer-slip.repository.js';

type Tree = Awaited<ReturnType<typeof insertTestTree>>;

function call(h: ApiHarness, method: InjectOptions['method'], url: string, payload?: unknown, headers = h.headers): Promise<LightMyRequestResponse> {
  return h.app.inject({ method, url, payload: payload as InjectOptions['payload'], headers });
}

async function counts(h: ApiHarness) {
  const db = h.database.db;
  const n = async (t: 'transfer_slip' | 'audit_log') => Number((await db.selectFrom(t).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
  return { slips: await n('transfer_slip'), audit: await n('audit_log') };
}

// Today is 2026-11-20.
describeApi('transfer slips (phiếu báo)', (h) => {
  let t: Tree;
  let other: Tree;
  let commune: Session;
  let receiving: Session;
  let staffOther: Session;
  const cases: Record<string, number> = {};
  const members: Record<string, number> = {};
  const error = (res: LightMyRequestResponse) => res.json().error as { code: string; details: { field?: string; problem?: string } };

  async function insertCase(key: string, tree: Tree, o: { kind?: 'permanent' | 'temporary'; letterDate: string | null; state?: string }) {
    const db = h().database.db;
    const m = await insertTestMember(db, { org: tree.cellA, full_name: `Phiếu Báo ${key}`, status: 'official', status_since: '2015-01-01' });
    members[key] = m.id;
    const kind = o.kind ?? 'permanent';
    const c = await db
      .insertInto('transfer_case')
      .values({
        member_id: m.id, kind, temporary_basis: kind === 'temporary' ? 'stay' : null, reason: 'Chuyển nơi công tác', cause_date: '2026-06-01', end_date: kind === 'temporary' ? '2027-01-01' : null,
        source_org_id: tree.cellA.id, source_path: tree.cellA.path, destination: 'inside', destination_org_id: tree.cellB.id, destination_path: tree.cellB.path, destination_text: null,
        same_superior: true, grassroots_under_province: false, state: o.state ?? (o.letterDate ? 'letter_issued' : 'requested'), opened_on: '2026-06-01', closed_on: null,
        self_review_date: null, dues_date: null, dues_paid_through: null, letter_date: o.letterDate, letter_no: o.letterDate ? `${key}-GGT` : null, letter_type: null, letter_issuer: null,
        received_on: null, completed_on: null, created_at: new Date(), updated_at: new Date(),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    cases[key] = c.id;
  }

  beforeAll(async () => {
    const db = h().database.db;
    t = await insertTestTree(db, 'PB');
    other = await insertTestTree(db, 'PK');
    await insertCase('old', t, { letterDate: '2026-07-01' });
    await insertCase('fresh', t, { letterDate: '2026-11-02' });
    await insertCase('temporary', t, { kind: 'temporary', letterDate: '2026-11-02' });
    await insertCase('noLetter', t, { letterDate: null });
    await insertCase('elsewhere', other, { letterDate: '2026-07-01' });
    // The member of the old slip has an open removal case (R-EXIT-05 leads there).
    await db.insertInto('removal_case').values({ member_id: members.old!, org_id: t.cellA.id, org_path: t.cellA.path, needs_grassroots_resolution: true, state: 'opened', opened_on: '2026-11-10', grounds: '["transfer_not_submitted"]', member_status_before: 'official' }).execute();
    await userWithRoles(db, 'staff.pb', 'mat-khau-staff-pb-1', [{ role: 'org_staff', orgId: t.commune.id }]);
    await userWithRoles(db, 'committee.pb.b', 'mat-khau-committee-pb-1', [{ role: 'committee', orgId: t.cellB.id }]);
    await userWithRoles(db, 'staff.pk', 'mat-khau-staff-pk-1', [{ role: 'org_staff', orgId: other.commune.id }]);
    commune = await signIn(h().app, 'staff.pb', 'mat-khau-staff-pb-1');
    receiving = await signIn(h().app, 'committee.pb.b', 'mat-khau-committee-pb-1');
    staffOther = await signIn(h().app, 'staff.pk', 'mat-khau-staff-pk-1');
  });

  it('R-TRF-09: refuses slips without a letter, for a temporary letter, dated before the letter, from the receiving end or out of scope, writing nothing', async () => {
    const before = await counts(h());
    const issue = (key: string, body: Record<string, unknown>, s: Session) => call(h(), 'POST', `/api/transfers/${cases[key]}/slip`, { slipNo: '01/PB', issuedOn: '2026-11-05', ...body }, s.headers);
    expect(error(await issue('noLetter', {}, commune))).toMatchObject({ code: 'TRANSFER_SLIP_NOT_ALLOWED', details: { problem: 'no_letter' } });
    expect(error(await issue('temporary', {}, commune))).toMatchObject({ code: 'TRANSFER_SLIP_NOT_ALLOWED', details: { problem: 'kind_without_slip' } });
    expect(error(await issue('fresh', { issuedOn: '2026-11-01' }, commune))).toMatchObject({ code: 'TRANSFER_SLIP_NOT_ALLOWED', details: { field: 'issuedOn' } });
    expect(error(await issue('fresh', { issuedOn: '2026-11-21' }, commune))).toMatchObject({ code: 'DATE_IN_FUTURE', details: { field: 'issuedOn' } });
    const other = await issue('fresh', {}, receiving);
    expect(other.statusCode).toBe(403);
    expect(error(other).code).toBe('TRANSFER_OTHER_SIDE');
    const outside = await issue('fresh', {}, staffOther);
    expect(outside.statusCode).toBe(404);
    expect(outside.body).not.toContain('Phiếu Báo');
    const anonymous = await call(h(), 'POST', `/api/transfers/${cases.fresh}/slip`, { slipNo: '1', issuedOn: '2026-11-05' }, {});
    expect(anonymous.statusCode).toBe(401);
    expect(await counts(h())).toEqual(before);
  });

  it('R-TRF-09: the sending side records the 2 slips once; the receiving side returns one; R-REC-08 check day 3 months on', async () => {
    const res = await call(h(), 'POST', `/api/transfers/${cases.fresh}/slip`, { slipNo: '02/PB', issuedOn: '2026-11-05', copyTo: 'Lưu Đảng bộ xã PB' }, commune.headers);
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().slip).toMatchObject({ slipNo: '02/PB', issuedOn: '2026-11-05', sentTo: 'Chi bộ PB B', copyTo: 'Lưu Đảng bộ xã PB', returnedOn: null, checkDue: '2027-02-05', overdue: false, lapsed: false, version: 1 });
    const again = await call(h(), 'POST', `/api/transfers/${cases.fresh}/slip`, { slipNo: '03/PB', issuedOn: '2026-11-06' }, commune.headers);
    expect(error(again)).toMatchObject({ code: 'TRANSFER_SLIP_EXISTS' });

    // The receiving cell sees the case from its end and returns the slip.
    expect((await call(h(), 'GET', `/api/transfers/${cases.fresh}/slip`, undefined, receiving.headers)).json().slip.slipNo).toBe('02/PB');
    expect((await call(h(), 'GET', `/api/transfers/${cases.fresh}/slip`, undefined, staffOther.headers)).statusCode).toBe(404);
    const early = await call(h(), 'POST', `/api/transfers/${cases.fresh}/slip/return`, { returnedOn: '2026-11-04', version: 1 }, receiving.headers);
    expect(error(early)).toMatchObject({ code: 'TRANSFER_SLIP_RETURN_INVALID', details: { problem: 'before_issue' } });
    const outside = await call(h(), 'POST', `/api/transfers/${cases.fresh}/slip/return`, { returnedOn: '2026-11-10', version: 1 }, staffOther.headers);
    expect(outside.statusCode).toBe(404);
    const back = await call(h(), 'POST', `/api/transfers/${cases.fresh}/slip/return`, { returnedOn: '2026-11-10', note: 'Đã nhận hồ sơ', version: 1 }, receiving.headers);
    expect(back.statusCode, back.body).toBe(200);
    expect(back.json().slip).toMatchObject({ returnedOn: '2026-11-10', returnNote: 'Đã nhận hồ sơ', version: 2 });
    const twice = await call(h(), 'POST', `/api/transfers/${cases.fresh}/slip/return`, { returnedOn: '2026-11-11', version: 2 }, commune.headers);
    expect(error(twice)).toMatchObject({ code: 'TRANSFER_SLIP_RETURN_INVALID', details: { problem: 'already_returned' } });
    const audit = await h().database.db.selectFrom('audit_log').select('action').where('entity_type', '=', 'transfer_slip').orderBy('id').execute();
    expect(audit.map((a) => a.action)).toEqual(['transfer_slip.issue', 'transfer_slip.return']);
  });

  it('R-REC-08 and R-EXIT-05: a slip not back 3 months on is overdue, and its member has not presented the dossier (with the removal case)', async () => {
    const res = await call(h(), 'POST', `/api/transfers/${cases.old}/slip`, { slipNo: '01/PB', issuedOn: '2026-07-01' }, commune.headers);
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().slip).toMatchObject({ checkDue: '2026-10-01', overdue: true, lapseDate: '2026-10-01', lapsed: true });
    const elsewhere = await call(h(), 'POST', `/api/transfers/${cases.elsewhere}/slip`, { slipNo: '01/PK', issuedOn: '2026-07-01' }, staffOther.headers);
    expect(elsewhere.statusCode, elsewhere.body).toBe(201);

    const list = async (filter: string, s: Session) => (await call(h(), 'GET', `/api/transfer-slips?filter=${filter}&org=${t.commune.id}`, undefined, s.headers)).json().items as { slipNo: string; member: { id: number }; exitCaseId: number | null }[];
    expect((await list('all', commune)).map((i) => i.slipNo)).toEqual(['01/PB', '02/PB']);
    const overdue = await list('overdue', commune);
    expect(overdue.map((i) => i.slipNo)).toEqual(['01/PB']);
    const lapsed = await list('lapsed', commune);
    expect(lapsed).toMatchObject([{ slipNo: '01/PB', member: { id: members.old } }]);
    expect(lapsed[0]!.exitCaseId).toEqual(expect.any(Number));
    // The other province's staff cannot list under this commune, and its own list holds only its slip.
    expect((await call(h(), 'GET', `/api/transfer-slips?org=${t.commune.id}`, undefined, staffOther.headers)).statusCode).toBe(404);
    const theirs = (await call(h(), 'GET', '/api/transfer-slips?filter=lapsed', undefined, staffOther.headers)).json().items as { slipNo: string }[];
    expect(theirs.map((i) => i.slipNo)).toEqual(['01/PK']);
    // Below the repository: a foreign scope reads and writes nothing.
    const foreign = makeScope([other.commune.path]);
    expect(await repo.slipOfCase(h().database.db, foreign, cases.old!)).toBeUndefined();
    expect(await repo.returnSlip(h().database.db, foreign, Number(res.json().slip.id), 1, { returned_on: '2026-11-20', return_note: null, returned_by: null, updated_at: new Date() })).toBe(0);
  });

  it('R-REC-11: the register of transfer slips as Excel, audited, only the caller\'s slips', async () => {
    const res = await call(h(), 'GET', '/api/transfer-slips/export', undefined, commune.headers);
    expect(res.statusCode, res.body).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const text = JSON.stringify(wb.worksheets[0]!.getSheetValues());
    expect(text).toContain('SỔ THEO DÕI PHIẾU BÁO CHUYỂN SINH HOẠT ĐẢNG');
    expect(text).toContain('01/PB');
    expect(text).toContain('Quá 3 tháng chưa nộp hồ sơ');
    expect(text).not.toContain('01/PK');
    const audit = await h().database.db.selectFrom('audit_log').select('after').where('action', '=', 'transfer_slip.register_export').execute();
    expect(audit).toHaveLength(1);
    // A cell committee may read slips but not export the register.
    expect((await call(h(), 'GET', '/api/transfer-slips/export', undefined, receiving.headers)).statusCode).toBe(403);
  });
});
