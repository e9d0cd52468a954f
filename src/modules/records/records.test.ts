import ExcelJS from 'exceljs';
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { beforeAll, expect, it } from 'vitest';
import { describeApi, signIn, userWithRoles, type ApiHarness, type Session } from '../../../test/api.js';
import { insertTestMember, insertTestTree } from '../../../test/factories.js';
import { makeScope } from '../auth/scope.js';
import * as updateRepo from './record-update.repository.js';
import * as repo from './records.repository.js';

type Tree = Awaited<ReturnType<typeof insertTestTree>>;
type Card = { id: number; status: string; cardNo: string | null; model: string | null; requestMonth: string; reason: string; version: number; decidedBy: { id: number } | null; replacesId: number | null; lastCheckedOn: string | null };

function call(h: ApiHarness, method: InjectOptions['method'], url: string, payload?: unknown, headers = h.headers): Promise<LightMyRequestResponse> {
  return h.app.inject({ method, url, payload: payload as InjectOptions['payload'], headers });
}

async function counts(h: ApiHarness) {
  const db = h.database.db;
  const n = async (t: 'record_no_block' | 'member_record_no' | 'party_card' | 'audit_log') => Number((await db.selectFrom(t).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
  return { blocks: await n('record_no_block'), numbers: await n('member_record_no'), cards: await n('party_card'), audit: await n('audit_log') };
}

// Today is 2026-11-20.
describeApi('member records and party cards', (h) => {
  let t: Tree;
  let other: Tree;
  let commune: Session;
  let cellCommittee: Session;
  let staffOther: Session;
  const m: Record<string, number> = {};
  const error = (res: LightMyRequestResponse) => res.json().error as { code: string; details: { field?: string } };

  beforeAll(async () => {
    const db = h().database.db;
    t = await insertTestTree(db, 'RR');
    other = await insertTestTree(db, 'RK');
    const add = async (key: string, org: { id: number; path: string }, extra: Record<string, unknown> = {}) => {
      m[key] = (await insertTestMember(db, { org, full_name: `Hồ Sơ ${key}`, status: 'official', status_since: '2015-01-01', ...extra })).id;
    };
    await add('first', t.cellA, { citizen_id: '001085000111' });
    await add('second', t.cellA, { citizen_id: '001085000112' });
    await add('third', t.cellB, { citizen_id: '001085000113' });
    await add('probation', t.cellA, { status: 'probationary', status_since: '2026-03-01', admission_date: '2026-03-01' });
    await add('noId', t.gcell);
    await add('old', t.cellB, { citizen_id: '001085000114' });
    await add('holder', t.cellB, { party_card_no: '38012345' });
    await add('dies', t.cellB, { citizen_id: '001085000115' });
    await add('elsewhere', other.cellA, { citizen_id: '001085000119' });
    await userWithRoles(db, 'staff.commune', 'mat-khau-commune-1', [{ role: 'org_staff', orgId: t.commune.id }]);
    await userWithRoles(db, 'committee.cell', 'mat-khau-committee-1', [{ role: 'committee', orgId: t.cellA.id }]);
    await userWithRoles(db, 'staff.rk', 'mat-khau-staff-rk-1', [{ role: 'org_staff', orgId: other.commune.id }]);
    commune = await signIn(h().app, 'staff.commune', 'mat-khau-commune-1');
    cellCommittee = await signIn(h().app, 'committee.cell', 'mat-khau-committee-1');
    staffOther = await signIn(h().app, 'staff.rk', 'mat-khau-staff-rk-1');
  });

  it('R-REC-09: a province gives a direct superior a block; bad blocks and overlaps are refused and write nothing', async () => {
    const before = await counts(h());
    const bad = async (body: Record<string, unknown>, code: string, field: string, headers = h().headers) => {
      const res = await call(h(), 'POST', '/api/record-no-blocks', { holderOrgId: t.commune.id, code: 'RR', firstNo: 1, lastNo: 2, grantedOn: '2026-01-05', ...body }, headers);
      expect(error(res), res.body).toMatchObject({ code, details: { field } });
    };
    await bad({ code: 'rr1' }, 'RECORD_NO_CODE_INVALID', 'code');
    await bad({ firstNo: 0 }, 'RECORD_NO_BLOCK_INVALID', 'firstNo');
    await bad({ firstNo: 5, lastNo: 4 }, 'RECORD_NO_BLOCK_INVALID', 'lastNo');
    await bad({ holderOrgId: t.cellA.id }, 'RECORD_NO_HOLDER_INVALID', 'holderOrgId');
    await bad({ grantedOn: '2026-12-01' }, 'DATE_IN_FUTURE', 'grantedOn');
    // The commune's own staff cannot give itself numbers: the province gives them.
    await bad({}, 'RECORD_NO_BLOCK_BY_PROVINCE', 'holderOrgId', commune.headers);
    expect(await counts(h())).toEqual(before);

    const ok = await call(h(), 'POST', '/api/record-no-blocks', { holderOrgId: t.commune.id, code: 'RR', firstNo: 1, lastNo: 2, decisionNo: '12-QĐ/TU', grantedOn: '2026-01-05' });
    expect(ok.statusCode, ok.body).toBe(201);
    expect(ok.json()).toMatchObject({ code: 'RR', firstNo: 1, lastNo: 2, nextNo: 1, remaining: 2, range: '000001RR – 000002RR', holder: { id: t.commune.id } });
    // The same code from another province (a province formed by merger keeping the code) may not reuse a number.
    const merged = await call(h(), 'POST', '/api/record-no-blocks', { holderOrgId: other.commune.id, code: 'RR', firstNo: 2, lastNo: 9, grantedOn: '2026-01-05' });
    expect(error(merged)).toMatchObject({ code: 'RECORD_NO_BLOCK_OVERLAP', details: { field: 'firstNo' } });
    const next = await call(h(), 'POST', '/api/record-no-blocks', { holderOrgId: other.commune.id, code: 'RR', firstNo: 3, lastNo: 9, grantedOn: '2026-01-05' });
    expect(next.statusCode, next.body).toBe(201);
    const listed = await call(h(), 'GET', `/api/record-no-blocks?org=${t.commune.id}`, undefined, commune.headers);
    expect(listed.json().items.map((b: { range: string }) => b.range)).toEqual(['000001RR – 000002RR']);
    expect((await call(h(), 'GET', `/api/record-no-blocks?org=${t.commune.id}`, undefined, staffOther.headers)).statusCode).toBe(404);
  });

  it('R-REC-09: numbers in order from the holder’s block, one per member, refused when the block is used up', async () => {
    const assign = (key: string, headers = commune.headers) => call(h(), 'POST', `/api/records/members/${m[key]}/record-no`, { formFiledOn: '2026-02-01' }, headers);
    const first = await assign('first');
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json()).toMatchObject({ recordNo: '000001RR', formFiledOn: '2026-02-01', recordNoAssignedOn: '2026-11-20' });
    expect((await assign('second')).json().recordNo).toBe('000002RR');
    expect(error(await assign('first'))).toMatchObject({ code: 'RECORD_NO_ALREADY', details: { field: 'memberId' } });
    const before = await counts(h());
    expect(error(await assign('third'))).toMatchObject({ code: 'RECORD_NO_NO_BLOCK', details: { field: 'memberId' } });
    expect(await counts(h())).toEqual(before);
    // Only members who filed a phiếu: the date is required.
    const noForm = await call(h(), 'POST', `/api/records/members/${m.third}/record-no`, {}, commune.headers);
    expect(noForm.json().error).toMatchObject({ code: 'VALIDATION', details: [{ field: 'body.formFiledOn' }] });
    // The chi bộ does not give numbers: the direct superior does, from its block.
    expect(error(await assign('probation', cellCommittee.headers))).toMatchObject({ code: 'RECORD_NO_BY_SUPERIOR' });
    expect((await assign('elsewhere')).statusCode).toBe(404);
    const block = await call(h(), 'POST', '/api/record-no-blocks', { holderOrgId: t.commune.id, code: 'RR', firstNo: 10, lastNo: 20, grantedOn: '2026-11-01' });
    expect(block.statusCode, block.body).toBe(201);
    expect((await assign('third')).json().recordNo).toBe('000010RR');
    const facts = await call(h(), 'GET', `/api/records/members/${m.first}`, undefined, cellCommittee.headers);
    expect(facts.json()).toMatchObject({ recordNo: '000001RR', card: null, cards: [] });
  });

  it('R-REC-09: a number issued is never issued again (the unique number holds whatever the path)', async () => {
    const db = h().database.db;
    const block = await db.selectFrom('record_no_block').select('id').where('code', '=', 'RR').orderBy('first_no').executeTakeFirstOrThrow();
    await expect(
      db.insertInto('member_record_no').values({ member_id: m.old!, record_no: '000001RR', block_id: block.id, form_filed_on: '2026-01-01', assigned_on: '2026-01-01', created_by: null, created_at: new Date() }).execute(),
    ).rejects.toThrow();
    // A member who left keeps the number: the row stays and the block does not go back.
    await db.updateTable('member').set({ status: 'removed' }).where('id', '=', m.second!).execute();
    const again = await call(h(), 'POST', `/api/records/members/${m.second}/record-no`, { formFiledOn: '2026-02-01' }, commune.headers);
    expect(error(again).code).toBe('RECORD_NO_ALREADY');
    await db.updateTable('member').set({ status: 'official' }).where('id', '=', m.second!).execute();
  });

  it('R-REC-01: a probationary member gets no card; an official one is requested in the month’s batch, once', async () => {
    const before = await counts(h());
    const refused = await call(h(), 'POST', '/api/party-cards', { memberId: m.probation, requestedOn: '2026-11-03' }, cellCommittee.headers);
    expect(refused.statusCode).toBe(409);
    expect(error(refused)).toMatchObject({ code: 'PARTY_CARD_NOT_OFFICIAL', details: { field: 'memberId' } });
    expect(refused.json().error.message).toContain('Chỉ đảng viên chính thức');
    expect(await counts(h())).toEqual(before);
    const req = await call(h(), 'POST', '/api/party-cards', { memberId: m.first, requestedOn: '2026-11-03' }, cellCommittee.headers);
    expect(req.statusCode, req.body).toBe(201);
    expect(req.json()).toMatchObject({ status: 'requested', requestMonth: '2026-11', reason: 'new', cardNo: null, version: 1 });
    expect(error(await call(h(), 'POST', '/api/party-cards', { memberId: m.first, requestedOn: '2026-11-04' }, cellCommittee.headers))).toMatchObject({ code: 'PARTY_CARD_OPEN' });
    expect((await call(h(), 'POST', '/api/party-cards', { memberId: m.elsewhere, requestedOn: '2026-11-04' }, cellCommittee.headers)).statusCode).toBe(404);
  });

  it('R-REC-01/02: the direct superior decides; the number is the citizen ID under QĐ 347 and becomes the member’s card number', async () => {
    const card = (await call(h(), 'GET', `/api/party-cards?memberId=${m.first}`)).json().items[0] as Card;
    const decide = (body: Record<string, unknown>, headers = commune.headers) => call(h(), 'POST', `/api/party-cards/${card.id}/decision`, { decisionNo: '45-QĐ/ĐU', decisionDate: '2026-11-10', version: card.version, ...body }, headers);
    const before = await counts(h());
    // The cell's committee may request and hand over, not decide: the direct superior is outside its scope.
    expect(error(await decide({}, cellCommittee.headers))).toMatchObject({ code: 'PARTY_CARD_NOT_SUPERIOR' });
    expect(error(await decide({ cardNo: '001085000999' }))).toMatchObject({ code: 'PARTY_CARD_NUMBER', details: { field: 'cardNo' } });
    expect(error(await decide({ decisionDate: '2026-11-02' }))).toMatchObject({ code: 'DATE_ORDER', details: { field: 'decisionDate' } });
    expect(await counts(h())).toEqual(before);
    expect((await call(h(), 'GET', `/api/members/${m.first}`)).json()).toMatchObject({ partyCardNo: null, version: 1 });
    const ok = await decide({});
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ status: 'decided', cardNo: '001085000111', model: 'qd347', decisionNo: '45-QĐ/ĐU', decidedBy: { id: t.commune.id }, version: 2 });
    expect((await call(h(), 'GET', `/api/members/${m.first}`)).json()).toMatchObject({ partyCardNo: '001085000111', version: 2 });
    // Without a citizen ID there is no QĐ 347 number.
    const noId = (await call(h(), 'POST', '/api/party-cards', { memberId: m.noId, requestedOn: '2026-11-03' })).json() as Card;
    expect(error(await call(h(), 'POST', `/api/party-cards/${noId.id}/decision`, { decisionNo: '1', decisionDate: '2026-11-10', version: 1 }, commune.headers))).toMatchObject({ code: 'PARTY_CARD_NUMBER' });
  });

  it('R-REC-02: a decision the day before 2025-09-02 uses the old numbering, the day itself the citizen ID; a number in use is refused', async () => {
    const db = h().database.db;
    const cardOf = async (key: string, requestedOn: string) => {
      const id = Number((await db.insertInto('party_card').values({ member_id: m[key]!, reason: 'new', requested_on: requestedOn, request_month: requestedOn.slice(0, 7), created_by: null, created_at: new Date(), updated_by: null, updated_at: new Date() }).returning('id').executeTakeFirstOrThrow()).id);
      return id;
    };
    const oldCard = await cardOf('old', '2025-08-20');
    const decide = (id: number, body: Record<string, unknown>) => call(h(), 'POST', `/api/party-cards/${id}/decision`, { decisionNo: '7-QĐ/HU', version: 1, ...body }, commune.headers);
    expect(error(await decide(oldCard, { decisionDate: '2025-09-01' }))).toMatchObject({ code: 'PARTY_CARD_NUMBER', details: { field: 'cardNo' } });
    // The number of another member's card: refused by the member record's national uniqueness, nothing written.
    const before = await counts(h());
    expect(error(await decide(oldCard, { decisionDate: '2025-09-01', cardNo: '38012345' }))).toMatchObject({ code: 'DUPLICATE_PARTY_CARD' });
    expect(await counts(h())).toEqual(before);
    expect((await call(h(), 'GET', `/api/party-cards/${oldCard}`)).json()).toMatchObject({ status: 'requested', version: 1 });
    const legacy = await decide(oldCard, { decisionDate: '2025-09-01', cardNo: '38012399' });
    expect(legacy.json(), legacy.body).toMatchObject({ status: 'decided', model: 'legacy', cardNo: '38012399' });
    const newCard = await cardOf('third', '2025-08-20');
    const qd347 = await decide(newCard, { decisionDate: '2025-09-02', cardNo: '38012398' });
    expect(error(qd347)).toMatchObject({ code: 'PARTY_CARD_NUMBER' });
    expect((await decide(newCard, { decisionDate: '2025-09-02' })).json()).toMatchObject({ model: 'qd347', cardNo: '001085000113' });
  });

  it('R-REC-01/05: handover after the decision, the yearly check once a year, and the list of cards still to check', async () => {
    const card = (await call(h(), 'GET', `/api/party-cards?memberId=${m.first}`)).json().items[0] as Card;
    expect(error(await call(h(), 'POST', `/api/party-cards/${card.id}/handover`, { date: '2026-11-09', version: card.version }, cellCommittee.headers))).toMatchObject({ code: 'DATE_ORDER', details: { field: 'date' } });
    expect(error(await call(h(), 'POST', `/api/party-cards/${card.id}/check`, { date: '2026-11-15', version: card.version }, cellCommittee.headers))).toMatchObject({ code: 'PARTY_CARD_STEP_NOT_ALLOWED' });
    const handed = await call(h(), 'POST', `/api/party-cards/${card.id}/handover`, { date: '2026-11-12', version: card.version }, cellCommittee.headers);
    expect(handed.json(), handed.body).toMatchObject({ status: 'handed_over', handedOverOn: '2026-11-12' });
    const unchecked = await call(h(), 'GET', `/api/party-cards/unchecked?org=${t.cellA.id}&year=2026`, undefined, cellCommittee.headers);
    expect(unchecked.json().items.map((c: Card) => c.id)).toEqual([card.id]);
    const checked = await call(h(), 'POST', `/api/party-cards/${card.id}/check`, { date: '2026-11-18', version: card.version + 1 }, cellCommittee.headers);
    expect(checked.json()).toMatchObject({ lastCheckedOn: '2026-11-18' });
    expect(error(await call(h(), 'POST', `/api/party-cards/${card.id}/check`, { date: '2026-11-19', version: card.version + 2 }, cellCommittee.headers))).toMatchObject({ code: 'PARTY_CARD_STEP_NOT_ALLOWED' });
    expect((await call(h(), 'GET', `/api/party-cards/unchecked?org=${t.cellA.id}&year=2026`, undefined, cellCommittee.headers)).json().items).toEqual([]);
    expect((await call(h(), 'GET', `/api/party-cards/unchecked?org=${t.cellA.id}&year=2027`, undefined, cellCommittee.headers)).json().items).toHaveLength(1);
  });

  it('R-REC-04: recovered only from a member who left, kept by the family on death, lost → a reissue request', async () => {
    const db = h().database.db;
    const card = (await call(h(), 'GET', `/api/party-cards?memberId=${m.first}`)).json().items[0] as Card;
    const before = await counts(h());
    const wrong = await call(h(), 'POST', `/api/party-cards/${card.id}/close`, { closing: 'recovered', date: '2026-11-19', version: card.version }, cellCommittee.headers);
    expect(error(wrong)).toMatchObject({ code: 'PARTY_CARD_CLOSING_NOT_ALLOWED', details: { field: 'closing' } });
    expect(await counts(h())).toEqual(before);
    const lost = await call(h(), 'POST', `/api/party-cards/${card.id}/close`, { closing: 'lost', date: '2026-11-19', note: 'Mất khi đi công tác', version: card.version }, cellCommittee.headers);
    expect(lost.json(), lost.body).toMatchObject({ card: { status: 'lost', closedOn: '2026-11-19' }, reissue: { status: 'requested', reason: 'reissue', requestMonth: '2026-11', replacesId: card.id } });

    const dies = (await call(h(), 'POST', '/api/party-cards', { memberId: m.dies, requestedOn: '2026-10-01' })).json() as Card;
    await call(h(), 'POST', `/api/party-cards/${dies.id}/decision`, { decisionNo: '9', decisionDate: '2026-10-05', version: 1 }, commune.headers);
    await db.updateTable('member').set({ status: 'deceased' }).where('id', '=', m.dies!).execute();
    expect(error(await call(h(), 'POST', `/api/party-cards/${dies.id}/close`, { closing: 'recovered', date: '2026-11-19', version: 2 }))).toMatchObject({ code: 'PARTY_CARD_CLOSING_NOT_ALLOWED' });
    expect((await call(h(), 'POST', `/api/party-cards/${dies.id}/close`, { closing: 'kept_by_family', date: '2026-11-19', version: 2 })).json()).toMatchObject({ card: { status: 'kept_by_family' }, reissue: null });
    const trail = await db.selectFrom('audit_log').select('action').where('entity_type', '=', 'party_card').where('entity_id', '=', String(dies.id)).orderBy('id').execute();
    expect(trail.map((a) => a.action)).toEqual(['party_card.request', 'party_card.decide', 'party_card.close']);
  });

  it('R-REC-02/11: the month’s batch and the register of cards issued, as lists and Excel files, audited; scoped like every card', async () => {
    const list = await call(h(), 'GET', `/api/party-cards?month=2026-11&org=${t.commune.id}`, undefined, commune.headers);
    expect(list.json().total).toBe(3);
    const file = await call(h(), 'GET', `/api/party-cards/batch/export?month=2026-11&org=${t.commune.id}`, undefined, commune.headers);
    expect(file.statusCode, file.body).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(file.rawPayload as unknown as ArrayBuffer);
    const text = JSON.stringify(wb.worksheets[0]!.getSheetValues());
    expect(text).toContain('DANH SÁCH ĐỀ NGHỊ PHÁT THẺ ĐẢNG VIÊN');
    expect(text).toContain('Hồ Sơ First');
    expect(text).toContain('Cấp lại');
    const audit = await h().database.db.selectFrom('audit_log').select('after').where('action', '=', 'party_card.export').executeTakeFirstOrThrow();
    expect(audit.after).toMatchObject({ rows: 3 });
    expect((await call(h(), 'GET', `/api/party-cards/batch/export?month=2026-11&org=${t.commune.id}`, undefined, staffOther.headers)).statusCode).toBe(404);
    expect((await call(h(), 'GET', `/api/party-cards?month=2026-11`, undefined, staffOther.headers)).json().total).toBe(0);
    expect((await call(h(), 'GET', `/api/party-cards/batch/export?month=2026-13`, undefined, commune.headers)).statusCode).toBe(400);
    expect((await call(h(), 'GET', `/api/party-cards/batch/export?month=2026-11`, undefined, cellCommittee.headers)).statusCode).toBe(403);
    // R-REC-11: the register of cards issued holds every decided card, whatever became of it.
    const register = await call(h(), 'GET', `/api/party-cards/register/export?org=${t.commune.id}`, undefined, commune.headers);
    expect(register.statusCode, register.body).toBe(200);
    const rb = new ExcelJS.Workbook();
    await rb.xlsx.load(register.rawPayload as unknown as ArrayBuffer);
    const rows = JSON.stringify(rb.worksheets[0]!.getSheetValues());
    expect(rows).toContain('SỔ PHÁT THẺ ĐẢNG VIÊN');
    for (const text of ['Bị mất', 'Gia đình giữ', '38012399']) expect(rows).toContain(text);
    expect(rows).not.toContain('Hồ Sơ Noid');
  });

  it('keeps the other subtree out, in the repository itself', async () => {
    const db = h().database.db;
    const sibling = makeScope([other.commune.path]);
    const card = (await call(h(), 'GET', `/api/party-cards?memberId=${m.third}`)).json().items[0] as Card;
    expect(await repo.findCard(db, sibling, card.id)).toBeUndefined();
    expect(await repo.updateCardAtVersion(db, sibling, card.id, card.version, { status: 'lost' })).toBe(0);
    expect(await repo.findRecordNo(db, sibling, m.first!)).toBeUndefined();
    expect(await repo.takeRecordNo(db, sibling, t.commune.id)).toBeUndefined();
    const now = new Date();
    expect(await repo.insertCard(db, sibling, { member_id: m.noId!, reason: 'new', requested_on: '2026-11-01', request_month: '2026-11', replaces_id: null, created_by: null, created_at: now, updated_by: null, updated_at: now })).toBeUndefined();
    expect(await repo.insertRecordNo(db, sibling, { member_id: m.noId!, record_no: '000099RR', block_id: 1, form_filed_on: '2026-01-01', assigned_on: '2026-01-01', created_by: null, created_at: now })).toBe(0);
    expect((await call(h(), 'GET', `/api/party-cards/${card.id}`, undefined, staffOther.headers)).statusCode).toBe(404);
    expect((await call(h(), 'GET', `/api/records/members/${m.first}`, undefined, staffOther.headers)).statusCode).toBe(404);
  });
  it('R-REC-07: a phiếu bổ sung carries only changed fields and goes chi bộ → đảng ủy cơ sở → cấp trên trực tiếp, which updates the record', async () => {
    const submit = (body: Record<string, unknown>, headers = cellCommittee.headers) => call(h(), 'POST', '/api/record-updates', { memberId: m.first, year: 2026, submittedOn: '2026-11-15', ...body }, headers);
    const before = await counts(h());
    const unchanged = await submit({ changes: { theoryLevel: 'none' } });
    expect(error(unchanged)).toMatchObject({ code: 'RECORD_UPDATE_UNCHANGED', details: { field: 'changes.theoryLevel' } });
    expect((await submit({ changes: { theoryLevel: 'doctorate' } })).statusCode).toBe(400);
    expect((await submit({ changes: { citizenId: '001085000999' } })).statusCode).toBe(400);
    expect(await counts(h())).toEqual(before);
    const filed = await submit({ changes: { theoryLevel: 'intermediate', occupation: 'Kỹ sư', residence: 'Thôn Đông' } });
    expect(filed.statusCode, filed.body).toBe(201);
    const u = filed.json();
    expect(u).toMatchObject({ stage: 'cell', levels: ['cell', 'grassroots', 'superior'], year: 2026, occasion: 'yearly', redactedFields: [] });
    expect(u.changes).toEqual([
      { field: 'residence', before: null, after: 'Thôn Đông' },
      { field: 'occupation', before: null, after: 'Kỹ sư' },
      { field: 'theoryLevel', before: 'none', after: 'intermediate' },
    ]);
    expect(error(await submit({ changes: { occupation: 'Bác sĩ' } }))).toMatchObject({ code: 'RECORD_UPDATE_FILED', details: { field: 'year' } });
    const step = (action: string, version: number, headers = commune.headers, extra: Record<string, unknown> = {}) => call(h(), 'POST', `/api/record-updates/${u.id}/${action}`, { date: '2026-11-18', version, ...extra }, headers);
    expect(error(await step('approve', 1))).toMatchObject({ code: 'RECORD_UPDATE_STAGE' });
    expect((await step('forward', 1, cellCommittee.headers)).json()).toMatchObject({ stage: 'grassroots', version: 2 });
    // The đảng ủy cơ sở's level is above the chi bộ's committee.
    expect(error(await step('forward', 2, cellCommittee.headers))).toMatchObject({ code: 'RECORD_UPDATE_NOT_YOUR_LEVEL' });
    expect((await step('forward', 2)).json()).toMatchObject({ stage: 'superior' });
    expect((await call(h(), 'GET', `/api/record-updates?org=${t.commune.id}&stage=superior`, undefined, commune.headers)).json().items.map((x: { id: number }) => x.id)).toEqual([u.id]);
    const rec = (await call(h(), 'GET', `/api/members/${m.first}`)).json();
    const approved = await step('approve', 3);
    expect(approved.json(), approved.body).toMatchObject({ stage: 'approved', decidedOn: '2026-11-18' });
    expect((await call(h(), 'GET', `/api/members/${m.first}`)).json()).toMatchObject({ theoryLevel: 'intermediate', occupation: 'Kỹ sư', residence: 'Thôn Đông', version: rec.version + 1 });
    expect(error(await step('return', 4, commune.headers, { reason: 'x' }))).toMatchObject({ code: 'RECORD_UPDATE_STAGE' });
    const audit = await h().database.db.selectFrom('audit_log').select(['action']).where('entity_type', '=', 'member').where('entity_id', '=', String(m.first)).where('action', '=', 'member.update').execute();
    expect(audit.length).toBeGreaterThanOrEqual(2);
  });

  it('R-REC-07: approval does not overwrite a field changed since filing; a returned phiếu may be filed again; a chi bộ cơ sở goes straight up', async () => {
    const filed = await call(h(), 'POST', '/api/record-updates', { memberId: m.third, year: 2026, submittedOn: '2026-11-15', changes: { occupation: 'Nông dân' } });
    const u = filed.json();
    const rec = (await call(h(), 'GET', `/api/members/${m.third}`)).json();
    await call(h(), 'PATCH', `/api/members/${m.third}`, { version: rec.version, occupation: 'Thợ mộc' });
    await call(h(), 'POST', `/api/record-updates/${u.id}/forward`, { date: '2026-11-16', version: 1 });
    await call(h(), 'POST', `/api/record-updates/${u.id}/forward`, { date: '2026-11-16', version: 2 });
    const before = await counts(h());
    expect(error(await call(h(), 'POST', `/api/record-updates/${u.id}/approve`, { date: '2026-11-17', version: 3 }))).toMatchObject({ code: 'RECORD_UPDATE_STALE', details: { field: 'changes.occupation' } });
    expect(await counts(h())).toEqual(before);
    expect((await call(h(), 'GET', `/api/members/${m.third}`)).json().occupation).toBe('Thợ mộc');
    const returned = await call(h(), 'POST', `/api/record-updates/${u.id}/return`, { date: '2026-11-17', reason: 'Hồ sơ đã thay đổi, lập lại phiếu', version: 3 });
    expect(returned.json()).toMatchObject({ stage: 'returned', returnReason: 'Hồ sơ đã thay đổi, lập lại phiếu' });
    expect((await call(h(), 'POST', '/api/record-updates', { memberId: m.third, year: 2026, submittedOn: '2026-11-18', changes: {} })).json()).toMatchObject({ stage: 'cell', changes: [] });
    const direct = (await call(h(), 'POST', '/api/record-updates', { memberId: m.noId, year: 2026, submittedOn: '2026-11-18', changes: { phone: '0912345678' } })).json();
    expect(direct).toMatchObject({ levels: ['cell', 'superior'] });
    expect((await call(h(), 'POST', `/api/record-updates/${direct.id}/forward`, { date: '2026-11-18', version: 1 })).json()).toMatchObject({ stage: 'superior' });
  });

  it('R-REC-07: who of an org has filed this year, and the sensitive fields hidden from a leader', async () => {
    const list = await call(h(), 'GET', `/api/record-updates/filing?org=${t.commune.id}&year=2026`, undefined, commune.headers);
    const body = list.json();
    expect(body).toMatchObject({ year: 2026, filed: 3 });
    expect(body.filed + body.notFiled).toBe(body.total);
    expect(body.items.find((i: { memberId: number }) => i.memberId === m.old)).toMatchObject({ updateId: null, stage: null });
    const notFiled = (await call(h(), 'GET', `/api/record-updates/filing?org=${t.commune.id}&year=2026&filed=no`, undefined, commune.headers)).json();
    expect(notFiled.items.every((i: { updateId: number | null }) => i.updateId === null)).toBe(true);
    expect((await call(h(), 'GET', `/api/record-updates/filing?org=${t.commune.id}`, undefined, staffOther.headers)).statusCode).toBe(404);
    await userWithRoles(h().database.db, 'leader.rr', 'mat-khau-leader-rr-1', [{ role: 'leader', orgId: t.commune.id }]);
    const leader = await signIn(h().app, 'leader.rr', 'mat-khau-leader-rr-1');
    const first = (await call(h(), 'GET', `/api/record-updates?org=${t.cellA.id}&year=2026`, undefined, leader.headers)).json().items[0];
    expect(first.redactedFields).toEqual(['residence']);
    expect(first.changes).toContainEqual({ field: 'residence', before: null, after: null });
    expect(first.changes).toContainEqual({ field: 'occupation', before: null, after: 'Kỹ sư' });
  });
  it('keeps the other subtree out of the phiếu bổ sung, in the repository itself', async () => {
    const db = h().database.db;
    const sibling = makeScope([other.commune.path]);
    const u = (await call(h(), 'GET', `/api/record-updates?org=${t.commune.id}`)).json().items[0] as { id: number; version: number };
    expect(await updateRepo.findUpdate(db, sibling, u.id)).toBeUndefined();
    expect(await updateRepo.updateAtVersion(db, sibling, u.id, u.version, { stage: 'returned' })).toBe(0);
    expect((await updateRepo.listUpdates(db, sibling, { orgPath: null, year: null, stage: null }, { limit: 10, offset: 0 })).total).toBe(0);
    const now = new Date();
    expect(await updateRepo.insertUpdate(db, sibling, { member_id: m.old!, year: 2026, occasion: 'yearly', stage: 'cell', submitted_on: '2026-11-01', changes: '{}', created_by: null, created_at: now, updated_by: null, updated_at: now })).toBeUndefined();
    expect((await updateRepo.filing(db, sibling, t.commune.path, 2026, null, { limit: 10, offset: 0 })).total).toBe(0);
    expect((await call(h(), 'GET', `/api/record-updates/${u.id}`, undefined, staffOther.headers)).statusCode).toBe(404);
  });
});
