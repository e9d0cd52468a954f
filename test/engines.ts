import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, inject } from 'vitest';
import { connect, type Database, type Engine } from '../src/db/connect.js';
import { migrateToLatest } from '../src/db/migrate.js';

const ADMIN_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export const ENGINES: readonly Engine[] = ['pglite', 'postgres'];

/**
 * A fresh, migrated database on the given engine; PostgreSQL ones are created and dropped here.
 * With `migrate: false` it is left empty (for tests of a migration itself).
 */
export async function createTestDatabase(engine: Engine, opts: { migrate?: boolean } = {}): Promise<Database & { dispose(): Promise<void> }> {
  const migrate = opts.migrate ?? true;
  if (engine === 'pglite') {
    const database = await connect({ memory: true });
    if (migrate) await migrateToLatest(database.db);
    return { ...database, dispose: () => database.close() };
  }
  const name = `dangvu_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: ADMIN_URL });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  const database = await connect({ databaseUrl: url.toString() });
  if (migrate) await migrateToLatest(database.db);
  return {
    ...database,
    dispose: async () => {
      await database.close();
      const c = new pg.Client({ connectionString: ADMIN_URL });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    },
  };
}

/**
 * Runs the same block on PGlite and on PostgreSQL, each on its own fresh database.
 * The PostgreSQL block is skipped (with the notice printed by global-setup) only when no
 * server is reachable and CI has not required it.
 */
export function describeEachEngine(name: string, body: (get: () => Database, engine: Engine) => void): void {
  for (const engine of ENGINES) {
    const skip = engine === 'postgres' && !inject('pgAvailable');
    describe.skipIf(skip)(`${name} [${engine}]`, () => {
      let database: (Database & { dispose(): Promise<void> }) | undefined;
      beforeAll(async () => {
        database = await createTestDatabase(engine);
      });
      afterAll(async () => {
        await database?.dispose();
      });
      body(() => {
        if (!database) throw new Error('test database not ready');
        return database;
      }, engine);
    });
  }
}
