import { expect, it } from 'vitest';
import { describeEachEngine } from '../../../test/engines.js';
import { insertTestMember, insertTestTree } from '../../../test/factories.js';
import { insertIfInScope } from './scoped-insert.js';
import { makeScope } from './scope.js';

// The one statement that checks the anchor's scope and writes (every scoped insert goes through it).

describeEachEngine('insertIfInScope', (get) => {
  const block = (memberId: number) => ({ member_id: memberId, kind: 'inspection' as const, since: '2026-01-05', reason: 'Đang bị kiểm tra', set_by: null, set_at: new Date() });

  it('writes the row when its member is in scope, and nothing (no row back) when it is not or is missing', async () => {
    const { db } = get();
    const a = await insertTestTree(db, 'SA');
    const b = await insertTestTree(db, 'SB');
    const inA = await insertTestMember(db, { org: a.cellA });
    const scopeA = makeScope([a.province.path]);

    const written = await insertIfInScope(db, scopeA, 'member_transfer_block', block(inA.id), { table: 'member', id: inA.id }).returningAll().executeTakeFirst();
    expect(written).toMatchObject({ member_id: inA.id, kind: 'inspection', since: '2026-01-05' });

    const inB = await insertTestMember(db, { org: b.cellA });
    expect(await insertIfInScope(db, scopeA, 'member_transfer_block', block(inB.id), { table: 'member', id: inB.id }).returningAll().executeTakeFirst()).toBeUndefined();
    expect(await insertIfInScope(db, scopeA, 'member_transfer_block', block(-1), { table: 'member', id: -1 }).returningAll().executeTakeFirst()).toBeUndefined();
    expect(await insertIfInScope(db, makeScope([]), 'member_transfer_block', block(inA.id), { table: 'member', id: inA.id }).returningAll().executeTakeFirst()).toBeUndefined();
    const rows = await db.selectFrom('member_transfer_block').select('member_id').where('member_id', 'in', [inA.id, inB.id]).execute();
    expect(rows.map((r) => Number(r.member_id))).toEqual([inA.id]);
  });

  it("copies the anchor's path into the row, and refuses a member no longer in the given org", async () => {
    const { db } = get();
    const t = await insertTestTree(db, 'SC');
    const m = await insertTestMember(db, { org: t.cellB });
    const scope = makeScope([t.province.path]);
    const award = {
      member_id: m.id,
      badge_class: 30,
      ceremony_date: '2026-02-03',
      reached_on: '2026-01-01',
      decision_no: '12-QĐ/TU',
      decision_date: '2026-01-20',
      province_org_id: t.province.id,
      serial: 'SC-000001',
      org_id: t.cellB.id,
      created_by: null,
      created_at: new Date(),
      updated_by: null,
      updated_at: new Date(),
    };
    const written = await insertIfInScope(db, scope, 'badge_award', award, { table: 'org', id: t.cellB.id, pathInto: 'org_path' }).returningAll().executeTakeFirst();
    expect(written?.org_path).toBe(t.cellB.path);

    // The member sits in cell B: an anchor that says cell A writes nothing.
    const wrongOrg = insertIfInScope(db, scope, 'member_transfer_block', block(m.id), { table: 'member', id: m.id, orgId: t.cellA.id });
    expect(await wrongOrg.returningAll().executeTakeFirst()).toBeUndefined();
    const rightOrg = await insertIfInScope(db, scope, 'member_transfer_block', block(m.id), { table: 'member', id: m.id, orgId: t.cellB.id }).returningAll().executeTakeFirst();
    expect(Number(rightOrg?.member_id)).toBe(m.id);
  });
});
