import type { Kysely } from 'kysely';
import type { Clock } from '../../clock.js';
import type { DB } from '../../db/types.js';
import { dueJobPending, runDueJob } from './due.service.js';
import { DUE_SOURCES } from './due.sources.js';

const CHECK_EVERY_MS = 60 * 60 * 1000;

/**
 * The daily due-items job inside the server: checked at start and every hour, run when it has
 * not run today (job_run), so a server started after midnight, or down for a day, catches up.
 * Several servers on one PostgreSQL may each run it; the job is idempotent.
 */
export function startDailyJobs(db: Kysely<DB>, clock: Clock, log: (line: string) => void): { stop(): Promise<void> } {
  let running: Promise<void> | null = null;
  const check = () => {
    if (running) return;
    running = (async () => {
      try {
        if (!(await dueJobPending(db, clock))) return;
        const out = await runDueJob(db, clock, DUE_SOURCES);
        log(`Việc cần làm: đã tính lại ${out.reduce((n, s) => n + s.items, 0)} thời hạn của ${out.reduce((n, s) => n + s.cases, 0)} hồ sơ đang mở.`);
      } catch (e) {
        log(`Việc cần làm: chưa tính lại được (${e instanceof Error ? e.message : String(e)}); sẽ thử lại sau một giờ.`);
      } finally {
        running = null;
      }
    })();
  };
  check();
  const timer = setInterval(check, CHECK_EVERY_MS);
  timer.unref();
  return {
    stop: async () => {
      clearInterval(timer);
      await running;
    },
  };
}
