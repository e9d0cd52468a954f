// npm run bench:import [-- --rows 1000000] [--engine pglite|postgres|both] [--format xlsx|csv|both] [--phases all|dry] [--keep]
//
// The member import at scale (issue 6 targets: a 1,000,000-row .xlsx and .csv, dry run and
// commit each ≤ 60 s on each engine, server memory ≤ 700 MiB). For each engine: an empty
// database gets the demo tree (seed --scale demo); a list in an office's layout (title rows, a
// two-row merged header, Vietnamese headers, the cell named in each row) is generated once as
// .xlsx and as .csv for a commune of it, with different people in each; then a child process —
// the server's part, so its peak memory is the server's — uploads, dry-runs and commits each
// file through the import's own use cases and reports times and peak RSS, then exports the
// commune's member list in the same format (issue 6: export of 1,000,000 members ≤ 60 s, memory flat).
// Not part of `npm run bench`: at a million rows it takes minutes.
import { spawn } from 'node:child_process';
import { createWriteStream, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { finished, pipeline } from 'node:stream/promises';
import { parseArgs } from 'node:util';
import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import pg from 'pg';
import { systemClock } from '../src/clock.js';
import { connect, type Database } from '../src/db/connect.js';
import { migrateToLatest } from '../src/db/migrate.js';
import { fileSource } from '../src/modules/import/byte-source.js';
import { commit, dryRun, uploadFile } from '../src/modules/import/import.service.js';
import { exportMembersQuery } from '../src/modules/member/member-export.schema.js';
import { exportMembers } from '../src/modules/member/member-export.service.js';
import { memberName } from '../src/modules/seed/seed.generator.js';
import { Rng } from '../src/modules/seed/seed.random.js';
import { demoAnchors } from '../src/modules/seed/seed.repository.js';
import { seedDatabase } from '../src/modules/seed/seed.service.js';
import { staffContext } from '../src/modules/service-context.js';

const { values: args } = parseArgs({
  options: {
    rows: { type: 'string', default: '1000000' },
    engine: { type: 'string', default: 'both' },
    // xlsx, csv or both (a million rows of each take long on a shared machine).
    format: { type: 'string', default: 'both' },
    keep: { type: 'boolean', default: false },
    // all (upload, dry run, commit, export) or dry (upload and dry run: a million rows without the long commit).
    phases: { type: 'string', default: 'all' },
    // The child's options.
    child: { type: 'boolean', default: false },
    url: { type: 'string' },
    dir: { type: 'string' },
    file: { type: 'string' },
    org: { type: 'string' },
  },
});

const PG_ADMIN = process.env.BENCH_PG_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
// Own name per run: two runs at once (helpers, CI) must not drop each other's database.
const DB_NAME = `dangvu_bench_import_${process.pid}`;

type Engine = 'pglite' | 'postgres';
interface Run {
  format: 'xlsx' | 'csv';
  mib: number;
  rows: number;
  dryRunS: number;
  commitS: number;
  /** The same for the PostgreSQL server's processes (null on PGlite, whose work is the process's own). */
  dryRunDbCpuS: number | null;
  commitDbCpuS: number | null;
  created: number;
  peakRssMiB: number;
  /** Peak RSS sampled during each phase (the process's peak is the largest). */
  dryRunRssMiB: number;
  commitRssMiB: number;
  /** The commune's member list exported in the file's format, after the commit. */
  exportS: number;
  exportRows: number;
  exportMiB: number;
  /** RSS before the export and its peak during it: flat when streamed. */
  exportRssBeforeMiB: number;
  exportRssMiB: number;
  /** The phase in which the sampled RSS was highest. */
  peakPhase: string;
  /** ru_maxrss at the end of each phase: the sampler cannot see inside one synchronous PGlite call. */
  maxRssAfterMiB: { open: number; dryRun: number; commit: number; export: number };
  /** CPU time (user + system) of the process per phase: steadier than wall time on a shared machine. */
  cpuS: { dryRun: number; commit: number; export: number };
}

const maxRssMiB = () => Math.round(process.resourceUsage().maxRSS / 1024);
/** CPU seconds (user + system) since `from`. */
const cpuSince = (from: NodeJS.CpuUsage) => {
  const c = process.cpuUsage(from);
  return Math.round((c.user + c.system) / 1e5) / 10;
};

/** The peak RSS while `work` runs, sampled every 50 ms. */
async function sampled<T>(work: () => Promise<T>): Promise<{ value: T; peakMiB: number }> {
  let peak = process.memoryUsage.rss();
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage.rss())), 50);
  try {
    const value = await work();
    return { value, peakMiB: Math.round(Math.max(peak, process.memoryUsage.rss()) / 2 ** 20) };
  } finally {
    clearInterval(timer);
  }
}

// ---- the child: the server's part -------------------------------------------------------------

/** Where the process's peak RSS was reached: a sampler over the child's whole life. */
const peakAt = { phase: 'open', mib: 0 };
let phase = 'open';
function watchPeak(): NodeJS.Timeout {
  return setInterval(() => {
    const mib = Math.round(process.memoryUsage.rss() / 2 ** 20);
    if (mib > peakAt.mib) Object.assign(peakAt, { phase, mib });
  }, 20).unref();
}

/**
 * CPU seconds used so far by the PostgreSQL server processes serving this database (same
 * machine: /proc), so that a phase's database work is measured apart from the machine's load.
 * Connections that closed meanwhile are not counted: the pool keeps its connections open.
 */
async function databaseCpuS(db: Database['db']): Promise<number> {
  const { rows } = await sql<{ pid: number }>`select pid from pg_stat_activity where datname = current_database()`.execute(db);
  const tick = 100; // USER_HZ on Linux
  let total = 0;
  for (const { pid } of rows) {
    try {
      const f = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const fields = f.slice(f.lastIndexOf(')') + 2).split(' ');
      total += (Number(fields[11]) + Number(fields[12])) / tick;
    } catch {
      // gone meanwhile
    }
  }
  return total;
}

/**
 * BENCH_IMPORT_MEMLOG=ms: the child's memory every ms milliseconds on stderr (RSS, this thread's
 * heap, memory outside it: array buffers, PGlite's WebAssembly heap), to see where a peak goes.
 */
function logMemory(): void {
  const every = Number(process.env.BENCH_IMPORT_MEMLOG ?? 0);
  if (!(every > 0)) return;
  const mib = (n: number) => Math.round(n / 2 ** 20);
  setInterval(() => {
    const m = process.memoryUsage();
    console.error(`memory ${phase}: rss ${mib(m.rss)} heap ${mib(m.heapUsed)}/${mib(m.heapTotal)} external ${mib(m.external)} arrayBuffers ${mib(m.arrayBuffers)} MiB`);
  }, every).unref();
}

async function child(): Promise<void> {
  watchPeak();
  logMemory();
  const database = await connect(args.url ? { databaseUrl: args.url } : { dataDir: args.dir! });
  const maxRssAfterMiB = { open: maxRssMiB(), dryRun: 0, commit: 0, export: 0 };
  const cpuS = { dryRun: 0, commit: 0, export: 0 };
  try {
    const ctx = staffContext(database.db, systemClock);
    // The file is read from disk a part at a time, as the server reads an upload it has spooled.
    const file = await fileSource(args.file!);
    const name = args.file!.split('/').at(-1)!;
    const onPg = Boolean(args.url);
    let dbCpu = onPg ? await databaseCpuS(database.db) : 0;
    let t = performance.now();
    let cpu = process.cpuUsage();
    const { value: dry, peakMiB: dryRunRssMiB } = await sampled(async () => {
      phase = 'upload';
      const job = await uploadFile(ctx, { fileName: name, orgId: Number(args.org), onDuplicate: 'skip', source: file }).finally(() => file.close());
      phase = 'dry run';
      return dryRun(ctx, job.id);
    });
    const job = dry;
    const dryRunS = (performance.now() - t) / 1000;
    cpuS.dryRun = cpuSince(cpu);
    maxRssAfterMiB.dryRun = maxRssMiB();
    const dryRunDbCpuS = onPg ? (await databaseCpuS(database.db)) - dbCpu : null;
    console.error(`${name}: dry run ${dryRunS.toFixed(1)} s, peak RSS ${dryRunRssMiB} MiB`);
    if ((dry.counts.error ?? 0) > 0) throw new Error(`rows in error: ${JSON.stringify(dry.problems.slice(0, 3))}`);
    const mib = Math.round((file.size / 2 ** 20) * 10) / 10;
    if (args.phases === 'dry') {
      const none = { commitS: 0, commitDbCpuS: onPg ? 0 : null, created: 0, commitRssMiB: 0, exportS: 0, exportRows: 0, exportMiB: 0, exportRssBeforeMiB: 0, exportRssMiB: 0 };
      const run: Run = { format: job.format, mib, rows: dry.counts.rows ?? 0, dryRunS, dryRunDbCpuS, dryRunRssMiB, ...none, peakRssMiB: maxRssMiB(), peakPhase: `${peakAt.phase} (${peakAt.mib} MiB sampled)`, maxRssAfterMiB, cpuS };
      process.stdout.write(`RESULT ${JSON.stringify(run)}\n`);
      return;
    }
    t = performance.now();
    cpu = process.cpuUsage();
    if (onPg) dbCpu = await databaseCpuS(database.db);
    phase = 'commit';
    const { value: done, peakMiB: commitRssMiB } = await sampled(() => commit(ctx, job.id));
    const commitS = (performance.now() - t) / 1000;
    cpuS.commit = cpuSince(cpu);
    maxRssAfterMiB.commit = maxRssMiB();
    const commitDbCpuS = onPg ? (await databaseCpuS(database.db)) - dbCpu : null;
    console.error(`${name}: commit ${commitS.toFixed(1)} s, peak RSS ${commitRssMiB} MiB`);
    // The export of the commune just filled, in the file's format, to nowhere: time and memory.
    phase = 'export';
    const exportRssBeforeMiB = Math.round(process.memoryUsage.rss() / 2 ** 20);
    t = performance.now();
    cpu = process.cpuUsage();
    let exportBytes = 0;
    const { peakMiB: exportRssMiB } = await sampled(async () => {
      const file = await exportMembers(ctx, exportMembersQuery.parse({ org: Number(args.org), format: job.format }), { onError: (e) => console.error(e) });
      await pipeline(file.body, new Writable({ write: (c: Buffer, _e, cb) => ((exportBytes += c.length), cb()) }));
    });
    const exportS = (performance.now() - t) / 1000;
    cpuS.export = cpuSince(cpu);
    maxRssAfterMiB.export = maxRssMiB();
    const exported = await sql<{ after: { rows: number } }>`select after from audit_log where action = 'member.export' order by id desc limit 1`.execute(database.db);
    const run: Run = {
      format: job.format,
      mib,
      rows: dry.counts.rows ?? 0,
      dryRunS,
      commitS,
      dryRunDbCpuS,
      commitDbCpuS,
      created: done.counts.created ?? 0,
      // ru_maxrss is in KiB on Linux.
      peakRssMiB: Math.round(process.resourceUsage().maxRSS / 1024),
      dryRunRssMiB,
      commitRssMiB,
      exportS,
      exportRows: exported.rows[0]?.after.rows ?? 0,
      exportMiB: Math.round((exportBytes / 2 ** 20) * 10) / 10,
      exportRssBeforeMiB,
      exportRssMiB,
      peakPhase: `${peakAt.phase} (${peakAt.mib} MiB sampled)`,
      maxRssAfterMiB,
      cpuS,
    };
    process.stdout.write(`RESULT ${JSON.stringify(run)}\n`);
  } finally {
    await database.close();
  }
}

// ---- the parent: databases, files, runs --------------------------------------------------------

async function admin(query: string): Promise<void> {
  const c = new pg.Client({ connectionString: PG_ADMIN });
  await c.connect();
  try {
    await c.query(query);
  } finally {
    await c.end();
  }
}

interface Target {
  where: { url?: string; dir?: string };
  communeId: number;
  cells: string[];
  cleanup(): Promise<void>;
}

/** An empty database of the engine with the demo tree; the commune and cells the file names. */
async function prepare(engine: Engine): Promise<Target> {
  let database: Database;
  let where: Target['where'];
  let cleanup: () => Promise<void>;
  if (engine === 'postgres') {
    await admin(`drop database if exists ${DB_NAME} with (force)`);
    await admin(`create database ${DB_NAME}`);
    const url = new URL(PG_ADMIN);
    url.pathname = `/${DB_NAME}`;
    where = { url: url.toString() };
    database = await connect({ databaseUrl: where.url });
    cleanup = async () => {
      if (!args.keep) await admin(`drop database if exists ${DB_NAME} with (force)`);
    };
  } else {
    const dir = mkdtempSync(join(tmpdir(), 'dangvu-import-bench-'));
    where = { dir };
    database = await connect({ dataDir: dir });
    cleanup = async () => {
      if (!args.keep) rmSync(dir, { recursive: true, force: true });
      else console.log(`kept ${dir}`);
    };
  }
  try {
    await migrateToLatest(database.db);
    await seedDatabase(database, { scale: 'demo', seed: 1 });
    const { communeId } = await demoAnchors(database.db);
    // The commune's live cells whose names are unique in it: rows name them.
    const { rows } = await sql<{ name: string }>`
      select min(o.name) as name from org o, org c
      where c.id = ${communeId} and o.path > c.path and o.path < c.path || '~'
        and o.org_type in ('grassroots_cell', 'cell') and o.dissolved_on is null
      group by o.name_norm having count(*) = 1 order by 1`.execute(database.db);
    return { where, communeId, cells: rows.map((r) => r.name), cleanup };
  } finally {
    await database.close();
  }
}

const TITLE = ['ĐẢNG BỘ XÃ', 'DANH SÁCH ĐẢNG VIÊN'];
const TOP = ['STT', 'Họ và tên', 'Ngày sinh', '', 'Dân tộc', 'Tôn giáo', 'Quê quán', 'Số CCCD', 'Ngày vào Đảng', '', 'Số thẻ đảng viên', 'Trình độ LLCT', 'Chi bộ'];
const SUB = ['', '', 'Nam', 'Nữ', '', '', '', '', 'Dự bị', 'Chính thức', '', '', ''];
const THEORY = ['Sơ cấp', 'Trung cấp', 'Cao cấp', ''];
const dmy = (y: number, m: number, d: number) => `${String(d).padStart(2, '0')}/${String(m).padStart(2, '0')}/${y}`;

/** Row i of the list (first = the first citizen number used), deterministic. */
function* people(n: number, first: number, cells: string[]): Generator<string[]> {
  const r = new Rng(first + 7);
  for (let i = 0; i < n; i++) {
    const female = r.next() < 0.35;
    const y = 1950 + r.range(0, 50);
    const birth = dmy(y, r.range(1, 12), r.range(1, 28));
    const ay = Math.min(2024, y + 20 + r.range(0, 20));
    const am = r.range(1, 12);
    const name = memberName(r, female ? 'female' : 'male', 'kinh', false).full;
    yield [
      String(i + 1),
      name,
      female ? '' : birth,
      female ? birth : '',
      'Kinh',
      'Không',
      'Xã Đông Hưng, Thái Bình',
      `0${String(first + i).padStart(11, '0')}`,
      dmy(ay, am, 19),
      dmy(ay + 1, am, 19),
      String(80_000_000 + first + i),
      THEORY[i % THEORY.length]!,
      cells[i % cells.length]!,
    ];
  }
}

async function writeXlsx(file: string, n: number, first: number, cells: string[]): Promise<void> {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useStyles: false, useSharedStrings: false });
  const ws = wb.addWorksheet('DS đảng viên');
  ws.getRow(1).values = [TITLE[0]];
  ws.getRow(1).commit();
  ws.getRow(3).values = [TITLE[1]];
  ws.getRow(3).commit();
  ws.mergeCells('C5:D5');
  ws.mergeCells('I5:J5');
  ws.getRow(5).values = TOP;
  ws.getRow(5).commit();
  ws.getRow(6).values = SUB;
  ws.getRow(6).commit();
  let at = 7;
  for (const p of people(n, first, cells)) {
    const row = ws.getRow(at++);
    row.values = p.map((v, i) => (i === 0 ? Number(v) : v === '' ? null : v));
    row.commit();
  }
  ws.commit();
  await wb.commit();
}

async function writeCsv(file: string, n: number, first: number, cells: string[]): Promise<void> {
  const out = createWriteStream(file);
  const line = (f: string[]) => f.map((v) => (/[",\n]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v)).join(',') + '\r\n';
  // One header row, the sex in its own column.
  out.write(line(['STT', 'Họ và tên', 'Giới tính', 'Ngày sinh', 'Dân tộc', 'Tôn giáo', 'Quê quán', 'Số CCCD', 'Ngày vào Đảng', 'Ngày chính thức', 'Số thẻ đảng viên', 'Trình độ LLCT', 'Chi bộ']));
  for (const p of people(n, first, cells)) {
    const row = [p[0]!, p[1]!, p[2] ? 'Nam' : 'Nữ', p[2] || p[3]!, ...p.slice(4)];
    if (!out.write(line(row))) await new Promise<void>((r) => out.once('drain', () => r()));
  }
  out.end();
  await finished(out);
}

function runChild(where: Target['where'], file: string, org: number): Promise<Run> {
  return new Promise((resolve, reject) => {
    const script = new URL(import.meta.url).pathname;
    const opts = [...(where.url ? ['--url', where.url] : ['--dir', where.dir!]), '--file', file, '--org', String(org), '--phases', args.phases!];
    const c = spawn(process.execPath, [...process.execArgv, ...(process.env.BENCH_IMPORT_PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_IMPORT_PROFILE}`] : []), script, '--child', ...opts], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    c.stdout.on('data', (d: Buffer) => (out += d.toString()));
    c.on('exit', (code) => {
      const line = out.split('\n').find((l) => l.startsWith('RESULT '));
      if (code === 0 && line) resolve(JSON.parse(line.slice(7)) as Run);
      else reject(new Error(`import child exited ${code}: ${out.slice(-2000)}`));
    });
  });
}

async function main(): Promise<void> {
  const n = Number(args.rows);
  const engines: Engine[] = args.engine === 'both' ? ['pglite', 'postgres'] : [args.engine as Engine];
  const dir = mkdtempSync(join(tmpdir(), 'dangvu-import-files-'));
  const results: { engine: Engine; runs: Run[] }[] = [];
  try {
    let files: { xlsx: string; csv: string } | null = null;
    for (const engine of engines) {
      const target = await prepare(engine);
      try {
        if (!files) {
          if (target.cells.length === 0) throw new Error('the demo commune has no cell');
          const t = performance.now();
          files = { xlsx: join(dir, `ds-${n}.xlsx`), csv: join(dir, `ds-${n}.csv`) };
          // Different people in the two files: each commit creates its own n members.
          if (args.format !== 'csv') await writeXlsx(files.xlsx, n, 100_000_000, target.cells);
          if (args.format !== 'xlsx') await writeCsv(files.csv, n, 200_000_000, target.cells);
          console.log(`generated ${n} rows as .xlsx and .csv in ${((performance.now() - t) / 1000).toFixed(1)} s`);
        }
        const runs: Run[] = [];
        for (const file of args.format === 'both' ? [files.xlsx, files.csv] : [files[args.format as 'xlsx' | 'csv']]) {
          const run = await runChild(target.where, file, target.communeId);
          console.log(`${engine} ${run.format}: ${JSON.stringify(run)}`);
          runs.push(run);
        }
        results.push({ engine, runs });
      } finally {
        await target.cleanup();
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  console.log(`\n### Member import, ${n.toLocaleString('en')} rows\n`);
  console.log(`load average ${loadavg().map((l) => l.toFixed(1)).join(' ')}\n`);
  console.log('| engine | file | size (MiB) | dry run (s) | commit (s) | CPU of the process (s): dry run / commit | CPU of PostgreSQL (s): dry run / commit | members created | peak RSS (MiB): dry run / commit / process | ru_maxrss after open / dry run / commit / export (MiB) |');
  console.log('|---|---|---:|---:|---:|---:|---:|---:|---:|---:|');
  for (const { engine, runs } of results) {
    for (const r of runs) {
      const m = r.maxRssAfterMiB;
      const db = r.dryRunDbCpuS === null ? '–' : `${r.dryRunDbCpuS.toFixed(1)} / ${r.commitDbCpuS!.toFixed(1)}`;
      console.log(`| ${engine} | .${r.format} | ${r.mib} | ${r.dryRunS.toFixed(1)} | ${r.commitS.toFixed(1)} | ${r.cpuS.dryRun} / ${r.cpuS.commit} | ${db} | ${r.created} | ${r.dryRunRssMiB} / ${r.commitRssMiB} / ${r.peakRssMiB} | ${m.open} / ${m.dryRun} / ${m.commit} / ${m.export} |`);
    }
  }
  console.log('\n| engine | export | members | size (MiB) | time (s) | RSS before → peak during (MiB) |');
  console.log('|---|---|---:|---:|---:|---:|');
  for (const { engine, runs } of results) {
    for (const r of runs) console.log(`| ${engine} | .${r.format} | ${r.exportRows} | ${r.exportMiB} | ${r.exportS.toFixed(1)} | ${r.exportRssBeforeMiB} → ${r.exportRssMiB} |`);
  }
}

await (args.child ? child() : main());
