import { beforeAll, expect, it } from 'vitest';
import { describeApi } from '../../../test/api.js';
import type { AchievementBody } from '../targets/targets.schema.js';
import { seedDemoAdmission } from './demo-admission.service.js';
import { seedDemoTargets } from './demo-targets.service.js';
import { demoAnchors } from './seed.repository.js';
import { seedDatabase } from './seed.service.js';

// Issue 5 item 8 on the demo: targets for this year and last year, so that the targets page
// shows real percentages, some above 100 % and some below.
describeApi('demo admission targets', (h) => {
  let today: string;
  let provinceId: number;

  beforeAll(async () => {
    today = h().clock.today();
    await seedDatabase(h().database, { scale: 'demo', today });
    await seedDemoAdmission(h().database.db, today);
    const r = await seedDemoTargets(h().database.db, today);
    expect(r.years).toEqual([Number(today.slice(0, 4)) - 1, Number(today.slice(0, 4))]);
    provinceId = (await demoAnchors(h().database.db)).provinceId;
  });

  for (const back of [1, 0]) {
    it(`sets the province and its orgs targets ${back ? 'last year' : 'this year'}, met by some and missed by others`, async () => {
      const year = Number(today.slice(0, 4)) - back;
      const res = await h().app.inject({ method: 'GET', url: `/api/admission-targets?org=${provinceId}&year=${year}`, headers: h().headers });
      expect(res.statusCode, res.body).toBe(200);
      const body = res.json() as AchievementBody;
      expect(body.node.admitted).toBeGreaterThan(0);
      expect(body.node).toMatchObject({ targetSource: 'own', met: true });
      expect(body.node.percent!).toBeGreaterThan(100);
      const percents = body.children.map((c) => c.percent);
      expect(percents.every((p) => p !== null)).toBe(true);
      expect(percents.some((p) => p! > 100)).toBe(true);
      expect(percents.some((p) => p! < 100)).toBe(true);
      // One level further down as well.
      const commune = body.children.find((c) => c.hasChildren)!;
      const below = (await h().app.inject({ method: 'GET', url: `/api/admission-targets?org=${commune.orgId}&year=${year}`, headers: h().headers })).json() as AchievementBody;
      expect(below.children.length).toBeGreaterThan(0);
      expect(below.children.every((c) => c.ownTarget !== null)).toBe(true);
    });
  }
});
