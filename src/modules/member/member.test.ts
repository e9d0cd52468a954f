import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { beforeAll, describe, expect, it } from 'vitest';
import { describeApi, type ApiHarness } from '../../../test/api.js';
import { insertTestMember, insertTestOrg, insertTestTree } from '../../../test/factories.js';
import { AppError } from '../../errors.js';
import { makeScope } from '../auth/scope.js';
import { countsOf, differences } from '../rollup/rollup.repository.js';
import { staffContext, type ServiceContext } from '../service-context.js';
import { parseMemberSearch } from './member.search.js';
import * as service from './member.service.js';

type Tree = Awaited<ReturnType<typeof insertTestTree>>;

let citizenSeq = 0;
/** A fresh, valid 12-digit citizen ID per call. */
const nextCitizenId = () => `0010850${String(++citizenSeq).padStart(5, '0')}`;

function call(h: ApiHarness, method: InjectOptions['method'], url: string, payload?: unknown): Promise<LightMyRequestResponse> {
  return h.app.inject({ method, url, payload: payload as InjectOptions['payload'], headers: h.headers });
}

async function total(h: ApiHarness, orgId: number): Promise<number> {
  const rows = await countsOf(h.database.db, makeScope(['/']), [orgId]);
  return rows.find((r) => r.dim === 'total')?.n ?? 0;
}

async function expectExactRollups(h: ApiHarness) {
  const diff = await differences(h.database.db);
  expect(diff.rows).toEqual([]);
  expect(diff.total).toBe(0);
}

async function rowCounts(h: ApiHarness) {
  const db = h.database.db;
  const n = async (t: 'member' | 'audit_log' | 'member_status_period' | 'member_placement') =>
    Number((await db.selectFrom(t).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
  return { member: await n('member'), audit: await n('audit_log'), periods: await n('member_status_period'), placements: await n('member_placement') };
}

describeApi('member registry', (h) => {
  let tree: Tree;
  const form = (patch: Record<string, unknown> = {}) => ({
    fullName: '  nguyễn   văn  hùng ',
    sex: 'male',
    birthDate: '1985-04-12',
    birthplace: 'Xã Yên Sở, Hoài Đức, Hà Nội',
    ethnicity: 'kinh',
    citizenId: nextCitizenId(),
    admissionDate: '2010-05-19',
    officialDate: '2011-05-19',
    youthUnionDate: '2001-03-26',
    generalEducation: '12/12',
    professionalLevel: 'university',
    theoryLevel: 'intermediate',
    status: 'official',
    statusSince: '2011-05-19',
    orgId: tree.cellA.id,
    ...patch,
  });
  const create = async (patch: Record<string, unknown> = {}) => {
    const res = await call(h(), 'POST', '/api/members', form(patch));
    if (res.statusCode !== 201) throw new Error(`create failed: ${res.statusCode} ${res.body}`);
    return res.json();
  };

  beforeAll(async () => {
    tree = await insertTestTree(h().database.db, 'M');
  });

  describe('create and read', () => {
    it('creates a record (201) with its intervals, roll-ups and one audit row', async () => {
      const before = await total(h(), tree.province.id);
      const res = await call(h(), 'POST', '/api/members', form({ citizenId: '001 085 000 999', partyCardNo: '001085000999' }));
      expect(res.statusCode).toBe(201);
      const m = res.json();
      expect(m).toMatchObject({
        fullName: 'Nguyễn Văn Hùng',
        citizenId: '001085000999',
        status: 'official',
        orgId: tree.cellA.id,
        org: { id: tree.cellA.id, name: tree.cellA.name },
        version: 1,
        hasPhoto: false,
        religion: 'none',
      });
      expect(m.breadcrumb.map((o: { id: number }) => o.id)).toEqual([tree.province.id, tree.commune.id, tree.committee.id, tree.cellA.id]);

      const db = h().database.db;
      const row = await db.selectFrom('member').select(['name_norm', 'name_sort']).where('id', '=', m.id).executeTakeFirstOrThrow();
      expect(row).toEqual({ name_norm: 'nguyen van hung', name_sort: 'hung nguyen van hung' });
      const periods = await db.selectFrom('member_status_period').selectAll().where('member_id', '=', m.id).execute();
      expect(periods).toEqual([{ member_id: m.id, valid_from: '2011-05-19', valid_to: null, status: 'official', decision_no: null, reason: null, annulled_as_wrongful: false }]);
      const places = await db.selectFrom('member_placement').selectAll().where('member_id', '=', m.id).execute();
      expect(places).toEqual([{ member_id: m.id, valid_from: '2010-05-19', valid_to: null, org_id: tree.cellA.id }]);
      const audit = await db.selectFrom('audit_log').selectAll().where('entity_type', '=', 'member').where('entity_id', '=', String(m.id)).execute();
      expect(audit).toHaveLength(1);
      expect(audit[0]).toMatchObject({ action: 'member.create', org_path: tree.cellA.path, before: null });
      expect(audit[0]!.after).toMatchObject({ fullName: 'Nguyễn Văn Hùng', citizenId: '001085000999' });

      expect(await total(h(), tree.province.id)).toBe(before + 1);
      await expectExactRollups(h());

      const got = await call(h(), 'GET', `/api/members/${m.id}`);
      expect(got.statusCode).toBe(200);
      expect(got.json()).toEqual(m);
    });

    it('refuses an invalid citizen ID with INVALID_CITIZEN_ID naming the field, writing nothing', async () => {
      const before = await rowCounts(h());
      const res = await call(h(), 'POST', '/api/members', form({ citizenId: '12345678901' }));
      expect(res.statusCode).toBe(400);
      expect(res.json().error).toMatchObject({ code: 'INVALID_CITIZEN_ID', details: { field: 'citizenId' } });
      expect(res.json().error.message).toContain('12 chữ số');
      expect(await rowCounts(h())).toEqual(before);
    });

    it('refuses a duplicate citizen ID or party card with 409, writing nothing', async () => {
      const first = await create({ partyCardNo: '123456' });
      const before = await rowCounts(h());
      const dupCitizen = await call(h(), 'POST', '/api/members', form({ citizenId: first.citizenId }));
      expect(dupCitizen.statusCode).toBe(409);
      expect(dupCitizen.json().error).toMatchObject({ code: 'DUPLICATE_CITIZEN_ID', details: { field: 'citizenId' } });
      const dupCard = await call(h(), 'POST', '/api/members', form({ partyCardNo: '123456' }));
      expect(dupCard.statusCode).toBe(409);
      expect(dupCard.json().error).toMatchObject({ code: 'DUPLICATE_PARTY_CARD', details: { field: 'partyCardNo' } });
      expect(await rowCounts(h())).toEqual(before);
      await expectExactRollups(h());
    });

    it('refuses an unknown org (404) and an org that holds no members (400), naming the field', async () => {
      const unknown = await call(h(), 'POST', '/api/members', form({ orgId: 999_999 }));
      expect(unknown.statusCode).toBe(404);
      expect(unknown.json().error).toMatchObject({ code: 'ORG_NOT_FOUND', details: { field: 'orgId' } });
      const committee = await call(h(), 'POST', '/api/members', form({ orgId: tree.committee.id }));
      expect(committee.statusCode).toBe(400);
      expect(committee.json().error).toMatchObject({ code: 'ORG_HOLDS_NO_MEMBERS', details: { field: 'orgId' } });
      const candidate = await call(h(), 'POST', '/api/members', form({ status: 'deceased' }));
      expect(candidate.statusCode).toBe(400);
    });

    it('refuses impossible and inconsistent dates, naming the field', async () => {
      const before = await rowCounts(h());
      const cases: [Record<string, unknown>, string, string][] = [
        [{ birthDate: '1985-02-30' }, 'VALIDATION', 'body.birthDate'],
        [{ admissionDate: '2010-13-01' }, 'VALIDATION', 'body.admissionDate'],
        [{ birthDate: '2000-01-01' }, 'INVALID_BIRTH_DATE', 'birthDate'],
        [{ officialDate: '2009-05-19' }, 'DATE_ORDER', 'officialDate'],
        [{ admissionDate: '2026-12-01', officialDate: null, statusSince: '2026-12-01' }, 'DATE_IN_FUTURE', 'admissionDate'],
        [{ generalEducation: '13/12' }, 'INVALID_GENERAL_EDUCATION', 'generalEducation'],
        [{ partyCardNo: '12-34' }, 'INVALID_PARTY_CARD', 'partyCardNo'],
      ];
      for (const [patch, code, field] of cases) {
        const res = await call(h(), 'POST', '/api/members', form(patch));
        expect(res.statusCode, JSON.stringify(patch)).toBe(400);
        const err = res.json().error;
        expect(err.code).toBe(code);
        const fields = Array.isArray(err.details) ? err.details.map((d: { field: string }) => d.field) : [err.details.field];
        expect(fields).toContain(field);
      }
      expect(await rowCounts(h())).toEqual(before);
    });

    it('answers 404 for a missing member', async () => {
      const res = await call(h(), 'GET', '/api/members/999999');
      expect(res.statusCode).toBe(404);
      expect(res.json().error.code).toBe('MEMBER_NOT_FOUND');
    });
  });

  describe('edit', () => {
    it('saves changed fields with the version, adjusts the roll-ups and audits only what changed', async () => {
      const m = await create();
      const female = async () => (await countsOf(h().database.db, makeScope(['/']), [tree.cellA.id])).find((r) => r.dim === 'sex' && r.val === 'female')?.n ?? 0;
      const femaleBefore = await female();
      const res = await call(h(), 'PATCH', `/api/members/${m.id}`, { version: 1, sex: 'female', fullName: 'nguyễn thị hoa', phone: '0912 345 678', hometown: 'Hoài Đức' });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({ version: 2, sex: 'female', fullName: 'Nguyễn Thị Hoa', phone: '0912 345 678', citizenId: m.citizenId });
      expect(await female()).toBe(femaleBefore + 1);
      await expectExactRollups(h());

      const audit = await h()
        .database.db.selectFrom('audit_log')
        .select(['before', 'after'])
        .where('entity_id', '=', String(m.id))
        .where('action', '=', 'member.update')
        .executeTakeFirstOrThrow();
      expect(audit.before).toEqual({ fullName: 'Nguyễn Văn Hùng', sex: 'male', hometown: null, phone: null });
      expect(audit.after).toEqual({ fullName: 'Nguyễn Thị Hoa', sex: 'female', hometown: 'Hoài Đức', phone: '0912 345 678' });
    });

    it('a corrected admission date moves the start of the first placement with it', async () => {
      const m = await create();
      const res = await call(h(), 'PATCH', `/api/members/${m.id}`, { version: 1, admissionDate: '2009-12-01' });
      expect(res.statusCode).toBe(200);
      const history = (await call(h(), 'GET', `/api/members/${m.id}/history`)).json();
      expect(history.placements).toEqual([expect.objectContaining({ orgId: tree.cellA.id, validFrom: '2009-12-01', validTo: null })]);
      expect((await call(h(), 'GET', `/api/members/${m.id}/as-of?date=2009-12-15`)).json()).toMatchObject({ orgId: tree.cellA.id });
    });

    it('refuses a stale version with 409 and overwrites nothing', async () => {
      const m = await create();
      expect((await call(h(), 'PATCH', `/api/members/${m.id}`, { version: 1, occupation: 'Giáo viên' })).statusCode).toBe(200);
      const stale = await call(h(), 'PATCH', `/api/members/${m.id}`, { version: 1, occupation: 'Nông dân', theoryLevel: 'advanced' });
      expect(stale.statusCode).toBe(409);
      expect(stale.json().error).toMatchObject({ code: 'STALE_VERSION', details: { field: 'version' } });
      const now = (await call(h(), 'GET', `/api/members/${m.id}`)).json();
      expect(now).toMatchObject({ version: 2, occupation: 'Giáo viên', theoryLevel: 'intermediate' });
      await expectExactRollups(h());
    });

    it('does not change status or org through PATCH, and checks what an edit touches', async () => {
      const m = await create();
      const status = await call(h(), 'PATCH', `/api/members/${m.id}`, { version: 1, status: 'deceased' });
      expect(status.statusCode).toBe(400);
      expect(status.json().error.details[0].field).toBe('body.status');
      const org = await call(h(), 'PATCH', `/api/members/${m.id}`, { version: 1, orgId: tree.cellB.id });
      expect(org.statusCode).toBe(400);
      const bad = await call(h(), 'PATCH', `/api/members/${m.id}`, { version: 1, citizenId: '1234' });
      expect(bad.json().error).toMatchObject({ code: 'INVALID_CITIZEN_ID', details: { field: 'citizenId' } });
      const order = await call(h(), 'PATCH', `/api/members/${m.id}`, { version: 1, admissionDate: '2012-01-01' });
      expect(order.json().error).toMatchObject({ code: 'DATE_ORDER', details: { field: 'officialDate' } });
      const other = await create();
      const dup = await call(h(), 'PATCH', `/api/members/${m.id}`, { version: 1, citizenId: other.citizenId });
      expect(dup.statusCode).toBe(409);
      expect(dup.json().error.code).toBe('DUPLICATE_CITIZEN_ID');
      expect((await call(h(), 'GET', `/api/members/${m.id}`)).json().version).toBe(1);
    });
  });

  describe('status and placement over time', () => {
    it('changes status from an effective date, keeps the periods, and answers "status on date D"', async () => {
      const m = await create({ status: 'probationary', officialDate: null, statusSince: '2010-05-19' });
      const cellTotal = await total(h(), tree.cellA.id);

      const official = await call(h(), 'POST', `/api/members/${m.id}/status`, { status: 'official', effectiveDate: '2011-05-19', decisionNo: '15-QĐ/ĐU', version: 1 });
      expect(official.statusCode).toBe(200);
      expect(official.json()).toMatchObject({ status: 'official', statusSince: '2011-05-19', officialDate: '2011-05-19', version: 2 });

      const future = await call(h(), 'POST', `/api/members/${m.id}/status`, { status: 'exempt', effectiveDate: '2026-12-01', version: 2 });
      expect(future.json().error).toMatchObject({ code: 'EFFECTIVE_DATE_IN_FUTURE', details: { field: 'effectiveDate' } });
      const early = await call(h(), 'POST', `/api/members/${m.id}/status`, { status: 'exempt', effectiveDate: '2011-05-18', version: 2 });
      expect(early.json().error).toMatchObject({ code: 'EFFECTIVE_DATE_TOO_EARLY', details: { field: 'effectiveDate' } });
      const stale = await call(h(), 'POST', `/api/members/${m.id}/status`, { status: 'exempt', effectiveDate: '2020-01-01', version: 1 });
      expect(stale.statusCode).toBe(409);

      const deceased = await call(h(), 'POST', `/api/members/${m.id}/status`, { status: 'deceased', effectiveDate: '2025-06-01', version: 2 });
      expect(deceased.statusCode).toBe(200);
      expect(await total(h(), tree.cellA.id)).toBe(cellTotal - 1);
      await expectExactRollups(h());

      const back = await call(h(), 'POST', `/api/members/${m.id}/status`, { status: 'official', effectiveDate: '2025-07-01', version: 3 });
      expect(back.statusCode).toBe(409);
      expect(back.json().error.code).toBe('STATUS_TRANSITION_NOT_ALLOWED');

      const on = async (date: string) => (await call(h(), 'GET', `/api/members/${m.id}/as-of?date=${date}`)).json();
      expect(await on('2010-05-18')).toMatchObject({ status: null, orgId: null });
      expect(await on('2010-05-19')).toMatchObject({ status: 'probationary', orgId: tree.cellA.id, orgName: tree.cellA.name });
      expect(await on('2011-05-18')).toMatchObject({ status: 'probationary' });
      expect(await on('2011-05-19')).toMatchObject({ status: 'official', statusFrom: '2011-05-19' });
      expect(await on('2025-05-31')).toMatchObject({ status: 'official' });
      expect(await on('2025-06-01')).toMatchObject({ status: 'deceased' });

      const history = (await call(h(), 'GET', `/api/members/${m.id}/history`)).json();
      expect(history.statusPeriods).toEqual([
        { status: 'probationary', validFrom: '2010-05-19', validTo: '2011-05-19', decisionNo: null },
        { status: 'official', validFrom: '2011-05-19', validTo: '2025-06-01', decisionNo: '15-QĐ/ĐU' },
        { status: 'deceased', validFrom: '2025-06-01', validTo: null, decisionNo: null },
      ]);
      expect(history.audit.map((a: { action: string }) => a.action)).toEqual(['member.create', 'member.status', 'member.status']);
      expect(history.audit[1].after).toMatchObject({ status: 'official', effectiveDate: '2011-05-19', decisionNo: '15-QĐ/ĐU' });
    });

    it('moves a member between cells from an effective date and answers "org on date D"', async () => {
      const m = await create();
      const [a, b, committee] = [await total(h(), tree.cellA.id), await total(h(), tree.cellB.id), await total(h(), tree.committee.id)];

      const toCommittee = await call(h(), 'POST', `/api/members/${m.id}/placement`, { orgId: tree.committee.id, effectiveDate: '2024-01-01', version: 1 });
      expect(toCommittee.json().error).toMatchObject({ code: 'ORG_HOLDS_NO_MEMBERS', details: { field: 'orgId' } });
      const same = await call(h(), 'POST', `/api/members/${m.id}/placement`, { orgId: tree.cellA.id, effectiveDate: '2024-01-01', version: 1 });
      expect(same.json().error.code).toBe('PLACEMENT_UNCHANGED');
      const missing = await call(h(), 'POST', `/api/members/${m.id}/placement`, { orgId: 999_999, effectiveDate: '2024-01-01', version: 1 });
      expect(missing.statusCode).toBe(404);
      const early = await call(h(), 'POST', `/api/members/${m.id}/placement`, { orgId: tree.cellB.id, effectiveDate: '2009-01-01', version: 1 });
      expect(early.json().error.code).toBe('EFFECTIVE_DATE_TOO_EARLY');

      const moved = await call(h(), 'POST', `/api/members/${m.id}/placement`, { orgId: tree.cellB.id, effectiveDate: '2024-01-01', decisionNo: '7-QĐ/ĐU', version: 1 });
      expect(moved.statusCode).toBe(200);
      expect(moved.json()).toMatchObject({ orgId: tree.cellB.id, org: { id: tree.cellB.id }, version: 2 });
      expect(await total(h(), tree.cellA.id)).toBe(a - 1);
      expect(await total(h(), tree.cellB.id)).toBe(b + 1);
      expect(await total(h(), tree.committee.id)).toBe(committee);
      await expectExactRollups(h());

      const on = async (date: string) => (await call(h(), 'GET', `/api/members/${m.id}/as-of?date=${date}`)).json();
      expect(await on('2023-12-31')).toMatchObject({ orgId: tree.cellA.id, status: 'official' });
      expect(await on('2024-01-01')).toMatchObject({ orgId: tree.cellB.id, orgName: tree.cellB.name, placedFrom: '2024-01-01' });

      const history = (await call(h(), 'GET', `/api/members/${m.id}/history`)).json();
      expect(history.placements).toEqual([
        { orgId: tree.cellA.id, orgCode: tree.cellA.code, orgName: tree.cellA.name, validFrom: '2010-05-19', validTo: '2024-01-01' },
        { orgId: tree.cellB.id, orgCode: tree.cellB.code, orgName: tree.cellB.name, validFrom: '2024-01-01', validTo: null },
      ]);
      expect(history.audit.at(-1)).toMatchObject({ action: 'member.placement', before: { orgId: tree.cellA.id }, after: { orgId: tree.cellB.id } });
    });

    it('a change dated the day the current period began replaces it', async () => {
      const m = await create({ status: 'probationary', officialDate: null, statusSince: '2026-11-20', admissionDate: '2026-11-20' });
      const res = await call(h(), 'POST', `/api/members/${m.id}/status`, { status: 'official', effectiveDate: '2026-11-20', version: 1 });
      expect(res.statusCode).toBe(200);
      const history = (await call(h(), 'GET', `/api/members/${m.id}/history`)).json();
      expect(history.statusPeriods).toEqual([{ status: 'official', validFrom: '2026-11-20', validTo: null, decisionNo: null }]);
      await expectExactRollups(h());
    });

    it('the as-of read is scoped: a member outside the scope is missing', async () => {
      const m = await create();
      const db = h().database.db;
      await expect(service.memberOnDate(db, makeScope([tree.cellB.path]), m.id, '2020-01-01')).rejects.toMatchObject({ code: 'MEMBER_NOT_FOUND' });
      await expect(service.memberOnDate(db, makeScope([tree.committee.path]), m.id, '2020-01-01')).resolves.toMatchObject({ orgId: tree.cellA.id });
      const ctx: ServiceContext = staffContext(db, h().clock, [tree.cellB.path]);
      await expect(service.getMember(ctx, m.id)).rejects.toBeInstanceOf(AppError);
      const patched = service.updateMember(ctx, m.id, { version: 1, occupation: 'x' });
      await expect(patched).rejects.toMatchObject({ code: 'MEMBER_NOT_FOUND' });
      const list = await service.listMembers(ctx, { mode: 'word', page: 1, pageSize: 200, sort: 'name', q: m.citizenId });
      expect(list).toEqual({ items: [], total: 0 });
    });
  });

  describe('photo', () => {
    const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(100, 7)]);
    const put = (id: number, body: Buffer, type: string) =>
      h().app.inject({ method: 'PUT', url: `/api/members/${id}/photo`, payload: body, headers: { ...h().headers, 'content-type': type } });

    it('stores a JPEG or PNG up to 2 MB and serves it back', async () => {
      const m = await create();
      const none = await call(h(), 'GET', `/api/members/${m.id}/photo`);
      expect(none.statusCode).toBe(404);
      expect(none.json().error.code).toBe('PHOTO_NOT_FOUND');

      expect((await put(m.id, png, 'image/png')).statusCode).toBe(204);
      const got = await call(h(), 'GET', `/api/members/${m.id}/photo`);
      expect(got.statusCode).toBe(200);
      expect(got.headers['content-type']).toBe('image/png');
      expect(Buffer.compare(got.rawPayload, png)).toBe(0);
      expect((await call(h(), 'GET', `/api/members/${m.id}`)).json().hasPhoto).toBe(true);

      const text = await put(m.id, Buffer.from('hello'), 'text/plain');
      expect(text.statusCode).toBe(415);
      expect(text.json().error.code).toBe('UNSUPPORTED_PHOTO_TYPE');
      const big = await put(m.id, Buffer.concat([png, Buffer.alloc(2 * 1024 * 1024)]), 'image/png');
      expect(big.statusCode).toBe(413);
      expect(big.json().error.code).toBe('PHOTO_TOO_LARGE');
      const lie = await put(m.id, png, 'image/jpeg');
      expect(lie.statusCode).toBe(400);
      expect(lie.json().error.code).toBe('INVALID_PHOTO');
      expect((await put(999_999, png, 'image/png')).statusCode).toBe(404);

      const actions = (await call(h(), 'GET', `/api/members/${m.id}/history`)).json().audit.map((a: { action: string }) => a.action);
      expect(actions).toEqual(['member.create', 'member.photo']);
    });
  });

  it('answers 401 on every route without a session', async () => {
    const routes: [InjectOptions['method'], string][] = [
      ['GET', '/api/members'],
      ['POST', '/api/members'],
      ['GET', '/api/members/1'],
      ['PATCH', '/api/members/1'],
      ['POST', '/api/members/1/status'],
      ['POST', '/api/members/1/placement'],
      ['GET', '/api/members/1/history'],
      ['GET', '/api/members/1/as-of?date=2020-01-01'],
      ['PUT', '/api/members/1/photo'],
      ['GET', '/api/members/1/photo'],
    ];
    for (const [method, url] of routes) {
      const res = await h().app.inject({ method, url, payload: method === 'GET' ? undefined : {} });
      expect(res.statusCode, `${method} ${url}`).toBe(401);
      expect(res.json().error.code).toBe('UNAUTHENTICATED');
    }
  });

  it('describes every member route in the OpenAPI document', async () => {
    const paths = Object.keys((await call(h(), 'GET', '/api/openapi.json')).json().paths);
    expect(paths).toEqual(expect.arrayContaining(['/api/members', '/api/members/{id}', '/api/members/{id}/status', '/api/members/{id}/photo']));
  });
});

describeApi('member list and search', (h) => {
  let tree: Tree;
  const ids: Record<string, number> = {};
  const list = async (query: string) => {
    const res = await call(h(), 'GET', `/api/members?${query}`);
    if (res.statusCode !== 200) throw new Error(`list failed: ${res.statusCode} ${res.body}`);
    return res.json() as { items: { id: number; fullName: string; birthDate: string; orgName: string }[]; total: number };
  };
  const names = async (query: string) => (await list(`org=${tree.province.id}&pageSize=200&${query}`)).items.map((i) => i.fullName);

  beforeAll(async () => {
    const db = h().database.db;
    tree = await insertTestTree(db, 'S');
    const people: [string, 'A' | 'B', Record<string, unknown>][] = [
      ['Nguyễn Văn Hùng', 'A', { citizen_id: '001085111111', birth_date: '1985-04-12' }],
      ['Nguyễn Thị Nhung', 'A', { sex: 'female', birth_date: '1990-01-01' }],
      ['Đặng Văn Nam', 'B', { party_card_no: '07654321', birth_date: '1970-06-30' }],
      ['Trần Hùng Dũng', 'B', { birth_date: '1979-02-02', admission_date: '2001-01-01' }],
      ['Lê Thị Hồng', 'A', { sex: 'female', status: 'deceased', status_since: '2020-02-02' }],
      ['Phạm Minh An', 'B', { status: 'probationary', status_since: '2026-01-01', admission_date: '2026-01-01' }],
      ['Nguyễn Hữu Hưng', 'A', { birth_date: '1960-12-31', status: 'exempt', status_since: '2021-01-01' }],
      ['Vũ Thị Thu_Hà', 'A', { sex: 'female' }],
      ['Trần Văn An', 'B', { admission_date: null, status_since: '2015-05-05' }],
      ['Lê Thị Bình', 'B', { sex: 'female' }],
    ];
    for (const [name, cell, extra] of people) {
      const m = await insertTestMember(db, { org: cell === 'A' ? tree.cellA : tree.cellB, full_name: name, ...extra });
      ids[name] = m.id;
    }
    // Elsewhere in the tree: a namesake that the org filter must leave out.
    const other = await insertTestOrg(db, { type: 'province', name: 'Tỉnh khác' });
    const otherCell = await insertTestOrg(db, { type: 'grassroots_cell', parent: other, name: 'Chi bộ khác' });
    await insertTestMember(db, { org: otherCell, full_name: 'Nguyễn Văn Hùng' });
  });

  it('finds the same people however the name is typed (word mode)', async () => {
    const expected = ['Nguyễn Văn Hùng'];
    expect(await names('q=nguyen%20van%20hung')).toEqual(expected);
    expect(await names(`q=${encodeURIComponent('Nguyễn Văn Hùng')}`)).toEqual(expected);
    expect(await names('q=NGUYEN%20VAN%20HUNG')).toEqual(expected);
    expect(await names('q=nguy%20hu')).toEqual(['Nguyễn Hữu Hưng', 'Nguyễn Văn Hùng']);
  });

  it('matches word prefixes only: "hung" finds Hùng and Hưng, not Nhung; "dang" finds Đặng', async () => {
    const hung = await names('q=hung');
    expect(hung.sort()).toEqual(['Nguyễn Hữu Hưng', 'Nguyễn Văn Hùng', 'Trần Hùng Dũng']);
    // The total rides on the page's rows; past the last page it is counted instead.
    expect(await list(`org=${tree.province.id}&q=hung&pageSize=2&page=2`)).toMatchObject({ total: 3, items: [{ fullName: 'Nguyễn Văn Hùng' }] });
    expect(await list(`org=${tree.province.id}&q=hung&pageSize=2&page=9`)).toEqual({ items: [], total: 3 });
    expect(await names('q=dang')).toEqual(['Đặng Văn Nam']);
    expect(await names('q=nhung')).toEqual(['Nguyễn Thị Nhung']);
  });

  it('cannot be steered by tsquery syntax', async () => {
    expect(await names(`q=${encodeURIComponent('hung:*|!')}`)).toEqual(await names('q=hung'));
    expect(await names(`q=${encodeURIComponent('hung:* | !nam & (')}`)).toEqual([]);
    expect(await list(`q=${encodeURIComponent("'&|!():*")}`)).toEqual({ items: [], total: 0 });
  });

  it('finds a fragment anywhere in the name (anywhere mode), escaping LIKE wildcards', async () => {
    expect((await names('mode=anywhere&q=hung')).sort()).toEqual(['Nguyễn Hữu Hưng', 'Nguyễn Thị Nhung', 'Nguyễn Văn Hùng', 'Trần Hùng Dũng']);
    expect(await names('mode=anywhere&q=van%20hu')).toEqual(['Nguyễn Văn Hùng']);
    expect(await names('mode=anywhere&q=u_h')).toEqual(['Vũ Thị Thu_hà']);
    expect(await names('mode=anywhere&q=%25%25%25')).toEqual([]);
    const short = await call(h(), 'GET', '/api/members?mode=anywhere&q=hu');
    expect(short.statusCode).toBe(400);
    expect(short.json().error).toMatchObject({ code: 'SEARCH_TOO_SHORT', details: { field: 'q' } });
  });

  it('searches a 12-digit query as a citizen ID and a shorter number as a party card', async () => {
    expect(await names('q=001085111111')).toEqual(['Nguyễn Văn Hùng']);
    expect(await names('q=001%20085%20111%20111')).toEqual(['Nguyễn Văn Hùng']);
    expect(await names('q=07654321')).toEqual(['Đặng Văn Nam']);
    expect(await names('q=0765432')).toEqual([]);
  });

  it('filters by an org subtree, by status (default: on the rolls) and by sex', async () => {
    expect((await list(`org=${tree.cellA.id}&pageSize=200`)).items.map((i) => i.fullName).sort()).toEqual(
      ['Nguyễn Hữu Hưng', 'Nguyễn Thị Nhung', 'Nguyễn Văn Hùng', 'Vũ Thị Thu_hà'].sort(),
    );
    expect(await names('')).toHaveLength(9);
    expect(await names('status=deceased')).toEqual(['Lê Thị Hồng']);
    expect((await names('status=probationary,exempt')).sort()).toEqual(['Nguyễn Hữu Hưng', 'Phạm Minh An']);
    expect((await names('sex=female')).sort()).toEqual(['Lê Thị Bình', 'Nguyễn Thị Nhung', 'Vũ Thị Thu_hà']);
    expect((await list('q=nguyen%20van%20hung')).total).toBe(2);
    const bad = await call(h(), 'GET', '/api/members?status=official,alive');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details[0].field).toBe('querystring.status');
    const missing = await call(h(), 'GET', '/api/members?org=999999');
    expect(missing.statusCode).toBe(404);
    expect(missing.json().error.details).toEqual({ field: 'org' });
  });

  it('pages in Vietnamese list order (by given name), tie-broken by id, and sorts by dates', async () => {
    const all = await names('sort=name');
    expect(all).toEqual([
      'Phạm Minh An',
      'Trần Văn An',
      'Lê Thị Bình',
      'Trần Hùng Dũng',
      'Nguyễn Hữu Hưng',
      'Nguyễn Văn Hùng',
      'Đặng Văn Nam',
      'Nguyễn Thị Nhung',
      'Vũ Thị Thu_hà',
    ]);
    const pages: string[] = [];
    for (let page = 1; page <= 4; page++) {
      const res = await list(`org=${tree.province.id}&sort=name&pageSize=3&page=${page}`);
      expect(res.total).toBe(9);
      pages.push(...res.items.map((i) => i.fullName));
    }
    expect(pages).toEqual(all);
    expect(await names('sort=-name')).toEqual([...all].reverse());

    const byBirth = (await list(`org=${tree.province.id}&sort=birthDate&pageSize=200`)).items.map((i) => i.birthDate);
    expect(byBirth).toEqual([...byBirth].sort());
    const byAdmission = await names('sort=-admissionDate');
    expect(byAdmission[0]).toBe('Phạm Minh An');
    expect(byAdmission.at(-1)).toBe('Trần Văn An');
  });

  it('takes totals from the roll-ups that equal a count of the rows', async () => {
    const db = h().database.db;
    const count = async (statuses: string[], orgPath: string | null, sex?: string) => {
      let q = db.selectFrom('member').select((eb) => eb.fn.countAll<number>().as('n')).where('status', 'in', statuses);
      if (orgPath) q = q.where('org_path', 'like', `${orgPath}%`);
      if (sex) q = q.where('sex', '=', sex as 'male');
      return Number((await q.executeTakeFirstOrThrow()).n);
    };
    const active = ['probationary', 'official', 'exempt'];
    for (const org of [tree.province, tree.committee, tree.cellA, tree.cellB, tree.gcell]) {
      expect((await list(`org=${org.id}&pageSize=1`)).total).toBe(await count(active, org.path));
      expect((await list(`org=${org.id}&pageSize=1&status=official`)).total).toBe(await count(['official'], org.path));
      expect((await list(`org=${org.id}&pageSize=1&sex=female`)).total).toBe(await count(active, org.path, 'female'));
    }
    expect((await list('pageSize=1')).total).toBe(await count(active, null));
    expect((await list('pageSize=1&status=deceased,official')).total).toBe(await count(['deceased', 'official'], null));
    await expectExactRollups(h());
  });

  it('list items carry the org name and code', async () => {
    const res = await list(`org=${tree.cellB.id}&q=dang`);
    expect(res.items).toEqual([
      expect.objectContaining({ id: ids['Đặng Văn Nam'], orgId: tree.cellB.id, orgName: tree.cellB.name, orgCode: tree.cellB.code, partyCardNo: '07654321', status: 'official', version: 1 }),
    ]);
  });
});

describe('search parsing', () => {
  it('turns a query into a safe search shape', () => {
    expect(parseMemberSearch('Nguyễn  Văn', 'word')).toEqual({ kind: 'words', words: ['nguyen', 'van'] });
    expect(parseMemberSearch("a:*|b'", 'word')).toEqual({ kind: 'words', words: ['ab'] });
    expect(parseMemberSearch('!!', 'word')).toEqual({ kind: 'none' });
    expect(parseMemberSearch('50%_x', 'anywhere')).toEqual({ kind: 'anywhere', likePattern: '%50\\%\\_x%' });
    expect(parseMemberSearch('ab', 'anywhere')).toEqual({ kind: 'tooShort' });
    expect(parseMemberSearch('001085111111', 'anywhere')).toEqual({ kind: 'citizenIdOrCard', value: '001085111111' });
    expect(parseMemberSearch('123456', 'word')).toEqual({ kind: 'partyCard', value: '123456' });
    expect(parseMemberSearch('  ', 'word')).toBeNull();
  });
});
