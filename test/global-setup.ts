import { existsSync } from 'node:fs';
import pg from 'pg';
import type { TestProject } from 'vitest/node';

export const TEST_PG_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

// Decides once per run whether the PostgreSQL half runs. CI sets DANGVU_REQUIRE_POSTGRES=1,
// which turns an unreachable server from a printed notice into a failed run.
export default async function setup(project: TestProject) {
  let available = false;
  const client = new pg.Client({ connectionString: TEST_PG_URL, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query('select 1');
    available = true;
  } catch (e) {
    if (process.env.DANGVU_REQUIRE_POSTGRES === '1') {
      throw new Error(`PostgreSQL is required (DANGVU_REQUIRE_POSTGRES=1) but ${TEST_PG_URL} is unreachable: ${String(e)}`);
    }
    console.warn(`\n*** PostgreSQL at ${TEST_PG_URL} is unreachable: the PostgreSQL half of the suite is SKIPPED. ***\n`);
  } finally {
    await client.end().catch(() => {});
  }
  project.provide('pgAvailable', available);
  project.provide('chromiumPath', findChromium());
}

// Debian's Chromium (apt install chromium); playwright-core brings no browser of its own.
export const CHROMIUM_PATH = '/usr/bin/chromium';

// Decides once per run whether the browser tests run. CI sets DANGVU_REQUIRE_CHROMIUM=1, which
// turns a missing Chromium from a printed notice into a failed run.
function findChromium(): string | null {
  if (existsSync(CHROMIUM_PATH)) return CHROMIUM_PATH;
  if (process.env.DANGVU_REQUIRE_CHROMIUM === '1') {
    throw new Error(`Chromium is required (DANGVU_REQUIRE_CHROMIUM=1) but ${CHROMIUM_PATH} does not exist`);
  }
  console.warn(`\n*** Chromium not found at ${CHROMIUM_PATH}: the browser tests (test/browser) are SKIPPED. ***\n`);
  return null;
}

declare module 'vitest' {
  export interface ProvidedContext {
    pgAvailable: boolean;
    /** Path of the Chromium binary for the browser tests; null when absent (they skip). */
    chromiumPath: string | null;
  }
}
