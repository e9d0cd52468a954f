import { sql, type Kysely } from 'kysely';

// The two statement triggers a member update fires (0015, 0022), rewritten so that a subtree move
// (issue 2: one statement over ~10,000 members whose path alone changes) does only the work it
// needs. Same results; docs/benchmarks.md, "Move of a subtree".
//
// member_name_word_update computed the words of every updated name before keeping the renamed
// ones: the planner ran the unnest under the join, so a move paid a tsvector per member for
// nothing (30–60 ms on PostgreSQL, 40–180 ms on PGlite for 6,800 members). The renamed rows are
// now picked first (OFFSET 0 keeps the subquery from being flattened back into the join).
//
// member_name_token_update evaluated member_level2_id and member_name_words_text once per word
// row instead of once per member. The ids of the changed members stay an array, as before: the
// delete's plan depends on it (an `= any(changed)` filter on the transition table estimates a few
// rows, so each old token is deleted by one probe of its key; a join with a CTE of the changed
// members estimated thousands and hashed the whole token table instead).
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create or replace function member_name_word_update() returns trigger language plpgsql as $$
    begin
      insert into member_name_word (word)
      select distinct w
      from (select n.name_norm from new_rows n join old_rows o on o.id = n.id
            where n.name_norm is distinct from o.name_norm offset 0) r,
           pg_catalog.unnest(pg_catalog.tsvector_to_array(member_name_words(r.name_norm))) w
      on conflict do nothing;
      return null;
    end $$`.execute(db);
  await sql`
    create or replace function member_name_token_update() returns trigger language plpgsql as $$
    declare changed bigint[];
    begin
      select pg_catalog.array_agg(n.id) into changed
      from old_rows o join new_rows n on n.id = o.id
      where (o.name_norm, o.name_sort, member_level2_id(o.org_path), o.status, o.deleted_at is null)
            is distinct from (n.name_norm, n.name_sort, member_level2_id(n.org_path), n.status, n.deleted_at is null);
      if changed is null then return null; end if;
      delete from member_name_token t
      using (select o.id, o.name_sort, o.level2_id, w
             from (select o.id, o.name_sort, o.name_norm, member_level2_id(o.org_path) as level2_id
                   from old_rows o where o.deleted_at is null and o.id = any(changed) offset 0) o,
                  pg_catalog.unnest(pg_catalog.tsvector_to_array(member_name_words(o.name_norm))) w) d
      where t.word = d.w and t.level2_id = d.level2_id and t.name_sort = d.name_sort and t.member_id = d.id;
      insert into member_name_token (word, level2_id, name_sort, member_id, status, name_words)
      select w, n.level2_id, n.name_sort, n.id, n.status, n.name_words
      from (select n.id, n.name_sort, n.status, n.name_norm, member_level2_id(n.org_path) as level2_id,
                   member_name_words_text(n.name_norm) as name_words
            from new_rows n where n.deleted_at is null and n.id = any(changed) offset 0) n,
           pg_catalog.unnest(pg_catalog.tsvector_to_array(member_name_words(n.name_norm))) w;
      return null;
    end $$`.execute(db);
}
