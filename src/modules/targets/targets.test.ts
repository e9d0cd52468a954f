import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { beforeAll, describe, expect, it } from 'vitest';
import { describeApi, signIn, userWithRoles, type ApiHarness, type Session } from '../../../test/api.js';
import { insertTestMember, insertTestOrg, insertTestTree, type TestOrg } from '../../../test/factories.js';
import { makeScope } from '../auth/scope.js';
import { staffContext } from '../service-context.js';
import * as repo from './targets.repository.js';
import type { AchievementBody, AchievementOrg } from './targets.schema.js';
import { setTargets } from './targets.service.js';

type Tree = Awaited<ReturnType<typeof insertTestTree>>;

function call(h: ApiHarness, method: InjectOptions['method'], url: string, payload?: unknown, headers = h.headers): Promise<LightMyRequestResponse> {
  return h.app.inject({ method, url, payload: payload as InjectOptions['payload'], headers });
}

async function count(h: ApiHarness, t: 'audit_log' | 'admission_target'): Promise<number> {
  return Number((await h.database.db.selectFrom(t).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
}

const figures = (o: AchievementOrg) => ({
  admitted: o.admitted,
  youthUnion: o.youthUnion,
  women: o.women,
  ethnicMinority: o.ethnicMinority,
  ownTarget: o.ownTarget,
  childrenTargetSum: o.childrenTargetSum,
  target: o.target,
  percent: o.percent,
  met: o.met,
});

describeApi('admission targets and their achievement', (h) => {
  let t: Tree;
  let g2: TestOrg;
  let moveCell: TestOrg;
  let other: Tree;
  let leader: Session;
  let committee: Session;
  let staffOther: Session;

  const get = async (orgId: number, year: number, session: Record<string, string> = h().headers) => {
    const res = await call(h(), 'GET', `/api/admission-targets?org=${orgId}&year=${year}`, undefined, session);
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as AchievementBody;
  };
  const put = (orgId: number, year: number, body: Record<string, unknown>, headers = h().headers) => call(h(), 'PUT', `/api/admission-targets/${orgId}/${year}`, body, headers);

  beforeAll(async () => {
    const db = h().database.db;
    // province → commune → { G1 (committee) → cell A, cell B ; G2 (committee) → moveCell ; grassroots cell }
    t = await insertTestTree(db, 'CT');
    g2 = await insertTestOrg(db, { type: 'grassroots_committee', parent: t.commune, name: 'Đảng bộ cơ sở CT Hai' });
    moveCell = await insertTestOrg(db, { type: 'cell', parent: g2, name: 'Chi bộ CT Chuyển' });
    other = await insertTestTree(db, 'KH');

    // Admitted in 2026 under G1's cells: a young woman of the Youth Union, a Tày man.
    await insertTestMember(db, { org: t.cellA, sex: 'female', admission_date: '2026-03-01', status: 'probationary', status_since: '2026-03-01', youth_union_date: '2012-03-26' });
    await insertTestMember(db, { org: t.cellA, sex: 'male', ethnicity: 'tay', admission_date: '2026-05-10', status: 'probationary', status_since: '2026-05-10' });
    // Admitted in 2026 in the grassroots cell, deceased since: still one of 2026's admissions.
    await insertTestMember(db, { org: t.gcell, sex: 'female', admission_date: '2026-02-02', status: 'deceased', status_since: '2026-09-01' });
    // Admitted on the last day of 2025: 2025's, not 2026's.
    await insertTestMember(db, { org: t.cellA, admission_date: '2025-12-31', status: 'probationary', status_since: '2025-12-31' });
    // Admitted in cell B, moved to the grassroots cell afterwards: counts where they were admitted.
    const moved = await insertTestMember(db, { org: t.cellB, admission_date: '2026-04-01', status: 'probationary', status_since: '2026-04-01' });
    // Admitted in a cell of G2 that has since moved under G1: counts under its parent now.
    await insertTestMember(db, { org: moveCell, admission_date: '2026-06-01', status: 'probationary', status_since: '2026-06-01' });
    // Another commune's admission.
    await insertTestMember(db, { org: other.cellA, admission_date: '2026-01-15', status: 'probationary', status_since: '2026-01-15' });

    const placed = await call(h(), 'POST', `/api/members/${moved.id}/placement`, { orgId: t.gcell.id, effectiveDate: '2026-08-01', version: moved.version });
    expect(placed.statusCode, placed.body).toBe(200);
    const orgMoved = await call(h(), 'POST', `/api/orgs/${moveCell.id}/move`, { newParentId: t.committee.id, effectiveDate: '2026-10-01' });
    expect(orgMoved.statusCode, orgMoved.body).toBe(200);

    await userWithRoles(db, 'lanh.dao.ct', 'mat-khau-lanh-dao-1', [{ role: 'leader', orgId: t.commune.id }]);
    await userWithRoles(db, 'cap.uy.ct', 'mat-khau-cap-uy-1', [{ role: 'committee', orgId: t.commune.id }]);
    await userWithRoles(db, 'staff.kh', 'mat-khau-staff-kh-1', [{ role: 'org_staff', orgId: other.commune.id }]);
    leader = await signIn(h().app, 'lanh.dao.ct', 'mat-khau-lanh-dao-1');
    committee = await signIn(h().app, 'cap.uy.ct', 'mat-khau-cap-uy-1');
    staffOther = await signIn(h().app, 'staff.kh', 'mat-khau-staff-kh-1');
  });

  it('sets targets with an audit row of before and after', async () => {
    const audit = await count(h(), 'audit_log');
    const first = await put(t.commune.id, 2026, { target: 3, note: 'Nghị quyết 05' });
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json()).toMatchObject({ orgId: t.commune.id, year: 2026, target: 3, note: 'Nghị quyết 05', version: 1 });
    const changed = await put(t.commune.id, 2026, { target: 4, version: 1 });
    expect(changed.statusCode, changed.body).toBe(200);
    expect(changed.json()).toMatchObject({ target: 4, note: null, version: 2 });
    expect((await put(t.committee.id, 2026, { target: 4 })).statusCode).toBe(200);
    // The committee role hands targets down within its subtree.
    expect((await put(t.gcell.id, 2026, { target: 3 }, committee.headers)).statusCode).toBe(200);
    expect((await put(t.committee.id, 2025, { target: 2 })).statusCode).toBe(200);
    expect(await count(h(), 'audit_log')).toBe(audit + 5);
    const rows = await h()
      .database.db.selectFrom('audit_log')
      .select(['action', 'entity_id', 'before', 'after'])
      .where('entity_type', '=', 'admission_target')
      .where('entity_id', '=', `${t.commune.id}/2026`)
      .orderBy('id')
      .execute();
    expect(rows.map((r) => r.action)).toEqual(['admission_target.create', 'admission_target.update']);
    expect(rows[0]!.before).toBeNull();
    expect(rows[1]).toMatchObject({ before: { target: 3, note: 'Nghị quyết 05', version: 1 }, after: { year: 2026, target: 4, note: null, version: 2 } });
  });

  it('counts the year’s admissions per child, by where each member was admitted, with the figures and percentages exact', async () => {
    const body = await get(t.commune.id, 2026);
    expect(body.year).toBe(2026);
    expect(body.breadcrumb).toEqual([{ orgId: t.province.id, name: t.province.name }]);
    expect(body.node.orgId).toBe(t.commune.id);
    // Five admitted in 2026 against the commune's own target of 4: 125.0 %, its children's 4 + 3 beside it.
    expect(figures(body.node)).toEqual({ admitted: 5, youthUnion: 1, women: 2, ethnicMinority: 1, ownTarget: 4, childrenTargetSum: 7, target: 4, percent: 125, met: true });
    const byId = new Map(body.children.map((c) => [c.orgId, c]));
    expect([...byId.keys()].sort()).toEqual([t.committee.id, g2.id, t.gcell.id].sort());
    // G1: the two of cell A, cell B's (moved away since), the moved cell's.
    expect(figures(byId.get(t.committee.id)!)).toEqual({ admitted: 4, youthUnion: 1, women: 1, ethnicMinority: 1, ownTarget: 4, childrenTargetSum: null, target: 4, percent: 100, met: true });
    expect(byId.get(t.committee.id)!.hasChildren).toBe(true);
    // The grassroots cell: the deceased member only (the member who moved in counts for cell B), 1 of 3.
    expect(figures(byId.get(t.gcell.id)!)).toEqual({ admitted: 1, youthUnion: 0, women: 1, ethnicMinority: 0, ownTarget: 3, childrenTargetSum: null, target: 3, percent: 33.3, met: false });
    expect(figures(byId.get(g2.id)!)).toEqual({ admitted: 0, youthUnion: 0, women: 0, ethnicMinority: 0, ownTarget: null, childrenTargetSum: null, target: null, percent: null, met: null });
  });

  it('drills down to the cells, and counts the year before apart', async () => {
    const g1 = await get(t.committee.id, 2026);
    expect(g1.breadcrumb.map((b) => b.orgId)).toEqual([t.province.id, t.commune.id]);
    expect(g1.children.map((c) => [c.orgId, c.admitted]).sort()).toEqual(
      [
        [t.cellA.id, 2],
        [t.cellB.id, 1],
        [moveCell.id, 1],
      ].sort(),
    );
    const last = await get(t.commune.id, 2025);
    expect(figures(last.node)).toMatchObject({ admitted: 1, ownTarget: null, childrenTargetSum: 2, target: 2, percent: 50, met: false });
    expect(last.node.targetSource).toBe('children');
  });

  it('counts a member whose record starts after the admission at their first org, and no deleted record', async () => {
    const db = h().database.db;
    // Admitted 2024-05-01, placed only from 2024-07-01 (as the seeded histories do when the org
    // was founded after the admission): counted where that first placement is.
    const late = await insertTestMember(db, { org: t.cellB, admission_date: '2024-05-01', status: 'official', status_since: '2025-05-01' });
    await db.updateTable('member_placement').set({ valid_from: '2024-07-01' }).where('member_id', '=', late.id).execute();
    const gone = await insertTestMember(db, { org: t.cellA, admission_date: '2024-06-01', status: 'official', status_since: '2025-06-01' });
    await db.updateTable('member').set({ deleted_at: new Date() }).where('id', '=', gone.id).execute();
    const body = await get(t.commune.id, 2024);
    expect(body.node.admitted).toBe(1);
    expect(body.children.find((c) => c.orgId === t.committee.id)!.admitted).toBe(1);
    expect(body.children.find((c) => c.orgId === t.gcell.id)!.admitted).toBe(0);
  });

  it('lets a leader read and not write, and answers 404 outside the scope', async () => {
    const read = await get(t.commune.id, 2026, leader.headers);
    expect(read.node.admitted).toBe(5);
    const write = await put(t.commune.id, 2026, { target: 9, version: 2 }, leader.headers);
    expect(write.statusCode).toBe(403);
    const away = await call(h(), 'GET', `/api/admission-targets?org=${t.commune.id}&year=2026`, undefined, staffOther.headers);
    expect(away.statusCode).toBe(404);
    expect(away.json().error.code).toBe('ORG_NOT_FOUND');
    expect(away.body).not.toContain(t.commune.name);
    const awayWrite = await put(t.gcell.id, 2026, { target: 9 }, staffOther.headers);
    expect(awayWrite.statusCode).toBe(404);
    // Without org=, the top of the caller's own scope.
    const own = await call(h(), 'GET', '/api/admission-targets?year=2026', undefined, staffOther.headers);
    expect(own.json().node).toMatchObject({ orgId: other.commune.id, admitted: 1 });
    expect((await get(t.commune.id, 2026)).node.ownTarget).toBe(4);
  });

  it('refuses a stale version with 409 and writes nothing', async () => {
    const audit = await count(h(), 'audit_log');
    const stale = await put(t.commune.id, 2026, { target: 50, version: 1 });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error).toMatchObject({ code: 'STALE_VERSION', details: { field: 'version', current: 2 } });
    // A version for a target that does not exist yet is stale too.
    expect((await put(g2.id, 2026, { target: 5, version: 1 })).statusCode).toBe(409);
    expect(await count(h(), 'audit_log')).toBe(audit);
    expect((await get(t.commune.id, 2026)).node.ownTarget).toBe(4);
    expect((await get(t.commune.id, 2026)).children.find((c) => c.orgId === g2.id)!.ownTarget).toBeNull();
  });

  it('keeps the scope in the SQL of every repository function (a sibling commune sees and touches nothing)', async () => {
    const db = h().database.db;
    const sibling = makeScope([other.commune.path]);
    expect(await repo.achievementRows(db, sibling, t.commune.id, 2026)).toEqual([]);
    expect(await repo.findTarget(db, sibling, t.commune.id, 2026)).toBeUndefined();
    const v = { org_id: g2.id, year: 2026, target: 99, note: null, set_by: null, set_at: new Date() };
    expect(await repo.insertTarget(db, sibling, v)).toBeUndefined();
    expect(await repo.updateTargetAtVersion(db, sibling, { ...v, org_id: t.commune.id }, 2)).toBe(0);
    const mine = await get(t.commune.id, 2026);
    expect(mine.node.ownTarget).toBe(4);
    expect(mine.children.find((c) => c.orgId === g2.id)!.ownTarget).toBeNull();
  });

  it('finds the same admissions whether it starts from the subtree or from the year’s admissions nationwide', async () => {
    const db = h().database.db;
    const whole = makeScope(['/']);
    for (const [org, year] of [
      [t.commune.id, 2026],
      [t.committee.id, 2026],
      [t.commune.id, 2025],
      [t.province.id, 2026],
    ] as const) {
      const small = await repo.achievementRows(db, whole, org, year, Number.MAX_SAFE_INTEGER);
      const big = await repo.achievementRows(db, whole, org, year, 0);
      expect(big, `${org} ${year}`).toEqual(small);
      expect(small.find((r) => r.role === 'node')!.admitted).toBeGreaterThan(0);
    }
  });

  describe('setTargets (many in one transaction, for the import)', () => {
    it('sets them all, or none when one row fails', async () => {
      const ctx = staffContext(h().database.db, h().clock, [t.commune.path]);
      const before = await count(h(), 'admission_target');
      await expect(
        setTargets(ctx, 2027, [
          { orgId: t.committee.id, target: 5 },
          { orgId: other.commune.id, target: 5 },
        ]),
      ).rejects.toMatchObject({ code: 'ORG_NOT_FOUND', details: { field: 'orgId', row: 2 } });
      await expect(
        setTargets(ctx, 2027, [
          { orgId: t.committee.id, target: 5 },
          { orgId: t.committee.id, target: 6 },
        ]),
      ).rejects.toMatchObject({ code: 'DUPLICATE_TARGET_ROW', details: { row: 2 } });
      expect(await count(h(), 'admission_target')).toBe(before);
      const set = await setTargets(ctx, 2027, [
        { orgId: t.committee.id, target: 5 },
        { orgId: g2.id, target: 2, note: 'Đợt 1' },
      ]);
      expect(set.map((s) => [s.orgId, s.target, s.version])).toEqual([
        [t.committee.id, 5, 1],
        [g2.id, 2, 1],
      ]);
      expect(await count(h(), 'admission_target')).toBe(before + 2);
      expect((await get(t.commune.id, 2027)).node).toMatchObject({ ownTarget: null, childrenTargetSum: 7, admitted: 0, percent: 0, met: false });
    });
  });
});
