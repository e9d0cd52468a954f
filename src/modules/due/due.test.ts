import type { InjectOptions } from 'fastify';
import { beforeAll, describe, expect, it } from 'vitest';
import { describeApi, signIn, userWithRoles, type Session } from '../../../test/api.js';
import { insertTestMember, insertTestTree } from '../../../test/factories.js';
import { fixedClock } from '../../clock.js';
import { dueStatus } from '../../domain/due/due-status.js';
import { addCalendarDays } from '../../domain/calendar/iso-date.js';
import { makeScope } from '../auth/scope.js';
import { fingerprint, itemRows } from './due.diff.js';
import { rangeFingerprint } from './due.repository.js';
import { dueJobPending, runDueJob } from './due.service.js';
import { DUE_SOURCES } from './due.sources.js';
import { backgroundReplied, backgroundRequested, ballot, comments } from '../../../test/admission-steps.js';

// The due list (issue 5 item 9) on both engines: each open deadline of an admission case is a
// due item, replaced with the step that moves the case on; the daily job rebuilds the same
// rows; the list and its counts are within the caller's scope.

type Tree = Awaited<ReturnType<typeof insertTestTree>>;
interface Deadline {
  step: string;
  ruleId: string;
  due: string;
  dueWithExtension: string | null;
}
interface Item {
  caseKind: string;
  caseId: number;
  step: string;
  ruleId: string;
  dueOn: string;
  dueWithExtension: string | null;
  status: string;
  subjectName: string;
  orgId: number;
}

describeApi('due items', (h) => {
  let a: Tree;
  let b: Tree;
  let seq = 0;
  let leader: Session;
  let sibling: Session;
  const citizenId = () => `0012970${String(++seq).padStart(5, '0')}`;
  const call = (method: InjectOptions['method'], url: string, payload?: unknown, headers = h().headers) =>
    h().app.inject({ method, url, payload: payload as InjectOptions['payload'], headers });

  async function caseAt(tree: Tree, name: string, steps: Record<string, unknown>[], sponsorIds: number[]) {
    const c = await call('POST', '/api/candidates', { fullName: name, sex: 'male', birthDate: '1995-04-04', citizenId: citizenId(), orgId: tree.cellA.id });
    expect(c.statusCode, c.body).toBe(201);
    const opened = await call('POST', '/api/admission-cases', { candidateId: c.json().id, openedOn: '2026-01-05' });
    expect(opened.statusCode, opened.body).toBe(201);
    let v = opened.json().version as number;
    for (const s of steps) {
      const body = s.kind === 'sponsors' ? { ...s, sponsors: sponsorIds.map((memberId) => ({ memberId, togetherSince: '2020-01-01', togetherBy: 'work' })) } : s;
      const res = await call('POST', `/api/admission-cases/${opened.json().id}/steps`, { ...body, version: v });
      expect(res.statusCode, res.body).toBe(200);
      v = res.json().version;
    }
    return { id: opened.json().id as number, version: v };
  }

  const byRule = (ds: Deadline[]) => [...ds].sort((x, y) => x.ruleId.localeCompare(y.ruleId));
  const deadlinesOf = async (id: number) => byRule((await call('GET', `/api/admission-cases/${id}`)).json().deadlines as Deadline[]);
  const list = async (query = 'show=all', headers = h().headers) => {
    const res = await call('GET', `/api/due-items?${query}`, undefined, headers);
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as { items: Item[]; total: number; today: string };
  };
  const of = (items: Item[], caseId: number) => items.filter((i) => i.caseKind === 'admission' && i.caseId === caseId).map(({ step, ruleId, dueOn, dueWithExtension }) => ({ step, ruleId, due: dueOn, dueWithExtension }));
  const ofCase = (items: Item[], caseId: number) => byRule(of(items, caseId));

  const early = [
    { kind: 'course_certificate', date: '2026-01-12' },
    { kind: 'sponsors', date: '2026-02-02' },
  ];
  let waiting: { id: number; version: number };
  let deciding: { id: number; version: number };
  let theirs: { id: number; version: number };
  let recognition: number;
  let probationer: Session;

  beforeAll(async () => {
    const db = h().database.db;
    a = await insertTestTree(db, 'VC');
    b = await insertTestTree(db, 'VD');
    const sponsorsOf = async (t: Tree) => [
      (await insertTestMember(db, { org: t.cellA, status: 'official', status_since: '2010-01-01' })).id,
      (await insertTestMember(db, { org: t.cellA, status: 'official', status_since: '2011-01-01' })).id,
    ];
    const sa = await sponsorsOf(a);
    // A background check asked on 2 November: its reply is due, soon or not, on the date R-ADM-14 gives.
    waiting = await caseAt(a, 'Lý Văn Chờ', [...early, backgroundRequested('2026-11-02')], sa);
    // A cell resolution in June: the decision (R-ADM-19) is overdue or in its extension by now.
    deciding = await caseAt(a, 'Mai Văn Quyết', [
      ...early,
      backgroundRequested('2026-02-10'),
      backgroundReplied('2026-03-02'),
      comments('2026-03-09'),
      { kind: 'cell_resolution', date: '2026-06-01', resolutionNo: '12-NQ/CB', votes: { members: 10, inFavour: 9, against: 1 }, ballot: ballot() },
    ], sa);
    theirs = await caseAt(b, 'Đỗ Văn Khác', [...early, backgroundRequested('2026-11-02')], await sponsorsOf(b));
    // A probationary member whose 12 months ended in October, with a recognition case open.
    const p = await insertTestMember(db, { org: a.cellA, full_name: 'Hà Thị Dự Bị', status: 'probationary', status_since: '2025-10-06' });
    const opened = await call('POST', '/api/recognition-cases', { memberId: p.id, openedOn: '2026-10-07' });
    expect(opened.statusCode, opened.body).toBe(201);
    recognition = opened.json().id;
    await userWithRoles(db, 'due-probationer', 'mat-khau-du-bi-vc-1', [{ role: 'member', orgId: a.cellA.id }], { memberId: p.id });
    probationer = await signIn(h().app, 'due-probationer', 'mat-khau-du-bi-vc-1');
    await userWithRoles(db, 'due-leader', 'mat-khau-lanh-dao-vc', [{ role: 'leader', orgId: a.province.id }]);
    leader = await signIn(h().app, 'due-leader', 'mat-khau-lanh-dao-vc');
    await userWithRoles(db, 'due-sibling', 'mat-khau-chi-bo-vd-1', [{ role: 'org_staff', orgId: b.province.id }]);
    sibling = await signIn(h().app, 'due-sibling', 'mat-khau-chi-bo-vd-1');
  });

  it("lists each open deadline of a case, as the case states it, with how it stands today", async () => {
    const { items, today } = await list();
    expect(today).toBe('2026-11-20');
    for (const c of [waiting, deciding]) {
      const expected = await deadlinesOf(c.id);
      expect(expected.length, String(c.id)).toBeGreaterThan(0);
      expect(ofCase(items, c.id)).toEqual(expected);
    }
    const decision = items.find((i) => i.caseId === deciding.id && i.ruleId === 'R-ADM-19')!;
    expect(decision).toMatchObject({ step: 'decision', subjectName: 'Mai Văn Quyết', orgId: a.cellA.id });
    expect(decision.status).toBe(dueStatus({ dueOn: decision.dueOn, dueWithExtension: decision.dueWithExtension }, today));
    expect(['overdue', 'in_extension']).toContain(decision.status);
    // Earliest first.
    const dates = items.map((i) => i.dueOn);
    expect(dates).toEqual([...dates].sort());
  });

  it("lists a recognition case's deadlines too, and shows them to the member whose case it is", async () => {
    const expected = byRule((await call('GET', `/api/recognition-cases/${recognition}`)).json().deadlines as Deadline[]);
    expect(expected.length).toBeGreaterThan(0);
    const { items } = await list('show=all&pageSize=200');
    const mine = (rows: Item[]) => byRule(rows.filter((i) => i.caseKind === 'recognition' && i.caseId === recognition).map(({ step, ruleId, dueOn, dueWithExtension }) => ({ step, ruleId, due: dueOn, dueWithExtension })));
    expect(mine(items)).toEqual(expected);
    const own = await call('GET', '/api/due-items/own', undefined, probationer.headers);
    expect(own.statusCode, own.body).toBe(200);
    const ownItems = own.json().items as Item[];
    expect(mine(ownItems)).toEqual(expected);
    // Only their own: nobody else's admission case.
    expect(ownItems.every((i) => i.caseKind === 'recognition' && i.subjectName === 'Hà Thị Dự Bị')).toBe(true);
    // The member role has no due list of the cell.
    expect((await call('GET', '/api/due-items', undefined, probationer.headers)).statusCode).toBe(403);
  });

  it('moves with the case: the reply recorded, its deadline leaves the list in the same request', async () => {
    const res = await call('POST', `/api/admission-cases/${waiting.id}/steps`, { ...backgroundReplied('2026-11-18'), version: waiting.version });
    expect(res.statusCode, res.body).toBe(200);
    waiting = { id: waiting.id, version: res.json().version };
    const { items } = await list();
    expect(ofCase(items, waiting.id)).toEqual(await deadlinesOf(waiting.id));
    expect(of(items, waiting.id).some((d) => d.ruleId === 'R-ADM-14')).toBe(false);
  });

  it('counts what needs attention as the list shows it', async () => {
    const org = `org=${a.province.id}`;
    const all = (await list(`${org}&show=all&pageSize=200`)).items;
    const summary = (await call('GET', `/api/due-items/summary?${org}`)).json();
    expect(summary).toMatchObject({
      total: all.length,
      overdue: all.filter((i) => i.status === 'overdue').length,
      inExtension: all.filter((i) => i.status === 'in_extension').length,
      soon: all.filter((i) => i.status === 'soon').length,
    });
    const attention = (await list(`${org}&show=attention&pageSize=200`)).items;
    expect(attention.map((i) => i.status).every((s) => s !== 'open')).toBe(true);
    expect(attention.length).toBe(summary.overdue + summary.inExtension + summary.soon);
    const overdue = (await list(`${org}&show=overdue&pageSize=200`)).items;
    expect(overdue.length).toBe(summary.overdue);
  });

  it('the daily job rebuilds exactly the same rows, and running it again changes nothing', async () => {
    const db = h().database.db;
    const snapshot = async () =>
      (await db.selectFrom('due_item').select(['case_kind', 'case_id', 'step', 'rule_id', 'due_on', 'due_with_extension', 'org_id', 'subject_name']).orderBy('case_id').orderBy('rule_id').execute());
    const before = await snapshot();
    expect(before.length).toBeGreaterThan(0);
    await db.deleteFrom('due_item').execute();
    expect(await dueJobPending(db, h().clock)).toBe(true);
    const out = await runDueJob(db, h().clock, DUE_SOURCES);
    expect(out.map((s) => s.kind)).toEqual(['admission', 'recognition', 'transfer', 'removal', 'exemption', 'record_update']);
    for (const s of out) expect(s.items, s.kind).toBe(before.filter((r) => r.case_kind === s.kind).length);
    expect(await snapshot()).toEqual(before);
    expect(await dueJobPending(db, h().clock)).toBe(false);
    await runDueJob(db, h().clock, DUE_SOURCES);
    expect(await snapshot()).toEqual(before);
  });

  it('writes only the difference: rows missing, wrong or of closed cases are put right, at any batch size, as from an empty list', async () => {
    const db = h().database.db;
    const clock = h().clock;
    const snapshot = async () =>
      await db
        .selectFrom('due_item')
        .select(['case_kind', 'case_id', 'step', 'rule_id', 'due_on', 'due_with_extension', 'org_id', 'subject_name', 'member_id'])
        .orderBy('case_kind')
        .orderBy('case_id')
        .orderBy('rule_id')
        .execute();
    // A fixed pseudo-random sequence: the same damage on every run of the test.
    let x = 20261122;
    const rnd = () => (x = (x * 1103515245 + 12345) % 2147483648) / 2147483648;
    const admissionIds = (await db.selectFrom('admission_case').select('id').orderBy('id').execute()).map((r) => r.id);
    for (const batch of [1, 2, 3, 1000]) {
      const rows = await db.selectFrom('due_item').select(['id']).orderBy('id').execute();
      expect(rows.length).toBeGreaterThan(2);
      for (const r of rows) {
        const p = rnd();
        if (p < 0.25) await db.deleteFrom('due_item').where('id', '=', r.id).execute();
        else if (p < 0.5) await db.updateTable('due_item').set({ due_on: '2020-01-01', subject_name: 'Tên cũ' }).where('id', '=', r.id).execute();
        else if (p < 0.6) await db.updateTable('due_item').set({ due_with_extension: '2030-01-01' }).where('id', '=', r.id).execute();
      }
      // Items no case carries: a deadline the case no longer has, a case id past the last open case.
      const some = admissionIds[Math.floor(rnd() * admissionIds.length)]!;
      const stray = { case_kind: 'admission', rule_id: 'R-ADM-00', due_on: '2026-12-01', org_id: a.cellA.id, subject_name: 'Không có', computed_on: '2026-11-01' };
      await db.insertInto('due_item').values([{ ...stray, case_id: some, step: 'ceremony' }, { ...stray, case_id: 9_000_000 + batch, step: 'decision' }]).execute();
      const out = await runDueJob(db, clock, DUE_SOURCES, { batch });
      expect(out.reduce((n, s) => n + s.written + s.removed, 0), String(batch)).toBeGreaterThan(0);
      const repaired = await snapshot();
      await db.deleteFrom('due_item').execute();
      await runDueJob(db, clock, DUE_SOURCES);
      expect(repaired, String(batch)).toEqual(await snapshot());
      // Nothing changed since: the same day's second run writes nothing.
      const again = await runDueJob(db, clock, DUE_SOURCES, { batch });
      expect(again.map((s) => s.written + s.removed), String(batch)).toEqual(again.map(() => 0));
      expect(await snapshot()).toEqual(repaired);
    }
  });

  it("the database's digest of the stored rows equals the digest of the recomputed ones, so an unchanged range is skipped unread", async () => {
    const db = h().database.db;
    await runDueJob(db, h().clock, DUE_SOURCES);
    let compared = 0;
    for (const source of DUE_SOURCES) {
      const rows = itemRows(await source.openCases(db, makeScope(['/']), 0, 10_000));
      const stored = await db.transaction().execute((tx) => rangeFingerprint(tx, source.kind, 0, null));
      expect(stored, source.kind).toEqual({ n: rows.length, hash: fingerprint(rows) });
      compared += rows.length;
      // Any difference shows: one date a day later.
      if (rows.length > 0) {
        const moved = rows.map((r, i) => (i === 0 ? { ...r, due_on: addCalendarDays(r.due_on, 1) } : r));
        expect(fingerprint(moved), source.kind).not.toBe(stored.hash);
      }
    }
    // Vietnamese names (multi-byte), null extensions and members, recognition's member ids among them.
    expect(compared).toBeGreaterThan(3);
  });

  it('a day the job did not run loses nothing: the stored dates stand, and the late run changes none of them', async () => {
    const db = h().database.db;
    const before = await db.selectFrom('due_item').selectAll().orderBy('id').execute();
    expect(before.length).toBeGreaterThan(0);
    // Two days later, the job not having run in between.
    const later = fixedClock('2026-11-22T03:00:00Z');
    expect(await dueJobPending(db, later)).toBe(true);
    const out = await runDueJob(db, later, DUE_SOURCES);
    expect(out.map((s) => s.written + s.removed)).toEqual(out.map(() => 0));
    expect(await db.selectFrom('due_item').selectAll().orderBy('id').execute()).toEqual(before);
    expect(await dueJobPending(db, later)).toBe(false);
  });

  describe('scope', () => {
    it('a leader of the province reads its items; another subtree sees none of them, and its org answers 404', async () => {
      const mine = (await list('show=all', leader.headers)).items;
      expect(mine.some((i) => i.caseId === deciding.id)).toBe(true);
      expect(mine.some((i) => i.caseId === theirs.id)).toBe(false);
      const other = (await list('show=all', sibling.headers)).items;
      expect(other.some((i) => i.caseId === theirs.id)).toBe(true);
      expect(other.some((i) => i.caseId === deciding.id || i.caseId === waiting.id)).toBe(false);
      for (const url of [`/api/due-items?org=${a.province.id}`, `/api/due-items/summary?org=${a.province.id}`]) {
        const res = await call('GET', url, undefined, sibling.headers);
        expect(res.statusCode, url).toBe(404);
        expect(res.body).not.toContain('Mai Văn Quyết');
      }
    });
  });
});
