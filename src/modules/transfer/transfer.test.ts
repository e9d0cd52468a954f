import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { beforeAll, expect, it } from 'vitest';
import { describeApi, signIn, userWithRoles, type ApiHarness, type Session } from '../../../test/api.js';
import { insertTestMember, insertTestTree } from '../../../test/factories.js';
import { transferPresentDue, transferStartDue } from '../../domain/transfer/transfer-rules.js';
import { makeScope } from '../auth/scope.js';
import { countsOf, differences } from '../rollup/rollup.repository.js';
import * as caseRepo from '../case/case.repository.js';
import * as repo from './transfer.repository.js';

type Tree = Awaited<ReturnType<typeof insertTestTree>>;
type Case = { id: number; state: string; version: number; nextStep: string | null; nextSide: string | null; [k: string]: unknown };

function call(h: ApiHarness, method: InjectOptions['method'], url: string, payload?: unknown, headers = h.headers): Promise<LightMyRequestResponse> {
  return h.app.inject({ method, url, payload: payload as InjectOptions['payload'], headers });
}

async function counts(h: ApiHarness) {
  const db = h.database.db;
  const n = async (t: 'member' | 'audit_log' | 'transfer_case' | 'transfer_step' | 'member_status_period' | 'member_placement' | 'member_transfer_block') =>
    Number((await db.selectFrom(t).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
  return {
    audit: await n('audit_log'),
    cases: await n('transfer_case'),
    steps: await n('transfer_step'),
    periods: await n('member_status_period'),
    placements: await n('member_placement'),
    blocks: await n('member_transfer_block'),
  };
}

async function rollup(h: ApiHarness, orgId: number, dim: string, val: string): Promise<number> {
  return (await countsOf(h.database.db, makeScope(['/']), [orgId])).find((r) => r.dim === dim && r.val === val)?.n ?? 0;
}

// Today is 2027-06-30. Two provinces (two subtrees of one installation), each with its own office.
describeApi(
  'transfer cases',
  (h) => {
    let a: Tree;
    let b: Tree;
    let staffA: Session;
    let staffB: Session;
    let outsider: Session;
    let inspector: Session;

    const step = (caseId: number, body: Record<string, unknown>, s: Session) => call(h(), 'POST', `/api/transfers/${caseId}/steps`, body, s.headers);

    async function open(body: Record<string, unknown>, s: Session): Promise<Case> {
      const res = await call(h(), 'POST', '/api/transfers', body, s.headers);
      expect(res.statusCode, res.body).toBe(201);
      return res.json();
    }

    async function run(caseId: number, version: number, steps: Record<string, unknown>[], s: Session): Promise<Case> {
      let v = version;
      let last: Case | undefined;
      for (const st of steps) {
        const res = await step(caseId, { ...st, version: v }, s);
        expect(res.statusCode, `${String(st.kind)}: ${res.body}`).toBe(200);
        last = res.json();
        v = last!.version;
      }
      return last!;
    }

    const sendingSteps = (from: string, letter: string) => [
      { kind: 'self_review', date: from },
      { kind: 'dues', date: from, paidThrough: letter.slice(0, 7) },
      { kind: 'letter', date: letter, letterNo: '15-GGT/ĐU' },
    ];

    beforeAll(async () => {
      const db = h().database.db;
      a = await insertTestTree(db, 'TA');
      b = await insertTestTree(db, 'TB');
      const c = await insertTestTree(db, 'TC');
      await userWithRoles(db, 'staff.ta', 'mat-khau-staff-ta-1', [{ role: 'org_staff', orgId: a.province.id }]);
      await userWithRoles(db, 'staff.tb', 'mat-khau-staff-tb-1', [{ role: 'org_staff', orgId: b.province.id }]);
      await userWithRoles(db, 'staff.tc', 'mat-khau-staff-tc-1', [{ role: 'org_staff', orgId: c.province.id }]);
      await userWithRoles(db, 'ubkt.ta', 'mat-khau-ubkt-ta-1', [{ role: 'inspection_staff', orgId: a.province.id }]);
      staffA = await signIn(h().app, 'staff.ta', 'mat-khau-staff-ta-1');
      staffB = await signIn(h().app, 'staff.tb', 'mat-khau-staff-tb-1');
      outsider = await signIn(h().app, 'staff.tc', 'mat-khau-staff-tc-1');
      inspector = await signIn(h().app, 'ubkt.ta', 'mat-khau-ubkt-ta-1');
    });

    it('an official transfer between two provinces: one case seen by both offices, each recording its own steps; the member moves with intervals, roll-ups of both subtrees and audit rows', async () => {
      const db = h().database.db;
      const m = await insertTestMember(db, { org: a.cellA, full_name: 'Trần Văn Chuyển', status: 'official', status_since: '2012-03-01', admission_date: '2011-03-01' });
      const totals = async () => ({
        a: await rollup(h(), a.province.id, 'total', 'all'),
        aCell: await rollup(h(), a.cellA.id, 'total', 'all'),
        b: await rollup(h(), b.province.id, 'total', 'all'),
        bCell: await rollup(h(), b.cellB.id, 'total', 'all'),
        bOfficial: await rollup(h(), b.province.id, 'status', 'official'),
      });
      const before = await totals();
      const lastAudit = Number((await db.selectFrom('audit_log').select((eb) => eb.fn.max('id').as('id')).executeTakeFirstOrThrow()).id ?? 0);

      const c = await open(
        { memberId: m.id, kind: 'permanent', reason: 'Chuyển công tác sang tỉnh TB', causeDate: '2027-03-01', openedOn: '2027-03-02', destination: 'inside', destinationOrgCode: b.cellB.code },
        staffA,
      );
      expect(c).toMatchObject({
        state: 'requested',
        nextStep: 'self_review',
        nextSide: 'sending',
        callerSides: { sending: true, receiving: false },
        source: { orgId: a.cellA.id },
        destination: { scope: 'inside', orgId: b.cellB.id, name: b.cellB.name },
        letter: { issued: false, type: 'ten_box', issuer: 'superior_committee' },
        deadlines: [{ step: 'letter', ruleId: 'R-TRF-01', due: transferStartDue('2027-03-01') }],
      });
      // The receiving office sees the case from the first day, and knows it is not its turn.
      const seenByB = await call(h(), 'GET', `/api/transfers/${c.id}`, undefined, staffB.headers);
      expect(seenByB.statusCode).toBe(200);
      expect(seenByB.json()).toMatchObject({ callerSides: { sending: false, receiving: true } });
      expect((await call(h(), 'GET', '/api/transfers?direction=in', undefined, staffB.headers)).json().items.map((i: Case) => i.id)).toEqual([c.id]);
      expect((await call(h(), 'GET', '/api/transfers?direction=out', undefined, staffB.headers)).json().total).toBe(0);
      expect((await call(h(), 'GET', `/api/transfers/${c.id}`, undefined, outsider.headers)).statusCode).toBe(404);

      const notYours = await step(c.id, { kind: 'self_review', date: '2027-03-03', version: c.version }, staffB);
      expect(notYours.statusCode).toBe(403);
      expect(notYours.json().error).toMatchObject({ code: 'TRANSFER_OTHER_SIDE', details: { side: 'sending' } });

      const sent = await run(c.id, c.version, sendingSteps('2027-03-03', '2027-03-10'), staffA);
      expect(sent).toMatchObject({
        state: 'letter_issued',
        nextStep: 'receipt',
        nextSide: 'receiving',
        letter: { issued: true, date: '2027-03-10', letterNo: '15-GGT/ĐU', type: 'ten_box', issuer: 'superior_committee' },
        deadlines: [{ step: 'receipt', ruleId: 'R-TRF-02', due: transferPresentDue('2027-03-10') }],
      });
      // The due item moved to the receiving cell: office B sees it, office A no longer does.
      const dueB = (await call(h(), 'GET', '/api/due-items?show=all', undefined, staffB.headers)).json();
      expect(dueB.items.filter((i: { caseKind: string; caseId: number }) => i.caseKind === 'transfer' && i.caseId === c.id).map((i: { ruleId: string }) => i.ruleId)).toEqual(['R-TRF-02']);
      const dueA = (await call(h(), 'GET', '/api/due-items?show=all', undefined, staffA.headers)).json();
      expect(dueA.items.some((i: { caseKind: string; caseId: number }) => i.caseKind === 'transfer' && i.caseId === c.id)).toBe(false);

      const byA = await step(c.id, { kind: 'receipt', date: '2027-03-15', senderConfirmed: true, version: sent.version }, staffA);
      expect(byA.statusCode).toBe(403);
      expect(byA.json().error).toMatchObject({ code: 'TRANSFER_OTHER_SIDE', details: { side: 'receiving' } });
      // R-TRF-05: without the sender's confirmation the dossier is refused, and nothing is written.
      const mid = await counts(h());
      const unconfirmed = await step(c.id, { kind: 'receipt', date: '2027-03-15', senderConfirmed: false, version: sent.version }, staffB);
      expect(unconfirmed.statusCode).toBe(400);
      expect(unconfirmed.json().error).toMatchObject({ code: 'TRANSFER_DOSSIER_UNCONFIRMED', details: { field: 'senderConfirmed' } });
      expect(await counts(h())).toEqual(mid);

      const done = await run(
        c.id,
        sent.version,
        [
          { kind: 'receipt', date: '2027-03-15', senderConfirmed: true },
          { kind: 'completion', date: '2027-03-16' },
        ],
        staffB,
      );
      expect(done).toMatchObject({ state: 'completed', closedOn: '2027-03-16', nextStep: null, deadlines: [], member: { status: 'official' } });

      // The member is B's now: placement intervals, status untouched, counts in both subtrees.
      expect(await db.selectFrom('member').select(['org_id', 'status']).where('id', '=', m.id).executeTakeFirstOrThrow()).toEqual({ org_id: b.cellB.id, status: 'official' });
      expect(await db.selectFrom('member_placement').select(['org_id', 'valid_from', 'valid_to']).where('member_id', '=', m.id).orderBy('valid_from').execute()).toEqual([
        { org_id: a.cellA.id, valid_from: '2011-03-01', valid_to: '2027-03-16' },
        { org_id: b.cellB.id, valid_from: '2027-03-16', valid_to: null },
      ]);
      expect(await db.selectFrom('member_status_period').select(['status', 'valid_to']).where('member_id', '=', m.id).execute()).toEqual([{ status: 'official', valid_to: null }]);
      expect(await totals()).toEqual({ a: before.a - 1, aCell: before.aCell - 1, b: before.b + 1, bCell: before.bCell + 1, bOfficial: before.bOfficial + 1 });
      expect((await differences(db)).rows).toEqual([]);
      expect((await call(h(), 'GET', `/api/members/${m.id}`, undefined, staffB.headers)).statusCode).toBe(200);
      expect((await call(h(), 'GET', `/api/members/${m.id}`, undefined, staffA.headers)).statusCode).toBe(404);
      // Both offices still see the closed case.
      expect((await call(h(), 'GET', `/api/transfers/${c.id}`, undefined, staffA.headers)).statusCode).toBe(200);

      const written = await db.selectFrom('audit_log').select(['action', 'after', 'user_id']).where('id', '>', lastAudit).where('action', 'not like', '%.read').orderBy('id').execute();
      expect(written.map((w) => w.action)).toEqual([
        'transfer_case.open',
        'transfer_case.step',
        'transfer_case.step',
        'transfer_case.step',
        'transfer_case.step',
        'member.placement',
        'transfer_case.step',
      ]);
      expect(written[5]!.after).toMatchObject({ orgId: b.cellB.id, effectiveDate: '2027-03-16', decisionNo: '15-GGT/ĐU' });
      expect(written[6]!.after).toMatchObject({ state: 'completed', step: { kind: 'completion' } });
      const full = (await call(h(), 'GET', `/api/transfers/${c.id}`, undefined, staffA.headers)).json();
      expect(full.steps.map((s: { kind: string }) => s.kind)).toEqual(['self_review', 'dues', 'letter', 'receipt', 'completion']);
      expect(full.steps[2]).toMatchObject({ decisionNo: '15-GGT/ĐU', details: { late: false, letterType: 'ten_box', issuer: 'superior_committee' } });
    });

    it('R-TRF-04: a transfer is refused while the member is under inspection (flag set by inspection staff), at the request and at the letter; cleared, it proceeds', async () => {
      const db = h().database.db;
      const m = await insertTestMember(db, { org: a.cellB, full_name: 'Lê Văn Kiểm', status: 'official' });
      const set = await call(h(), 'PUT', `/api/members/${m.id}/transfer-block`, { kind: 'inspection', since: '2027-04-01', reason: 'UBKT kiểm tra khi có dấu hiệu vi phạm' }, inspector.headers);
      expect(set.statusCode, set.body).toBe(200);
      expect(set.json().block).toMatchObject({ kind: 'inspection', since: '2027-04-01' });
      const again = await call(h(), 'PUT', `/api/members/${m.id}/transfer-block`, { kind: 'complaint', since: '2027-04-02', reason: 'x' }, inspector.headers);
      expect(again.json().error.code).toBe('TRANSFER_BLOCK_OPEN');

      const before = await counts(h());
      const body = { memberId: m.id, kind: 'permanent', reason: 'Nghỉ hưu, về nơi cư trú', causeDate: '2027-04-05', openedOn: '2027-04-06', destination: 'inside', destinationOrgId: a.gcell.id };
      const refused = await call(h(), 'POST', '/api/transfers', body, staffA.headers);
      expect(refused.statusCode).toBe(409);
      expect(refused.json().error).toMatchObject({ code: 'TRANSFER_BLOCKED', details: { field: 'memberId', blocks: [{ kind: 'inspection', since: '2027-04-01' }] } });
      expect(refused.json().error.message).toContain('bị kiểm tra');
      expect(await counts(h())).toEqual(before);

      // The committee of a cell may not set or clear the flag.
      await userWithRoles(db, 'cu.ta', 'mat-khau-cu-ta-1', [{ role: 'committee', orgId: a.cellB.id }]);
      const committee = await signIn(h().app, 'cu.ta', 'mat-khau-cu-ta-1');
      expect((await call(h(), 'POST', `/api/members/${m.id}/transfer-block/clear`, { clearedOn: '2027-05-01' }, committee.headers)).statusCode).toBe(403);
      expect((await call(h(), 'GET', `/api/members/${m.id}/transfer-block`, undefined, committee.headers)).json().block).toMatchObject({ kind: 'inspection' });

      const cleared = await call(h(), 'POST', `/api/members/${m.id}/transfer-block/clear`, { clearedOn: '2027-05-03', reason: 'Kết luận kiểm tra: không vi phạm' }, inspector.headers);
      expect(cleared.json()).toEqual({ block: null });
      const c = await open({ ...body, openedOn: '2027-05-04' }, staffA);
      const reviewed = await run(c.id, c.version, sendingSteps('2027-05-05', '2027-05-06').slice(0, 2), staffA);
      // A complaint arrives before the letter: the letter is refused.
      await call(h(), 'PUT', `/api/members/${m.id}/transfer-block`, { kind: 'complaint', since: '2027-05-06', reason: 'Đơn tố cáo chưa giải quyết' }, staffA.headers);
      const mid = await counts(h());
      const letter = await step(c.id, { kind: 'letter', date: '2027-05-06', letterNo: '1', version: reviewed.version }, staffA);
      expect(letter.statusCode).toBe(409);
      expect(letter.json().error).toMatchObject({ code: 'TRANSFER_BLOCKED', details: { blocks: [{ kind: 'complaint' }] } });
      expect(await counts(h())).toEqual(mid);
      const seen = (await call(h(), 'GET', `/api/transfers/${c.id}`, undefined, staffA.headers)).json();
      expect(seen.blocks).toEqual([{ kind: 'complaint', since: '2027-05-06', reason: 'Đơn tố cáo chưa giải quyết' }]);

      const audit = await db.selectFrom('audit_log').select(['action', 'before', 'after']).where('entity_type', '=', 'member').where('entity_id', '=', String(m.id)).where('action', 'like', 'member.transfer_block%').orderBy('id').execute();
      expect(audit.map((x) => x.action)).toEqual(['member.transfer_block.set', 'member.transfer_block.clear', 'member.transfer_block.set']);
      expect(audit[1]!.before).toMatchObject({ kind: 'inspection', since: '2027-04-01' });
      expect(audit[1]!.after).toMatchObject({ clearedOn: '2027-05-03' });
      // Outside the member's subtree the flag is as missing as the member.
      expect((await call(h(), 'GET', `/api/members/${m.id}/transfer-block`, undefined, staffB.headers)).statusCode).toBe(404);
    });

    it('refuses a step out of order, a date before the last step, dues short of the letter month, a second open transfer and a wrong temporary span, and writes nothing', async () => {
      const db = h().database.db;
      const m = await insertTestMember(db, { org: a.gcell, full_name: 'Phạm Thị Sai', status: 'official' });
      const c = await open({ memberId: m.id, kind: 'permanent', reason: 'Chuyển nơi ở', causeDate: '2027-05-10', openedOn: '2027-05-11', destination: 'outside', destinationText: 'Đảng bộ phường X, tỉnh Y' }, staffA);
      const before = await counts(h());
      const outOfOrder = await step(c.id, { kind: 'letter', date: '2027-05-12', letterNo: '1', version: c.version }, staffA);
      expect(outOfOrder.statusCode).toBe(409);
      expect(outOfOrder.json().error).toMatchObject({ code: 'TRANSFER_STEP_NOT_ALLOWED', details: { field: 'kind', expected: 'self_review' } });
      const early = await step(c.id, { kind: 'self_review', date: '2027-05-10', version: c.version }, staffA);
      expect(early.json().error).toMatchObject({ code: 'STEP_DATE_BEFORE_PREVIOUS', details: { field: 'date' } });
      const second = await call(h(), 'POST', '/api/transfers', { memberId: m.id, kind: 'permanent', reason: 'x', causeDate: '2027-05-10', openedOn: '2027-05-11', destination: 'inside', destinationOrgId: b.gcell.id }, staffA.headers);
      expect(second.statusCode).toBe(409);
      expect(second.json().error.code).toBe('TRANSFER_CASE_OPEN');
      expect(await counts(h())).toEqual(before);

      const dues = await run(c.id, c.version, [{ kind: 'self_review', date: '2027-05-12' }, { kind: 'dues', date: '2027-05-12', paidThrough: '2027-05' }], staffA);
      const short = await step(c.id, { kind: 'letter', date: '2027-06-01', letterNo: '2', version: dues.version }, staffA);
      expect(short.statusCode).toBe(400);
      expect(short.json().error).toMatchObject({ code: 'TRANSFER_DUES_NOT_PAID', details: { paidThrough: '2027-05', letterMonth: '2027-06' } });

      const other = await insertTestMember(db, { org: a.gcell, full_name: 'Đỗ Văn Tạm', status: 'official' });
      const span = await call(h(), 'POST', '/api/transfers', { memberId: other.id, kind: 'temporary', temporaryBasis: 'stay', reason: 'Biệt phái', causeDate: '2027-05-01', openedOn: '2027-05-02', endDate: '2028-05-01', destination: 'inside', destinationOrgId: b.gcell.id }, staffA.headers);
      expect(span.statusCode).toBe(400);
      expect(span.json().error).toMatchObject({ code: 'TRANSFER_TEMPORARY_SPAN', details: { field: 'endDate', problem: 'too_long', latestEnd: '2028-04-30' } });
      // The receiving cell named by its code, though the sending office cannot see it.
      const byCode = await call(h(), 'POST', '/api/transfers', { memberId: other.id, kind: 'permanent', reason: 'x', causeDate: '2027-05-01', openedOn: '2027-05-02', destination: 'inside', destinationOrgCode: 'KHONG-CO' }, staffA.headers);
      expect(byCode.json().error).toMatchObject({ code: 'ORG_NOT_FOUND', details: { field: 'destinationOrgCode' } });
      const missing = await call(h(), 'POST', '/api/transfers', { memberId: other.id, kind: 'permanent', reason: 'x', causeDate: '2027-05-01', openedOn: '2027-05-02', destination: 'inside' }, staffA.headers);
      expect(missing.json().error).toMatchObject({ code: 'TRANSFER_FIELD_REQUIRED', details: { field: 'destinationOrgId' } });

      // Out of the installation: the sending office completes; the member leaves the rolls as transferred, the record kept.
      const total = await rollup(h(), a.gcell.id, 'total', 'all');
      const out = await run(c.id, dues.version, [{ kind: 'letter', date: '2027-05-20', letterNo: '3-GGT' }, { kind: 'completion', date: '2027-05-25' }], staffA);
      expect(out).toMatchObject({ state: 'completed', letter: { type: 'ten_box' }, member: { status: 'transferred' } });
      expect(await db.selectFrom('member_status_period').select(['status', 'valid_from', 'valid_to', 'reason', 'decision_no']).where('member_id', '=', m.id).orderBy('valid_from').execute()).toEqual([
        { status: 'official', valid_from: '2010-01-01', valid_to: '2027-05-25', reason: null, decision_no: null },
        { status: 'transferred', valid_from: '2027-05-25', valid_to: null, reason: 'transfer_out', decision_no: '3-GGT' },
      ]);
      expect(await rollup(h(), a.gcell.id, 'total', 'all')).toBe(total - 1);
      expect((await differences(db)).rows).toEqual([]);
    });

    it('R-TRF-07 and R-TRF-08: temporarily attached members stay counted at home, are listed at the host, and three official ones suggest a temporary chi bộ', async () => {
      const db = h().database.db;
      const homeBefore = await rollup(h(), a.committee.id, 'total', 'all');
      const hostBefore = await rollup(h(), b.cellA.id, 'total', 'all');
      const ids: number[] = [];
      for (const name of ['Ngô Văn Một', 'Ngô Văn Hai', 'Ngô Thị Ba']) {
        const m = await insertTestMember(db, { org: a.cellA, full_name: name, status: 'official' });
        const c = await open(
          { memberId: m.id, kind: 'temporary', temporaryBasis: 'study', reason: 'Học tập trung', causeDate: '2027-02-01', endDate: '2028-01-31', openedOn: '2027-02-01', destination: 'inside', destinationOrgId: b.cellA.id },
          staffA,
        );
        expect(c).toMatchObject({ letter: { type: 'eight_box' }, deadlines: [] });
        const sent = await run(c.id, c.version, sendingSteps('2027-02-02', '2027-02-03'), staffA);
        const got = await run(c.id, sent.version, [{ kind: 'receipt', date: '2027-02-04', senderConfirmed: true }], staffB);
        expect(got).toMatchObject({ state: 'received', nextStep: 'completion', nextSide: 'sending', deadlines: [{ step: 'completion', ruleId: 'R-TRF-06', due: '2028-01-31' }] });
        ids.push(c.id);
      }
      // R-TRF-07: nothing moved.
      expect(await rollup(h(), a.committee.id, 'total', 'all')).toBe(homeBefore + 3);
      expect(await rollup(h(), b.cellA.id, 'total', 'all')).toBe(hostBefore);
      const list = (await call(h(), 'GET', `/api/transfers/attached?org=${b.province.id}`, undefined, staffB.headers)).json();
      expect(list.hosts).toHaveLength(1);
      expect(list.hosts[0]).toMatchObject({ org: { id: b.cellA.id }, officialCount: 3, temporaryCellSuggested: true });
      expect(list.hosts[0].members.map((x: { homeOrg: { id: number } }) => x.homeOrg.id)).toEqual([a.cellA.id, a.cellA.id, a.cellA.id]);
      expect((await call(h(), 'GET', '/api/transfers/attached', undefined, outsider.headers)).json()).toEqual({ hosts: [] });

      // The home office records the return; then two remain, no suggestion.
      const c0 = (await call(h(), 'GET', `/api/transfers/${ids[0]}`, undefined, staffA.headers)).json();
      const back = await run(ids[0]!, c0.version, [{ kind: 'completion', date: '2027-06-01' }], staffA);
      expect(back).toMatchObject({ state: 'completed', member: { status: 'official' } });
      const after = (await call(h(), 'GET', `/api/transfers/attached?org=${b.cellA.id}`, undefined, staffB.headers)).json();
      expect(after.hosts[0]).toMatchObject({ officialCount: 2, temporaryCellSuggested: false });
      expect(await rollup(h(), b.cellA.id, 'total', 'all')).toBe(hostBefore);
      expect((await call(h(), 'GET', '/api/transfers?kind=temporary&state=received', undefined, staffA.headers)).json().total).toBe(2);
    });

    it("the repository, called with another subtree's scope, reads and writes nothing", async () => {
      const db = h().database.db;
      const m = await insertTestMember(db, { org: a.cellB, full_name: 'Vương Văn Phạm', status: 'official' });
      const c = await open({ memberId: m.id, kind: 'permanent', reason: 'x', causeDate: '2027-06-01', openedOn: '2027-06-01', destination: 'inside', destinationOrgId: b.cellA.id }, staffA);
      const sibling = makeScope([(await db.selectFrom('org').select('path').where('name', '=', 'Đảng bộ tỉnh TC').executeTakeFirstOrThrow()).path]);
      expect(await repo.findCase(db, sibling, c.id)).toBeUndefined();
      expect(await caseRepo.stepsOf(db, sibling, 'transfer_case', c.id, repo.TRANSFER_END_PATHS)).toEqual([]);
      expect((await repo.listCases(db, sibling, { states: null, kind: null, direction: null, orgPath: null, memberId: null, limit: 50, offset: 0 })).total).toBe(0);
      expect(await caseRepo.updateCaseAtVersion(db, sibling, 'transfer_case', c.id, c.version, { state: 'completed' }, [repo.endColumn('sending')])).toBe(0);
      // The receiving end may not write a sending step in SQL either.
      expect(await caseRepo.updateCaseAtVersion(db, makeScope([b.province.path]), 'transfer_case', c.id, c.version, { state: 'completed' }, [repo.endColumn('sending')])).toBe(0);
      expect(await repo.openBlock(db, sibling, m.id)).toBeUndefined();
      expect(await repo.insertBlock(db, sibling, { member_id: m.id, kind: 'inspection', since: '2027-06-01', reason: 'x', set_by: null, set_at: new Date() })).toBeUndefined();
      const now = new Date();
      const inserted = await repo.insertCase(db, sibling, {
        member_id: m.id, kind: 'permanent', temporary_basis: null, reason: 'x', cause_date: '2027-06-01', end_date: null, source_org_id: a.cellB.id, destination: 'outside',
        destination_org_id: null, destination_path: null, destination_text: 'x', same_superior: false, grassroots_under_province: false, state: 'requested', opened_on: '2027-06-01',
        closed_on: null, self_review_date: null, dues_date: null, dues_paid_through: null, letter_date: null, letter_no: null, letter_type: null, letter_issuer: null,
        received_on: null, completed_on: null, created_at: now, updated_at: now,
      });
      expect(inserted).toBeUndefined();
    });
  },
  { today: '2027-06-30' },
);
