import { sql, type Kysely } from 'kysely';

// The import's look-up of possible duplicates (issue 6): members with the same normalized name
// and date of birth as the rows of a batch. Without it the only candidates were the birth-date
// index and the path range; right after a large import, with statistics not yet refreshed, the
// planner took the commune's path range as selective and read every member under it for each
// batch of 500 rows (5–7 s a batch at 100,000 members under one commune on PostgreSQL). Equality
// on both columns is one probe per row whatever the statistics say.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create index member_name_birth_idx on member (name_norm, birth_date) where deleted_at is null`.execute(db);
}
