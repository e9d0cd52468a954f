import { sql, type Kysely } from 'kysely';

// Word search in name order without reading the matches' heap rows (docs/queries/member-list.md,
// "The token table").
//
// The words index (0007) finds the matches of "nguyen van hung" but cannot give them in name
// order: every match's row had to be read and sorted (23,175 rows on 22,417 heap pages for the
// whole country), and GIN intersected the posting lists of all three words first. Here each word
// of each live member's name is a row, keyed (word, second-level org, name_sort, member): one
// word's members of one province are a range in name order, so a page is the first matches of
// a walk that reads the index alone and checks the other words on name_sort, which holds the
// whole name. A province's search reads a few thousand index entries instead of its matches'
// heap pages.
//
// level2_id is the org on the second level of the member's path (the province of a national
// installation), or the top org for a member placed in one: the same subtrees the list states as
// an equality (0009). status is carried so that the walk filters the statuses without the heap.
//
// Kept by statement triggers over the transition tables, so a subtree move or an import updates
// the rows of a statement in one set-based pass, and only for members whose name, province,
// status or liveness changed; the bulk seed turns triggers off and fills the table itself.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create function member_level2_id(org_path text) returns bigint
    language sql immutable parallel safe as $$
      select coalesce(nullif(pg_catalog.split_part(org_path, '/', 3), ''),
                                 pg_catalog.split_part(org_path, '/', 2))::bigint
    $$`.execute(db);
  // The words of a name as the search compares them, ' ' before each, for the few names whose
  // normalized form holds anything but [a-z0-9 ] ("h'hen" is the word "hhen"); null for the
  // others, whose name_sort already is their words with a space before each (given name first,
  // then the whole name).
  await sql`
    create function member_name_words_text(name_norm text) returns text
    language sql immutable parallel safe as $$
      select case when name_norm operator(pg_catalog.~) '[^a-z0-9 ]'
        then ' ' operator(pg_catalog.||) pg_catalog.regexp_replace(name_norm, '[^a-z0-9 ]+', '', 'g') end
    $$`.execute(db);
  await sql`
    create table member_name_token (
      word text collate "C" not null,
      level2_id bigint not null,
      name_sort text collate "C" not null,
      member_id bigint not null,
      status text not null,
      name_words text
    )`.execute(db);
  // The driver word of a search is chosen by its frequency in these statistics (most common
  // values): a national installation has a few thousand words, and the common ones matter.
  await sql`alter table member_name_token alter column word set statistics 1000`.execute(db);
  // What the table must hold, stated once: the fill here and after a bulk seed, and the check.
  await sql`
    create view member_name_token_source as
    select w as word, member_level2_id(m.org_path) as level2_id, m.name_sort, m.id as member_id, m.status,
           member_name_words_text(m.name_norm) as name_words
    from member m, pg_catalog.unnest(pg_catalog.tsvector_to_array(member_name_words(m.name_norm))) w
    where m.deleted_at is null`.execute(db);
  await sql`insert into member_name_token select * from member_name_token_source`.execute(db);
  await sql`create index member_name_token_idx on member_name_token (word, level2_id, name_sort, member_id) include (status, name_words)`.execute(db);

  await sql`
    create function member_name_token_insert() returns trigger language plpgsql as $$
    begin
      insert into member_name_token (word, level2_id, name_sort, member_id, status, name_words)
      select w, member_level2_id(n.org_path), n.name_sort, n.id, n.status, member_name_words_text(n.name_norm)
      from new_rows n, pg_catalog.unnest(pg_catalog.tsvector_to_array(member_name_words(n.name_norm))) w
      where n.deleted_at is null;
      return null;
    end $$`.execute(db);
  // Old rows are found by their whole key: one index probe per word.
  await sql`
    create function member_name_token_update() returns trigger language plpgsql as $$
    declare changed bigint[];
    begin
      select pg_catalog.array_agg(n.id) into changed
      from old_rows o join new_rows n on n.id = o.id
      where (o.name_norm, o.name_sort, member_level2_id(o.org_path), o.status, o.deleted_at is null)
            is distinct from (n.name_norm, n.name_sort, member_level2_id(n.org_path), n.status, n.deleted_at is null);
      if changed is null then return null; end if;
      delete from member_name_token t
      using (select o.id, o.name_sort, member_level2_id(o.org_path) as level2_id, w
             from old_rows o, pg_catalog.unnest(pg_catalog.tsvector_to_array(member_name_words(o.name_norm))) w
             where o.deleted_at is null and o.id = any(changed)) d
      where t.word = d.w and t.level2_id = d.level2_id and t.name_sort = d.name_sort and t.member_id = d.id;
      insert into member_name_token (word, level2_id, name_sort, member_id, status, name_words)
      select w, member_level2_id(n.org_path), n.name_sort, n.id, n.status, member_name_words_text(n.name_norm)
      from new_rows n, pg_catalog.unnest(pg_catalog.tsvector_to_array(member_name_words(n.name_norm))) w
      where n.deleted_at is null and n.id = any(changed);
      return null;
    end $$`.execute(db);
  await sql`
    create function member_name_token_delete() returns trigger language plpgsql as $$
    begin
      delete from member_name_token t
      using (select o.id, o.name_sort, member_level2_id(o.org_path) as level2_id, w
             from old_rows o, pg_catalog.unnest(pg_catalog.tsvector_to_array(member_name_words(o.name_norm))) w
             where o.deleted_at is null) d
      where t.word = d.w and t.level2_id = d.level2_id and t.name_sort = d.name_sort and t.member_id = d.id;
      return null;
    end $$`.execute(db);
  await sql`
    create trigger member_name_token_insert after insert on member
    referencing new table as new_rows for each statement execute function member_name_token_insert()`.execute(db);
  await sql`
    create trigger member_name_token_update after update on member
    referencing old table as old_rows new table as new_rows for each statement execute function member_name_token_update()`.execute(db);
  await sql`
    create trigger member_name_token_delete after delete on member
    referencing old table as old_rows for each statement execute function member_name_token_delete()`.execute(db);
  await sql`analyze member_name_token`.execute(db);
}
