import { sql } from 'kysely';
import { expect, it } from 'vitest';
import { describeEachEngine } from '../../../test/engines.js';
import { insertTestMember, insertTestTree } from '../../../test/factories.js';
import { ROLLUP_DIMS } from '../../domain/rollup-dims.js';
import { makeScope } from '../auth/scope.js';
import { countsOf, differences, rebuildAll } from './rollup.repository.js';

// Each roll-up dimension is written twice (TypeScript for deltas, SQL for the recount); the
// factories apply the TypeScript deltas, so a recount that matches proves the two agree.
describeEachEngine('roll-up dimensions', (getDb) => {
  it('agree between the TypeScript deltas and the SQL recount on every edge value', async () => {
    const { db } = getDb();
    const tree = await insertTestTree(db, 'R');
    const education = ['12/12', '10/12', '9/12', '6/12', '5/12', '10/10', '8/10', '7/10', '5/10', '4/10', 'đại học', null];
    for (const [i, general_education] of education.entries()) {
      await insertTestMember(db, {
        org: i % 2 ? tree.cellA : tree.gcell,
        general_education,
        professional_level: i % 3 ? null : 'university',
        youth_union_date: i % 4 ? null : '2001-03-26',
        birth_date: `${1950 + i * 4}-06-15`,
        ethnicity: i % 5 ? 'kinh' : 'tay',
        religion: i % 6 ? 'none' : 'catholicism',
        status: i === education.length - 1 ? 'exempt' : 'official',
      });
    }
    expect(await differences(db)).toEqual({ rows: [], total: 0 });

    const root = await countsOf(db, makeScope(['/']), [tree.province.id]);
    const edu = Object.fromEntries(root.filter((r) => r.dim === 'education').map((r) => [r.val, Number(r.n)]));
    expect(edu).toEqual({ upper_secondary: 4, lower_secondary: 4, primary: 2, unknown: 2 });
    expect(new Set(root.map((r) => r.dim))).toEqual(new Set([...ROLLUP_DIMS.map((d) => d.dim), 'org_type', 'org_kind']));
  });

  it('reports a tampered count and repairs it with a rebuild', async () => {
    const { db } = getDb();
    const tree = await insertTestTree(db, 'Q');
    await insertTestMember(db, { org: tree.cellB });
    await sql`update org_rollup set n = n + 5 where org_id = ${tree.commune.id} and dim = 'total'`.execute(db);
    const diff = await differences(db);
    expect(diff.total).toBe(1);
    expect(diff.rows[0]).toMatchObject({ org_id: tree.commune.id, dim: 'total', val: 'all', stored: 6, expected: 1 });
    await rebuildAll(db);
    expect((await differences(db)).total).toBe(0);
  });
});
