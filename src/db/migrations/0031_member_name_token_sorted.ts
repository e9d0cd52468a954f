import { sql, type Kysely } from 'kysely';

// The name tokens of new members (0015) are written in the token index's order. An import's
// statement adds three or four tokens per member, keyed by word first: in the members' order
// each lands on a random leaf of member_name_token_idx; sorted, consecutive tokens share leaves.
// For 50,000 new members on PostgreSQL the trigger went from 2.35 to 1.62 s (docs/benchmarks.md,
// "Commit"). The level-2 org and the words text are worked out once per member, not per token,
// as the update trigger already does (0027).
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create or replace function member_name_token_insert() returns trigger language plpgsql as $$
    begin
      insert into member_name_token (word, level2_id, name_sort, member_id, status, name_words)
      select w, n.level2_id, n.name_sort, n.id, n.status, n.name_words
      from (select n.id, n.name_sort, n.status, n.name_norm, member_level2_id(n.org_path) as level2_id,
                   member_name_words_text(n.name_norm) as name_words
            from new_rows n where n.deleted_at is null offset 0) n,
           pg_catalog.unnest(pg_catalog.tsvector_to_array(member_name_words(n.name_norm))) w
      order by 1, 2, 3, 4;
      return null;
    end $$`.execute(db);
}
