import { sql, type Kysely } from 'kysely';

// An import's file is kept in parts of a bounded size (issue 6: a 1,000,000-row file is ~170 MB).
// PGlite grows its WebAssembly memory by several times the largest value a statement carries, and
// never gives it back: stored as one bytea, such a file alone took the embedded server past a
// gigabyte. Parts are written and read one statement each. Existing files become their part 0.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table import_file drop constraint import_file_pkey`.execute(db);
  await sql`alter table import_file add column part int not null default 0`.execute(db);
  await sql`alter table import_file alter column part drop default`.execute(db);
  await sql`alter table import_file add primary key (job_id, part)`.execute(db);
}
