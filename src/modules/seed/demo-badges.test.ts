import { beforeAll, expect, it } from 'vitest';
import { describeApi } from '../../../test/api.js';
import { badgeCeremonies } from '../../domain/badge/badge-ceremony.js';
import { seedDemoBadges } from './demo-badges.service.js';
import { demoAnchors } from './seed.repository.js';
import { seedDatabase } from './seed.service.js';

// Issue 5 item 6 on the demo: the next ceremony lists candidates of several classes, one early and
// one deferred, and the register holds the last ceremony's awards with one reissue.
describeApi('demo party badges', (h) => {
  let today: string;
  let communeId: number;

  beforeAll(async () => {
    today = h().clock.today();
    await seedDatabase(h().database, { scale: 'demo', today });
    const r = await seedDemoBadges(h().database.db, today);
    expect(r.members).toBe(11);
    expect(r.awards).toBeGreaterThanOrEqual(3);
    communeId = (await demoAnchors(h().database.db)).communeId;
  });

  it("lists the next ceremony's candidates in the commune, of four classes, one early and one deferred", async () => {
    const year = Number(today.slice(0, 4));
    const next = [...badgeCeremonies(year), ...badgeCeremonies(year + 1)].find((d) => d > today)!;
    const res = await h().app.inject({ method: 'GET', url: `/api/badges/candidates?ceremony=${next}&org=${communeId}&limit=1000`, headers: h().headers });
    expect(res.statusCode, res.body).toBe(200);
    const list = res.json() as { items: { badgeClass: number; outcome: string; early: boolean }[] };
    for (const k of [30, 40, 50, 60]) expect(list.items.some((c) => c.badgeClass === k), `class ${k}`).toBe(true);
    expect(list.items.some((c) => c.early)).toBe(true);
    expect(list.items.some((c) => c.outcome === 'deferred')).toBe(true);
  });

  it('has awards in the register, one reissued', async () => {
    const res = await h().app.inject({ method: 'GET', url: `/api/badges/awards?org=${communeId}`, headers: h().headers });
    const body = res.json() as { items: { status: string; serial: string }[]; total: number };
    expect(body.total).toBeGreaterThanOrEqual(3);
    expect(body.items.filter((a) => a.status === 'reissued')).toHaveLength(1);
    expect(new Set(body.items.map((a) => a.serial)).size).toBe(body.items.length);
  });
});
