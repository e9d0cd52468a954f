import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { beforeAll, expect, it } from 'vitest';
import { describeApi, signIn, userWithRoles, type ApiHarness, type Session } from '../../../test/api.js';
import { insertTestMember, insertTestTree } from '../../../test/factories.js';
import { transferUpdateDeadline } from '../../domain/records/record-update.js';
import { makeScope } from '../auth/scope.js';
import { runDueJob } from '../due/due.service.js';
import { DUE_SOURCES } from '../due/due.sources.js';
import * as repo from './record-update.repository.js';

type Tree = Awaited<ReturnType<typeof insertTestTree>>;
type Item = { caseKind: string; caseId: number; step: string; ruleId: string; dueOn: string; memberId: number | null; orgId: number };

function call(h: ApiHarness, method: InjectOptions['method'], url: string, payload?: unknown, headers = h.headers): Promise<LightMyRequestResponse> {
  return h.app.inject({ method, url, payload: payload as InjectOptions['payload'], headers });
}

// R-REC-07: a phiếu bổ sung is filed on each official transfer. Received for good, the member
// owes the receiving org one: a due item until a phiếu of the transfer occasion is filed.
// Today is 2026-11-20.
describeApi('phiếu bổ sung due after an official transfer (R-REC-07)', (h) => {
  let a: Tree;
  let b: Tree;
  let staffA: Session;
  let staffB: Session;
  let outsider: Session;

  beforeAll(async () => {
    const db = h().database.db;
    a = await insertTestTree(db, 'QA');
    b = await insertTestTree(db, 'QB');
    const c = await insertTestTree(db, 'QC');
    await userWithRoles(db, 'staff.qa', 'mat-khau-staff-qa-1', [{ role: 'org_staff', orgId: a.province.id }]);
    await userWithRoles(db, 'staff.qb', 'mat-khau-staff-qb-1', [{ role: 'org_staff', orgId: b.province.id }]);
    await userWithRoles(db, 'staff.qc', 'mat-khau-staff-qc-1', [{ role: 'org_staff', orgId: c.province.id }]);
    staffA = await signIn(h().app, 'staff.qa', 'mat-khau-staff-qa-1');
    staffB = await signIn(h().app, 'staff.qb', 'mat-khau-staff-qb-1');
    outsider = await signIn(h().app, 'staff.qc', 'mat-khau-staff-qc-1');
  });

  async function transfer(memberId: number, kind: 'permanent' | 'temporary'): Promise<{ id: number }> {
    const opened = await call(h(), 'POST', '/api/transfers', {
      memberId,
      kind,
      reason: 'Chuyển nơi ở',
      causeDate: '2026-09-30',
      openedOn: '2026-10-01',
      destination: 'inside',
      destinationOrgCode: b.cellB.code,
      ...(kind === 'temporary' ? { temporaryBasis: 'stay', endDate: '2027-04-10' } : {}),
    });
    expect(opened.statusCode, opened.body).toBe(201);
    let c = opened.json();
    const steps: Record<string, unknown>[] = [
      { kind: 'self_review', date: '2026-10-01' },
      { kind: 'dues', date: '2026-10-01', paidThrough: '2026-10' },
      { kind: 'letter', date: '2026-10-02', letterNo: '15-GGT/ĐU' },
      { kind: 'receipt', date: '2026-10-10', senderConfirmed: true },
    ];
    if (kind === 'permanent') steps.push({ kind: 'completion', date: '2026-10-12' });
    for (const s of steps) {
      const res = await call(h(), 'POST', `/api/transfers/${c.id}/steps`, { ...s, version: c.version });
      expect(res.statusCode, `${String(s.kind)}: ${res.body}`).toBe(200);
      c = res.json();
    }
    return c;
  }

  const itemsSeenBy = async (s: Session): Promise<Item[]> => {
    const res = await call(h(), 'GET', '/api/due-items?show=all&pageSize=200', undefined, s.headers);
    expect(res.statusCode, res.body).toBe(200);
    return (res.json().items as Item[]).filter((i) => i.caseKind === 'record_update');
  };
  const stored = (memberId: number) => h().database.db.selectFrom('due_item').select(['case_id', 'org_id', 'due_on', 'rule_id']).where('case_kind', '=', 'record_update').where('member_id', '=', memberId).execute();
  const file = (memberId: number, occasion: 'yearly' | 'transfer', residence: string, headers = staffB.headers) =>
    call(h(), 'POST', '/api/record-updates', { memberId, year: 2026, occasion, submittedOn: '2026-11-02', changes: { residence } }, headers);

  it('R-REC-07: the receipt puts "lập phiếu bổ sung" on the receiving org’s list; a phiếu of the transfer meets it, a returned one brings it back', async () => {
    const m = await insertTestMember(h().database.db, { org: a.cellA, full_name: 'Nguyễn Văn Đến', status: 'official', status_since: '2012-03-01', admission_date: '2011-03-01' });
    const c = await transfer(m.id, 'permanent');
    const due = transferUpdateDeadline('2026-10-12', null)!.due;
    expect(await stored(m.id)).toEqual([{ case_id: c.id, org_id: b.cellB.id, due_on: due, rule_id: 'R-REC-07' }]);
    expect(await itemsSeenBy(staffB)).toEqual([expect.objectContaining({ caseId: c.id, step: 'record_update', ruleId: 'R-REC-07', dueOn: due, memberId: m.id, orgId: b.cellB.id })]);
    // The sending office and an unrelated one do not see it.
    expect(await itemsSeenBy(staffA)).toEqual([]);
    expect(await itemsSeenBy(outsider)).toEqual([]);
    // In SQL: the cases are read through the receiving end's path.
    const db = h().database.db;
    expect((await repo.transferUpdateCases(db, makeScope([a.province.path]), { memberId: m.id })).map((r) => Number(r.id))).toEqual([]);
    expect((await repo.transferUpdateCases(db, makeScope([b.province.path]), { memberId: m.id })).map((r) => Number(r.id))).toEqual([c.id]);

    // The daily job computes the same item: nothing to write; lost, it is written again.
    const same = (await runDueJob(h().database.db, h().clock, DUE_SOURCES)).find((k) => k.kind === 'record_update')!;
    expect(same).toMatchObject({ written: 0, removed: 0 });
    await h().database.db.deleteFrom('due_item').where('case_kind', '=', 'record_update').execute();
    const again = (await runDueJob(h().database.db, h().clock, DUE_SOURCES)).find((k) => k.kind === 'record_update')!;
    expect(again.written).toBeGreaterThanOrEqual(1);
    expect(await stored(m.id)).toHaveLength(1);

    // A yearly phiếu is not the transfer's: the item stays.
    expect((await file(m.id, 'yearly', 'Số 1 đường Mới')).statusCode).toBe(201);
    expect(await stored(m.id)).toHaveLength(1);
    const filed = await file(m.id, 'transfer', 'Số 2 đường Mới');
    expect(filed.statusCode, filed.body).toBe(201);
    expect(await stored(m.id)).toEqual([]);
    expect(await itemsSeenBy(staffB)).toEqual([]);

    const back = await call(h(), 'POST', `/api/record-updates/${filed.json().id}/return`, { date: '2026-11-03', reason: 'Thiếu chữ ký', version: filed.json().version }, staffB.headers);
    expect(back.statusCode, back.body).toBe(200);
    expect(await stored(m.id)).toHaveLength(1);
    expect((await file(m.id, 'transfer', 'Số 3 đường Mới')).statusCode).toBe(201);
    expect(await stored(m.id)).toEqual([]);
    await runDueJob(h().database.db, h().clock, DUE_SOURCES);
    expect(await stored(m.id)).toEqual([]);
  });

  it('R-REC-07: a temporary transfer (the member never leaves their cell, R-TRF-07) puts no phiếu on the list', async () => {
    const m = await insertTestMember(h().database.db, { org: a.cellA, full_name: 'Lê Thị Tạm', status: 'official', status_since: '2012-03-01', admission_date: '2011-03-01' });
    await transfer(m.id, 'temporary');
    await runDueJob(h().database.db, h().clock, DUE_SOURCES);
    expect(await stored(m.id)).toEqual([]);
  });
});
