import ExcelJS from 'exceljs';
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { beforeAll, expect, it } from 'vitest';
import { describeApi, signIn, userWithRoles, type ApiHarness, type Session } from '../../../test/api.js';
import { insertTestMember, insertTestTree } from '../../../test/factories.js';
import { makeScope } from '../auth/scope.js';
import * as repo from './dossier.repository.js';

type Tree = Awaited<ReturnType<typeof insertTestTree>>;
type Movement = { id: number; kind: string; holder: { id: number }; date: string; dueBack: string | null; returnedOn: string | null; overdue: boolean; member: { id: number } };

function call(h: ApiHarness, method: InjectOptions['method'], url: string, payload?: unknown, headers = h.headers): Promise<LightMyRequestResponse> {
  return h.app.inject({ method, url, payload: payload as InjectOptions['payload'], headers });
}

async function counts(h: ApiHarness) {
  const db = h.database.db;
  const n = async (t: 'dossier_movement' | 'dossier_reconciliation' | 'audit_log') => Number((await db.selectFrom(t).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
  const open = await db.selectFrom('dossier_movement').select((eb) => eb.fn.countAll<number>().as('n')).where('returned_on', 'is', null).where('kind', '=', 'lent').executeTakeFirstOrThrow();
  return { movements: await n('dossier_movement'), reconciliations: await n('dossier_reconciliation'), audit: await n('audit_log'), openLoans: Number(open.n) };
}

// Today is 2026-11-20.
describeApi('member dossiers: the handover and loan register', (h) => {
  let t: Tree;
  let other: Tree;
  let commune: Session;
  let cellCommittee: Session;
  let staffOther: Session;
  const m: Record<string, number> = {};
  const error = (res: LightMyRequestResponse) => res.json().error as { code: string; details: { field?: string } };
  const move = (body: Record<string, unknown>, headers = commune.headers) => call(h(), 'POST', '/api/dossiers/movements', body, headers);
  const receive = (key: string, holderOrgId: number, extra: Record<string, unknown> = {}, headers = commune.headers) =>
    move({ kind: 'received', memberId: m[key], holderOrgId, date: '2026-01-10', reason: 'admission', ...extra }, headers);

  beforeAll(async () => {
    const db = h().database.db;
    t = await insertTestTree(db, 'DS');
    other = await insertTestTree(db, 'DK');
    const add = async (key: string, org: { id: number; path: string }, extra: Record<string, unknown> = {}) => {
      m[key] = (await insertTestMember(db, { org, full_name: `Hồ Sơ ${key}`, status: 'official', status_since: '2015-01-01', ...extra })).id;
    };
    await add('first', t.cellA);
    await add('second', t.cellA);
    await add('third', t.cellB);
    await add('gcell', t.gcell);
    await add('nodossier', t.cellB);
    await add('gone', t.cellB);
    await add('elsewhere', other.cellA);
    await userWithRoles(db, 'staff.ds', 'mat-khau-commune-ds-1', [{ role: 'org_staff', orgId: t.commune.id }]);
    await userWithRoles(db, 'committee.ds', 'mat-khau-committee-ds-1', [{ role: 'committee', orgId: t.cellA.id }]);
    await userWithRoles(db, 'staff.dk', 'mat-khau-staff-dk-1', [{ role: 'org_staff', orgId: other.commune.id }]);
    commune = await signIn(h().app, 'staff.ds', 'mat-khau-commune-ds-1');
    cellCommittee = await signIn(h().app, 'committee.ds', 'mat-khau-committee-ds-1');
    staffOther = await signIn(h().app, 'staff.dk', 'mat-khau-staff-dk-1');
  });

  it('R-REC-06: the grassroots org or the direct superior receives a dossier, no other org; a dossier held is not received twice', async () => {
    const before = await counts(h());
    expect(error(await receive('first', t.cellA.id))).toMatchObject({ code: 'DOSSIER_KEEPER_INVALID', details: { field: 'holderOrgId' } });
    expect(error(await receive('gcell', t.committee.id))).toMatchObject({ code: 'DOSSIER_KEEPER_INVALID' });
    expect(error(await receive('first', t.committee.id, { date: '2026-12-01' }))).toMatchObject({ code: 'DATE_IN_FUTURE', details: { field: 'date' } });
    expect((await receive('first', t.committee.id, { reason: 'transfer_out' })).statusCode).toBe(400);
    // The cell's committee cannot write for the đảng ủy cơ sở above it.
    expect(error(await receive('first', t.committee.id, {}, cellCommittee.headers))).toMatchObject({ code: 'ORG_NOT_FOUND', details: { field: 'holderOrgId' } });
    expect((await receive('elsewhere', other.committee.id)).statusCode).toBe(404);
    expect(await counts(h())).toEqual(before);

    const ok = await receive('first', t.committee.id, { counterpart: 'Chi bộ DS A', documentNo: 'BB-01' });
    expect(ok.statusCode, ok.body).toBe(201);
    expect(ok.json()).toMatchObject({ kind: 'received', reason: 'admission', holder: { id: t.committee.id }, date: '2026-01-10', counterpart: 'Chi bộ DS A', documentNo: 'BB-01', overdue: false });
    for (const key of ['second', 'third', 'gone']) expect((await receive(key, t.committee.id)).statusCode).toBe(201);
    expect((await receive('gcell', t.commune.id, { reason: 'other', counterpart: 'Chi bộ cơ sở chưa có tủ hồ sơ' })).statusCode).toBe(201);
    const again = await counts(h());
    expect(error(await receive('first', t.commune.id, { date: '2026-02-01' }))).toMatchObject({ code: 'DOSSIER_ALREADY_HELD', details: { field: 'memberId' } });
    expect(await counts(h())).toEqual(again);
  });

  it('R-REC-11: a loan to a named person with purpose and due date; a dossier on loan is not lent again nor handed over, and a refusal writes nothing', async () => {
    const lend = (key: string, extra: Record<string, unknown> = {}) =>
      move({ kind: 'lent', memberId: m[key], date: '2026-11-02', counterpart: 'Đ/c Lê Văn Kiểm (UBKT)', purpose: 'Thẩm tra lý lịch', dueBack: '2026-11-30', ...extra });
    expect((await lend('first', { dueBack: undefined })).json().error).toMatchObject({ code: 'VALIDATION', details: [{ field: 'body.dueBack' }] });
    const before = await counts(h());
    expect(error(await lend('first', { dueBack: '2026-11-01' }))).toMatchObject({ code: 'DOSSIER_DUE_BEFORE_LOAN', details: { field: 'dueBack' } });
    expect(error(await lend('first', { date: '2026-01-09' }))).toMatchObject({ code: 'DOSSIER_BEFORE_LAST', details: { field: 'date' } });
    expect(error(await lend('nodossier'))).toMatchObject({ code: 'DOSSIER_NOT_HELD', details: { field: 'memberId' } });
    expect(await counts(h())).toEqual(before);

    const ok = await lend('first');
    expect(ok.statusCode, ok.body).toBe(201);
    expect(ok.json()).toMatchObject({ kind: 'lent', holder: { id: t.committee.id }, counterpart: 'Đ/c Lê Văn Kiểm (UBKT)', purpose: 'Thẩm tra lý lịch', dueBack: '2026-11-30', returnedOn: null, overdue: false });
    const lent = await counts(h());
    expect(lent).toMatchObject({ movements: before.movements + 1, openLoans: before.openLoans + 1, audit: before.audit + 1 });
    const twice = await lend('first', { date: '2026-11-03', counterpart: 'Người khác' });
    expect(twice.statusCode).toBe(409);
    expect(error(twice)).toMatchObject({ code: 'DOSSIER_ON_LOAN', details: { field: 'memberId' } });
    expect(twice.json().error.message).toContain('Đ/c Lê Văn Kiểm');
    expect(error(await move({ kind: 'handed_over', memberId: m.first, date: '2026-11-03', reason: 'to_superior', counterpart: 'Đảng bộ xã DS' }))).toMatchObject({ code: 'DOSSIER_ON_LOAN' });
    expect(await counts(h())).toEqual(lent);
    // Another subtree's staff cannot touch it: it looks missing.
    expect((await move({ kind: 'lent', memberId: m.second, date: '2026-11-03', counterpart: 'X', purpose: 'Y', dueBack: '2026-11-10' }, staffOther.headers)).statusCode).toBe(404);
    expect(await counts(h())).toEqual(lent);
  });

  it('R-REC-11: the return, never before the loan, only of a loan still out; the loan filters and overdue', async () => {
    const loan = (await call(h(), 'GET', `/api/dossiers?org=${t.commune.id}&loan=out`, undefined, commune.headers)).json().items[0] as Movement;
    expect(loan).toMatchObject({ kind: 'lent', member: { id: m.first } });
    const before = await counts(h());
    const early = await call(h(), 'POST', `/api/dossiers/movements/${loan.id}/return`, { date: '2026-11-01' }, commune.headers);
    expect(error(early)).toMatchObject({ code: 'DOSSIER_RETURN_BEFORE_LOAN', details: { field: 'date' } });
    expect((await call(h(), 'POST', `/api/dossiers/movements/${loan.id}/return`, { date: '2026-11-10' }, staffOther.headers)).statusCode).toBe(404);
    expect(await counts(h())).toEqual(before);
    const back = await call(h(), 'POST', `/api/dossiers/movements/${loan.id}/return`, { date: '2026-11-10' }, commune.headers);
    expect(back.json(), back.body).toMatchObject({ returnedOn: '2026-11-10', overdue: false });
    expect(error(await call(h(), 'POST', `/api/dossiers/movements/${loan.id}/return`, { date: '2026-11-11' }, commune.headers))).toMatchObject({ code: 'DOSSIER_NOT_LENT' });
    const received = (await call(h(), 'GET', `/api/dossiers?memberId=${m.second}`, undefined, commune.headers)).json().items[0] as Movement;
    expect(error(await call(h(), 'POST', `/api/dossiers/movements/${received.id}/return`, { date: '2026-11-11' }, commune.headers))).toMatchObject({ code: 'DOSSIER_NOT_LENT' });

    // An overdue loan (due back on 2026-11-15) and one still within its time.
    const late = await move({ kind: 'lent', memberId: m.second, date: '2026-11-01', counterpart: 'Đ/c Trần Thị Mượn', purpose: 'Xét kết nạp con', dueBack: '2026-11-15' });
    expect(late.json()).toMatchObject({ overdue: true });
    await move({ kind: 'lent', memberId: m.third, date: '2026-11-18', counterpart: 'Đ/c Phạm Văn Đọc', purpose: 'Quy hoạch cán bộ', dueBack: '2026-11-25' });
    const out = (await call(h(), 'GET', `/api/dossiers?org=${t.commune.id}&loan=out`, undefined, commune.headers)).json();
    expect(out.items.map((x: Movement) => x.member.id).sort()).toEqual([m.second, m.third].sort());
    const overdue = (await call(h(), 'GET', `/api/dossiers?org=${t.commune.id}&loan=overdue`, undefined, commune.headers)).json();
    expect(overdue).toMatchObject({ total: 1, items: [{ member: { id: m.second }, overdue: true }] });
    // The cell's committee sees the register of keepers in its scope only: none.
    expect((await call(h(), 'GET', '/api/dossiers', undefined, cellCommittee.headers)).json().total).toBe(0);
    expect((await call(h(), 'GET', '/api/dossiers', undefined, staffOther.headers)).json().total).toBe(0);
    expect((await call(h(), 'GET', `/api/dossiers?org=${t.commune.id}`, undefined, staffOther.headers)).statusCode).toBe(404);
  });

  it('R-REC-06/R-ORG-17: a handover (to the upper level, transfer out) ends the keeper’s custody; the member page says where the dossier is', async () => {
    const facts = async (key: string, headers = cellCommittee.headers) => (await call(h(), 'GET', `/api/records/members/${m[key]}`, undefined, headers)).json().dossier;
    expect(await facts('second')).toMatchObject({ state: 'on_loan', holder: { id: t.committee.id }, since: '2026-11-01', counterpart: 'Đ/c Trần Thị Mượn', dueBack: '2026-11-15', overdue: true });
    expect(await facts('first')).toMatchObject({ state: 'held', holder: { id: t.committee.id }, since: '2026-11-10', counterpart: null });
    const up = await move({ kind: 'handed_over', memberId: m.first, date: '2026-11-12', reason: 'to_superior', counterpart: 'Đảng bộ xã DS', documentNo: 'BB-07' });
    expect(up.statusCode, up.body).toBe(201);
    expect(await facts('first')).toMatchObject({ state: 'handed_over', holder: { id: t.committee.id }, counterpart: 'Đảng bộ xã DS' });
    expect(error(await move({ kind: 'lent', memberId: m.first, date: '2026-11-13', counterpart: 'X', purpose: 'Y', dueBack: '2026-11-20' }))).toMatchObject({ code: 'DOSSIER_NOT_HELD' });
    const dissolved = await receive('first', t.commune.id, { date: '2026-11-12', reason: 'dissolution', counterpart: 'Đảng bộ cơ sở DS' });
    expect(dissolved.json(), dissolved.body).toMatchObject({ holder: { id: t.commune.id }, reason: 'dissolution' });
    expect(await facts('first')).toMatchObject({ state: 'held', holder: { id: t.commune.id } });
    expect(await facts('nodossier', commune.headers)).toBeNull();
    const trail = await h().database.db.selectFrom('audit_log').select('action').where('entity_type', '=', 'dossier_movement').orderBy('id').execute();
    expect(new Set(trail.map((a) => a.action))).toEqual(new Set(['dossier.receive', 'dossier.lend', 'dossier.return', 'dossier.hand_over']));
  });

  it('R-REC-08: reconciling an org lists members without a held dossier and dossiers of people not on the list, and sets the next date six months on', async () => {
    await h().database.db.updateTable('member').set({ status: 'deceased' }).where('id', '=', m.gone!).execute();
    const status = await call(h(), 'GET', `/api/dossiers/reconciliation?org=${t.commune.id}`, undefined, commune.headers);
    expect(status.json()).toMatchObject({ lastReconciledOn: null, nextDue: '2026-11-20', due: true });
    const before = await counts(h());
    expect((await call(h(), 'POST', '/api/dossiers/reconciliations', { orgId: other.commune.id, date: '2026-11-20' }, commune.headers)).statusCode).toBe(404);
    expect(error(await call(h(), 'POST', '/api/dossiers/reconciliations', { orgId: t.commune.id, date: '2026-11-21' }, commune.headers))).toMatchObject({ code: 'DATE_IN_FUTURE' });
    // Before HD06 no reconciliation period is verified: refused, nothing written.
    expect(error(await call(h(), 'POST', '/api/dossiers/reconciliations', { orgId: t.commune.id, date: '2025-01-10' }, commune.headers))).toMatchObject({ code: 'RULE_NOT_IN_FORCE' });
    expect(await counts(h())).toEqual(before);
    const res = await call(h(), 'POST', '/api/dossiers/reconciliations', { orgId: t.commune.id, date: '2026-11-20' }, commune.headers);
    expect(res.statusCode, res.body).toBe(201);
    const r = res.json();
    expect(r).toMatchObject({ org: { id: t.commune.id }, reconciledOn: '2026-11-20', nextDue: '2027-05-20', membersOnList: 5, dossiersHeld: 5 });
    expect(r.withoutDossier.map((p: { id: number }) => p.id)).toEqual([m.nodossier]);
    expect(r.notOnList).toMatchObject([{ id: m.gone, status: 'deceased' }]);
    expect(await counts(h())).toMatchObject({ reconciliations: before.reconciliations + 1, audit: before.audit + 1 });
    // The đảng ủy cơ sở alone: the chi bộ cơ sở's member and dossier are outside it.
    const committee = (await call(h(), 'POST', '/api/dossiers/reconciliations', { orgId: t.committee.id, date: '2026-11-20' }, commune.headers)).json();
    expect(committee).toMatchObject({ membersOnList: 4 });
    expect(committee.withoutDossier.map((p: { id: number }) => p.id).sort()).toEqual([m.first, m.nodossier].sort());
    expect((await call(h(), 'GET', `/api/dossiers/reconciliation?org=${t.commune.id}`, undefined, commune.headers)).json()).toMatchObject({ lastReconciledOn: '2026-11-20', nextDue: '2027-05-20', due: false });
    expect((await call(h(), 'GET', `/api/dossiers/reconciliation?org=${t.commune.id}`, undefined, staffOther.headers)).statusCode).toBe(404);
  });

  it('R-REC-11: the register as an Excel file in the paper layout, audited; scoped', async () => {
    const file = await call(h(), 'GET', `/api/dossiers/export?org=${t.commune.id}`, undefined, commune.headers);
    expect(file.statusCode, file.body).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(file.rawPayload as unknown as ArrayBuffer);
    const text = JSON.stringify(wb.worksheets[0]!.getSheetValues());
    for (const s of ['SỔ GIAO NHẬN, MƯỢN TRẢ HỒ SƠ ĐẢNG VIÊN', 'STT', 'Số lý lịch', 'Mục đích', 'Hẹn trả', 'Ngày trả', 'Ký nhận', 'Đ/c Lê Văn Kiểm (UBKT)', 'Thẩm tra lý lịch', 'Hồ Sơ First']) expect(text).toContain(s);
    const audit = await h().database.db.selectFrom('audit_log').select('after').where('action', '=', 'dossier.register_export').executeTakeFirstOrThrow();
    expect(audit.after).toMatchObject({ rows: (await counts(h())).movements });
    expect((await call(h(), 'GET', `/api/dossiers/export?org=${t.commune.id}`, undefined, staffOther.headers)).statusCode).toBe(404);
    expect((await call(h(), 'GET', '/api/dossiers/export', undefined, cellCommittee.headers)).statusCode).toBe(403);
    expect((await call(h(), 'GET', '/api/dossiers/export', undefined, {})).statusCode).toBe(401);
  });

  it('keeps the other subtree out, in the repository itself', async () => {
    const db = h().database.db;
    const sibling = makeScope([other.commune.path]);
    const loan = (await call(h(), 'GET', `/api/dossiers?org=${t.commune.id}&loan=out`, undefined, commune.headers)).json().items[0] as Movement;
    expect(await repo.findMovement(db, sibling, loan.id)).toBeUndefined();
    expect(await repo.returnLoan(db, sibling, loan.id, { returned_on: '2026-11-20', returned_by: null, returned_at: new Date() })).toBe(0);
    expect((await repo.listMovements(db, sibling, { onLoan: false, overdueBefore: null, memberId: null }, { limit: 10, offset: 0 })).total).toBe(0);
    expect(await repo.heldDossiers(db, sibling)).toEqual([]);
    const row = { member_id: m.nodossier!, holder_org_id: t.committee.id, kind: 'received', reason: 'other', moved_on: '2026-11-20', counterpart: null, purpose: null, due_back: null, document_no: null, created_by: null, created_at: new Date() };
    expect(await repo.insertMovement(db, sibling, row)).toBeUndefined();
    expect(await repo.insertReconciliation(db, sibling, { org_id: t.commune.id, reconciled_on: '2026-11-20', without_dossier: 0, not_on_list: 0, created_by: null, created_at: new Date() })).toBeUndefined();
    expect(await repo.lastReconciliation(db, sibling, t.commune.id)).toBeUndefined();
    expect(await repo.lastMovementOfMember(db, sibling, m.first!)).toBeUndefined();
    expect((await call(h(), 'GET', `/api/dossiers/movements/${loan.id}`, undefined, staffOther.headers)).statusCode).toBe(404);
    // The database itself refuses a second open loan of one dossier, whatever the path.
    await expect(db.insertInto('dossier_movement').values({ ...row, member_id: m.second!, kind: 'lent', reason: null, counterpart: 'X', purpose: 'Y', due_back: '2026-12-01' }).execute()).rejects.toThrow();
  });
});
