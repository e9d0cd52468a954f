// npx tsx bench/export.ts --db <postgres url | PGlite data dir> [--org ID] [--format xlsx|csv] [--repeat N] [--chunk N] [--out FILE]
//
// The member list export alone on an already loaded database (issue 6 target: 1,000,000 members
// in ≤ 60 s on each engine, memory flat). Calls the export service as an organization-staff
// caller of the whole installation (`staffContext`), the list of `--org` (default: the whole
// tree) in its default filters and order, into a Writable that only counts bytes (or into
// `--out FILE`, to open the file afterwards). Prints, per run: members, seconds, members/s, CPU
// time of this process (user + system: on PGlite the queries are ours too), RSS before and
// peak during (sampled every 20 ms), bytes, on PostgreSQL the server's CPU time for this
// database (from /proc: a server on this machine), and the load average. The machine is shared:
// compare runs made back to back, and CPU time rather than wall time.
// A database of the size wanted: `dangvu seed --scale province`, then add members as needed.
import { createWriteStream, readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { parseArgs } from 'node:util';
import { sql, type Kysely } from 'kysely';
import { systemClock } from '../src/clock.js';
import { connect } from '../src/db/connect.js';
import type { DB } from '../src/db/types.js';
import { exportMembersQuery } from '../src/modules/member/member-export.schema.js';
import { exportMembers } from '../src/modules/member/member-export.service.js';
import { staffContext } from '../src/modules/service-context.js';

const { values: args } = parseArgs({
  options: {
    db: { type: 'string' },
    org: { type: 'string' },
    format: { type: 'string', default: 'xlsx' },
    repeat: { type: 'string', default: '1' },
    chunk: { type: 'string' },
    out: { type: 'string' },
  },
});
if (!args.db) throw new Error('--db <postgres url | PGlite data dir> is required');
if (args.format !== 'xlsx' && args.format !== 'csv') throw new Error('--format is xlsx or csv');

const mib = (bytes: number) => Math.round(bytes / 2 ** 20);

/**
 * PostgreSQL only: CPU seconds (user + system) used so far by the server processes serving this
 * database, read from /proc (the server on this machine). Only this bench connects to it.
 */
async function serverCpu(db: Kysely<DB>): Promise<number> {
  const { rows } = await sql<{ pid: number }>`select pid from pg_stat_activity where datname = current_database()`.execute(db);
  let ticks = 0;
  for (const { pid } of rows) {
    try {
      const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
      ticks += Number(fields[11]) + Number(fields[12]); // utime, stime (fields 14, 15 of the line)
    } catch {
      // a backend that ended between the two reads
    }
  }
  return ticks / 100; // USER_HZ
}
const load = () => loadavg().map((l) => l.toFixed(2)).join(' ');

const database = await connect(args.db.startsWith('postgres') ? { databaseUrl: args.db } : { dataDir: args.db });
try {
  const ctx = staffContext(database.db, systemClock);
  const query = exportMembersQuery.parse({ format: args.format, ...(args.org ? { org: Number(args.org) } : {}) });
  console.log(`engine ${database.engine}, org ${args.org ?? 'whole tree'}, .${args.format}`);
  for (let run = 1; run <= Number(args.repeat); run++) {
    global.gc?.();
    const rssBefore = process.memoryUsage.rss();
    let peak = rssBefore;
    const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage.rss())), 20);
    let bytes = 0;
    const server0 = database.engine === 'postgres' ? await serverCpu(database.db) : 0;
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    const file = await exportMembers(ctx, query, { onError: (e) => console.error(e), ...(args.chunk ? { chunk: Number(args.chunk) } : {}) });
    const sink = args.out
      ? createWriteStream(args.out)
      : new Writable({ write: (c: Buffer, _e, cb) => ((bytes += c.length), cb()) });
    await pipeline(file.body, sink);
    const seconds = (performance.now() - t0) / 1000;
    const cpu = process.cpuUsage(cpu0);
    clearInterval(timer);
    peak = Math.max(peak, process.memoryUsage.rss());
    if (args.out) bytes = (sink as ReturnType<typeof createWriteStream>).bytesWritten;
    const audited = await sql<{ after: { rows: number; complete: boolean } | string }>`
      select after from audit_log where action = 'member.export' order by id desc limit 1`.execute(database.db);
    const raw = audited.rows[0]?.after;
    const after = typeof raw === 'string' ? (JSON.parse(raw) as { rows: number; complete: boolean }) : raw;
    const members = after?.rows ?? 0;
    const cpuS = (cpu.user + cpu.system) / 1e6;
    const server = database.engine === 'postgres' ? `; server CPU ${((await serverCpu(database.db)) - server0).toFixed(2)} s` : '';
    console.log(
      `run ${run}: ${members} members${after?.complete ? '' : ' (INCOMPLETE)'} in ${seconds.toFixed(2)} s = ${Math.round(members / seconds)} members/s; ` +
        `CPU ${cpuS.toFixed(2)} s (user ${(cpu.user / 1e6).toFixed(2)}, sys ${(cpu.system / 1e6).toFixed(2)}) = ${((cpuS * 1e6) / members).toFixed(1)} µs/member; ` +
        `RSS ${mib(rssBefore)} → peak ${mib(peak)} MiB; ${mib(bytes)} MiB (${bytes} B)${server}; load ${load()}`,
    );
  }
} finally {
  await database.close();
}
