import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { beforeAll, expect, it } from 'vitest';
import { describeApi, signIn, userWithRoles, type ApiHarness } from '../../../test/api.js';
import { insertTestMember, insertTestTree } from '../../../test/factories.js';
import { recognitionDecisionDue } from '../../domain/probation/probation.js';
import { makeScope } from '../auth/scope.js';
import * as caseRepo from '../case/case.repository.js';
import * as repo from './recognition.repository.js';
import { countsOf, differences } from '../rollup/rollup.repository.js';
import { backgroundReplied, backgroundRequested, ballot, comments } from '../../../test/admission-steps.js';

type Tree = Awaited<ReturnType<typeof insertTestTree>>;
type Case = { id: number; state: string; version: number; nextStep: string | null; officialDate: string | null; closedOn: string | null };

function call(h: ApiHarness, method: InjectOptions['method'], url: string, payload?: unknown, headers = h.headers): Promise<LightMyRequestResponse> {
  return h.app.inject({ method, url, payload: payload as InjectOptions['payload'], headers });
}

async function counts(h: ApiHarness) {
  const db = h.database.db;
  const n = async (t: 'member' | 'audit_log' | 'recognition_case' | 'recognition_step' | 'member_status_period') =>
    Number((await db.selectFrom(t).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
  return { member: await n('member'), audit: await n('audit_log'), cases: await n('recognition_case'), steps: await n('recognition_step'), periods: await n('member_status_period') };
}

async function rollup(h: ApiHarness, orgId: number, dim: string, val: string): Promise<number> {
  return (await countsOf(h.database.db, makeScope(['/']), [orgId])).find((r) => r.dim === dim && r.val === val)?.n ?? 0;
}

const votes = (members: number, inFavour: number) => ({ members, inFavour, against: members - inFavour });

// Today is 2027-12-01: a member admitted at a ceremony on 2026-05-04 has finished probation.
describeApi(
  'recognition cases',
  (h) => {
    let t: Tree;
    let seq = 0;
    const citizenId = () => `0012970${String(++seq).padStart(5, '0')}`;

    const step = (caseId: number, body: Record<string, unknown>, headers?: Record<string, string>) => call(h(), 'POST', `/api/recognition-cases/${caseId}/steps`, body, headers);

    async function open(memberId: number, openedOn: string): Promise<Case> {
      const res = await call(h(), 'POST', '/api/recognition-cases', { memberId, openedOn });
      expect(res.statusCode, res.body).toBe(201);
      return res.json();
    }

    async function run(caseId: number, version: number, steps: Record<string, unknown>[]): Promise<Case> {
      let v = version;
      let last: Case | undefined;
      for (const s of steps) {
        const res = await step(caseId, { ...s, version: v });
        expect(res.statusCode, `${String(s.kind)}: ${res.body}`).toBe(200);
        last = res.json();
        v = last!.version;
      }
      return last!;
    }

    /** A probationary member from the admission flow of the API, ceremony on `ceremony`. */
    async function admitThroughApi(orgId: number, sponsorIds: number[], ceremony: string): Promise<number> {
      const p = await call(h(), 'POST', '/api/candidates', { fullName: 'Vũ Thị Lan', sex: 'female', birthDate: '1995-02-11', citizenId: citizenId(), orgId });
      expect(p.statusCode, p.body).toBe(201);
      const c = await call(h(), 'POST', '/api/admission-cases', { candidateId: p.json().id, openedOn: '2026-01-05' });
      let v = c.json().version as number;
      const steps = [
        { kind: 'course_certificate', date: '2026-01-12' },
        { kind: 'sponsors', date: '2026-02-02', sponsors: sponsorIds.map((memberId) => ({ memberId, togetherSince: '2020-01-01', togetherBy: 'work' })) },
        backgroundRequested('2026-02-10'),
        backgroundReplied('2026-03-02'),
        comments('2026-03-09'),
        { kind: 'cell_resolution', date: '2026-03-16', resolutionNo: '05-NQ/CB', votes: votes(9, 8), ballot: ballot() },
        { kind: 'grassroots_resolution', date: '2026-04-01', resolutionNo: '12-NQ/ĐU', votes: votes(15, 12), ballot: ballot() },
        { kind: 'decision', date: '2026-04-20', decisionNo: '123-QĐ/ĐU', authority: 'superior_standing_committee', votes: votes(9, 7), ballot: ballot() },
        { kind: 'ceremony', date: ceremony },
      ];
      let last: { memberId: number; version: number } | undefined;
      for (const s of steps) {
        const res = await call(h(), 'POST', `/api/admission-cases/${c.json().id}/steps`, { ...s, version: v });
        expect(res.statusCode, `${s.kind}: ${res.body}`).toBe(200);
        last = res.json();
        v = last!.version;
      }
      return last!.memberId;
    }

    let sponsorIds: number[];
    beforeAll(async () => {
      t = await insertTestTree(h().database.db, 'CN');
      const a = await insertTestMember(h().database.db, { org: t.cellA, full_name: 'Trần Văn An', status: 'official', status_since: '2010-01-01' });
      const b = await insertTestMember(h().database.db, { org: t.cellA, full_name: 'Phạm Thị Bình', status: 'official', status_since: '2012-01-01' });
      sponsorIds = [a.id, b.id];
    });

    it('takes an admitted member to official on ceremony + 12 months though the decision is late (R-PROB-02 … R-PROB-05), with intervals, roll-ups and audit rows', async () => {
      const db = h().database.db;
      const memberId = await admitThroughApi(t.cellA.id, sponsorIds, '2026-05-04');
      const probationaryBefore = await rollup(h(), t.province.id, 'status', 'probationary');
      const officialBefore = await rollup(h(), t.province.id, 'status', 'official');
      const totalBefore = await rollup(h(), t.cellA.id, 'total', 'all');
      const lastAudit = Number((await db.selectFrom('audit_log').select((eb) => eb.fn.max('id').as('id')).executeTakeFirstOrThrow()).id ?? 0);

      const c = await open(memberId, '2027-04-20');
      expect(c).toMatchObject({ state: 'opened', nextStep: 'self_review', ceremonyDate: '2026-05-04', probationEnds: '2027-05-04', member: { id: memberId, status: 'probationary' } });
      expect((c as unknown as { deadlines: { ruleId: string }[] }).deadlines.map((d) => d.ruleId)).toEqual(['R-PROB-02']);

      // R-PROB-07: not before the 12 months have run.
      const early = await step(c.id, { kind: 'self_review', date: '2027-05-03', version: c.version });
      expect(early.statusCode).toBe(400);
      expect(early.json().error).toMatchObject({ code: 'SELF_REVIEW_BEFORE_PROBATION_END', details: { field: 'date', probationEnds: '2027-05-04' } });

      const resolved = await run(c.id, c.version, [
        { kind: 'self_review', date: '2027-05-04' },
        { kind: 'cell_resolution', date: '2027-05-10', resolutionNo: '07-NQ/CB', proposal: 'recognize', votes: votes(9, 8) },
        { kind: 'grassroots_resolution', date: '2027-05-20', resolutionNo: '20-NQ/ĐU', votes: votes(15, 11) },
      ]);
      expect(resolved).toMatchObject({ state: 'grassroots_resolved', nextStep: 'decision', deadlines: [{ step: 'decision', ruleId: 'R-PROB-04', ...recognitionDecisionDue('2027-05-10') }] });

      // R-PROB-03: decided well past the deadline and its extension; official still from 2027-05-04.
      const lateDecision = '2027-09-15';
      expect(lateDecision > recognitionDecisionDue('2027-05-10').dueWithExtension!).toBe(true);
      const decided = await run(c.id, resolved.version, [
        { kind: 'decision', date: lateDecision, decisionNo: '88-QĐ/ĐU', authority: 'superior_standing_committee', result: 'recognized', votes: votes(9, 6) },
      ]);
      expect(decided).toMatchObject({ state: 'recognized', closedOn: lateDecision, nextStep: null, officialDate: '2027-05-04', deadlines: [], member: { status: 'official' } });

      const member = (await call(h(), 'GET', `/api/members/${memberId}`)).json();
      expect(member).toMatchObject({ status: 'official', statusSince: '2027-05-04', officialDate: '2027-05-04', admissionDate: '2026-05-04' });
      expect(
        await db.selectFrom('member_status_period').select(['valid_from', 'valid_to', 'status', 'decision_no', 'reason']).where('member_id', '=', memberId).orderBy('valid_from').execute(),
      ).toEqual([
        { valid_from: '2026-05-04', valid_to: '2027-05-04', status: 'probationary', decision_no: '123-QĐ/ĐU', reason: null },
        { valid_from: '2027-05-04', valid_to: null, status: 'official', decision_no: '88-QĐ/ĐU', reason: null },
      ]);
      expect(await rollup(h(), t.province.id, 'status', 'probationary')).toBe(probationaryBefore - 1);
      expect(await rollup(h(), t.province.id, 'status', 'official')).toBe(officialBefore + 1);
      expect(await rollup(h(), t.cellA.id, 'total', 'all')).toBe(totalBefore);
      expect((await differences(db)).rows).toEqual([]);

      const full = (await call(h(), 'GET', `/api/recognition-cases/${c.id}`)).json();
      expect(full.steps.map((s: { kind: string; outcome: string }) => `${s.kind}:${s.outcome}`)).toEqual(['self_review:done', 'cell_resolution:passed', 'grassroots_resolution:passed', 'decision:passed']);
      // R-PROB-07: the documents made by the steps are there; the course certificate, the helper's
      // assessment and the comments have no step and no scan yet.
      expect(full.checklist.filter((i: { present: boolean }) => !i.present).map((i: { document: string }) => i.document)).toEqual([
        'new_member_course_certificate',
        'helper_assessment',
        'recognition_comments',
      ]);
      expect(full.steps[3]).toMatchObject({ decisionNo: '88-QĐ/ĐU', details: { late: true, result: 'recognized' }, recordedBy: expect.any(Number) });
      const written = await db.selectFrom('audit_log').select(['action', 'before', 'after']).where('id', '>', lastAudit).where('action', 'not like', '%.read').orderBy('id').execute();
      expect(written.map((a) => a.action)).toEqual(['recognition_case.open', 'recognition_case.step', 'recognition_case.step', 'recognition_case.step', 'member.status', 'recognition_case.step']);
      expect(written[4]!.before).toMatchObject({ status: 'probationary', officialDate: null });
      expect(written[4]!.after).toMatchObject({ status: 'official', officialDate: '2027-05-04', effectiveDate: '2027-05-04', decisionNo: '88-QĐ/ĐU' });
      expect(written[5]!.after).toMatchObject({ state: 'recognized', official_date: '2027-05-04', step: { kind: 'decision', outcome: 'passed' } });

      // Official now: no second case.
      const again = await call(h(), 'POST', '/api/recognition-cases', { memberId, openedOn: '2027-11-01' });
      expect(again.statusCode).toBe(409);
      expect(again.json().error.code).toBe('MEMBER_NOT_PROBATIONARY');
      const list = (await call(h(), 'GET', `/api/recognition-cases?state=recognized&org=${t.commune.id}`)).json();
      expect(list.items.map((i: { id: number }) => i.id)).toContain(c.id);
    });

    it('R-PROB-09, R-PROB-06 and R-REC-06: inconclusive chi bộ votes are retaken, then xóa tên removes the member and keeps the record with the reason', async () => {
      const db = h().database.db;
      const m = await insertTestMember(db, { org: t.gcell, full_name: 'Hoàng Văn Nam', status: 'probationary', status_since: '2026-03-02', admission_date: '2026-03-02' });
      const totalBefore = await rollup(h(), t.gcell.id, 'total', 'all');
      const c = await open(m.id, '2027-03-01');
      const failedTwice = await run(c.id, c.version, [
        { kind: 'self_review', date: '2027-03-02' },
        { kind: 'cell_resolution', date: '2027-03-10', resolutionNo: '1', proposal: 'remove', votes: votes(9, 5) },
        { kind: 'cell_resolution', date: '2027-03-20', resolutionNo: '2', proposal: 'remove', votes: votes(9, 5) },
      ]);
      expect(failedTwice).toMatchObject({ state: 'self_reviewed', nextStep: 'cell_resolution', cellResolution: { inconclusiveVotes: 2, proposal: null, resolutionNo: null } });
      // A chi bộ cơ sở: after its resolution comes the decision (no đảng ủy cơ sở).
      const proposed = await run(c.id, failedTwice.version, [{ kind: 'cell_resolution', date: '2027-03-30', resolutionNo: '3-NQ/CB', proposal: 'remove', votes: votes(9, 7) }]);
      expect(proposed).toMatchObject({ state: 'cell_resolved', nextStep: 'decision', cellResolution: { proposal: 'remove', resolutionNo: '3-NQ/CB' } });

      const before = await counts(h());
      const contrary = await step(c.id, { kind: 'decision', date: '2027-04-15', decisionNo: 'x', authority: 'superior_standing_committee', result: 'recognized', votes: votes(9, 9), version: proposed.version });
      expect(contrary.statusCode).toBe(400);
      expect(contrary.json().error).toMatchObject({ code: 'RECOGNITION_DECISION_NOT_PROPOSED', details: { field: 'result', proposal: 'remove' } });
      expect(await counts(h())).toEqual(before);

      const removed = await run(c.id, proposed.version, [
        { kind: 'decision', date: '2027-04-15', decisionNo: '45-QĐ/ĐU', authority: 'superior_standing_committee', result: 'removed', votes: votes(9, 6) },
      ]);
      expect(removed).toMatchObject({ state: 'removed', closedOn: '2027-04-15', officialDate: null, member: { status: 'removed' } });
      expect(
        await db.selectFrom('member_status_period').select(['valid_from', 'valid_to', 'status', 'decision_no', 'reason']).where('member_id', '=', m.id).orderBy('valid_from').execute(),
      ).toEqual([
        { valid_from: '2026-03-02', valid_to: '2027-04-15', status: 'probationary', decision_no: null, reason: null },
        { valid_from: '2027-04-15', valid_to: null, status: 'removed', decision_no: '45-QĐ/ĐU', reason: 'not_recognized' },
      ]);
      // R-REC-06: the record is kept, off the rolls.
      const record = await db.selectFrom('member').select(['status', 'deleted_at', 'official_date']).where('id', '=', m.id).executeTakeFirstOrThrow();
      expect(record).toEqual({ status: 'removed', deleted_at: null, official_date: null });
      expect(await rollup(h(), t.gcell.id, 'total', 'all')).toBe(totalBefore - 1);
      expect((await differences(db)).rows).toEqual([]);
      const audit = await db.selectFrom('audit_log').select(['action', 'after']).where('entity_type', '=', 'member').where('entity_id', '=', String(m.id)).where('action', '=', 'member.status').execute();
      expect(audit).toHaveLength(1);
      expect(audit[0]!.after).toMatchObject({ status: 'removed', reason: 'not_recognized', decisionNo: '45-QĐ/ĐU' });
    });

    it('R-PROB-06: the third inconclusive vote escalates to the superior, which decides either way', async () => {
      const m = await insertTestMember(h().database.db, { org: t.cellB, full_name: 'Đặng Thị Mai', status: 'probationary', status_since: '2026-02-02', admission_date: '2026-02-02' });
      const c = await open(m.id, '2027-02-02');
      const escalated = await run(c.id, c.version, [
        { kind: 'self_review', date: '2027-02-03' },
        { kind: 'cell_resolution', date: '2027-02-10', resolutionNo: '1', proposal: 'recognize', votes: votes(9, 5) },
        { kind: 'cell_resolution', date: '2027-02-24', resolutionNo: '2', proposal: 'recognize', votes: votes(9, 4) },
        { kind: 'cell_resolution', date: '2027-03-03', resolutionNo: '3', proposal: 'remove', votes: votes(9, 5) },
      ]);
      expect(escalated).toMatchObject({ state: 'escalated', nextStep: 'decision', cellResolution: { inconclusiveVotes: 3 } });
      const full = (await call(h(), 'GET', `/api/recognition-cases/${c.id}`)).json();
      expect(full.steps.at(-1)).toMatchObject({ outcome: 'failed', details: { escalated: true } });
      const decided = await run(c.id, escalated.version, [
        { kind: 'decision', date: '2027-03-20', decisionNo: '9-QĐ/HU', authority: 'superior_standing_committee', result: 'recognized', votes: votes(11, 6) },
      ]);
      expect(decided).toMatchObject({ state: 'recognized', officialDate: '2027-02-02', member: { status: 'official' } });
    });

    it('refuses a step out of order, a date before the last step, an impossible vote and a stale version, and writes nothing', async () => {
      const m = await insertTestMember(h().database.db, { org: t.cellA, full_name: 'Lý Văn Tùng', status: 'probationary', status_since: '2026-06-01', admission_date: '2026-06-01' });
      const official = await insertTestMember(h().database.db, { org: t.cellA, full_name: 'Mai Văn Sơn', status: 'official', status_since: '2015-06-01' });
      const c = await open(m.id, '2027-06-01');
      const before = await counts(h());

      const outOfOrder = await step(c.id, { kind: 'cell_resolution', date: '2027-06-10', resolutionNo: '1', proposal: 'recognize', votes: votes(9, 9), version: c.version });
      expect(outOfOrder.statusCode).toBe(409);
      expect(outOfOrder.json().error).toMatchObject({ code: 'RECOGNITION_STEP_NOT_ALLOWED', details: { field: 'kind', expected: 'self_review' } });
      const earlyDate = await step(c.id, { kind: 'self_review', date: '2027-05-31', version: c.version });
      expect(earlyDate.json().error).toMatchObject({ code: 'STEP_DATE_BEFORE_PREVIOUS', details: { field: 'date' } });
      const reviewed = await run(c.id, c.version, [{ kind: 'self_review', date: '2027-06-02' }]);
      const mid = await counts(h());
      const impossible = await step(c.id, { kind: 'cell_resolution', date: '2027-06-10', resolutionNo: '1', proposal: 'recognize', votes: { members: 9, inFavour: 8, against: 2 }, version: reviewed.version });
      expect(impossible.statusCode).toBe(400);
      expect(impossible.json().error).toMatchObject({ code: 'VOTE_IMPOSSIBLE', details: { field: 'votes', reason: 'more_votes_than_members' } });
      const stale = await step(c.id, { kind: 'cell_resolution', date: '2027-06-10', resolutionNo: '1', proposal: 'recognize', votes: votes(9, 9), version: c.version });
      expect(stale.statusCode).toBe(409);
      expect(stale.json().error).toMatchObject({ code: 'STALE_VERSION', details: { current: reviewed.version } });
      expect(await counts(h())).toEqual(mid);
      expect(mid.steps).toBe(before.steps + 1);

      const second = await call(h(), 'POST', '/api/recognition-cases', { memberId: m.id, openedOn: '2027-06-05' });
      expect(second.statusCode).toBe(409);
      expect(second.json().error.code).toBe('RECOGNITION_CASE_OPEN');
      const notProbationary = await call(h(), 'POST', '/api/recognition-cases', { memberId: official.id, openedOn: '2027-06-05' });
      expect(notProbationary.json().error).toMatchObject({ code: 'MEMBER_NOT_PROBATIONARY', details: { field: 'memberId' } });
      expect(await counts(h())).toEqual(mid);
    });

    it("answers 404 for cases outside the caller's scope, and keeps leaders to reading", async () => {
      const m = await insertTestMember(h().database.db, { org: t.cellB, full_name: 'Quách Văn Phúc', status: 'probationary', status_since: '2026-07-01', admission_date: '2026-07-01' });
      const c = await open(m.id, '2027-07-01');
      const other = await insertTestTree(h().database.db, 'CX');
      await userWithRoles(h().database.db, 'staff.cx', 'mat-khau-staff-cx-1', [{ role: 'org_staff', orgId: other.commune.id }]);
      await userWithRoles(h().database.db, 'leader.cn', 'mat-khau-leader-cn-1', [{ role: 'leader', orgId: t.commune.id }]);
      const outsider = await signIn(h().app, 'staff.cx', 'mat-khau-staff-cx-1');
      const leader = await signIn(h().app, 'leader.cn', 'mat-khau-leader-cn-1');
      const before = await counts(h());

      expect((await call(h(), 'GET', `/api/recognition-cases/${c.id}`, undefined, outsider.headers)).statusCode).toBe(404);
      const write = await step(c.id, { kind: 'self_review', date: '2027-07-02', version: c.version }, outsider.headers);
      expect(write.statusCode).toBe(404);
      expect(write.json().error.code).toBe('RECOGNITION_CASE_NOT_FOUND');
      expect((await call(h(), 'POST', '/api/recognition-cases', { memberId: m.id, openedOn: '2027-07-01' }, outsider.headers)).json().error.code).toBe('MEMBER_NOT_FOUND');
      expect((await call(h(), 'GET', '/api/recognition-cases', undefined, outsider.headers)).json()).toEqual({ items: [], total: 0 });
      expect((await call(h(), 'GET', `/api/recognition-cases/${c.id}`, undefined, leader.headers)).statusCode).toBe(200);
      expect((await step(c.id, { kind: 'self_review', date: '2027-07-02', version: c.version }, leader.headers)).statusCode).toBe(403);
      expect(await counts(h())).toEqual(before);

      // The repository itself, called with the other subtree's scope, reads and writes nothing.
      const sibling = makeScope([other.commune.path]);
      const db = h().database.db;
      expect(await repo.findCase(db, sibling, c.id)).toBeUndefined();
      expect(await caseRepo.stepsOf(db, sibling, 'recognition_case', c.id)).toEqual([]);
      expect((await repo.listCases(db, sibling, { states: null, orgPath: null, limit: 50, offset: 0 })).total).toBe(0);
      expect(await caseRepo.updateCaseAtVersion(db, sibling, 'recognition_case', c.id, c.version, { state: 'recognized' })).toBe(0);
      const now = new Date();
      const inserted = await repo.insertCase(db, sibling, {
        member_id: m.id, org_id: t.cellB.id, needs_grassroots_resolution: true, state: 'opened', opened_on: '2027-07-01', closed_on: null, ceremony_date: '2026-07-01',
        self_review_date: null, cell_resolution_date: null, cell_resolution_no: null, cell_proposal: null, cell_votes_members: null, cell_votes_in_favour: null, cell_votes_against: null,
        grassroots_resolution_date: null, grassroots_resolution_no: null, grassroots_votes_members: null, grassroots_votes_in_favour: null, grassroots_votes_against: null,
        decision_date: null, decision_no: null, deciding_authority: null, decision_result: null, decision_votes_members: null, decision_votes_in_favour: null, decision_votes_against: null,
        official_date: null, created_at: now, updated_at: now,
      });
      expect(inserted).toBeUndefined();
      expect(await counts(h())).toEqual(before);
    });
  },
  { today: '2027-12-01' },
);
