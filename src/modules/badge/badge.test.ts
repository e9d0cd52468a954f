import ExcelJS from 'exceljs';
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { beforeAll, expect, it } from 'vitest';
import { describeApi, signIn, userWithRoles, type ApiHarness, type Session } from '../../../test/api.js';
import { insertTestMember, insertTestTree } from '../../../test/factories.js';
import { makeScope } from '../auth/scope.js';
import * as repo from './badge.repository.js';

type Tree = Awaited<ReturnType<typeof insertTestTree>>;
type Candidate = { memberId: number; badgeClass: number; outcome: string; early: boolean; carriedOver: boolean; reachedOn: string; partyAgeMonths: number; deferral: { form: string; until: string | null } | null };
type Award = { id: number; serial: string; badgeNo: string; status: string; version: number; badgeClass: number; member: { id: number } };

function call(h: ApiHarness, method: InjectOptions['method'], url: string, payload?: unknown, headers = h.headers): Promise<LightMyRequestResponse> {
  return h.app.inject({ method, url, payload: payload as InjectOptions['payload'], headers });
}

async function counts(h: ApiHarness) {
  const db = h.database.db;
  const n = async (t: 'badge_award' | 'badge_sequence' | 'audit_log' | 'badge_consideration') => Number((await db.selectFrom(t).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
  return { awards: await n('badge_award'), sequences: await n('badge_sequence'), audit: await n('audit_log'), considerations: await n('badge_consideration') };
}

// Today is 2026-10-01: the 2/9 batch (20/05–02/09) is over, the 7/11 one is ahead.
describeApi(
  'party badges',
  (h) => {
    let t: Tree;
    let other: Tree;
    let staffOther: Session;
    let leader: Session;
    const m: Record<string, number> = {};
    const candidates = async (ceremony: string, headers?: Record<string, string>, extra = '') => {
      const res = await call(h(), 'GET', `/api/badges/candidates?ceremony=${ceremony}&limit=1000${extra}`, undefined, headers);
      expect(res.statusCode, res.body).toBe(200);
      return res.json() as { items: Candidate[]; total: number; from: string; byClass: { badgeClass: number; eligible: number; deferred: number }[] };
    };
    const of = (items: Candidate[], id: number) => items.filter((c) => c.memberId === id);

    beforeAll(async () => {
      const db = h().database.db;
      t = await insertTestTree(db, 'HH');
      other = await insertTestTree(db, 'HK');
      const add = async (key: string, org: { id: number; path: string }, admission: string) => {
        const row = await insertTestMember(db, { org, full_name: `Đảng Viên ${key}`, admission_date: admission, status: 'official', status_since: admission });
        m[key] = row.id;
      };
      await add('thirty', t.cellA, '1996-08-15');
      await add('firstDay', t.cellA, '1996-05-20');
      await add('lastBatch', t.cellA, '1996-05-19');
      await add('forty', t.cellB, '1986-09-02');
      await add('ill', t.cellB, '1997-06-01');
      await add('warned', t.gcell, '1996-07-01');
      await add('gap', t.gcell, '1996-01-01');
      await add('young', t.gcell, '2010-08-15');
      await add('elsewhere', other.cellA, '1996-08-15');
      // Out of the party 2000-01-01 → 2000-08-01 (213 days): 30 years on 2026-08-01, not 2026-01-01.
      await db.deleteFrom('member_status_period').where('member_id', '=', m.gap!).execute();
      await db
        .insertInto('member_status_period')
        .values([
          { member_id: m.gap!, valid_from: '1996-01-01', valid_to: '2000-01-01', status: 'official', decision_no: null },
          { member_id: m.gap!, valid_from: '2000-01-01', valid_to: '2000-08-01', status: 'removed', decision_no: null },
          { member_id: m.gap!, valid_from: '2000-08-01', valid_to: null, status: 'official', decision_no: null },
        ])
        .execute();
      const ill = await call(h(), 'PUT', `/api/badges/members/${m.ill}/consideration`, { seriouslyIll: true, discipline: null });
      expect(ill.statusCode, ill.body).toBe(200);
      const warned = await call(h(), 'PUT', `/api/badges/members/${m.warned}/consideration`, {
        seriouslyIll: false,
        discipline: { form: 'warning', decisionDate: '2026-03-01', decisionNo: '12-QĐ/UBKT' },
      });
      expect(warned.statusCode, warned.body).toBe(200);
      await userWithRoles(db, 'staff.hk', 'mat-khau-staff-hk-1', [{ role: 'org_staff', orgId: other.commune.id }]);
      await userWithRoles(db, 'leader.hh', 'mat-khau-leader-hh-1', [{ role: 'leader', orgId: t.commune.id }]);
      staffOther = await signIn(h().app, 'staff.hk', 'mat-khau-staff-hk-1');
      leader = await signIn(h().app, 'leader.hh', 'mat-khau-leader-hh-1');
    });

    it('R-AGE-01: the member record shows party age net of the gap', async () => {
      const rec = (await call(h(), 'GET', `/api/members/${m.gap}`)).json();
      // 1996-01-01 + 213 days = 1996-08-01; to 2026-10-01 that is 30 years 2 months.
      expect(rec.partyAge).toEqual({ since: '1996-01-01', months: 362, years: 30, monthsOver: 2, asOf: '2026-10-01', gaps: [{ from: '2000-01-01', to: '2000-08-01' }] });
      expect((await call(h(), 'GET', `/api/members/${m.thirty}`)).json().partyAge).toMatchObject({ months: 361, years: 30, monthsOver: 1, gaps: [] });
    });

    it('R-AGE-04: a removal annulled as wrongful is no gap on the record', async () => {
      const db = h().database.db;
      const row = await insertTestMember(db, { org: t.cellB, full_name: 'Đảng Viên Được Khôi Phục', admission_date: '2000-03-15', status: 'official', status_since: '2001-03-15' });
      await db.deleteFrom('member_status_period').where('member_id', '=', row.id).execute();
      await db
        .insertInto('member_status_period')
        .values([
          { member_id: row.id, valid_from: '2001-03-15', valid_to: '2010-01-01', status: 'official', decision_no: null },
          { member_id: row.id, valid_from: '2010-01-01', valid_to: '2012-01-01', status: 'removed', decision_no: null, annulled_as_wrongful: true },
          { member_id: row.id, valid_from: '2012-01-01', valid_to: null, status: 'official', decision_no: null },
        ])
        .execute();
      expect((await call(h(), 'GET', `/api/members/${row.id}`)).json().partyAge).toMatchObject({ months: 318, gaps: [] });
      await db.updateTable('member_status_period').set({ annulled_as_wrongful: false }).where('member_id', '=', row.id).where('status', '=', 'removed').execute();
      expect((await call(h(), 'GET', `/api/members/${row.id}`)).json().partyAge).toMatchObject({ months: 294, gaps: [{ from: '2010-01-01', to: '2012-01-01' }] });
      await db.deleteFrom('member_status_period').where('member_id', '=', row.id).execute();
      await db.insertInto('member_status_period').values({ member_id: row.id, valid_from: '2001-03-15', valid_to: null, status: 'official', decision_no: null }).execute();
    });

    it('R-BADGE-06: lists the members reaching a class within the batch, the first day in and the day before out', async () => {
      const list = await candidates('2026-09-02');
      expect(list.from).toBe('2026-05-20');
      expect(of(list.items, m.thirty!)).toMatchObject([{ badgeClass: 30, outcome: 'eligible', reachedOn: '2026-08-15', early: false, partyAgeMonths: 360 }]);
      expect(of(list.items, m.firstDay!)).toMatchObject([{ badgeClass: 30, reachedOn: '2026-05-20' }]);
      expect(of(list.items, m.lastBatch!)).toEqual([]);
      expect(of(list.items, m.forty!)).toMatchObject([{ badgeClass: 40, reachedOn: '2026-09-02' }]);
      expect(of(list.items, m.young!)).toEqual([]);
      expect(of((await candidates('2026-05-19')).items, m.lastBatch!)).toMatchObject([{ badgeClass: 30, reachedOn: '2026-05-19' }]);
      expect(list.byClass).toEqual([
        { badgeClass: 30, eligible: 5, deferred: 1 },
        { badgeClass: 40, eligible: 1, deferred: 0 },
      ]);
      const bad = await call(h(), 'GET', '/api/badges/candidates?ceremony=2026-09-03');
      expect(bad.statusCode).toBe(400);
      expect(bad.json().error).toMatchObject({ code: 'BADGE_CEREMONY_INVALID', details: { field: 'ceremony' } });
      const noClass = await call(h(), 'GET', '/api/badges/candidates?ceremony=2026-09-02&badgeClass=35');
      expect(noClass.json().error).toMatchObject({ code: 'VALIDATION', details: { field: 'badgeClass' } });
      expect(noClass.json().error.message).toContain('35 năm');
      const only40 = await candidates('2026-09-02', undefined, '&badgeClass=40');
      expect(only40.items.map((c) => c.memberId)).toEqual([m.forty]);
    });

    it('R-BADGE-02: a member with a period out of the party is listed at the batch of the later day', async () => {
      expect(of((await candidates('2026-09-02')).items, m.gap!)).toMatchObject([{ badgeClass: 30, reachedOn: '2026-08-01' }]);
      expect(of((await candidates('2026-02-03')).items, m.gap!)).toEqual([]);
    });

    it('R-BADGE-03: a seriously ill member flagged by staff is listed early', async () => {
      expect(of((await candidates('2026-09-02')).items, m.ill!)).toMatchObject([{ badgeClass: 30, outcome: 'eligible', early: true, reachedOn: '2027-06-01' }]);
      expect(of((await candidates('2026-05-19')).items, m.ill!)).toEqual([]);
    });

    it('R-BADGE-05: a member under discipline is deferred, with the reason and the end of the waiting time', async () => {
      expect(of((await candidates('2026-09-02')).items, m.warned!)).toMatchObject([{ badgeClass: 30, outcome: 'deferred', deferral: { form: 'warning', until: '2026-12-01' } }]);
      const eligibleOnly = await candidates('2026-09-02', undefined, '&outcome=eligible');
      expect(of(eligibleOnly.items, m.warned!)).toEqual([]);
    });

    it("R-BADGE-09: lists only the caller's scope; another subtree's org answers 404", async () => {
      const all = await candidates('2026-09-02');
      expect(of(all.items, m.elsewhere!)).toHaveLength(1);
      const mine = await candidates('2026-09-02', undefined, `&org=${t.commune.id}`);
      expect(of(mine.items, m.elsewhere!)).toEqual([]);
      const theirs = await candidates('2026-09-02', staffOther.headers);
      expect(theirs.items.map((c) => c.memberId)).toEqual([m.elsewhere]);
      expect((await call(h(), 'GET', `/api/badges/candidates?ceremony=2026-09-02&org=${t.commune.id}`, undefined, staffOther.headers)).statusCode).toBe(404);
      expect((await call(h(), 'GET', `/api/badges/members/${m.thirty}`, undefined, staffOther.headers)).statusCode).toBe(404);
      expect((await call(h(), 'PUT', `/api/badges/members/${m.thirty}/consideration`, { seriouslyIll: true, discipline: null }, staffOther.headers)).statusCode).toBe(404);
      // The repository itself, with the other subtree's scope, reads nothing of this one.
      const sibling = makeScope([other.commune.path]);
      expect(await repo.candidateRows(h().database.db, sibling, { memberIds: [m.thirty!] })).toEqual([]);
      expect(await repo.findConsideration(h().database.db, sibling, m.ill!)).toBeUndefined();
    });

    it('R-BADGE-04: awards a list all or nothing, refusing a deferred member and writing nothing', async () => {
      const before = await counts(h());
      const body = { ceremonyDate: '2026-09-02', decisionNo: '101-QĐ/TU', decisionDate: '2026-08-20' };
      const refused = await call(h(), 'POST', '/api/badges/awards', { ...body, items: [{ memberId: m.thirty, badgeClass: 30 }, { memberId: m.warned, badgeClass: 30 }] });
      expect(refused.statusCode).toBe(409);
      expect(refused.json().error).toMatchObject({ code: 'BADGE_DEFERRED', details: { field: 'items.1.memberId' } });
      const wrongClass = await call(h(), 'POST', '/api/badges/awards', { ...body, items: [{ memberId: m.thirty, badgeClass: 40 }] });
      expect(wrongClass.json().error.code).toBe('BADGE_NOT_CANDIDATE');
      const twice = await call(h(), 'POST', '/api/badges/awards', { ...body, items: [{ memberId: m.thirty, badgeClass: 30 }, { memberId: m.thirty, badgeClass: 30 }] });
      expect(twice.json().error.code).toBe('BADGE_DUPLICATE_ITEM');
      const byLeader = await call(h(), 'POST', '/api/badges/awards', { ...body, items: [{ memberId: m.thirty, badgeClass: 30 }] }, leader.headers);
      expect(byLeader.statusCode).toBe(403);
      const outOfScope = await call(h(), 'POST', '/api/badges/awards', { ...body, items: [{ memberId: m.thirty, badgeClass: 30 }] }, staffOther.headers);
      expect(outOfScope.statusCode).toBe(404);
      expect(outOfScope.json().error.code).toBe('MEMBER_NOT_FOUND');
      expect(await counts(h())).toEqual(before);
    });

    it('R-BADGE-08: numbers each class in its range, one sequence per province and class', async () => {
      const body = { ceremonyDate: '2026-09-02', decisionNo: '101-QĐ/TU', decisionDate: '2026-08-20' };
      const res = await call(h(), 'POST', '/api/badges/awards', {
        ...body,
        items: [
          { memberId: m.thirty, badgeClass: 30 },
          { memberId: m.firstDay, badgeClass: 30 },
          { memberId: m.forty, badgeClass: 40 },
          { memberId: m.ill, badgeClass: 30 },
        ],
      });
      expect(res.statusCode, res.body).toBe(201);
      const items = res.json().items as Award[];
      const serial = (id: number) => items.find((a) => a.member.id === id)!.serial;
      expect([serial(m.thirty!), serial(m.firstDay!), serial(m.ill!)]).toEqual(['00000001', '00000002', '00000003']);
      expect(serial(m.forty!)).toBe('0000001');
      expect(items.find((a) => a.member.id === m.thirty)!.badgeNo).toBe(`${t.province.code}-00000001`);
      // The other province starts its own sequence.
      const there = await call(h(), 'POST', '/api/badges/awards', { ...body, decisionNo: '55-QĐ/TU', items: [{ memberId: m.elsewhere, badgeClass: 30 }] }, staffOther.headers);
      expect(there.statusCode, there.body).toBe(201);
      expect(there.json().items[0]).toMatchObject({ serial: '00000001', badgeNo: `${other.province.code}-00000001` });
      // Awarded members leave the list; a second award is refused.
      expect(of((await candidates('2026-09-02')).items, m.thirty!)).toEqual([]);
      const again = await call(h(), 'POST', '/api/badges/awards', { ...body, items: [{ memberId: m.thirty, badgeClass: 30 }] });
      expect(again.json().error.code).toBe('BADGE_ALREADY_AWARDED');
      // The register refuses a number twice in a province and class whatever the path.
      const db = h().database.db;
      const a = await db.selectFrom('badge_award').selectAll().where('member_id', '=', m.firstDay!).executeTakeFirstOrThrow();
      await expect(db.updateTable('badge_award').set({ serial: '00000001' }).where('id', '=', a.id).execute()).rejects.toThrow();
      const audit = await db.selectFrom('audit_log').select('action').where('action', '=', 'badge.award').execute();
      expect(audit).toHaveLength(5);
    });

    it('R-BADGE-08: refuses an award once the range of the class is used up, writing nothing', async () => {
      const db = h().database.db;
      // A 40-year member of the other province, whose 40-year range is set as used up (7 digits).
      const row = await insertTestMember(db, { org: other.cellB, full_name: 'Đảng Viên Hết Số', admission_date: '1986-08-20', status: 'official', status_since: '1987-08-20' });
      await db.insertInto('badge_sequence').values({ province_org_id: other.province.id, badge_class: 40, last_no: 9_999_999 }).execute();
      const before = await counts(h());
      const res = await call(h(), 'POST', '/api/badges/awards', { ceremonyDate: '2026-09-02', decisionNo: '56-QĐ/TU', decisionDate: '2026-08-20', items: [{ memberId: row.id, badgeClass: 40 }] }, staffOther.headers);
      expect(res.statusCode).toBe(409);
      expect(res.json().error).toMatchObject({ code: 'BADGE_NUMBERS_EXHAUSTED', details: { field: 'items' } });
      expect(await counts(h())).toEqual(before);
      expect((await db.selectFrom('badge_sequence').select('last_no').where('province_org_id', '=', other.province.id).where('badge_class', '=', 40).executeTakeFirstOrThrow()).last_no).toBe(9_999_999);
    });

    it('R-BADGE-10: a removed member returns the badge; a lost one is reissued under its number', async () => {
      const list = (await call(h(), 'GET', `/api/badges/awards?memberId=${m.thirty}`)).json();
      const award = list.items[0] as Award;
      const early = await call(h(), 'POST', `/api/badges/awards/${award.id}/return`, { date: '2026-09-20', reason: 'Xóa tên', version: award.version });
      expect(early.statusCode).toBe(409);
      expect(early.json().error.code).toBe('BADGE_RETURN_NOT_ALLOWED');
      const rec = (await call(h(), 'GET', `/api/members/${m.thirty}`)).json();
      const removed = await call(h(), 'POST', `/api/members/${m.thirty}/status`, { status: 'removed', effectiveDate: '2026-09-15', version: rec.version });
      expect(removed.statusCode, removed.body).toBe(200);
      const returned = await call(h(), 'POST', `/api/badges/awards/${award.id}/return`, { date: '2026-09-20', reason: 'Bị xóa tên', version: award.version });
      expect(returned.statusCode, returned.body).toBe(200);
      expect(returned.json()).toMatchObject({ status: 'returned', returnedOn: '2026-09-20', serial: '00000001', version: award.version + 1 });
      const twice = await call(h(), 'POST', `/api/badges/awards/${award.id}/reissue`, { date: '2026-09-21', reason: 'Mất', version: award.version + 1 });
      expect(twice.json().error.code).toBe('BADGE_AWARD_RETURNED');

      const forty = (await call(h(), 'GET', `/api/badges/awards?memberId=${m.forty}`)).json().items[0] as Award;
      const stale = await call(h(), 'POST', `/api/badges/awards/${forty.id}/reissue`, { date: '2026-09-25', reason: 'Mất khi chuyển nhà', version: forty.version + 5 });
      expect(stale.json().error.code).toBe('STALE_VERSION');
      const reissued = await call(h(), 'POST', `/api/badges/awards/${forty.id}/reissue`, { date: '2026-09-25', reason: 'Mất khi chuyển nhà', version: forty.version });
      expect(reissued.json()).toMatchObject({ status: 'reissued', reissuedOn: '2026-09-25', serial: '0000001' });
      expect((await call(h(), 'POST', `/api/badges/awards/${forty.id}/reissue`, { date: '2026-09-25', reason: 'x', version: forty.version + 1 }, staffOther.headers)).statusCode).toBe(404);
      expect((await call(h(), 'POST', `/api/badges/awards/${forty.id}/reissue`, { date: '2026-09-25', reason: 'x', version: forty.version + 1 }, leader.headers)).statusCode).toBe(403);
      const trail = await h().database.db.selectFrom('audit_log').select(['action', 'entity_id']).where('entity_type', '=', 'badge_award').where('action', 'in', ['badge.return', 'badge.reissue']).execute();
      expect(trail.map((a) => `${a.action}:${a.entity_id}`).sort()).toEqual([`badge.reissue:${forty.id}`, `badge.return:${award.id}`]);

      // The repository itself, with the other subtree's scope, neither reads nor changes these awards.
      const db = h().database.db;
      const sibling = makeScope([other.commune.path]);
      expect(await repo.findAward(db, sibling, forty.id)).toBeUndefined();
      expect((await repo.listAwards(db, sibling, { orgPath: null, year: null, ceremonyDate: null, badgeClass: null, status: null, memberId: m.forty! }, { limit: 10, offset: 0 })).total).toBe(0);
      expect(await repo.updateAwardAtVersion(db, sibling, forty.id, forty.version + 1, { status: 'returned' })).toBe(0);
      const now = new Date();
      expect(
        await repo.insertAward(db, sibling, {
          member_id: m.young!, badge_class: 30, ceremony_date: '2026-09-02', reached_on: '2026-08-15', decision_no: 'x', decision_date: '2026-08-20',
          province_org_id: t.province.id, serial: '00000099', early: false, posthumous: false, org_id: t.gcell.id, created_by: null, created_at: now, updated_by: null, updated_at: now,
        }),
      ).toBeUndefined();
      const values = { member_id: m.young!, seriously_ill: true, discipline_form: null, discipline_decision_date: null, discipline_decision_no: null, improvement_recognised_on: null, note: null, updated_by: null, updated_at: now };
      expect(await repo.upsertConsideration(db, sibling, values, null)).toBe(0);
      expect(await repo.findConsideration(db, makeScope([t.commune.path]), m.young!)).toBeUndefined();
    });

    it('keeps the register: filters, scope, member page and the Excel export', async () => {
      const all = (await call(h(), 'GET', '/api/badges/awards?year=2026')).json();
      expect(all.total).toBe(5);
      expect((await call(h(), 'GET', `/api/badges/awards?org=${t.commune.id}&badgeClass=30`)).json().total).toBe(3);
      expect((await call(h(), 'GET', '/api/badges/awards?status=returned')).json().items.map((a: Award) => a.member.id)).toEqual([m.thirty]);
      expect((await call(h(), 'GET', '/api/badges/awards', undefined, staffOther.headers)).json().total).toBe(1);
      expect((await call(h(), 'GET', '/api/badges/awards', undefined, leader.headers)).json().total).toBe(4);
      const mine = (await call(h(), 'GET', `/api/badges/members/${m.forty}`)).json();
      expect(mine).toMatchObject({ partyAgeMonths: 480, next: { badgeClass: 45, reachedOn: '2031-09-02' }, consideration: null, awards: [{ badgeClass: 40, status: 'reissued' }] });

      const file = await call(h(), 'GET', `/api/badges/awards/export?org=${t.commune.id}`);
      expect(file.statusCode).toBe(200);
      expect(file.headers['content-type']).toContain('spreadsheetml');
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(file.rawPayload as unknown as ArrayBuffer);
      const ws = wb.worksheets[0]!;
      const texts: string[] = [];
      ws.eachRow((row) => texts.push(row.values!.toString()));
      expect(texts.join('\n')).toContain(`${t.province.code}-0000001`);
      expect(texts.join('\n')).toContain('Đã cấp lại');
      expect(texts.join('\n')).not.toContain(`${other.province.code}-`);
      expect((await call(h(), 'GET', '/api/badges/awards/export', undefined, leader.headers)).statusCode).toBe(403);
    });

    it('R-BADGE-08: two awards of one member at once give one badge and one refusal', async () => {
      const body = { ceremonyDate: '2026-05-19', decisionNo: '77-QĐ/TU', decisionDate: '2026-05-10', items: [{ memberId: m.lastBatch, badgeClass: 30 }] };
      const [a, b] = await Promise.all([call(h(), 'POST', '/api/badges/awards', body), call(h(), 'POST', '/api/badges/awards', body)]);
      expect([a.statusCode, b.statusCode].sort()).toEqual([201, 409]);
      expect((a.statusCode === 409 ? a : b).json().error.code).toBe('BADGE_ALREADY_AWARDED');
      expect((await call(h(), 'GET', `/api/badges/awards?memberId=${m.lastBatch}`)).json().total).toBe(1);
    });

    it('refuses bad badge facts with a named field, and a stale edit', async () => {
      const res = await call(h(), 'PUT', `/api/badges/members/${m.young}/consideration`, {
        seriouslyIll: false,
        discipline: { form: 'reprimand', decisionDate: '2026-03-01', improvementRecognisedOn: '2026-02-01' },
      });
      expect(res.statusCode).toBe(400);
      expect(res.json().error).toMatchObject({ code: 'DATE_ORDER', details: { field: 'discipline.improvementRecognisedOn' } });
      const early = await call(h(), 'PUT', `/api/badges/members/${m.young}/consideration`, { seriouslyIll: false, discipline: { form: 'warning', decisionDate: '2025-06-30' } });
      expect(early.json().error).toMatchObject({ code: 'BADGE_DISCIPLINE_BEFORE_RULES', details: { field: 'discipline.decisionDate' } });
      const stale = await call(h(), 'PUT', `/api/badges/members/${m.ill}/consideration`, { seriouslyIll: false, discipline: null, version: 9 });
      expect(stale.json().error.code).toBe('STALE_VERSION');
      const ok = await call(h(), 'PUT', `/api/badges/members/${m.ill}/consideration`, { seriouslyIll: false, discipline: null, version: 1 });
      expect(ok.json().consideration).toMatchObject({ seriouslyIll: false, version: 2 });
    });
  },
  { today: '2026-10-01' },
);
