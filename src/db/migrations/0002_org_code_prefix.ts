import { sql, type Kysely } from 'kysely';

// Finding an org by the start of its code ("P01.X0") is a case-insensitive prefix match;
// text_pattern_ops lets the btree serve `lower(code) like 'p01.x0%'`.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create index org_code_lower_idx on org (lower(code) text_pattern_ops)`.execute(db);
}
