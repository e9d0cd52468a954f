import { beforeAll, expect, it } from 'vitest';
import { describeApi, signIn, type Session } from '../../../test/api.js';
import { createDemoAccounts } from './demo-accounts.service.js';
import { seedDemoSlips } from './demo-slips.service.js';
import { seedDemoTransfers } from './demo-transfer.service.js';
import { seedDatabase } from './seed.service.js';

// The demo shows transfer slips (one overdue and past the 3 months of R-EXIT-05, some returned)
// and residence referrals with and without this year's comment, to the commune staff account.
describeApi('demo transfer slips and residence liaison', (h) => {
  let commune: Session;
  const get = async <T>(url: string): Promise<T> => {
    const res = await h().app.inject({ method: 'GET', url, headers: commune.headers });
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as T;
  };

  beforeAll(async () => {
    const today = h().clock.today();
    await seedDatabase(h().database, { scale: 'demo', today });
    await createDemoAccounts(h().database.db, h().clock);
    await seedDemoTransfers(h().database.db, today);
    const r = await seedDemoSlips(h().database.db, today);
    expect(r.slips).toBeGreaterThanOrEqual(4);
    expect(r.liaisons).toBe(3);
    commune = await signIn(h().app, 'bantochuc.xa', 'dangvu-demo-2026');
  });

  it('R-TRF-09, R-REC-08, R-EXIT-05: slips returned and not, one overdue whose member has not presented the dossier', async () => {
    const all = await get<{ items: { returnedOn: string | null; overdue: boolean; lapsed: boolean }[] }>('/api/transfer-slips');
    expect(all.items.some((s) => s.returnedOn !== null)).toBe(true);
    expect(all.items.some((s) => s.returnedOn === null && !s.overdue)).toBe(true);
    expect((await get<{ items: unknown[] }>('/api/transfer-slips?filter=overdue')).items).toHaveLength(1);
    expect((await get<{ items: unknown[] }>('/api/transfer-slips?filter=lapsed')).items).toHaveLength(1);
  });

  it('R-TRF-16: three referrals, one with this year\'s comment and two still owing it', async () => {
    const due = await get<{ year: number; items: { residence: { orgId: number | null } }[] }>('/api/residence-liaisons/due');
    expect(due.year).toBe(Number(h().clock.today().slice(0, 4)));
    expect(due.items).toHaveLength(2);
    expect(due.items.some((l) => l.residence.orgId === null)).toBe(true);
  });
});
