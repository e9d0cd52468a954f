// Times `seedDatabase` on a fresh database of either engine.
//   npx tsx bench/seed-load.ts --scale province --engine pglite|postgres [--seed N] [--check] [--keep]
// PostgreSQL: creates (and afterwards drops) the database dangvu_seed_bench on
// $BENCH_ADMIN_URL (default postgres://postgres@127.0.0.1:5432/postgres).
// PGlite: a data folder under the OS temp folder, deleted afterwards.
// --check runs the roll-up recount (differences) after the load; slow at national scale.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { connect, type Database } from '../src/db/connect.js';
import { migrateToLatest } from '../src/db/migrate.js';
import { differences } from '../src/modules/rollup/rollup.repository.js';
import { seedDatabase, type SeedScale } from '../src/modules/seed/seed.service.js';

const { values } = parseArgs({
  options: {
    scale: { type: 'string', default: 'province' },
    engine: { type: 'string', default: 'pglite' },
    seed: { type: 'string', default: '1' },
    today: { type: 'string' },
    check: { type: 'boolean', default: false },
    keep: { type: 'boolean', default: false },
  },
});

const ADMIN_URL = process.env.BENCH_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const DB_NAME = 'dangvu_seed_bench';

async function admin(query: string): Promise<void> {
  const c = new pg.Client({ connectionString: ADMIN_URL });
  await c.connect();
  try {
    await c.query(query);
  } finally {
    await c.end();
  }
}

async function main(): Promise<void> {
  const scale = values.scale as SeedScale;
  let database: Database;
  let cleanup: () => Promise<void>;
  if (values.engine === 'postgres') {
    await admin(`drop database if exists ${DB_NAME} with (force)`);
    await admin(`create database ${DB_NAME}`);
    const url = new URL(ADMIN_URL);
    url.pathname = `/${DB_NAME}`;
    database = await connect({ databaseUrl: url.toString() });
    cleanup = async () => {
      if (!values.keep) await admin(`drop database if exists ${DB_NAME} with (force)`);
    };
  } else {
    const dir = mkdtempSync(join(tmpdir(), 'dangvu-seed-bench-'));
    database = await connect({ dataDir: dir });
    cleanup = async () => {
      if (!values.keep) rmSync(dir, { recursive: true, force: true });
      else console.log(`kept ${dir}`);
    };
  }
  try {
    await migrateToLatest(database.db);
    const phases: Record<string, number> = {};
    let lastPhase = '';
    let lastAt = performance.now();
    let lastPrint = 0;
    const cpu0 = process.cpuUsage();
    const result = await seedDatabase(database, {
      scale,
      seed: Number(values.seed),
      today: values.today,
      onProgress: (done, total, phase) => {
        const now = performance.now();
        if (phase !== lastPhase) {
          if (lastPhase) phases[lastPhase] = (phases[lastPhase] ?? 0) + now - lastAt;
          lastPhase = phase;
          lastAt = now;
        }
        if (now - lastPrint > 5000) {
          lastPrint = now;
          const mem = process.memoryUsage();
          console.log(`${phase} ${done}/${total} heap ${(mem.heapUsed / 2 ** 20).toFixed(0)} MB rss ${(mem.rss / 2 ** 20).toFixed(0)} MB`);
        }
      },
    });
    phases[lastPhase] = (phases[lastPhase] ?? 0) + performance.now() - lastAt;
    const cpu = process.cpuUsage(cpu0);
    console.log(
      JSON.stringify({
        engine: database.engine,
        scale,
        ...result,
        phasesMs: Object.fromEntries(Object.entries(phases).map(([k, v]) => [k, Math.round(v)])),
        nodeCpuMs: Math.round((cpu.user + cpu.system) / 1000),
        maxRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
      }),
    );
    if (values.check) {
      const t = performance.now();
      const diff = await differences(database.db, 10);
      console.log(`roll-up differences: ${diff.total} (${Math.round(performance.now() - t)} ms)`);
    }
  } finally {
    await database.close();
    await cleanup();
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exitCode = 1;
});
