import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { beforeAll, expect, it } from 'vitest';
import { describeApi, signIn, userWithRoles, type ApiHarness, type Session } from '../../../test/api.js';
import { insertTestMember, insertTestTree } from '../../../test/factories.js';
import { makeScope } from '../auth/scope.js';
import { countsOf, differences } from '../rollup/rollup.repository.js';
import { backgroundReplied, backgroundRequested, ballot, comments } from '../../../test/admission-steps.js';

type Tree = Awaited<ReturnType<typeof insertTestTree>>;

function call(h: ApiHarness, method: InjectOptions['method'], url: string, payload?: unknown, headers = h.headers): Promise<LightMyRequestResponse> {
  return h.app.inject({ method, url, payload: payload as InjectOptions['payload'], headers });
}

async function counts(h: ApiHarness) {
  const db = h.database.db;
  const n = async (t: 'member' | 'audit_log' | 'admission_case' | 'admission_step' | 'candidate') =>
    Number((await db.selectFrom(t).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
  return { member: await n('member'), audit: await n('audit_log'), cases: await n('admission_case'), steps: await n('admission_step'), candidates: await n('candidate') };
}

async function rollup(h: ApiHarness, orgId: number, dim: string, val: string): Promise<number> {
  // The stored counts as they are, read with the whole tree in scope.
  return (await countsOf(h.database.db, makeScope(['/']), [orgId])).find((r) => r.dim === dim && r.val === val)?.n ?? 0;
}

describeApi('admission cases', (h) => {
  let t: Tree;
  let sponsorIds: number[];
  let seq = 0;
  const citizenId = () => `0012960${String(++seq).padStart(5, '0')}`;

  async function candidate(orgId: number, patch: Record<string, unknown> = {}) {
    const res = await call(h(), 'POST', '/api/candidates', { fullName: 'lê thị  hoa', sex: 'female', birthDate: '1996-05-10', citizenId: citizenId(), orgId, ...patch });
    expect(res.statusCode, res.body).toBe(201);
    return res.json() as { id: number; citizenId: string };
  }

  async function open(candidateId: number, openedOn = '2026-01-05') {
    const res = await call(h(), 'POST', '/api/admission-cases', { candidateId, openedOn });
    expect(res.statusCode, res.body).toBe(201);
    return res.json() as { id: number; version: number; state: string };
  }

  const step = (caseId: number, body: Record<string, unknown>, headers?: Record<string, string>) => call(h(), 'POST', `/api/admission-cases/${caseId}/steps`, body, headers);

  /** Records the steps in order on a case, each at the version the previous one returned. */
  async function run(caseId: number, version: number, steps: Record<string, unknown>[]) {
    let v = version;
    let last: { state: string; version: number } | undefined;
    for (const s of steps) {
      const res = await step(caseId, { ...s, version: v });
      expect(res.statusCode, `${String(s.kind)}: ${res.body}`).toBe(200);
      last = res.json();
      v = last!.version;
    }
    return last!;
  }

  const sponsors = () => ({
    kind: 'sponsors',
    date: '2026-02-02',
    sponsors: sponsorIds.map((memberId) => ({ memberId, togetherSince: '2020-01-01', togetherBy: 'work' })),
  });
  const upToComments = () => [
    { kind: 'course_certificate', date: '2026-01-12' },
    sponsors(),
    backgroundRequested('2026-02-10'),
    backgroundReplied('2026-03-02'),
    comments('2026-03-09'),
  ];

  beforeAll(async () => {
    t = await insertTestTree(h().database.db, 'KN');
    const a = await insertTestMember(h().database.db, { org: t.cellA, full_name: 'Trần Văn An', status: 'official', status_since: '2010-01-01' });
    const b = await insertTestMember(h().database.db, { org: t.cellA, full_name: 'Phạm Thị Bình', status: 'official', status_since: '2012-01-01' });
    sponsorIds = [a.id, b.id];
  });

  it('takes a candidate through every step to a probationary member, with intervals, roll-ups and audit rows (R-ADM-05 … R-ADM-24)', async () => {
    const probationaryBefore = await rollup(h(), t.province.id, 'status', 'probationary');
    const cellTotalBefore = await rollup(h(), t.cellA.id, 'total', 'all');
    const before = await counts(h());
    const lastAudit = Number((await h().database.db.selectFrom('audit_log').select((eb) => eb.fn.max('id').as('id')).executeTakeFirstOrThrow()).id ?? 0);
    const p = await candidate(t.cellA.id);
    const c = await open(p.id);
    expect(c).toMatchObject({ state: 'opened', nextStep: 'course_certificate', memberId: null, version: 1 });

    const atComments = await run(c.id, c.version, upToComments());
    expect(atComments).toMatchObject({ state: 'comments_collected', nextStep: 'cell_resolution' });
    expect((atComments as unknown as { deadlines: { ruleId: string }[] }).deadlines.map((d) => d.ruleId)).toEqual(['R-ADM-06', 'R-ADM-21']);

    const resolved = await run(c.id, atComments.version, [{ kind: 'cell_resolution', date: '2026-03-16', resolutionNo: '05-NQ/CB', votes: { members: 9, inFavour: 8, against: 1 }, ballot: ballot() }]);
    expect(resolved).toMatchObject({ state: 'cell_resolved', nextStep: 'grassroots_resolution', deadlines: [{ step: 'decision', ruleId: 'R-ADM-19' }] });

    const decided = await run(c.id, resolved.version, [
      { kind: 'grassroots_resolution', date: '2026-04-01', resolutionNo: '12-NQ/ĐU', votes: { members: 15, inFavour: 12, against: 2 }, ballot: ballot() },
      { kind: 'decision', date: '2026-04-20', decisionNo: '123-QĐ/ĐU', authority: 'superior_standing_committee', votes: { members: 9, inFavour: 7, against: 2 }, ballot: ballot() },
    ]);
    expect(decided).toMatchObject({ state: 'decided', nextStep: 'ceremony', decision: { decisionNo: '123-QĐ/ĐU', votes: { members: 9, inFavour: 7, against: 2 } }, memberId: null });

    const admitted = (await run(c.id, decided.version, [{ kind: 'ceremony', date: '2026-05-04' }])) as unknown as { state: string; memberId: number; version: number };
    expect(admitted).toMatchObject({ state: 'admitted', ceremonyDate: '2026-05-04' });
    expect(admitted.memberId).toBeGreaterThan(0);

    const member = (await call(h(), 'GET', `/api/members/${admitted.memberId}`)).json();
    expect(member).toMatchObject({ fullName: 'Lê Thị Hoa', status: 'probationary', statusSince: '2026-05-04', admissionDate: '2026-05-04', orgId: t.cellA.id, citizenId: p.citizenId });
    const db = h().database.db;
    expect(await db.selectFrom('member_status_period').select(['valid_from', 'valid_to', 'status', 'decision_no']).where('member_id', '=', admitted.memberId).execute()).toEqual([
      { valid_from: '2026-05-04', valid_to: null, status: 'probationary', decision_no: '123-QĐ/ĐU' },
    ]);
    expect(await db.selectFrom('member_placement').select(['valid_from', 'org_id']).where('member_id', '=', admitted.memberId).execute()).toEqual([{ valid_from: '2026-05-04', org_id: t.cellA.id }]);
    expect(await rollup(h(), t.province.id, 'status', 'probationary')).toBe(probationaryBefore + 1);
    expect(await rollup(h(), t.cellA.id, 'total', 'all')).toBe(cellTotalBefore + 1);
    expect((await differences(db)).rows).toEqual([]);

    const done = await run(c.id, admitted.version, [{ kind: 'member_forms', date: '2026-05-20' }]);
    const full = (await call(h(), 'GET', `/api/admission-cases/${c.id}`)).json();
    expect(done).toMatchObject({ state: 'completed', closedOn: '2026-05-20', nextStep: null, deadlines: [] });
    expect(full.steps.map((s: { kind: string; outcome: string }) => `${s.kind}:${s.outcome}`)).toEqual([
      'course_certificate:done',
      'sponsors:done',
      'background_check_requested:done',
      'background_check_replied:done',
      'comments:done',
      'cell_resolution:passed',
      'grassroots_resolution:passed',
      'decision:passed',
      'ceremony:done',
      'member_forms:done',
    ]);
    expect(full.steps[5]).toMatchObject({ decisionNo: '05-NQ/CB', votes: { members: 9, inFavour: 8, against: 1 }, recordedBy: expect.any(Number) });

    const after = await counts(h());
    expect(after).toMatchObject({ member: before.member + 1, candidates: before.candidates + 1, cases: before.cases + 1, steps: before.steps + 10 });
    const written = await db.selectFrom('audit_log').select('action').where('id', '>', lastAudit).where('action', 'not like', '%.read').orderBy('id').execute();
    expect(written.map((a) => a.action)).toEqual(['candidate.create', 'admission_case.open', ...Array(8).fill('admission_case.step'), 'member.create', 'admission_case.step', 'admission_case.step']);
    const actions = await db.selectFrom('audit_log').select(['action', 'entity_type', 'before', 'after']).where('entity_type', 'in', ['admission_case', 'candidate']).orderBy('id').execute();
    expect(actions.filter((a) => a.entity_type === 'admission_case').map((a) => a.action)).toEqual(['admission_case.open', ...Array(10).fill('admission_case.step')]);
    const ceremonyAudit = actions.filter((a) => a.action === 'admission_case.step')[8]!;
    expect(ceremonyAudit.before).toMatchObject({ state: 'decided', ceremony_date: null, member_id: null });
    expect(ceremonyAudit.after).toMatchObject({ state: 'admitted', ceremony_date: '2026-05-04', member_id: admitted.memberId, step: { kind: 'ceremony' } });

    // Admitted: the person cannot be a candidate again nor have another case.
    expect((await call(h(), 'POST', '/api/admission-cases', { candidateId: p.id, openedOn: '2026-06-01' })).json().error.code).toBe('CANDIDATE_IS_MEMBER');
    const list = (await call(h(), 'GET', `/api/admission-cases?state=completed&org=${t.commune.id}`)).json();
    expect(list.items.map((i: { id: number }) => i.id)).toContain(c.id);
    expect((await call(h(), 'GET', '/api/admission-cases?state=opened')).json().items.map((i: { id: number }) => i.id)).not.toContain(c.id);
  });

  it('refuses a step out of order, a date before the last step and an impossible vote, and writes nothing', async () => {
    const p = await candidate(t.cellB.id);
    const c = await open(p.id);
    const before = await counts(h());
    const outOfOrder = await step(c.id, { kind: 'cell_resolution', date: '2026-03-16', resolutionNo: '1', votes: { members: 9, inFavour: 9, against: 0 }, version: 1, ballot: ballot() });
    expect(outOfOrder.statusCode).toBe(409);
    expect(outOfOrder.json().error).toMatchObject({ code: 'ADMISSION_STEP_NOT_ALLOWED', details: { field: 'kind', expected: 'course_certificate' } });
    expect(outOfOrder.json().error.message).toContain('course_certificate');

    const early = await step(c.id, { kind: 'course_certificate', date: '2026-01-04', version: 1 });
    expect(early.statusCode).toBe(400);
    expect(early.json().error).toMatchObject({ code: 'STEP_DATE_BEFORE_PREVIOUS', details: { field: 'date' } });

    const atComments = await run(c.id, 1, upToComments());
    const mid = await counts(h());
    const impossible = await step(c.id, { kind: 'cell_resolution', date: '2026-03-16', resolutionNo: '1', votes: { members: 9, inFavour: 8, against: 2 }, version: atComments.version, ballot: ballot() });
    expect(impossible.statusCode).toBe(400);
    expect(impossible.json().error).toMatchObject({ code: 'VOTE_IMPOSSIBLE', details: { field: 'votes', reason: 'more_votes_than_members' } });
    expect(await counts(h())).toEqual(mid);
    expect(mid.steps).toBe(before.steps + 5);
    const now = (await call(h(), 'GET', `/api/admission-cases/${c.id}`)).json();
    expect(now).toMatchObject({ state: 'comments_collected', version: atComments.version, cellResolution: null });
  });

  it('closes the case on a failed chi bộ vote (R-ADM-16), refuses a second open case for the same citizen ID, and allows one after', async () => {
    const p = await candidate(t.gcell.id);
    const c = await open(p.id);
    const second = await call(h(), 'POST', '/api/admission-cases', { candidateId: p.id, openedOn: '2026-01-06' });
    expect(second.statusCode).toBe(409);
    expect(second.json().error).toMatchObject({ code: 'ADMISSION_CASE_OPEN', details: { field: 'candidateId' } });
    expect(second.json().error.message).toContain(p.citizenId);
    expect((await call(h(), 'POST', '/api/candidates', { fullName: 'Lê Thị Hoa', sex: 'female', birthDate: '1996-05-10', citizenId: p.citizenId, orgId: t.cellA.id })).json().error.code).toBe(
      'DUPLICATE_CANDIDATE',
    );

    const atComments = await run(c.id, 1, upToComments());
    const failed = await run(c.id, atComments.version, [{ kind: 'cell_resolution', date: '2026-03-16', resolutionNo: '2-NQ/CB', votes: { members: 9, inFavour: 5, against: 4 }, ballot: ballot('2026-03-17') }]);
    expect(failed).toMatchObject({ state: 'rejected', closedOn: '2026-03-16', nextStep: null, memberId: null });
    const closed = await step(c.id, { kind: 'decision', date: '2026-04-01', decisionNo: 'x', authority: 'superior_standing_committee', votes: { members: 9, inFavour: 9, against: 0 }, version: failed.version, ballot: ballot() });
    expect(closed.json().error.code).toBe('ADMISSION_CASE_CLOSED');
    expect((await call(h(), 'GET', `/api/members?q=${p.citizenId}`)).json().items).toEqual([]);

    const again = await open(p.id, '2026-09-01');
    expect(again).toMatchObject({ state: 'opened' });
    // R-ADM-17: a chi bộ cơ sở has no đảng ủy cơ sở above it: after its resolution comes the decision.
    const dates = ['2026-09-02', '2026-09-03', '2026-09-04', '2026-10-01', '2026-10-05'];
    const later = upToComments().map((s, i) => ({ ...s, date: dates[i] }));
    const resolved = await run(again.id, again.version, [...later, { kind: 'cell_resolution', date: '2026-11-16', resolutionNo: '9-NQ/CB', votes: { members: 9, inFavour: 6, against: 3 }, ballot: ballot() }]);
    expect(resolved).toMatchObject({ state: 'cell_resolved', nextStep: 'decision' });
  });

  it('opens one case when two openings of the same candidate race, and refuses the other', async () => {
    const p = await candidate(t.cellB.id);
    const before = await counts(h());
    const both = await Promise.all([0, 1].map(() => call(h(), 'POST', '/api/admission-cases', { candidateId: p.id, openedOn: '2026-02-01' })));
    expect(both.map((r) => r.statusCode).sort()).toEqual([201, 409]);
    expect(both.find((r) => r.statusCode === 409)!.json().error.code).toBe('ADMISSION_CASE_OPEN');
    expect((await counts(h())).cases).toBe(before.cases + 1);
  });

  it('R-ADM-09/R-ADM-07: refuses introducers who are not official members or too few, naming the field, and writes nothing', async () => {
    const probationary = await insertTestMember(h().database.db, { org: t.cellA, full_name: 'Đỗ Văn Cường', status: 'probationary', status_since: '2026-01-02', admission_date: '2026-01-02' });
    const p = await candidate(t.cellA.id);
    const c = await open(p.id);
    const certified = await run(c.id, 1, [{ kind: 'course_certificate', date: '2026-01-12' }]);
    const before = await counts(h());
    const notOfficial = await step(c.id, { ...sponsors(), sponsors: [sponsorIds[0], probationary.id].map((memberId) => ({ memberId, togetherSince: '2020-01-01', togetherBy: 'work' })), version: certified.version });
    expect(notOfficial.statusCode).toBe(400);
    expect(notOfficial.json().error).toMatchObject({ code: 'SPONSOR_NOT_ELIGIBLE', details: { field: 'sponsors[1]', reasons: ['not_official'] } });
    expect(notOfficial.json().error.message).toContain('không phải đảng viên chính thức');
    const one = await step(c.id, { ...sponsors(), sponsors: [{ memberId: sponsorIds[0], togetherSince: '2020-01-01', togetherBy: 'work' }], version: certified.version });
    expect(one.json().error).toMatchObject({ code: 'SPONSORS_INSUFFICIENT', details: { field: 'sponsors', required: 'two_members' } });
    const unknown = await step(c.id, { ...sponsors(), sponsors: [{ memberId: 999999, togetherSince: '2020-01-01', togetherBy: 'work' }, { memberId: sponsorIds[0], togetherSince: '2020-01-01', togetherBy: 'work' }], version: certified.version });
    expect(unknown.json().error).toMatchObject({ code: 'MEMBER_NOT_FOUND', details: { field: 'sponsors[0].memberId' } });
    expect(await counts(h())).toEqual(before);
  });

  it('answers 404 for cases and candidates outside the caller\'s scope, and keeps leaders to reading', async () => {
    const p = await candidate(t.cellA.id);
    const c = await open(p.id);
    const other = await insertTestTree(h().database.db, 'KX');
    await userWithRoles(h().database.db, 'staff.kx', 'mat-khau-staff-kx-1', [{ role: 'org_staff', orgId: other.commune.id }]);
    await userWithRoles(h().database.db, 'leader.kn', 'mat-khau-leader-kn-1', [{ role: 'leader', orgId: t.commune.id }]);
    const outsider: Session = await signIn(h().app, 'staff.kx', 'mat-khau-staff-kx-1');
    const leader: Session = await signIn(h().app, 'leader.kn', 'mat-khau-leader-kn-1');
    const before = await counts(h());

    for (const url of [`/api/admission-cases/${c.id}`, `/api/candidates/${p.id}`]) {
      const res = await call(h(), 'GET', url, undefined, outsider.headers);
      expect(res.statusCode, url).toBe(404);
      expect(res.body).not.toContain(p.citizenId);
    }
    const write = await step(c.id, { kind: 'course_certificate', date: '2026-01-12', version: 1 }, outsider.headers);
    expect(write.statusCode).toBe(404);
    expect(write.json().error.code).toBe('ADMISSION_CASE_NOT_FOUND');
    expect((await call(h(), 'POST', '/api/admission-cases', { candidateId: p.id, openedOn: '2026-01-05' }, outsider.headers)).statusCode).toBe(404);
    expect((await call(h(), 'GET', '/api/admission-cases', undefined, outsider.headers)).json()).toEqual({ items: [], total: 0 });
    expect((await call(h(), 'GET', '/api/candidates', undefined, outsider.headers)).json()).toEqual({ items: [], total: 0 });

    expect((await call(h(), 'GET', `/api/admission-cases/${c.id}`, undefined, leader.headers)).statusCode).toBe(200);
    expect((await step(c.id, { kind: 'course_certificate', date: '2026-01-12', version: 1 }, leader.headers)).statusCode).toBe(403);
    expect(await counts(h())).toEqual(before);
  });
});
