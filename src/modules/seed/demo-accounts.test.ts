import { beforeAll, expect, it } from 'vitest';
import { describeApi, signIn } from '../../../test/api.js';
import { createDemoAccounts, DEMO_ACCOUNTS, DEMO_PASSWORD } from './demo-accounts.service.js';
import { demoAnchors } from './seed.repository.js';
import { seedDatabase } from './seed.service.js';

// The README lists these accounts; each must see exactly its own subtree of the demo.
describeApi('demo accounts', (h) => {
  let anchors: Awaited<ReturnType<typeof demoAnchors>>;

  beforeAll(async () => {
    await seedDatabase(h().database, { scale: 'demo' });
    await createDemoAccounts(h().database.db, h().clock);
    anchors = await demoAnchors(h().database.db);
  });

  it('has one account per role but the administrator (which the first start creates)', () => {
    expect(new Set(DEMO_ACCOUNTS.map((a) => a.role))).toEqual(new Set(['org_staff', 'inspection_staff', 'leader', 'committee', 'member']));
  });

  it('shows each account exactly its subtree: its top org, and figures equal to that org\'s', async () => {
    const top = { province: anchors.provinceId, commune: anchors.communeId, cell: anchors.cellId };
    for (const account of DEMO_ACCOUNTS.filter((a) => a.role !== 'member')) {
      const s = await signIn(h().app, account.username, DEMO_PASSWORD);
      const orgs = (await h().app.inject({ method: 'GET', url: '/api/orgs', headers: s.headers })).json();
      expect(orgs.items.map((o: { id: number }) => o.id), account.username).toEqual([top[account.on]]);
      const mine = (await h().app.inject({ method: 'GET', url: '/api/stats', headers: s.headers })).json();
      const whole = (await h().app.inject({ method: 'GET', url: `/api/orgs/${top[account.on]}/stats`, headers: h().headers })).json();
      expect(mine.members.total, account.username).toBe(whole.members.total);
      expect(mine.members.total, account.username).toBeGreaterThan(0);
    }
  });

  it('gives the member account its own record and nothing else', async () => {
    const s = await signIn(h().app, 'dangvien', DEMO_PASSWORD);
    const me = await h().app.inject({ method: 'GET', url: '/api/members/me', headers: s.headers });
    expect(me.json().id).toBe(anchors.memberId);
    expect((await h().app.inject({ method: 'GET', url: '/api/orgs', headers: s.headers })).statusCode).toBe(403);
  });
});
