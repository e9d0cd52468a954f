import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { beforeAll, expect, it } from 'vitest';
import { describeApi, signIn, userWithRoles, type ApiHarness } from '../../../test/api.js';
import { insertTestMember, insertTestTree } from '../../../test/factories.js';
import { appealResolutionDue } from '../../domain/exit/removal-case.js';
import { makeScope } from '../auth/scope.js';
import { countsOf, differences } from '../rollup/rollup.repository.js';
import * as caseRepo from '../case/case.repository.js';
import * as repo from './exit.repository.js';

type Tree = Awaited<ReturnType<typeof insertTestTree>>;
type Case = { id: number; state: string; version: number; nextSteps: string[]; closedOn: string | null; member: { status: string } };

function call(h: ApiHarness, method: InjectOptions['method'], url: string, payload?: unknown, headers = h.headers): Promise<LightMyRequestResponse> {
  return h.app.inject({ method, url, payload: payload as InjectOptions['payload'], headers });
}

async function counts(h: ApiHarness) {
  const db = h.database.db;
  const n = async (t: 'member' | 'audit_log' | 'removal_case' | 'removal_step' | 'member_status_period' | 'exemption' | 'due_item') =>
    Number((await db.selectFrom(t).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
  return {
    member: await n('member'),
    audit: await n('audit_log'),
    cases: await n('removal_case'),
    steps: await n('removal_step'),
    periods: await n('member_status_period'),
    exemptions: await n('exemption'),
    due: await n('due_item'),
  };
}

async function rollup(h: ApiHarness, orgId: number, dim: string, val: string): Promise<number> {
  return (await countsOf(h.database.db, makeScope(['/']), [orgId])).find((r) => r.dim === dim && r.val === val)?.n ?? 0;
}

const votes = (members: number, inFavour: number) => ({ members, inFavour, against: members - inFavour });

// Today is 2026-11-20.
describeApi(
  'exits and exemptions',
  (h) => {
    let t: Tree;
    const step = (caseId: number, body: Record<string, unknown>, headers?: Record<string, string>) => call(h(), 'POST', `/api/exits/${caseId}/steps`, body, headers);

    async function open(memberId: number, openedOn: string, grounds: string[] = ['missed_meetings']): Promise<Case> {
      const res = await call(h(), 'POST', '/api/exits', { memberId, openedOn, grounds });
      expect(res.statusCode, res.body).toBe(201);
      return res.json();
    }

    async function run(caseId: number, version: number, steps: Record<string, unknown>[]): Promise<Case & Record<string, unknown>> {
      let v = version;
      let last: (Case & Record<string, unknown>) | undefined;
      for (const s of steps) {
        const res = await step(caseId, { ...s, version: v });
        expect(res.statusCode, `${String(s.kind)}: ${res.body}`).toBe(200);
        last = res.json();
        v = last!.version;
      }
      return last!;
    }

    beforeAll(async () => {
      t = await insertTestTree(h().database.db, 'XT');
    });

    it('end to end: a removal with self-review requests, votes, decision, appeal in the window and restoration (R-EXIT-01, R-EXIT-03, R-EXIT-04, R-AGE-04, R-REC-06)', async () => {
      const db = h().database.db;
      const m = await insertTestMember(db, { org: t.cellA, full_name: 'Trần Văn Khôi', status: 'official', status_since: '2010-01-04', admission_date: '2009-01-04' });
      const officialBefore = await rollup(h(), t.province.id, 'status', 'official');
      const totalBefore = await rollup(h(), t.cellA.id, 'total', 'all');
      const lastAudit = Number((await db.selectFrom('audit_log').select((eb) => eb.fn.max('id').as('id')).executeTakeFirstOrThrow()).id ?? 0);

      const c = await open(m.id, '2026-01-05', ['missed_meetings', 'unpaid_dues']);
      expect(c).toMatchObject({ state: 'opened', nextSteps: ['self_review_request'], grounds: ['missed_meetings', 'unpaid_dues'], selfReview: { requests: 0, requestsBeforeProceeding: 3 } });
      const second = await call(h(), 'POST', '/api/exits', { memberId: m.id, openedOn: '2026-01-06', grounds: ['card_returned'] });
      expect(second.statusCode).toBe(409);
      expect(second.json().error).toMatchObject({ code: 'REMOVAL_CASE_OPEN', details: { field: 'memberId' } });

      // R-EXIT-03: two refusals are not enough; the chi bộ may not vote yet.
      const twice = await run(c.id, c.version, [
        { kind: 'self_review_request', date: '2026-01-06', reply: 'refused' },
        { kind: 'self_review_request', date: '2026-01-13', reply: 'no_reply' },
      ]);
      expect(twice).toMatchObject({ state: 'opened', selfReview: { requests: 2, refusals: 2 } });
      const early = await step(c.id, { kind: 'cell_resolution', date: '2026-01-14', resolutionNo: '1', votes: votes(9, 9), version: twice.version });
      expect(early.statusCode).toBe(409);
      expect(early.json().error).toMatchObject({ code: 'REMOVAL_STEP_NOT_ALLOWED', details: { field: 'kind', expected: ['self_review_request'] } });
      const appealTooSoon = await step(c.id, { kind: 'appeal', date: '2026-01-14', level: 'provincial', byMember: true, version: twice.version });
      expect(appealTooSoon.json().error).toMatchObject({ code: 'APPEAL_BEFORE_DECISION' });
      const beforeDate = await step(c.id, { kind: 'self_review_request', date: '2026-01-12', reply: 'refused', version: twice.version });
      expect(beforeDate.json().error).toMatchObject({ code: 'STEP_DATE_BEFORE_PREVIOUS', details: { field: 'date' } });

      const voted = await run(c.id, twice.version, [
        { kind: 'self_review_request', date: '2026-01-20', reply: 'refused' },
        { kind: 'cell_resolution', date: '2026-01-27', resolutionNo: '03-NQ/CB', votes: votes(9, 6) },
        { kind: 'grassroots_resolution', date: '2026-02-03', resolutionNo: '11-NQ/ĐU', votes: votes(15, 10) },
      ]);
      expect(voted).toMatchObject({ state: 'grassroots_resolved', nextSteps: ['decision'] });

      // A vote that cannot be is refused and writes nothing.
      const before = await counts(h());
      const impossible = await step(c.id, { kind: 'decision', date: '2026-02-05', decisionNo: 'x', authority: 'superior_standing_committee', votes: { members: 9, inFavour: 7, against: 3 }, version: voted.version });
      expect(impossible.statusCode).toBe(400);
      expect(impossible.json().error).toMatchObject({ code: 'VOTE_IMPOSSIBLE', details: { field: 'votes', reason: 'more_votes_than_members' } });
      expect(await counts(h())).toEqual(before);

      const removed = await run(c.id, voted.version, [
        { kind: 'decision', date: '2026-02-05', decisionNo: '45-QĐ/ĐU', authority: 'superior_standing_committee', votes: votes(9, 5) },
      ]);
      expect(removed).toMatchObject({ state: 'removed', nextSteps: ['notification'], member: { status: 'removed' } });
      expect(await rollup(h(), t.province.id, 'status', 'official')).toBe(officialBefore - 1);
      expect(await rollup(h(), t.cellA.id, 'total', 'all')).toBe(totalBefore - 1);

      // R-EXIT-04: 30 wd from receipt, across Tết 2026.
      const notified = await run(c.id, removed.version, [{ kind: 'notification', date: '2026-02-06' }]);
      expect(notified).toMatchObject({ state: 'notified', appealWindowEnds: '2026-03-27', deadlines: [{ step: 'appeal', ruleId: 'R-EXIT-04', due: '2026-03-27' }], nextSteps: ['appeal', 'finalize'] });
      expect(await db.selectFrom('due_item').select(['step', 'due_on', 'member_id']).where('case_kind', '=', 'removal').where('case_id', '=', c.id).execute()).toEqual([
        { step: 'appeal', due_on: '2026-03-27', member_id: m.id },
      ]);
      const mid = await counts(h());
      const late = await step(c.id, { kind: 'appeal', date: '2026-03-30', level: 'provincial', byMember: true, version: notified.version });
      expect(late.statusCode).toBe(400);
      expect(late.json().error).toMatchObject({ code: 'APPEAL_AFTER_WINDOW', details: { field: 'date', windowEnds: '2026-03-27' } });
      expect(late.json().error.message).toContain('30 ngày làm việc');
      const onBehalf = await step(c.id, { kind: 'appeal', date: '2026-03-20', level: 'provincial', byMember: false, version: notified.version });
      expect(onBehalf.json().error).toMatchObject({ code: 'APPEAL_NOT_BY_MEMBER', details: { field: 'byMember' } });
      expect(await counts(h())).toEqual(mid);

      const appealed = await run(c.id, notified.version, [{ kind: 'appeal', date: '2026-03-20', level: 'provincial', byMember: true }]);
      expect(appealed).toMatchObject({ state: 'appealed', deadlines: [{ step: 'appeal_resolution', ruleId: 'R-EXIT-04', due: appealResolutionDue('2026-03-20', 'provincial') }] });

      const restored = await run(c.id, appealed.version, [{ kind: 'appeal_resolution', date: '2026-05-04', decisionNo: '12-QĐ/TU', result: 'upheld' }]);
      expect(restored).toMatchObject({ state: 'restored', closedOn: '2026-05-04', deadlines: [], nextSteps: [], member: { status: 'official' }, duesOwed: { from: '2026-02-05', to: '2026-05-04' } });

      expect(
        await db
          .selectFrom('member_status_period')
          .select(['valid_from', 'valid_to', 'status', 'decision_no', 'reason', 'annulled_as_wrongful'])
          .where('member_id', '=', m.id)
          .orderBy('valid_from')
          .execute(),
      ).toEqual([
        { valid_from: '2010-01-04', valid_to: '2026-02-05', status: 'official', decision_no: null, reason: null, annulled_as_wrongful: false },
        { valid_from: '2026-02-05', valid_to: '2026-05-04', status: 'removed', decision_no: '45-QĐ/ĐU', reason: 'removal:missed_meetings,unpaid_dues', annulled_as_wrongful: true },
        { valid_from: '2026-05-04', valid_to: null, status: 'official', decision_no: '12-QĐ/TU', reason: 'restored_on_appeal', annulled_as_wrongful: false },
      ]);
      const record = await db.selectFrom('member').select(['status', 'status_since', 'deleted_at']).where('id', '=', m.id).executeTakeFirstOrThrow();
      expect(record).toEqual({ status: 'official', status_since: '2026-05-04', deleted_at: null });
      expect(await rollup(h(), t.province.id, 'status', 'official')).toBe(officialBefore);
      expect(await rollup(h(), t.cellA.id, 'total', 'all')).toBe(totalBefore);
      expect((await differences(db)).rows).toEqual([]);
      expect(await db.selectFrom('due_item').select('id').where('case_kind', '=', 'removal').where('case_id', '=', c.id).execute()).toEqual([]);

      const full = (await call(h(), 'GET', `/api/exits/${c.id}`)).json();
      expect(full.steps.map((s: { kind: string; outcome: string }) => `${s.kind}:${s.outcome}`)).toEqual([
        'self_review_request:done',
        'self_review_request:done',
        'self_review_request:done',
        'cell_resolution:passed',
        'grassroots_resolution:passed',
        'decision:passed',
        'notification:done',
        'appeal:done',
        'appeal_resolution:passed',
      ]);
      expect(full.steps[2]).toMatchObject({ details: { reply: 'refused', proceedsWithoutSelfReview: true } });
      const written = await db.selectFrom('audit_log').select(['action', 'after']).where('id', '>', lastAudit).where('action', 'not like', '%.read').orderBy('id').execute();
      expect(written.map((a) => a.action)).toEqual([
        'removal_case.open',
        ...Array<string>(5).fill('removal_case.step'),
        'member.status',
        'removal_case.step',
        'removal_case.step',
        'removal_case.step',
        'member.status',
        'removal_case.step',
      ]);
      expect(written[6]!.after).toMatchObject({ status: 'removed', reason: 'removal:missed_meetings,unpaid_dues', decisionNo: '45-QĐ/ĐU', effectiveDate: '2026-02-05' });
      expect(written[10]!.after).toMatchObject({ status: 'official', reason: 'restored_on_appeal', effectiveDate: '2026-05-04' });
      const list = (await call(h(), 'GET', `/api/exits?state=restored&org=${t.commune.id}`)).json();
      expect(list.items.map((i: { id: number }) => i.id)).toContain(c.id);
    });

    it('R-EXIT-04: a removal stands after the window; a failed vote ends the case without removal', async () => {
      const db = h().database.db;
      const m = await insertTestMember(db, { org: t.gcell, full_name: 'Lê Thị Hoa', status: 'official', status_since: '2012-03-01' });
      const c = await open(m.id, '2026-06-01', ['two_years_violations']);
      // A chi bộ cơ sở: after its resolution comes the decision.
      const notified = await run(c.id, c.version, [
        { kind: 'self_review_request', date: '2026-06-02', reply: 'reviewed' },
        { kind: 'cell_resolution', date: '2026-06-10', resolutionNo: '5', votes: votes(12, 8) },
        { kind: 'decision', date: '2026-06-20', decisionNo: '77-QĐ/ĐU', authority: 'superior_standing_committee', votes: votes(9, 6) },
        { kind: 'notification', date: '2026-06-22' },
      ]);
      const open_ = await step(c.id, { kind: 'finalize', date: '2026-07-01', version: notified.version });
      expect(open_.json().error).toMatchObject({ code: 'APPEAL_WINDOW_OPEN', details: { field: 'date' } });
      const final = await run(c.id, notified.version, [{ kind: 'finalize', date: '2026-09-01' }]);
      expect(final).toMatchObject({ state: 'removal_final', closedOn: '2026-09-01', member: { status: 'removed' } });
      const closed = await step(c.id, { kind: 'appeal', date: '2026-09-02', level: 'provincial', byMember: true, version: final.version });
      expect(closed.json().error.code).toBe('REMOVAL_CASE_CLOSED');

      const other = await insertTestMember(db, { org: t.cellB, full_name: 'Phùng Văn Đạt', status: 'official', status_since: '2015-01-01' });
      const c2 = await open(other.id, '2026-06-01');
      const lapsed = await run(c2.id, c2.version, [
        { kind: 'self_review_request', date: '2026-06-02', reply: 'reviewed' },
        { kind: 'cell_resolution', date: '2026-06-10', resolutionNo: '6', votes: votes(9, 5) },
      ]);
      expect(lapsed).toMatchObject({ state: 'not_removed', closedOn: '2026-06-10', member: { status: 'official' } });
      // A case from before HD06 (09/06/2025) reads, but its self-review request has no rule to apply.
      const old = await insertTestMember(db, { org: t.cellB, full_name: 'Mạc Văn Cũ', status: 'official', status_since: '2001-01-01' });
      const oc = await open(old.id, '2025-03-03');
      expect(oc).toMatchObject({ selfReview: { requestsBeforeProceeding: null } });
      const before = await counts(h());
      const tooOld = await step(oc.id, { kind: 'self_review_request', date: '2025-03-04', reply: 'refused', version: oc.version });
      expect(tooOld.statusCode).toBe(400);
      expect(tooOld.json().error).toMatchObject({ code: 'RULE_NOT_IN_FORCE', details: { field: 'date' } });
      expect(await counts(h())).toEqual(before);

      // The case is closed: a new one may be opened.
      expect((await call(h(), 'POST', '/api/exits', { memberId: other.id, openedOn: '2026-07-01', grounds: ['missed_meetings'] })).statusCode).toBe(201);
    });

    it('R-EXIT-07 and death: leaving on request (refused while violating) and death close the interval with the reason', async () => {
      const db = h().database.db;
      const m = await insertTestMember(db, { org: t.cellA, full_name: 'Đỗ Văn Lâm', status: 'official', status_since: '2011-01-01' });
      const totalBefore = await rollup(h(), t.cellA.id, 'total', 'all');
      const before = await counts(h());
      const body = { memberId: m.id, requestDate: '2026-08-01', decisionDate: '2026-08-20', decisionNo: '90-QĐ/ĐU', violating: true, version: m.version };
      const refused = await call(h(), 'POST', '/api/exits/withdrawals', body);
      expect(refused.statusCode).toBe(409);
      expect(refused.json().error).toMatchObject({ code: 'WITHDRAWAL_WHILE_VIOLATING', details: { field: 'violating' } });
      expect(await counts(h())).toEqual(before);
      const left = await call(h(), 'POST', '/api/exits/withdrawals', { ...body, violating: false });
      expect(left.statusCode, left.body).toBe(200);
      expect(left.json()).toMatchObject({ status: 'withdrawn', statusSince: '2026-08-20', reason: 'withdrawal_on_request' });
      expect(await rollup(h(), t.cellA.id, 'total', 'all')).toBe(totalBefore - 1);

      const d = await insertTestMember(db, { org: t.cellA, full_name: 'Ngô Thị Sen', status: 'official', status_since: '2001-01-01' });
      const ex = await call(h(), 'POST', '/api/exemptions', {
        memberId: d.id, kind: 'old_age_health', from: '2026-03-01', decidedBy: 'cell', decisionDate: '2026-02-25', decisionNo: '2-QĐ/CB', documents: ['Đơn xin miễn', 'Giấy khám sức khỏe'],
      });
      expect(ex.statusCode, ex.body).toBe(201);
      const fresh = await db.selectFrom('member').select('version').where('id', '=', d.id).executeTakeFirstOrThrow();
      const died = await call(h(), 'POST', '/api/exits/deaths', { memberId: d.id, dateOfDeath: '2026-10-02', version: fresh.version });
      expect(died.statusCode, died.body).toBe(200);
      expect(died.json()).toMatchObject({ status: 'deceased', statusSince: '2026-10-02', reason: 'death' });
      expect((await call(h(), 'GET', `/api/exemptions/${ex.json().id}`)).json()).toMatchObject({ endedOn: '2026-10-02' });
      expect(
        await db.selectFrom('member_status_period').select(['valid_from', 'valid_to', 'status', 'reason']).where('member_id', '=', d.id).orderBy('valid_from').execute(),
      ).toEqual([
        { valid_from: '2001-01-01', valid_to: '2026-03-01', status: 'official', reason: null },
        { valid_from: '2026-03-01', valid_to: '2026-10-02', status: 'exempt', reason: 'exemption:old_age_health' },
        { valid_from: '2026-10-02', valid_to: null, status: 'deceased', reason: 'death' },
      ]);
      const again = await call(h(), 'POST', '/api/exits/deaths', { memberId: d.id, dateOfDeath: '2026-10-03', version: fresh.version + 1 });
      expect(again.json().error).toMatchObject({ code: 'MEMBER_NOT_ON_ROLLS_FOR_EXIT', details: { field: 'memberId' } });
      expect((await differences(db)).rows).toEqual([]);
    });

    it('R-EXIT-10, R-EXIT-11, R-EXIT-12: exemptions with their decider and limits; exempt, then official again at the end', async () => {
      const db = h().database.db;
      const m = await insertTestMember(db, { org: t.cellB, full_name: 'Vương Thị Yến', status: 'official', status_since: '2014-01-01' });
      const exemptBefore = await rollup(h(), t.province.id, 'status', 'exempt');
      const before = await counts(h());
      const base = { memberId: m.id, kind: 'temporary_absence', from: '2026-04-01', to: '2027-04-01', decidedBy: 'grassroots_committee', decisionDate: '2026-03-25' };
      const tooLong = await call(h(), 'POST', '/api/exemptions', base);
      expect(tooLong.statusCode).toBe(400);
      expect(tooLong.json().error).toMatchObject({ code: 'EXEMPTION_INVALID', details: { field: 'to', limit: '2027-04-01' } });
      const beforeStatus = await call(h(), 'POST', '/api/exemptions', { ...base, kind: 'old_age_health', decidedBy: 'cell', documents: ['Giấy khám'], from: '2013-12-01', to: '2014-06-01' });
      expect(beforeStatus.json().error).toMatchObject({ code: 'EFFECTIVE_DATE_TOO_EARLY', details: { field: 'from' } });
      // R-EXIT-12's limit comes from HD06 (09/06/2025): a temporary exemption before it has no rule to check against.
      const beforeRule = await call(h(), 'POST', '/api/exemptions', { ...base, from: '2025-01-06', to: '2025-06-02' });
      expect(beforeRule.statusCode).toBe(400);
      expect(beforeRule.json().error).toMatchObject({ code: 'RULE_NOT_IN_FORCE', details: { field: 'from' } });
      const wrongDecider = await call(h(), 'POST', '/api/exemptions', { ...base, kind: 'other_reason', otherReason: 'maternity', decidedBy: 'cell', to: '2026-10-01' });
      expect(wrongDecider.json().error).toMatchObject({ code: 'EXEMPTION_INVALID', details: { field: 'decidedBy', expected: 'grassroots_committee' } });
      expect(await counts(h())).toEqual(before);

      const created = await call(h(), 'POST', '/api/exemptions', { ...base, to: '2027-03-15', documents: ['Giấy xác nhận nơi cư trú'] });
      expect(created.statusCode, created.body).toBe(201);
      const e = created.json();
      expect(e).toMatchObject({ kind: 'temporary_absence', from: '2026-04-01', to: '2027-03-15', member: { status: 'exempt' }, endedOn: null });
      expect(await rollup(h(), t.province.id, 'status', 'exempt')).toBe(exemptBefore + 1);
      expect(await db.selectFrom('due_item').select(['step', 'rule_id', 'due_on']).where('case_kind', '=', 'exemption').where('case_id', '=', e.id).execute()).toEqual([
        { step: 'end', rule_id: 'R-EXIT-12', due_on: '2027-03-15' },
      ]);
      const twice = await call(h(), 'POST', '/api/exemptions', { ...base, to: '2027-03-15' });
      expect(twice.json().error.code).toBe('EXEMPTION_OPEN');
      const endTooEarly = await call(h(), 'POST', `/api/exemptions/${e.id}/end`, { date: '2026-04-01', version: e.version });
      expect(endTooEarly.json().error).toMatchObject({ code: 'EFFECTIVE_DATE_TOO_EARLY', details: { field: 'date' } });

      const ended = await call(h(), 'POST', `/api/exemptions/${e.id}/end`, { date: '2026-11-02', decisionNo: '9-QĐ/ĐU', version: e.version });
      expect(ended.statusCode, ended.body).toBe(200);
      expect(ended.json()).toMatchObject({ endedOn: '2026-11-02', member: { status: 'official' } });
      expect(await rollup(h(), t.province.id, 'status', 'exempt')).toBe(exemptBefore);
      expect(await db.selectFrom('due_item').select('id').where('case_kind', '=', 'exemption').where('case_id', '=', e.id).execute()).toEqual([]);
      const again = await call(h(), 'POST', `/api/exemptions/${e.id}/end`, { date: '2026-11-03', version: e.version + 1 });
      expect(again.json().error.code).toBe('EXEMPTION_ENDED');
      const listed = (await call(h(), 'GET', `/api/exemptions?current=false&member=${m.id}`)).json();
      expect(listed.items.map((i: { id: number }) => i.id)).toEqual([e.id]);
      const audit = await db.selectFrom('audit_log').select('action').where('entity_type', '=', 'exemption').where('entity_id', '=', String(e.id)).orderBy('id').execute();
      expect(audit.map((a) => a.action)).toEqual(['exemption.create', 'exemption.end']);
    });

    it("answers 404 for exits and exemptions outside the caller's scope, and keeps leaders to reading", async () => {
      const db = h().database.db;
      const m = await insertTestMember(db, { org: t.cellB, full_name: 'Quách Văn Minh', status: 'official', status_since: '2016-01-01' });
      const c = await open(m.id, '2026-09-01');
      const other = await insertTestTree(db, 'XO');
      await userWithRoles(db, 'staff.xo', 'mat-khau-staff-xo-1', [{ role: 'org_staff', orgId: other.commune.id }]);
      await userWithRoles(db, 'leader.xt', 'mat-khau-leader-xt-1', [{ role: 'leader', orgId: t.commune.id }]);
      const outsider = await signIn(h().app, 'staff.xo', 'mat-khau-staff-xo-1');
      const leader = await signIn(h().app, 'leader.xt', 'mat-khau-leader-xt-1');
      const before = await counts(h());

      expect((await call(h(), 'GET', `/api/exits/${c.id}`, undefined, outsider.headers)).statusCode).toBe(404);
      const write = await step(c.id, { kind: 'self_review_request', date: '2026-09-02', reply: 'reviewed', version: c.version }, outsider.headers);
      expect(write.json().error.code).toBe('REMOVAL_CASE_NOT_FOUND');
      expect((await call(h(), 'POST', '/api/exits/deaths', { memberId: m.id, dateOfDeath: '2026-09-02', version: 1 }, outsider.headers)).json().error.code).toBe('MEMBER_NOT_FOUND');
      expect((await call(h(), 'GET', '/api/exits', undefined, outsider.headers)).json()).toEqual({ items: [], total: 0 });
      expect((await call(h(), 'GET', `/api/exits/${c.id}`, undefined, leader.headers)).statusCode).toBe(200);
      expect((await step(c.id, { kind: 'self_review_request', date: '2026-09-02', reply: 'reviewed', version: c.version }, leader.headers)).statusCode).toBe(403);
      expect(await counts(h())).toEqual(before);

      const sibling = makeScope([other.commune.path]);
      expect(await repo.findRemoval(db, sibling, c.id)).toBeUndefined();
      expect(await caseRepo.stepsOf(db, sibling, 'removal_case', c.id)).toEqual([]);
      expect(await caseRepo.updateCaseAtVersion(db, sibling, 'removal_case', c.id, c.version, { state: 'removed' })).toBe(0);
      expect(await repo.insertRemoval(db, sibling, { member_id: m.id, org_id: t.cellB.id, needs_grassroots_resolution: true, state: 'opened', opened_on: '2026-09-01', grounds: '[]', grounds_note: null, member_status_before: 'official' })).toBeUndefined();
      expect((await repo.listExemptions(db, sibling, { current: null, orgPath: null, memberId: null, limit: 10, offset: 0 })).total).toBe(0);
      expect(await counts(h())).toEqual(before);
    });
  },
  { today: '2026-11-20' },
);
