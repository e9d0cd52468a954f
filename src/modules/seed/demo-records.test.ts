import { beforeAll, expect, it } from 'vitest';
import { describeApi } from '../../../test/api.js';
import { seedDemoRecords } from './demo-records.service.js';
import { demoAnchors } from './seed.repository.js';
import { seedDatabase } from './seed.service.js';

// Issue 5 item 7 on the demo: record numbers from two blocks (the first used up), cards in every
// state and phiếu bổ sung at every step, in the commune the commune staff account sees.
describeApi('demo member records and party cards', (h) => {
  let communeId: number;
  const get = async <T>(url: string): Promise<T> => {
    const res = await h().app.inject({ method: 'GET', url, headers: h().headers });
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as T;
  };

  beforeAll(async () => {
    const today = h().clock.today();
    await seedDatabase(h().database, { scale: 'demo', today });
    const r = await seedDemoRecords(h().database.db, today);
    expect(r).toMatchObject({ numbers: 12, updates: 7, dossiers: 15 });
    communeId = (await demoAnchors(h().database.db)).communeId;
  });

  it('R-REC-09: two blocks, the first used up, twelve numbers in order', async () => {
    const blocks = await get<{ items: { remaining: number; firstNo: number }[] }>(`/api/record-no-blocks?org=${communeId}`);
    expect(blocks.items.map((b) => [b.firstNo, b.remaining])).toEqual([
      [1, 0],
      [101, 293],
    ]);
  });

  it('R-REC-01/02/04/05: cards in every state, with this month’s batch', async () => {
    const cards = await get<{ items: { status: string; model: string | null; requestMonth: string }[] }>(`/api/party-cards?org=${communeId}&limit=500`);
    const all = await get<{ items: { status: string }[] }>(`/api/party-cards?limit=500`);
    const states = new Set(all.items.map((c) => c.status));
    for (const s of ['requested', 'decided', 'handed_over', 'lost', 'recovered', 'kept_by_family']) expect(states.has(s), s).toBe(true);
    expect(cards.items.some((c) => c.model === 'legacy')).toBe(true);
    expect(cards.items.filter((c) => c.requestMonth === h().clock.today().slice(0, 7)).length).toBeGreaterThanOrEqual(4);
    const unchecked = await get<{ items: unknown[] }>(`/api/party-cards/unchecked?org=${communeId}`);
    expect(unchecked.items).toHaveLength(1);
  });

  it('R-REC-06/11: dossiers held, two on loan (one overdue), one returned, one handed up to the direct superior', async () => {
    const all = await get<{ items: { kind: string; returnedOn: string | null; holder: { id: number } }[]; total: number }>(`/api/dossiers?org=${communeId}&limit=500`);
    expect(all.total).toBe(15);
    expect(all.items.filter((d) => d.kind === 'handed_over')).toHaveLength(1);
    expect(all.items.some((d) => d.kind === 'received' && d.holder.id === communeId)).toBe(true);
    expect(all.items.filter((d) => d.kind === 'lent' && d.returnedOn !== null)).toHaveLength(1);
    expect((await get<{ total: number }>(`/api/dossiers?org=${communeId}&loan=out`)).total).toBe(2);
    expect((await get<{ total: number }>(`/api/dossiers?org=${communeId}&loan=overdue`)).total).toBe(1);
  });

  it('R-REC-07: phiếu bổ sung at every step', async () => {
    const updates = await get<{ items: { stage: string }[] }>(`/api/record-updates?org=${communeId}`);
    const stages = new Set(updates.items.map((u) => u.stage));
    for (const s of ['cell', 'superior', 'approved', 'returned']) expect(stages.has(s), s).toBe(true);
  });
});
