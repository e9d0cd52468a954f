// The issue 2 move on its own: `npx tsx bench/move.ts --db <postgres url | PGlite data dir> [--rounds N]`
// on an already seeded database. Picks the org directly under a top-level org whose subtree holds
// the number of members nearest 10,000, moves it under another top-level org (or, with one,
// under a sibling that can hold it) through the org service the API calls, then back, N rounds,
// timing the whole move (wall, and CPU of this process plus the PostgreSQL backends of the
// database: what a shared, loaded machine changes least) and each statement it runs. `--explain`
// then runs the member statement once more under EXPLAIN ANALYZE in a transaction it rolls back:
// the split between the row update (heap and every index) and each trigger. Ends with the roll-up
// and token-table checks: both moves must leave the counts and the search table exactly as a
// recount makes them.
import { parseArgs } from 'node:util';
import { loadavg } from 'node:os';
import { sql, type KyselyPlugin, type PluginTransformQueryArgs, type PluginTransformResultArgs, type QueryResult, type UnknownRow, type RootOperationNode, type QueryId } from 'kysely';
import { systemClock } from '../src/clock.js';
import { cpuMs } from './due-badge.js';
import { connect } from '../src/db/connect.js';
import { moveOrg } from '../src/modules/org/org-move.service.js';
import { differences } from '../src/modules/rollup/rollup.repository.js';
import { nameTokenDifferences } from '../src/modules/member/member-token.repository.js';
import { staffContext } from '../src/modules/service-context.js';

const { values: args } = parseArgs({ options: { db: { type: 'string' }, rounds: { type: 'string', default: '3' }, size: { type: 'string', default: '10000' }, explain: { type: 'boolean', default: false } } });
if (!args.db) throw new Error('--db <postgres url | PGlite data dir>');

/** Wall time of each statement, from its compilation to its result (the transaction's connection is held throughout). */
class StatementTimer implements KyselyPlugin {
  private started = new WeakMap<QueryId, { t: number; text: string }>();
  readonly log: { text: string; ms: number }[] = [];
  transformQuery(a: PluginTransformQueryArgs): RootOperationNode {
    this.started.set(a.queryId, { t: performance.now(), text: describe(a.node) });
    return a.node;
  }
  async transformResult(a: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    const s = this.started.get(a.queryId);
    if (s) this.log.push({ text: s.text, ms: performance.now() - s.t });
    return a.result;
  }
}

function describe(node: RootOperationNode): string {
  if (node.kind === 'RawNode') return node.sqlFragments.join('$').replace(/\s+/g, ' ').trim().slice(0, 70);
  const table = JSON.stringify(node).match(/"TableNode".*?"IdentifierNode","name":"([^"]+)"/)?.[1] ?? '?';
  return `${node.kind.replace('QueryNode', '').toLowerCase()} ${table}`;
}

const pg = /^postgres(ql)?:/.test(args.db);
const database = await connect(pg ? { databaseUrl: args.db } : { dataDir: args.db });
const timer = new StatementTimer();
const db = database.db.withPlugin(timer);
const ctx = staffContext(db, systemClock);
const today = systemClock.today();
const dbName = pg ? new URL(args.db).pathname.slice(1) : null;
const walLsn = async () => (pg ? (await sql<{ l: string }>`select pg_current_wal_insert_lsn()::text as l`.execute(database.db)).rows[0]!.l : null);
const walBytes = async (from: string | null) =>
  from === null ? null : Number((await sql<{ b: string }>`select pg_wal_lsn_diff(pg_current_wal_insert_lsn(), ${from}::pg_lsn)::text as b`.execute(database.db)).rows[0]!.b);
const size = Number(args.size);

try {
  const { rows: candidates } = await sql<{ id: number; parent_id: number; path: string; org_type: string; members: number }>`
    select o.id, o.parent_id, o.path, o.org_type,
      (select count(*)::int from member m where m.org_path >= o.path and m.org_path < left(o.path, -1) || '0'
         and m.deleted_at is null and m.status in ('probationary', 'official', 'exempt')) as members
    from org o where o.level = 2 and o.dissolved_on is null`.execute(database.db);
  const target = candidates.reduce((a, b) => (Math.abs(b.members - size) < Math.abs(a.members - size) ? b : a));
  const { rows: tops } = await sql<{ id: number }>`select id from org where level = 1 and dissolved_on is null and id <> ${target.parent_id} order by id`.execute(database.db);
  // Another top-level org, or on a one-province installation a sibling of the target's type
  // (a 'superior' holds another), as the full bench does.
  const { rows: siblings } = await sql<{ id: number }>`
    select id from org where parent_id = ${target.parent_id} and id <> ${target.id} and org_type = 'superior' and org_type = ${target.org_type}
      and dissolved_on is null order by id limit 1`.execute(database.db);
  const destination = tops[0]?.id ?? siblings[0]?.id;
  if (destination === undefined) throw new Error('no destination for the move');
  console.log(`${database.engine}: org ${target.id} (${target.members} members, level2) from ${target.parent_id} to ${destination}; load ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);

  const byStatement = new Map<string, number[]>();
  const walls: number[] = [];
  const cpus: number[] = [];
  for (let round = 0; round < Number(args.rounds); round++) {
    for (const to of [destination, target.parent_id]) {
      timer.log.length = 0;
      const lsn = await walLsn();
      const c0 = cpuMs(dbName);
      const t0 = performance.now();
      await moveOrg(ctx, target.id, { newParentId: to, effectiveDate: today, decisionNo: null });
      const wall = performance.now() - t0;
      const cpu = cpuMs(dbName) - c0;
      const wal = await walBytes(lsn);
      walls.push(wall);
      cpus.push(cpu);
      const top = [...timer.log].sort((a, b) => b.ms - a.ms).slice(0, 4);
      console.log(`  move ${to === destination ? 'there' : 'back '}: ${wall.toFixed(0)} ms, CPU ${cpu.toFixed(0)} ms${wal === null ? '' : `, WAL ${(wal / 1e6).toFixed(1)} MB`}; ${timer.log.length} statements; slowest: ${top.map((s) => `${s.ms.toFixed(0)} ms ${s.text}`).join(' | ')}`);
      for (const s of timer.log) byStatement.set(s.text, [...(byStatement.get(s.text) ?? []), s.ms]);
    }
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  console.log(`wall median ${median(walls).toFixed(0)} ms, min ${Math.min(...walls).toFixed(0)} ms; CPU median ${median(cpus).toFixed(0)} ms over ${walls.length} moves (${target.members} members); load ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
  console.log('per statement, summed over a move (median of moves):');
  const perMove = [...byStatement].map(([text, ms]) => ({ text, ms: median(ms) * (ms.length / walls.length) })).sort((a, b) => b.ms - a.ms);
  for (const s of perMove.slice(0, 12)) console.log(`  ${s.ms.toFixed(1).padStart(8)} ms  ${s.text}`);

  if (args.explain) await explainMemberStatement(target.path, destination);

  const t1 = performance.now();
  const diff = await differences(database.db, 10);
  const tokens = await nameTokenDifferences(database.db, 10);
  console.log(`roll-up check: ${diff.total} differences; token table: ${tokens.length} differences (${((performance.now() - t1) / 1000).toFixed(1)} s)`);
  if (diff.total !== 0 || tokens.length !== 0) process.exitCode = 2;
} finally {
  await database.close();
}

/** The member statement of a move (the one `repath` runs), under EXPLAIN ANALYZE, rolled back. */
async function explainMemberStatement(rootPath: string, destinationId: number): Promise<void> {
  const { rows: d } = await sql<{ path: string }>`select path from org where id = ${destinationId}`.execute(database.db);
  const oldPrefix = rootPath.slice(0, rootPath.lastIndexOf('/', rootPath.length - 2) + 1);
  const rollback = new Error('rollback');
  try {
    await database.db.transaction().execute(async (tx) => {
      const { rows } = await sql<{ 'QUERY PLAN': string }>`
        explain (analyze) update member m set org_path = ${d[0]!.path}::text || substr(m.org_path, ${oldPrefix.length + 1})
        from unnest(${sql.val([rootPath])}::text[]) as r(p) where m.org_path >= r.p and m.org_path < left(r.p, -1) || '0'`.execute(tx);
      for (const r of rows) if (/Update on|Trigger|Execution/.test(r['QUERY PLAN'])) console.log(`  explain: ${r['QUERY PLAN'].trim()}`);
      throw rollback;
    });
  } catch (e) {
    if (e !== rollback) throw e;
  }
}
