import { readdirSync, readFileSync } from 'node:fs';
import { sql } from 'kysely';
import { systemClock, type Clock } from '../src/clock.js';
import { addCalendarDays } from '../src/domain/calendar/iso-date.js';
import { connect } from '../src/db/connect.js';
import { badgeCeremoniesOfYear } from '../src/domain/badge/badge-batch.js';
import { listCandidates } from '../src/modules/badge/badge.service.js';
import { runDueJob } from '../src/modules/due/due.service.js';
import { DUE_SOURCES } from '../src/modules/due/due.sources.js';
import { staffContext } from '../src/modules/service-context.js';
import { insertOpenCases } from './due-cases.js';

// `npm run bench -- --reuse-db <postgres url | PGlite data dir> --only due,badges`: the issue 5
// jobs timed again on a dataset loaded once (the national load takes minutes), in this process,
// without the server: the daily due job from an empty due list (as the full bench times it) and
// the next day (nothing changed), and the badge candidates of the next ceremony batch for
// the whole installation through the service the route calls.

export interface ReuseTiming {
  name: string;
  samples: number[];
  /** CPU seconds of this process and of the PostgreSQL backends of the database: what a shared, loaded machine does not change. */
  cpu: number[];
  note: string;
}

/** CPU ms so far of this process plus the backends serving `dbName` (their process title names it; parallel workers, short-lived, are not counted). */
export function cpuMs(dbName: string | null): number {
  const { user, system } = process.cpuUsage();
  let ticks = 0;
  if (dbName !== null) {
    for (const pid of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
      try {
        if (!readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(` ${dbName} `)) continue;
        const stat = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
        ticks += Number(stat[11]) + Number(stat[12]);
      } catch {
        // gone meanwhile
      }
    }
  }
  return (user + system) / 1000 + ticks * 10;
}

/** Tomorrow, for the run the job makes every day after the list is built. */
export const nextDay: Clock = { now: () => new Date(Date.now() + 86_400_000), today: () => addCalendarDays(systemClock.today(), 1) };

const ms = (t0: number) => Math.round(performance.now() - t0);

export async function reuseTimings(target: string, only: ReadonlySet<string>, iterations: number, log: (line: string) => void): Promise<ReuseTiming[]> {
  const pgUrl = /^postgres(ql)?:/.test(target);
  const database = await connect(pgUrl ? { databaseUrl: target } : { dataDir: target });
  const dbName = pgUrl ? new URL(target).pathname.slice(1) : null;
  const { db } = database;
  const out: ReuseTiming[] = [];
  try {
    log(`engine ${database.engine}`);
    if (only.has('due')) {
      // The bench's open cases are added once: candidates with citizen ids starting with 9.
      const have = await db.selectFrom('admission_case').select((eb) => eb.fn.countAll<string>().as('n')).where('citizen_id', 'like', '9%').executeTakeFirstOrThrow();
      if (Number(have.n) === 0) log(`open cases added: ${await insertOpenCases(db, systemClock.today())}`);
      const empty: number[] = [];
      const again: number[] = [];
      const emptyCpu: number[] = [];
      const againCpu: number[] = [];
      let note = '';
      for (let i = 0; i < iterations; i++) {
        await sql`truncate due_item`.execute(db);
        let t0 = performance.now();
        let c0 = cpuMs(dbName);
        const first = await runDueJob(db, systemClock, DUE_SOURCES);
        empty.push(ms(t0));
        emptyCpu.push(Math.round(cpuMs(dbName) - c0));
        note = `${first.reduce((n, s) => n + s.cases, 0)} open cases, ${first.reduce((n, s) => n + s.items, 0)} deadlines`;
        t0 = performance.now();
        c0 = cpuMs(dbName);
        const next = await runDueJob(db, nextDay, DUE_SOURCES);
        again.push(ms(t0));
        againCpu.push(Math.round(cpuMs(dbName) - c0));
        log(`due job: from an empty list ${empty.at(-1)} ms (CPU ${emptyCpu.at(-1)} ms), the next day ${again.at(-1)} ms (CPU ${againCpu.at(-1)} ms), ${next.reduce((n, s) => n + s.written + s.removed, 0)} rows written (${note})`);
      }
      out.push({ name: 'daily due job, from an empty due list', samples: empty, cpu: emptyCpu, note });
      out.push({ name: 'daily due job, the next day (nothing changed)', samples: again, cpu: againCpu, note });
    }
    if (only.has('badges')) {
      const today = systemClock.today();
      const year = Number(today.slice(0, 4));
      const ceremony = [...badgeCeremoniesOfYear(year), ...badgeCeremoniesOfYear(year + 1)].find((d) => d >= today)!;
      const ctx = staffContext(db, systemClock);
      const samples: number[] = [];
      const cpu: number[] = [];
      let note = '';
      // One warm-up call, as the HTTP bench does.
      for (let i = 0; i <= iterations; i++) {
        const t0 = performance.now();
        const c0 = cpuMs(dbName);
        const r = await listCandidates(ctx, { ceremony, limit: 100, offset: 0 });
        const c = Math.round(cpuMs(dbName) - c0);
        if (i > 0) samples.push(ms(t0));
        if (i > 0) cpu.push(c);
        note = `ceremony ${ceremony}, ${r.total} candidates`;
        log(`badge candidates, whole installation: ${ms(t0)} ms (CPU ${c} ms)${i === 0 ? ' (warm-up)' : ''} (${note})`);
      }
      out.push({ name: 'badge candidates of one batch, whole installation', samples, cpu, note });
    }
  } finally {
    await database.close();
  }
  return out;
}
