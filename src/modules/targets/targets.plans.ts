// Plans and timings of the admission-targets query on PostgreSQL (docs/queries/admission-targets.md).
//
//   DATABASE_URL=postgres://…/dangvu_national npx tsx src/modules/targets/targets.plans.ts [--year 2026] [--iterations 3] [--explain] [org id …]
//
// No org id: the whole country, Hà Nội-sized and smaller nodes picked from the data. Each node is
// timed through achievementRows (the statement the route sends, JIT off as there), both ways of
// finding the admissions where that is not too slow, with --explain the EXPLAIN ANALYZE. Runs in
// one transaction that is rolled back; a database not yet at migration 0012 gets a temporary
// admission_target table for the session, so nothing of a shared dataset is changed.
import { parseArgs } from 'node:util';
import { sql, type Kysely, type Transaction } from 'kysely';
import { connect } from '../../db/connect.js';
import type { DB } from '../../db/types.js';
import { makeScope } from '../auth/scope.js';
import { BIG_SUBTREE, achievementQuery, achievementRows } from './targets.repository.js';

const { values: args, positionals } = parseArgs({
  allowPositionals: true,
  options: { year: { type: 'string', default: String(new Date().getFullYear()) }, iterations: { type: 'string', default: '3' }, explain: { type: 'boolean', default: false } },
});
const url = process.env.DATABASE_URL;
if (!url) throw new Error('DATABASE_URL (PostgreSQL) is required');
const year = Number(args.year);
const whole = makeScope(['/']);

async function nodes(tx: Transaction<DB>): Promise<{ id: number | null; label: string; members: number }[]> {
  if (positionals.length > 0) return positionals.map((p) => ({ id: Number(p), label: `org ${p}`, members: -1 }));
  const { rows } = await sql<{ id: number; name: string; members: number }>`
    with sized as (
      select o.id, o.name, o.level, (select coalesce(sum(r.n), 0) from org_rollup r where r.org_id = o.id and r.dim = 'status')::int as members
      from org o where o.level between 2 and 3)
    (select * from sized where level = 2 order by members desc limit 1)
    union all (select * from sized where level = 2 order by members limit 1)
    union all (select * from sized where level = 3 order by members desc limit 1)
    union all (select * from sized where level = 3 and members between 2000 and 8000 order by id limit 1)`.execute(tx);
  return [{ id: null, label: 'whole country', members: 0 }, ...rows.map((r) => ({ id: Number(r.id), label: r.name, members: r.members }))];
}

async function time(tx: Transaction<DB>, id: number | null, big: number): Promise<string> {
  const ms: number[] = [];
  let admitted = 0;
  for (let i = 0; i < Number(args.iterations); i++) {
    const t0 = performance.now();
    const rows = await achievementRows(tx, whole, id, year, big);
    ms.push(performance.now() - t0);
    admitted = rows.find((r) => r.role === 'node')?.admitted ?? 0;
  }
  return `${ms.map((m) => m.toFixed(0)).join(' / ')} ms (admitted ${admitted})`;
}

const database = await connect({ databaseUrl: url });
const db: Kysely<DB> = database.db;
await db
  .transaction()
  .execute(async (tx) => {
    const { rows } = await sql<{ t: string | null }>`select to_regclass('admission_target')::text as t`.execute(tx);
    if (rows[0]?.t === null) await sql`create temp table admission_target (org_id bigint, year int, target int, note text, set_by bigint, set_at timestamptz, version int, primary key (org_id, year))`.execute(tx);
    for (const n of await nodes(tx)) {
      console.log(`\n## ${n.label} (${n.members >= 0 ? `${n.members} members on the rolls` : 'given'})`);
      const bySubtree = n.id === null ? 'skipped (the whole placement table)' : await time(tx, n.id, Number.MAX_SAFE_INTEGER);
      const byAdmissions = await time(tx, n.id, 0);
      console.log(`from the subtree's placements: ${bySubtree}\nfrom the year's admissions:     ${byAdmissions}\nchosen at BIG_SUBTREE ${BIG_SUBTREE}`);
      if (args.explain) {
        await sql`set local jit = off`.execute(tx);
        const q = achievementQuery(whole, n.id, year).compile(tx);
        const plan = await tx.executeQuery<{ 'QUERY PLAN': string }>({ ...q, sql: `explain (analyze, buffers) ${q.sql}` });
        console.log(plan.rows.map((r) => r['QUERY PLAN']).join('\n'));
      }
    }
    throw new Error('rollback');
  })
  .catch((e: unknown) => {
    if (!(e instanceof Error && e.message === 'rollback')) throw e;
  });
await database.close();
