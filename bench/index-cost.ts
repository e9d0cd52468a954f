// Build time of the name-search indexes on one engine, back to back in one process, on a
// seeded database: what each costs a bulk load (the seeder rebuilds every index).
//   DATA_DIR=… npx tsx bench/index-cost.ts          (PGlite)   DATABASE_URL=… npx tsx bench/index-cost.ts
import { sql } from 'kysely';
import { connect } from '../src/db/connect.js';

const database = await connect({ databaseUrl: process.env.DATABASE_URL || undefined, dataDir: process.env.DATA_DIR });
const { db } = database;
const mem = database.engine === 'pglite' ? '256MB' : '512MB';
async function build(name: string, ddl: string) {
  await sql.raw(`drop index if exists ${name}`).execute(db);
  const t0 = performance.now();
  await db.transaction().execute(async (tx) => {
    await sql.raw(`set local maintenance_work_mem = '${mem}'`).execute(tx);
    await sql.raw(ddl).execute(tx);
  });
  console.log(`${database.engine} ${name}: ${((performance.now() - t0) / 1000).toFixed(1)} s`);
}
const n = (await sql<{ n: number }>`select count(*)::int as n from member`.execute(db)).rows[0]!.n;
console.log(`${n} members`);
// The word index as 0001 had it, beside the one 0007 builds (0004's every-prefix index cost
// ~50 µs a name in PGlite against ~12 µs for to_tsvector: docs/benchmarks.md).
await build('member_name_words_idx', `create index member_name_words_idx on member using gin (to_tsvector('simple', name_norm))`);
await build('member_name_word_idx', `create index member_name_word_idx on member using gin (member_name_words(name_norm))`);
await build('member_birth_idx', `create index member_birth_idx on member (birth_date, id)`);
await build('member_admission_idx', `create index member_admission_idx on member (admission_date, id)`);
await build('member_name_trgm_idx', `create index member_name_trgm_idx on member using gin (name_norm gin_trgm_ops)`);
await sql`drop index member_name_words_idx`.execute(db);
await database.close();
