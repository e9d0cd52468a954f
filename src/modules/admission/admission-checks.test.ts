import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { beforeAll, expect, it } from 'vitest';
import { describeApi, signIn, userWithRoles, type ApiHarness } from '../../../test/api.js';
import { backgroundReplied, backgroundRequested, ballot, comments } from '../../../test/admission-steps.js';
import { insertTestMember, insertTestTree } from '../../../test/factories.js';

// The background-check subjects, comments, ballot method and dossier checklist of an admission
// case over the API (R-ADM-11…15, R-ADM-33, R-ADM-34): refusals name the field and row and write
// nothing; what is accepted is kept on the step and shown on the case.

type Tree = Awaited<ReturnType<typeof insertTestTree>>;
const PDF = Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(200, 0x20), Buffer.from('\n%%EOF\n')]);

function call(h: ApiHarness, method: InjectOptions['method'], url: string, payload?: unknown, headers = h.headers): Promise<LightMyRequestResponse> {
  return h.app.inject({ method, url, payload: payload as InjectOptions['payload'], headers });
}

async function counts(h: ApiHarness) {
  const db = h.database.db;
  const n = async (t: 'audit_log' | 'admission_case' | 'admission_step' | 'case_attachment') =>
    Number((await db.selectFrom(t).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
  return { audit: await n('audit_log'), cases: await n('admission_case'), steps: await n('admission_step'), attachments: await n('case_attachment') };
}

describeApi('admission case checks', (h) => {
  let t: Tree;
  let sponsorIds: number[];
  let seq = 0;

  async function openAt(orgId: number): Promise<{ id: number; version: number }> {
    const p = await call(h(), 'POST', '/api/candidates', { fullName: 'Lê Thị Hoa', sex: 'female', birthDate: '1996-05-10', citizenId: `0012970${String(++seq).padStart(5, '0')}`, orgId });
    expect(p.statusCode, p.body).toBe(201);
    const c = await call(h(), 'POST', '/api/admission-cases', { candidateId: p.json().id, openedOn: '2026-01-05' });
    expect(c.statusCode, c.body).toBe(201);
    return c.json();
  }
  const step = (caseId: number, body: Record<string, unknown>, headers?: Record<string, string>) => call(h(), 'POST', `/api/admission-cases/${caseId}/steps`, body, headers);
  async function run(caseId: number, version: number, steps: Record<string, unknown>[]) {
    let last = { version } as { version: number; state: string };
    for (const s of steps) {
      const res = await step(caseId, { ...s, version: last.version });
      expect(res.statusCode, `${String(s.kind)}: ${res.body}`).toBe(200);
      last = res.json();
    }
    return last;
  }
  const early = () => [
    { kind: 'course_certificate', date: '2026-01-12' },
    { kind: 'sponsors', date: '2026-02-02', sponsors: sponsorIds.map((memberId) => ({ memberId, togetherSince: '2020-01-01', togetherBy: 'work' })) },
  ];

  beforeAll(async () => {
    t = await insertTestTree(h().database.db, 'KC');
    const a = await insertTestMember(h().database.db, { org: t.cellA, full_name: 'Trần Văn An', status: 'official', status_since: '2010-01-01' });
    const b = await insertTestMember(h().database.db, { org: t.cellA, full_name: 'Phạm Thị Bình', status: 'official', status_since: '2012-01-01' });
    sponsorIds = [a.id, b.id];
  });

  it('R-ADM-11/12/13: refuses a missing applicant, a relative neither checked nor skipped, a wrong skip ground, a relative sent to check, and writes nothing', async () => {
    const c = await openAt(t.cellA.id);
    const at = await run(c.id, c.version, early());
    const good = backgroundRequested('2026-02-10');
    const before = await counts(h());
    const send = (subjects: unknown[]) => step(c.id, { ...good, subjects, version: at.version });
    const [applicant, father, mother] = good.subjects as Record<string, unknown>[];

    const noApplicant = await send([father, mother]);
    expect(noApplicant.statusCode).toBe(400);
    expect(noApplicant.json().error).toMatchObject({ code: 'BACKGROUND_APPLICANT_MISSING', details: { field: 'subjects' } });

    const unresolved = await send([applicant, father, { ...mother, skip: null }]);
    expect(unresolved.json().error).toMatchObject({ code: 'BACKGROUND_SUBJECT_UNRESOLVED', details: { field: 'subjects[2]' } });
    expect(unresolved.json().error.message).toContain('Dòng 3 (Trần Thị Lụa)');

    const wrongGround = await send([applicant, father, { ...mother, skip: { ground: 'spouse_side_member', confirmedBy: 'Chi bộ 2', confirmedOn: '2026-02-01' } }]);
    expect(wrongGround.json().error).toMatchObject({ code: 'BACKGROUND_SUBJECT_INVALID', details: { field: 'subjects[2]', reason: 'skip_ground_not_for_relation' } });

    // R-ADM-13: the father checks the applicant (his name written without marks).
    const byFather = await send([{ ...applicant, check: { checkerName: 'LE VAN THANH', checkerPosition: 'Đảng viên', letterDate: '2026-02-10' } }, father, mother]);
    expect(byFather.statusCode).toBe(400);
    expect(byFather.json().error).toMatchObject({ code: 'BACKGROUND_CHECKER_IS_SUBJECT', details: { field: 'subjects[0].check.checkerName', subjectIndex: 1 } });
    expect(byFather.json().error.message).toContain('R-ADM-13');

    expect(await counts(h())).toEqual(before);
    const now = (await call(h(), 'GET', `/api/admission-cases/${c.id}`)).json();
    expect(now).toMatchObject({ state: 'sponsored', version: at.version });

    // The valid list is kept on the step, with the 90 wd deadline when someone is checked abroad (R-ADM-14).
    const abroad = { ...good, subjects: [applicant, { ...father, abroad: true }, mother] };
    const asked = await run(c.id, at.version, [abroad]);
    const full = (await call(h(), 'GET', `/api/admission-cases/${c.id}`)).json();
    expect(full.steps.at(-1).details).toMatchObject({ abroad: true, subjects: [{ relation: 'applicant' }, { relation: 'father', abroad: true }, { relation: 'mother', skip: { ground: 'same_commune' } }] });
    expect(full.deadlines).toContainEqual(expect.objectContaining({ step: 'background_check_replied', ruleId: 'R-ADM-14' }));

    // The reply step completes only with a reply for every checked subject; the skipped mother needs none.
    const mid = await counts(h());
    const partial = await step(c.id, { kind: 'background_check_replied', date: '2026-03-02', replies: [{ subjectIndex: 0, replyDate: '2026-03-02', result: 'clear' }], version: asked.version });
    expect(partial.json().error).toMatchObject({ code: 'BACKGROUND_REPLY_MISSING', details: { field: 'replies', subjectIndex: 1 } });
    const forSkipped = await step(c.id, { ...backgroundReplied('2026-03-02'), replies: [...backgroundReplied('2026-03-02').replies, { subjectIndex: 2, replyDate: '2026-03-02', result: 'clear' }], version: asked.version });
    expect(forSkipped.json().error).toMatchObject({ code: 'BACKGROUND_REPLY_INVALID', details: { field: 'replies[2]', reason: 'reply_for_unchecked' } });
    expect(await counts(h())).toEqual(mid);
    await run(c.id, asked.version, [backgroundReplied('2026-03-02')]);
    const replied = (await call(h(), 'GET', `/api/admission-cases/${c.id}`)).json();
    expect(replied.steps.at(-1).details.replies).toEqual([
      { subjectIndex: 0, replyDate: '2026-03-02', result: 'clear', due: expect.any(String), late: false },
      { subjectIndex: 1, replyDate: '2026-03-02', result: 'clear', due: expect.any(String), late: false },
    ]);
  });

  it('R-ADM-15: the comments step needs the residence comment, one per organization (the Đoàn for a Đoàn member), and the 5D summary', async () => {
    const p = await call(h(), 'POST', '/api/candidates', { fullName: 'Ngô Văn Đoàn', sex: 'male', birthDate: '2000-05-10', citizenId: `0012970${String(++seq).padStart(5, '0')}`, orgId: t.cellA.id, youthUnionMember: true });
    const opened = (await call(h(), 'POST', '/api/admission-cases', { candidateId: p.json().id, openedOn: '2026-01-05' })).json();
    const at = await run(opened.id, opened.version, [...early(), backgroundRequested('2026-02-10', 'Ngô Văn Đoàn'), backgroundReplied('2026-03-02')]);
    const before = await counts(h());
    const base = { ...comments('2026-03-09'), version: at.version };

    const noResidence = await step(opened.id, { ...base, comments: [] });
    expect(noResidence.json().error).toMatchObject({ code: 'COMMENT_RESIDENCE_MISSING', details: { field: 'comments' } });
    // The register says he is a Đoàn member: the Đoàn's comment is required though the step lists no organization.
    const noYouth = await step(opened.id, base);
    expect(noYouth.json().error).toMatchObject({ code: 'COMMENT_ORGANIZATION_MISSING', details: { field: 'comments', organization: 'youth_union' } });
    expect(noYouth.json().error.message).toContain('Đoàn Thanh niên');
    const youth = { from: 'youth_union', date: '2026-03-08', summary: 'BCH Đoàn nhất trí' };
    const noSummary = await step(opened.id, { ...base, comments: [...base.comments, youth], summary: '  ' });
    expect(noSummary.json().error).toMatchObject({ code: 'COMMENT_SUMMARY_MISSING', details: { field: 'summary' } });
    const late = await step(opened.id, { ...base, comments: [...base.comments, { ...youth, date: '2026-03-10' }] });
    expect(late.json().error).toMatchObject({ code: 'COMMENT_DATE_AFTER_STEP', details: { field: 'comments[1].date' } });
    expect(await counts(h())).toEqual(before);

    const done = await run(opened.id, at.version, [{ ...comments('2026-03-09'), comments: [...base.comments, youth] }]);
    expect(done).toMatchObject({ state: 'comments_collected' });
  });

  it('R-ADM-34 and R-ADM-33: the ballot method on each vote, the report upward of a failed one, and the dossier checklist with a tagged scan', async () => {
    const c = await openAt(t.cellA.id);
    const at = await run(c.id, c.version, [...early(), backgroundRequested('2026-02-10'), backgroundReplied('2026-03-02'), comments('2026-03-09')]);
    const before = await counts(h());
    const vote = { kind: 'cell_resolution', date: '2026-03-16', resolutionNo: '05-NQ/CB', version: at.version };
    const noMethod = await step(c.id, { ...vote, votes: { members: 9, inFavour: 8, against: 1 } });
    expect(noMethod.json().error).toMatchObject({ code: 'VALIDATION' });
    const notReported = await step(c.id, { ...vote, votes: { members: 9, inFavour: 5, against: 4 }, ballot: ballot() });
    expect(notReported.json().error).toMatchObject({ code: 'BALLOT_REPORT_UP_MISSING', details: { field: 'ballot.reportedUpOn' } });
    const reportedBefore = await step(c.id, { ...vote, votes: { members: 9, inFavour: 5, against: 4 }, ballot: ballot('2026-03-15') });
    expect(reportedBefore.json().error.code).toBe('BALLOT_REPORT_UP_BEFORE_VOTE');
    expect(await counts(h())).toEqual(before);

    const checklistBefore = (await call(h(), 'GET', `/api/admission-cases/${c.id}`)).json().checklist as { document: string; present: boolean }[];
    expect(checklistBefore.find((i) => i.document === 'application')).toMatchObject({ present: false });
    expect(checklistBefore.find((i) => i.document === 'comment_summary')).toMatchObject({ present: true, step: 'comments' });

    // A scan tagged with a recognition document is refused on an admission case; tagged as the application it fills the line.
    const wrongKind = await call(h(), 'POST', `/api/admission-cases/${c.id}/attachments?name=don.pdf&document=self_review`, PDF, { ...h().headers, 'content-type': 'application/pdf' });
    expect(wrongKind.statusCode).toBe(400);
    expect(wrongKind.json().error).toMatchObject({ code: 'ATTACHMENT_DOCUMENT_KIND', details: { field: 'document' } });

    const resolved = await run(c.id, at.version, [
      { ...vote, votes: { members: 9, inFavour: 8, against: 1 }, ballot: { method: 'raised_card' } },
      { kind: 'grassroots_resolution', date: '2026-04-01', resolutionNo: '12-NQ/ĐU', votes: { members: 15, inFavour: 12, against: 2 }, ballot: ballot() },
    ]);
    // R-ADM-33: the decision on a dossier without the application scan is taken, with the warning kept on the step.
    const decided = await run(c.id, resolved.version, [{ kind: 'decision', date: '2026-04-20', decisionNo: '1-QĐ/ĐU', authority: 'superior_standing_committee', votes: { members: 9, inFavour: 7, against: 2 }, ballot: ballot() }]);
    expect(decided).toMatchObject({ state: 'decided' });
    const full = (await call(h(), 'GET', `/api/admission-cases/${c.id}`)).json();
    expect(full.steps.find((s: { kind: string }) => s.kind === 'cell_resolution').details.ballot).toEqual({ method: 'raised_card', reportedUpOn: null });
    expect(full.steps.at(-1).details).toMatchObject({ ballot: { method: 'secret_ballot' }, dossierMissing: ['application'] });

    const up = await call(h(), 'POST', `/api/admission-cases/${c.id}/attachments?name=don-xin-vao-dang.pdf&document=application`, PDF, { ...h().headers, 'content-type': 'application/pdf' });
    expect(up.statusCode, up.body).toBe(201);
    expect(up.json()).toMatchObject({ document: 'application' });
    const after = (await call(h(), 'GET', `/api/admission-cases/${c.id}`)).json();
    expect(after.checklist.find((i: { document: string }) => i.document === 'application')).toMatchObject({ present: true, attachmentIds: [up.json().id] });
  });

  it('answers 401 anonymous and 404 out of scope on a step with the new parts, writing nothing', async () => {
    const c = await openAt(t.cellA.id);
    const at = await run(c.id, c.version, early());
    const other = await insertTestTree(h().database.db, 'KY');
    await userWithRoles(h().database.db, 'staff.ky', 'mat-khau-staff-ky-1', [{ role: 'org_staff', orgId: other.commune.id }]);
    const outsider = await signIn(h().app, 'staff.ky', 'mat-khau-staff-ky-1');
    const before = await counts(h());
    const body = { ...backgroundRequested('2026-02-10'), version: at.version };
    expect((await h().app.inject({ method: 'POST', url: `/api/admission-cases/${c.id}/steps`, payload: body })).statusCode).toBe(401);
    const out = await step(c.id, body, outsider.headers);
    expect(out.statusCode).toBe(404);
    expect((await call(h(), 'GET', `/api/admission-cases/${c.id}`, undefined, outsider.headers)).statusCode).toBe(404);
    expect(await counts(h())).toEqual(before);
    expect((await step(c.id, body)).statusCode).toBe(200);
  });
});
