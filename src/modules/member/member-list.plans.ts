// Plans and timings of the member list's hot queries on PostgreSQL (docs/queries/member-list.md).
//
//   DATABASE_URL=postgres://…/dangvu_member_bench npx tsx src/modules/member/member-list.plans.ts [--generate] [--iterations 40]
//
// --generate migrates an empty database, loads member-list.dataset.sql (5.6 M members) and
// recounts the roll-ups. Then every case runs through the service, as the route does (page and
// total), and the page query's EXPLAIN ANALYZE is printed, so the plans in the doc are the plans
// of the SQL the app actually sends.
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { sql } from 'kysely';
import pg from 'pg';
import { fixedClock } from '../../clock.js';
import { connect } from '../../db/connect.js';
import { migrateToLatest } from '../../db/migrate.js';
import { ACTIVE_STATUSES } from '../../domain/member-status.js';
import { makeScope } from '../auth/scope.js';
import { rebuildAll } from '../rollup/rollup.repository.js';
import { staffContext, type ServiceContext } from '../service-context.js';
import { listPageQuery, searchPageQuery, type MemberListFilter, type PageStart } from './member.repository.js';
import type { ListMembersQuery } from './member.schema.js';
import { decodeCursor, parseMemberSearch } from './member.search.js';
import { listMembers, searchToRun } from './member.service.js';

const { values: args } = parseArgs({
  options: { generate: { type: 'boolean', default: false }, iterations: { type: 'string', default: '40' } },
});
const url = process.env.DATABASE_URL;
if (!url) throw new Error('DATABASE_URL (PostgreSQL) is required');

const database = await connect({ databaseUrl: url });
const { db } = database;
if (args.generate) {
  await migrateToLatest(db);
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  let t0 = performance.now();
  // One statement at a time: VACUUM cannot run inside the implicit transaction of a multi-statement query.
  const text = readFileSync(new URL('./member-list.dataset.sql', import.meta.url), 'utf8');
  const statements = text
    .split('\n')
    .filter((line) => !line.trimStart().startsWith('--'))
    .join('\n')
    .split(/;\s*\n/)
    .map((st) => st.trim())
    .filter((st) => st.length > 0);
  for (const st of statements) await client.query(st);
  await client.end();
  console.log(`dataset loaded in ${Math.round((performance.now() - t0) / 1000)} s`);
  t0 = performance.now();
  await rebuildAll(db);
  await sql`vacuum analyze org_rollup`.execute(db);
  console.log(`roll-ups rebuilt in ${Math.round((performance.now() - t0) / 1000)} s`);
}

const one = async <T>(q: Promise<{ rows: T[] }>) => (await q).rows[0]!;
const province = await one(sql<{ id: number; path: string }>`select id, path from org where org_type = 'province' order by id offset 16 limit 1`.execute(db));
const commune = await one(sql<{ id: number; path: string }>`select id, path from org where parent_id = ${province.id} order by id limit 1`.execute(db));
const cell = await one(sql<{ id: number; path: string }>`select id, path from org where org_type = 'cell' and path like ${commune.path + '%'} order by id limit 1`.execute(db));
const someone = await one(sql<{ citizen_id: string; party_card_no: string }>`select citizen_id, party_card_no from member where party_card_no is not null and org_path like ${province.path + '%'} limit 1`.execute(db));
const counts = await one(sql<{ members: number; in_province: number }>`
  select (select count(*) from member)::int as members,
         (select n from org_rollup where org_id = ${province.id} and dim = 'total' and val = 'all')::int as in_province`.execute(db));
console.log(`members: ${counts.members}; province ${province.id} on the rolls: ${counts.in_province}`);

const scope = makeScope(['/']);
const ctx: ServiceContext = staffContext(db, fixedClock('2026-11-20T03:00:00Z'), scope.paths);
const base: ListMembersQuery = { mode: 'word', page: 1, pageSize: 50, sort: 'name' };

// The cursor of page n - 1, as the web app holds it when the user moves to page n.
async function cursorBefore(q: Partial<ListMembersQuery>, n: number): Promise<string> {
  let after: string | undefined;
  for (let page = 1; page < n; page++) after = (await listMembers(ctx, { ...base, ...q, ...(after ? { after } : {}) })).nextCursor;
  if (!after) throw new Error(`no page ${n}`);
  return after;
}

const cases: [string, Partial<ListMembersQuery>][] = [
  ['province, page 1 by name', { org: province.id }],
  ['province, page 20 by name (offset)', { org: province.id, page: 20 }],
  ['province, page 20 by name (cursor)', { org: province.id, after: await cursorBefore({ org: province.id }, 20) }],
  ['province, page 40 by name (cursor)', { org: province.id, after: await cursorBefore({ org: province.id }, 40) }],
  ['province, by name descending', { org: province.id, sort: '-name' }],
  ['province, by birth date', { org: province.id, sort: 'birthDate' }],
  ['province, by birth date descending, page 5 (cursor)', { org: province.id, sort: '-birthDate', after: await cursorBefore({ org: province.id, sort: '-birthDate' }, 5) }],
  ['province, by admission date', { org: province.id, sort: 'admissionDate' }],
  ['province, by admission date descending', { org: province.id, sort: '-admissionDate' }],
  ['province, official only', { org: province.id, status: 'official' }],
  ['commune, page 1 by name', { org: commune.id }],
  ['cell, page 1 by name', { org: cell.id }],
  ['whole country, page 1 by name', {}],
  ['search "nguyen van hung", country', { q: 'nguyen van hung' }],
  ['search "Nguyễn Văn Hùng", province', { q: 'Nguyễn Văn Hùng', org: province.id }],
  ['search "hung", province', { q: 'hung', org: province.id }],
  ['search "nguy v hu", province', { q: 'nguy v hu', org: province.id }],
  ['search "duong thi nhung", country', { q: 'duong thi nhung' }],
  ['search "hoang thi", country', { q: 'hoang thi' }],
  ['search "le minh", country', { q: 'le minh' }],
  ['search "hoang thi", province', { q: 'hoang thi', org: province.id }],
  ['search "ngo van nam", country', { q: 'ngo van nam' }],
  ['search "tran", commune', { q: 'tran', org: commune.id }],
  ['anywhere "van hung", province', { q: 'van hung', mode: 'anywhere', org: province.id }],
  ['citizen ID, country', { q: someone.citizen_id }],
  ['party card, country', { q: someone.party_card_no }],
];

const iterations = Number(args.iterations);
const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.ceil((p / 100) * xs.length) - 1)]!;
const rows: string[] = [];
for (const [name, q] of cases) {
  const query = { ...base, ...q };
  const times: number[] = [];
  let total = 0;
  for (let i = 0; i < iterations + 3; i++) {
    const t0 = performance.now();
    const res = await listMembers(ctx, query);
    if (i >= 3) times.push(performance.now() - t0);
    total = res.total;
  }
  // The page query alone, explained with the parameters the service would bind.
  const orgPath = q.org === undefined ? null : (await one(sql<{ path: string }>`select path from org where id = ${q.org}`.execute(db))).path;
  const parsed = q.q === undefined ? null : parseMemberSearch(q.q, q.mode ?? 'word');
  const search = parsed === null ? null : await searchToRun(db, parsed as Parameters<typeof searchToRun>[1]);
  if (search === 'nobody') throw new Error(`${name}: no name word starts with a word of the query`);
  const filter: MemberListFilter = {
    orgPath,
    statuses: q.status ? q.status.split(',') : [...ACTIVE_STATUSES],
    sex: null,
    search,
  };
  const isSearch = search !== null;
  const start: PageStart = query.after ? { after: decodeCursor(query.after)! } : { offset: (query.page - 1) * query.pageSize };
  const compiled = (isSearch ? searchPageQuery : listPageQuery)(db, scope, filter, query.sort, query.pageSize + 1, start).compile();
  if (process.env.SHOW_SQL) console.log(compiled.sql);
  const plan = await pgExplain(compiled.sql, compiled.parameters as unknown[], isSearch);
  const median = pct(times, 50);
  const p95 = pct(times, 95);
  rows.push(`| ${name} | ${total} | ${median.toFixed(1)} | ${p95.toFixed(1)} |`);
  console.log(`\n### ${name}: total ${total}, median ${median.toFixed(1)} ms, p95 ${p95.toFixed(1)} ms\n${plan}`);
}
console.log('\n| case | total | median ms | p95 ms |\n|---|---:|---:|---:|\n' + rows.join('\n'));
await database.close();

async function pgExplain(text: string, params: unknown[], isSearch: boolean): Promise<string> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    // As searchPage does (set local, in its transaction).
    if (isSearch) await client.query(`set work_mem = '32MB'`);
    const res = await client.query(`explain (analyze, buffers, costs off, summary off) ${text}`, params);
    return res.rows.map((r: Record<string, string>) => r['QUERY PLAN']).join('\n');
  } finally {
    await client.end();
  }
}
