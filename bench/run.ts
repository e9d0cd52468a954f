// npm run bench [-- --engine pglite|postgres|both] [--scale national|province] [--keep] [--web-iterations 10]
// npm run bench -- --reuse-db <postgres url | PGlite data dir> [--only due,badges] [--iterations 3]
//
// For each engine: generates and loads the dataset (timed, in a child process with a progress
// bar), starts the real server in a child process, and measures the hot API paths over HTTP on
// loopback, then a 10,000-member subtree move and the roll-up check. Prints a Markdown section
// for docs/benchmarks.md and writes the raw numbers to bench/results/.
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { connect } from '../src/db/connect.js';
import { insertAssignment } from '../src/modules/auth/access.repository.js';
import { createUser } from '../src/modules/auth/auth.service.js';
import { systemClock } from '../src/clock.js';
import { nextDay } from './due-badge.js';
import { badgeCeremoniesOfYear } from '../src/domain/badge/badge-batch.js';
import { runDueJob } from '../src/modules/due/due.service.js';
import { DUE_SOURCES } from '../src/modules/due/due.sources.js';
import { insertOpenCases } from './due-cases.js';
import { reuseTimings } from './due-badge.js';
import { webTimings } from './web.js';

const { values: args } = parseArgs({
  options: {
    engine: { type: 'string', default: 'both' },
    scale: { type: 'string', default: 'national' },
    keep: { type: 'boolean', default: false },
    iterations: { type: 'string', default: '60' },
    'web-iterations': { type: 'string', default: '10' },
    // An already loaded dataset: only the issue 5 jobs (bench/due-badge.ts), no load, no server.
    'reuse-db': { type: 'string' },
    only: { type: 'string', default: 'due,badges' },
  },
});
const ITER = Number(args.iterations);
const ADMIN_PASSWORD = 'bench-mat-khau-123';
// The administrator holds no member data (access control); the bench reads as organization
// staff of the whole installation, created before the server starts.
const BENCH_USER = { username: 'bench', password: 'bench-mat-khau-456' };
// The same role on one province only: the scope-overhead pairs (issue 3) compare its requests
// with the whole-installation user's requests for the same rows.
const SCOPED_USER = { username: 'bench.tinh', password: 'bench-mat-khau-789' };
// The web app's timings (bench/web.ts) run when Debian's Chromium is installed.
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const PG_ADMIN = process.env.BENCH_PG_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const root = new URL('..', import.meta.url).pathname;
const cli = join(root, 'dist/src/cli/main.js');

type Engine = 'pglite' | 'postgres';
interface Timing {
  name: string;
  median: number;
  p95: number;
  n: number;
  note?: string;
}
interface ScopePair {
  name: string;
  whole: Timing;
  scoped: Timing;
}
interface EngineResult {
  engine: Engine;
  scopePairs: ScopePair[];
  loadSeconds: number;
  timings: Timing[];
  moveMs: number;
  moveMembers: number;
  rollupCheck: string;
  /** The daily due-items job over the open cases added for it (issue 5 item 9): building the list, then the next day's run. */
  dueJob: { cases: number; items: number; ms: number; nextDayMs: number; nextDayWritten: number };
  rssMiB: number;
  peakRssMiB: number;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

function run(cmd: string, cmdArgs: string[], env: NodeJS.ProcessEnv): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, cmdArgs, { env: { ...process.env, ...env }, stdio: 'inherit' });
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`${cmdArgs.join(' ')} exited ${code}`))));
  });
}

async function startServer(env: NodeJS.ProcessEnv, port: number): Promise<ChildProcess> {
  const child = spawn(process.execPath, [cli, 'serve'], {
    // The benchmark client signs in with a password only.
    env: { ...process.env, ...env, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn', DANGVU_DEMO: '0', TWO_FACTOR_ROLES: 'none' },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  for (let i = 0; i < 600; i++) {
    try {
      const res = await fetch(`http://127.0.0.1:${port}/api/health`);
      if (res.ok) return child;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  child.kill('SIGKILL');
  throw new Error('server did not start');
}

function memoryMiB(pid: number): { rss: number; peak: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (key: string) => Number(new RegExp(`${key}:\\s+(\\d+)`).exec(status)?.[1] ?? 0);
  return { rss: Math.round(kb('VmRSS') / 1024), peak: Math.round(kb('VmHWM') / 1024) };
}

class Client {
  cookie = '';
  csrfToken = '';
  constructor(private readonly base: string) {}
  async login(user: { username: string; password: string } = BENCH_USER) {
    const res = await fetch(`${this.base}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(user),
    });
    if (!res.ok) throw new Error(`login failed: ${res.status} ${await res.text()}`);
    this.cookie = (res.headers.get('set-cookie') ?? '').split(';')[0]!;
    this.csrfToken = ((await res.json()) as { csrfToken: string }).csrfToken;
  }
  async call<T = unknown>(method: string, path: string, body?: unknown): Promise<T> {
    const res = await fetch(`${this.base}${path}`, {
      method,
      headers: { cookie: this.cookie, 'x-csrf-token': this.csrfToken, ...(body ? { 'content-type': 'application/json' } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${text}`);
    return (text ? JSON.parse(text) : null) as T;
  }
  async time(name: string, paths: string[], note?: string): Promise<Timing> {
    // One warm-up pass over the whole mix: steady state, not the first touch of each page.
    for (const p of paths) await this.call('GET', p);
    const samples: number[] = [];
    for (let i = 0; i < ITER; i++) {
      const p = paths[i % paths.length]!;
      const t0 = performance.now();
      await this.call('GET', p);
      samples.push(performance.now() - t0);
    }
    samples.sort((a, b) => a - b);
    const t = { name, median: percentile(samples, 50), p95: percentile(samples, 95), n: samples.length, note };
    console.log(`  ${name}: median ${t.median.toFixed(1)} ms, p95 ${t.p95.toFixed(1)} ms`);
    return t;
  }
}

/**
 * The same rows read by two users, requests alternating so that both see the same machine:
 * `whole` with its path (an org filter), `scoped` with its own (the scope alone).
 */
async function timePair(name: string, whole: Client, wholePaths: string[], scoped: Client, scopedPaths: string[]): Promise<ScopePair> {
  for (const p of wholePaths) await whole.call('GET', p);
  for (const p of scopedPaths) await scoped.call('GET', p);
  const a: number[] = [];
  const b: number[] = [];
  for (let i = 0; i < ITER; i++) {
    const pair: [Client, string, number[]][] = [
      [whole, wholePaths[i % wholePaths.length]!, a],
      [scoped, scopedPaths[i % scopedPaths.length]!, b],
    ];
    if (i % 2 === 1) pair.reverse();
    for (const [client, path, samples] of pair) {
      const t0 = performance.now();
      await client.call('GET', path);
      samples.push(performance.now() - t0);
    }
  }
  const timing = (label: string, xs: number[]): Timing => {
    xs.sort((x, y) => x - y);
    return { name: `${name} (${label})`, median: percentile(xs, 50), p95: percentile(xs, 95), n: xs.length };
  };
  const p = { name, whole: timing('whole installation, org filter', a), scoped: timing('province user, scope only', b) };
  console.log(`  scope: ${name}: whole ${p.whole.median.toFixed(1)} / ${p.whole.p95.toFixed(1)} ms, province user ${p.scoped.median.toFixed(1)} / ${p.scoped.p95.toFixed(1)} ms (median ratio ${(p.scoped.median / p.whole.median).toFixed(2)})`);
  return p;
}

async function benchEngine(engine: Engine): Promise<EngineResult> {
  console.log(`\n=== ${engine}: generate and load (${args.scale})`);
  let env: NodeJS.ProcessEnv;
  let cleanup: () => Promise<void>;
  if (engine === 'postgres') {
    const name = `dangvu_bench_${Date.now()}`;
    const admin = new pg.Client({ connectionString: PG_ADMIN });
    await admin.connect();
    await admin.query(`create database ${name}`);
    await admin.end();
    const url = new URL(PG_ADMIN);
    url.pathname = `/${name}`;
    // The server refuses PostgreSQL without a TOTP sealing key; a throwaway one for the run.
    env = { DATABASE_URL: url.toString(), DANGVU_ADMIN_PASSWORD: ADMIN_PASSWORD, DANGVU_TOTP_KEY: randomBytes(32).toString('hex') };
    cleanup = async () => {
      if (args.keep) return console.log(`kept database ${name}`);
      const c = new pg.Client({ connectionString: PG_ADMIN });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    };
  } else {
    const dir = mkdtempSync(join(tmpdir(), 'dangvu-bench-'));
    env = { DATA_DIR: dir, DATABASE_URL: '', DANGVU_ADMIN_PASSWORD: ADMIN_PASSWORD };
    cleanup = async () => {
      if (args.keep) return console.log(`kept data dir ${dir}`);
      rmSync(dir, { recursive: true, force: true });
    };
  }
  try {
    const t0 = performance.now();
    await run(process.execPath, [cli, 'seed', '--scale', args.scale!, '--seed', '1'], env);
    const loadSeconds = (performance.now() - t0) / 1000;
    console.log(`  generation and load: ${loadSeconds.toFixed(1)} s`);

    const database = await connect({ databaseUrl: env.DATABASE_URL || undefined, dataDir: env.DATA_DIR });
    let scopedProvinceId: number;
    let wideParent: { id: number; code: string };
    let dueJob = { cases: 0, items: 0, ms: 0, nextDayMs: 0, nextDayWritten: 0 };
    try {
      const u = await createUser(database.db, { ...BENCH_USER, displayName: 'Bench', mustChangePassword: false });
      await insertAssignment(database.db, { userId: u.id, role: 'org_staff', orgId: null, validFrom: '2000-01-01', grantedBy: null });
      // The largest province: the scope with the most rows to filter.
      const largest = await database.db
        .selectFrom('org as o')
        .innerJoin('org_rollup as r', 'r.org_id', 'o.id')
        .select('o.id')
        .where('o.org_type', '=', 'province')
        .where('r.dim', '=', 'total')
        .where('r.val', '=', 'all')
        .orderBy('r.n', 'desc')
        .executeTakeFirstOrThrow();
      scopedProvinceId = largest.id;
      // Issue 4 times expanding a node of 1,000 children; the seeded tree has none that wide.
      wideParent = await database.db
        .selectFrom('org')
        .select(['id', 'code'])
        .where('org_type', '=', 'grassroots_committee')
        .where('dissolved_on', 'is', null)
        .orderBy('id')
        .executeTakeFirstOrThrow();
      // Issue 5 item 9: open cases across the country, then the daily job over them, timed here
      // (before the server starts, so that its own start-of-day run finds the day done).
      const cases = await insertOpenCases(database.db, systemClock.today());
      const tj = performance.now();
      const out = await runDueJob(database.db, systemClock, DUE_SOURCES);
      const ms = performance.now() - tj;
      // The job as it runs every day after: the list stored, only what changed is written.
      const tn = performance.now();
      const next = await runDueJob(database.db, nextDay, DUE_SOURCES);
      dueJob = { cases, items: out.reduce((n, s) => n + s.items, 0), ms, nextDayMs: performance.now() - tn, nextDayWritten: next.reduce((n, s) => n + s.written + s.removed, 0) };
      console.log(`  due-items job: ${dueJob.cases} open cases, ${dueJob.items} deadlines in ${dueJob.ms.toFixed(0)} ms; the next day ${dueJob.nextDayMs.toFixed(0)} ms (${dueJob.nextDayWritten} rows written)`);
      const s = await createUser(database.db, { ...SCOPED_USER, displayName: 'Bench tỉnh', mustChangePassword: false });
      await insertAssignment(database.db, { userId: s.id, role: 'org_staff', orgId: scopedProvinceId, validFrom: '2000-01-01', grantedBy: null });
    } finally {
      await database.close();
    }

    const port = 3900 + (engine === 'postgres' ? 1 : 0);
    const server = await startServer(env, port);
    try {
      const c = new Client(`http://127.0.0.1:${port}`);
      await c.login();
      const timings: Timing[] = [];
      // The national tree has one central root; the provinces are its children.
      const top = await c.call<{ items: { id: number; name: string; orgType: string }[] }>('GET', '/api/orgs');
      const rootOrg = top.items[0]!;
      const roots =
        rootOrg.orgType === 'central' ? await c.call<{ items: { id: number; name: string }[] }>('GET', `/api/orgs/${rootOrg.id}/children`) : top;
      const province = roots.items[0]!;
      timings.push(await c.time('stats at the root (roll-ups)', [`/api/orgs/${rootOrg.id}/stats`]));
      timings.push(await c.time('stats at a province (roll-ups)', roots.items.slice(0, 10).map((o) => `/api/orgs/${o.id}/stats`)));
      const recountIter = engine === 'pglite' ? 2 : 3;
      const recount = async (name: string, path: string) => {
        const samples: number[] = [];
        for (let i = 0; i < recountIter; i++) {
          const t = performance.now();
          await c.call('GET', path);
          samples.push(performance.now() - t);
        }
        samples.sort((a, b) => a - b);
        const t = { name, median: percentile(samples, 50), p95: samples[samples.length - 1]!, n: samples.length, note: 'p95 column is the max' };
        console.log(`  ${name}: median ${t.median.toFixed(1)} ms`);
        return t;
      };
      timings.push(await recount('stats at the root, live recount (no roll-ups)', `/api/orgs/${rootOrg.id}/stats?source=recount`));
      timings.push(await recount('stats at a province, live recount (no roll-ups)', `/api/orgs/${province.id}/stats?source=recount`));

      const words = ['nguyen van hung', 'tran thi lan', 'le minh', 'pham duc anh', 'hoang thi', 'dang van', 'vu thi hoa', 'bui quang', 'do thi mai', 'ngo van nam'];
      const anywhere = ['van hun', 'thi la', 'nh tua', 'uc an', 'oang th', 'ang va'];
      const q = (s: string) => encodeURIComponent(s);
      timings.push(await c.time('name search, word prefix', words.map((w) => `/api/members?q=${q(w)}&pageSize=20`)));
      timings.push(await c.time('name search, word prefix, in a province', words.map((w, i) => `/api/members?q=${q(w)}&org=${roots.items[i % roots.items.length]!.id}&pageSize=20`)));
      timings.push(await c.time('name search, anywhere', anywhere.map((w) => `/api/members?q=${q(w)}&mode=anywhere&pageSize=20`)));
      timings.push(await c.time('name search, anywhere, in a province', anywhere.map((w, i) => `/api/members?q=${q(w)}&mode=anywhere&org=${roots.items[i % roots.items.length]!.id}&pageSize=20`)));
      // The web app moves between pages with the cursor of the page before (nextCursor); the
      // cursors of pages 2, 7 and 40 are collected untimed, then each page is timed as one request.
      const listPath = (o: { id: number }) => `/api/members?org=${o.id}&sort=name&pageSize=50`;
      const cursorPaths: string[] = [];
      for (const o of roots.items.slice(0, 10)) {
        let after: string | undefined;
        for (let page = 1; page <= 40; page++) {
          if (page === 1 || page === 2 || page === 7 || page === 40) cursorPaths.push(after ? `${listPath(o)}&after=${encodeURIComponent(after)}` : listPath(o));
          after = (await c.call<{ nextCursor?: string }>('GET', after ? `${listPath(o)}&after=${encodeURIComponent(after)}` : listPath(o))).nextCursor;
          if (!after) break;
        }
      }
      timings.push(await c.time('member list page: 50 rows of a province sorted by name (pages 1, 2, 7, 40 by cursor)', cursorPaths));
      timings.push(
        await c.time(
          'member list page 40 of a province by page number (OFFSET 1,950)',
          roots.items.slice(0, 10).map((o) => `${listPath(o)}&page=40`),
        ),
      );

      // Issue 5 item 9: what a province's office opens (the list, page 1, and the dashboard's counts), and the country's counts.
      timings.push(await c.time('due list of a province, page 1 (overdue and due soon)', roots.items.slice(0, 10).map((o) => `/api/due-items?org=${o.id}`)));
      timings.push(await c.time('due counts of a province (dashboard)', roots.items.slice(0, 10).map((o) => `/api/due-items/summary?org=${o.id}`)));
      timings.push(await c.time('due counts, whole country', ['/api/due-items/summary']));

      // Issue 5 item 6 (target ≤ 5 s for the country): the candidates of the next badge ceremony,
      // first page; the whole batch is computed for every request (counts per class, sorted list).
      const today = systemClock.today();
      const year = Number(today.slice(0, 4));
      const ceremony = [...badgeCeremoniesOfYear(year), ...badgeCeremoniesOfYear(year + 1)].find((d) => d >= today)!;
      timings.push(await c.time('badge candidates of one batch, whole country', [`/api/badges/candidates?ceremony=${ceremony}`]));
      timings.push(await c.time('badge candidates of one batch, a province', roots.items.slice(0, 10).map((o) => `/api/badges/candidates?ceremony=${ceremony}&org=${o.id}`)));

      // Issue 3's target: what the scope filter adds, same rows, same run.
      const sc = new Client(`http://127.0.0.1:${port}`);
      await sc.login(SCOPED_USER);
      const P = scopedProvinceId;
      const scopePairs: ScopePair[] = [];
      const pageCursors: string[] = [];
      let after: string | undefined;
      for (let page = 1; page <= 40; page++) {
        if (page === 1 || page === 2 || page === 7 || page === 40) pageCursors.push(after ? `&after=${encodeURIComponent(after)}` : '');
        after = (await c.call<{ nextCursor?: string }>('GET', `/api/members?org=${P}&sort=name&pageSize=50${after ? `&after=${encodeURIComponent(after)}` : ''}`)).nextCursor;
        if (!after) break;
      }
      scopePairs.push(
        await timePair(
          'member list page, 50 rows by name (pages 1, 2, 7, 40 by cursor)',
          c,
          pageCursors.map((a) => `/api/members?org=${P}&sort=name&pageSize=50${a}`),
          sc,
          pageCursors.map((a) => `/api/members?sort=name&pageSize=50${a}`),
        ),
      );
      scopePairs.push(
        await timePair('name search, word prefix', c, words.map((w) => `/api/members?q=${q(w)}&org=${P}&pageSize=20`), sc, words.map((w) => `/api/members?q=${q(w)}&pageSize=20`)),
      );
      scopePairs.push(
        await timePair(
          'name search, anywhere',
          c,
          anywhere.map((w) => `/api/members?q=${q(w)}&mode=anywhere&org=${P}&pageSize=20`),
          sc,
          anywhere.map((w) => `/api/members?q=${q(w)}&mode=anywhere&pageSize=20`),
        ),
      );

      if (existsSync(CHROMIUM)) {
        const base = `http://127.0.0.1:${port}`;
        // Cells added through the API (roll-ups and audit as for any new org) up to 1,000 children.
        const have = (await c.call<{ items: unknown[] }>('GET', `/api/orgs/${wideParent.id}/children`)).items.length;
        const today = new Date().toISOString().slice(0, 10);
        for (let i = have; i < 1000; i++) {
          await c.call('POST', '/api/orgs', {
            code: `${wideParent.code}.B${i}`,
            name: `Chi bộ thử ${i + 1}`,
            orgType: 'cell',
            parentId: wideParent.id,
            foundedOn: today,
          });
        }
        console.log(`  ${1000 - have} cells added under ${wideParent.code} for the 1,000-children expand`);
        // A failure of the browser part must not lose the API timings above.
        try {
          const web = await webTimings({ base, user: BENCH_USER.username, password: BENCH_USER.password, iterations: Number(args['web-iterations']), chromiumPath: CHROMIUM, expandOrgId: wideParent.id, log: (l) => console.log(`  web: ${l}`) });
          for (const t of web) console.log(`  ${t.name}: median ${t.median} ms, p95 ${t.p95} ms`);
          timings.push(...web);
        } catch (e) {
          console.log(`  web app timings failed: ${e instanceof Error ? e.message : String(e)}`);
        }
      } else {
        console.log(`  web app timings skipped: no Chromium at ${CHROMIUM}`);
      }
      const mem = memoryMiB(server.pid!);

      // The subtree to move: the org whose subtree holds closest to 10,000 members, moved under
      // another province.
      const target = await findMoveTarget(c, roots.items, 10_000);
      // Another province; on a one-province dataset, another org directly under the province.
      const siblings = await c.call<{ items: { id: number; orgType: string }[] }>('GET', `/api/orgs/${target.provinceId}/children`);
      const destination =
        roots.items.find((o) => o.id !== target.provinceId) ?? siblings.items.find((o) => o.id !== target.id && o.orgType === 'superior');
      if (!destination) throw new Error('no destination for the move');
      const t1 = performance.now();
      await c.call('POST', `/api/orgs/${target.id}/move`, { newParentId: destination.id, effectiveDate: new Date().toISOString().slice(0, 10) });
      const moveMs = performance.now() - t1;
      console.log(`  move of a ${target.members}-member subtree: ${moveMs.toFixed(0)} ms`);
      server.kill('SIGTERM');
      await new Promise((r) => server.once('exit', r));

      const check = execFileSync(process.execPath, [cli, 'check', 'rollups'], { env: { ...process.env, ...env }, encoding: 'utf8' }).trim();
      console.log(`  ${check}`);
      return { engine, scopePairs, loadSeconds, timings, moveMs, moveMembers: target.members, rollupCheck: check, rssMiB: mem.rss, peakRssMiB: mem.peak, dueJob };
    } finally {
      if (server.exitCode === null) server.kill('SIGKILL');
    }
  } finally {
    await cleanup();
  }
}

// Among the orgs directly under the provinces, the one whose subtree holds closest to `members`.
async function findMoveTarget(c: Client, provinces: { id: number }[], members: number): Promise<{ id: number; members: number; provinceId: number }> {
  let best: { id: number; members: number; provinceId: number } | undefined;
  for (const p of provinces) {
    const children = await c.call<{ items: { id: number; memberCount: number }[] }>('GET', `/api/orgs/${p.id}/children`);
    for (const o of children.items) {
      if (!best || Math.abs(o.memberCount - members) < Math.abs(best.members - members)) best = { id: o.id, members: o.memberCount, provinceId: p.id };
    }
  }
  if (!best) throw new Error('no org to move');
  return best;
}

function markdown(results: EngineResult[]): string {
  const date = new Date().toISOString().slice(0, 10);
  const machine = `${cpus().length} cores (${cpus()[0]?.model.trim()}), ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}`;
  const lines = [`### ${date} — ${args.scale} dataset`, '', `Machine: ${machine}.`, ''];
  lines.push('| measure | ' + results.map((r) => r.engine).join(' | ') + ' |');
  lines.push('|---|' + results.map(() => '---|').join(''));
  lines.push('| generation and load | ' + results.map((r) => `${r.loadSeconds.toFixed(0)} s`).join(' | ') + ' |');
  for (const name of results[0]!.timings.map((t) => t.name)) {
    lines.push(
      `| ${name} (median / p95) | ` +
        results
          .map((r) => r.timings.find((t) => t.name === name))
          .map((t) => (t ? `${t.median.toFixed(1)} / ${t.p95.toFixed(1)} ms` : '—'))
          .join(' | ') +
        ' |',
    );
  }
  lines.push('| move of a subtree (members) | ' + results.map((r) => `${r.moveMs.toFixed(0)} ms (${r.moveMembers})`).join(' | ') + ' |');
  lines.push('| roll-up check after the move | ' + results.map((r) => r.rollupCheck.replace(/\|/g, '/')).join(' | ') + ' |');
  lines.push('| daily due-items job, building the list (open cases / deadlines) | ' + results.map((r) => `${(r.dueJob.ms / 1000).toFixed(1)} s (${r.dueJob.cases} / ${r.dueJob.items})`).join(' | ') + ' |');
  lines.push('| daily due-items job, the next day (rows written) | ' + results.map((r) => `${(r.dueJob.nextDayMs / 1000).toFixed(1)} s (${r.dueJob.nextDayWritten})`).join(' | ') + ' |');
  lines.push('| server memory after the reads (RSS / peak) | ' + results.map((r) => `${r.rssMiB} / ${r.peakRssMiB} MiB`).join(' | ') + ' |');
  lines.push('', 'Scope overhead (issue 3): the largest province read by the whole-installation user with `org=` and by a user whose scope is that province, requests alternating (median / p95, and the ratio of medians).', '');
  lines.push('| measure | ' + results.map((r) => `${r.engine}: whole | ${r.engine}: province user | ratio`).join(' | ') + ' |');
  lines.push('|---|' + results.map(() => '---|---|---|').join(''));
  for (const name of results[0]!.scopePairs.map((p) => p.name)) {
    const cells = results.map((r) => {
      const p = r.scopePairs.find((x) => x.name === name);
      if (!p) return '— | — | —';
      return `${p.whole.median.toFixed(1)} / ${p.whole.p95.toFixed(1)} ms | ${p.scoped.median.toFixed(1)} / ${p.scoped.p95.toFixed(1)} ms | ${(p.scoped.median / p.whole.median).toFixed(2)}`;
    });
    lines.push(`| ${name} | ${cells.join(' | ')} |`);
  }
  return lines.join('\n');
}

async function reuseMain(target: string) {
  const iterations = args.iterations === '60' ? 3 : Number(args.iterations);
  const timings = await reuseTimings(target, new Set(args.only!.split(',')), iterations, (l) => console.log(`  ${l}`));
  console.log('\n| measure | median | samples | CPU, median |\n|---|---|---|---|');
  for (const t of timings) {
    const median = (xs: number[]) => percentile([...xs].sort((a, b) => a - b), 50);
    console.log(`| ${t.name} (${t.note}) | ${median(t.samples)} ms | ${t.samples.join(', ')} | ${median(t.cpu)} ms |`);
  }
}

async function main() {
  if (args['reuse-db']) return reuseMain(args['reuse-db']);
  execFileSync('npm', ['run', 'build'], { cwd: root, stdio: 'inherit' });
  const engines: Engine[] = args.engine === 'both' ? ['postgres', 'pglite'] : [args.engine as Engine];
  const results: EngineResult[] = [];
  for (const engine of engines) results.push(await benchEngine(engine));
  const md = markdown(results);
  mkdirSync(join(root, 'bench/results'), { recursive: true });
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  writeFileSync(join(root, `bench/results/${stamp}.json`), JSON.stringify(results, null, 2));
  console.log(`\n${md}\n`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
