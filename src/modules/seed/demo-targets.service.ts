import type { Kysely } from 'kysely';
import { fixedClock } from '../../clock.js';
import type { DB } from '../../db/types.js';
import { staffContext } from '../service-context.js';
import { getAchievement, setTargets, type TargetRow } from '../targets/targets.service.js';
import { demoAnchors } from './seed.repository.js';

// Yearly admission targets of the demo province (issue 5 item 8), for last year and this year,
// so that the targets page shows real percentages. Each target is derived from what the org
// actually admitted that year (read through the targets service, as the page reads it), divided
// by a ratio from the list below: some orgs end above their target, some below, one on it, and
// the province itself at about the seed article's "đạt trên 124% chỉ tiêu".

// Above and below 100 % in turn, so that any two neighbours in a list show both.
const RATIOS = [1.3, 0.7, 1.24, 0.8, 1.5, 0.6, 1.1, 0.9];

function targetFor(admitted: number, i: number): number {
  const ratio = RATIOS[i % RATIOS.length]!;
  return Math.max(1, Math.round(admitted / ratio));
}

export interface DemoTargetsResult {
  years: number[];
  targets: number;
}

/** Sets the demo's targets: the province, its communes and their grassroots orgs, two years. */
export async function seedDemoTargets(db: Kysely<DB>, today: string): Promise<DemoTargetsResult> {
  const ctx = staffContext(db, fixedClock(`${today}T05:00:00Z`));
  const { provinceId } = await demoAnchors(db);
  const year = Number(today.slice(0, 4));
  const years = [year - 1, year];
  let targets = 0;
  for (const y of years) {
    const top = await getAchievement(ctx, { org: provinceId, year: y });
    const rows: TargetRow[] = [{ orgId: provinceId, target: targetFor(top.node.admitted, 2), note: `Nghị quyết giao chỉ tiêu năm ${y} (mẫu)` }];
    let i = y % 2; // a different mix each year
    for (const child of top.children) {
      rows.push({ orgId: child.orgId, target: targetFor(child.admitted, i++) });
      if (!child.hasChildren) continue;
      const below = await getAchievement(ctx, { org: child.orgId, year: y });
      for (const [j, g] of below.children.entries()) rows.push({ orgId: g.orgId, target: targetFor(g.admitted, j + (y % 2)) });
    }
    targets += (await setTargets(ctx, y, rows)).length;
  }
  return { years, targets };
}
