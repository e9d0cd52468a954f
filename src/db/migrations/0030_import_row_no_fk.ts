import { sql, type Kysely } from 'kysely';

// The dry run stages every valid row of a file in import_row (0022): a million rows are a million
// foreign-key checks against import_job, one SPI query each — on PGlite about a tenth of the
// staging's CPU (a 2,000-row batch: 188 → 165 ms, docs/benchmarks.md). The key guarded nothing the
// insert does not already check: every staging statement inserts only where its job exists in
// the caller's scope (import.staging.repository.ts), and jobs are never deleted (they are the
// import history), so the cascade never ran. The rows are still dropped with their job's
// staging (clearStaged) on a new dry run, a cancel and after the commit.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table import_row drop constraint import_row_job_id_fkey`.execute(db);
}
