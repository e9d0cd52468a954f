import { sql, type Kysely } from 'kysely';

// Word search on the plain words of a name plus a vocabulary of those words, replacing the
// every-prefix index of 0004 (docs/queries/member-list.md).
//
// 0004 made each query word one exact lexeme by indexing every prefix of every word, which cost a
// plpgsql call per name to build: ~50 µs a name in PGlite (WASM), pushing the national load past
// five minutes, and an index three times the size (100 MB against 32 MB nationally). The same
// exact-lexeme query comes from the vocabulary instead: a prefix typed by the user is expanded to
// the words that start with it ("hun" → hung | hun), which GIN ORs and intersects as it does a
// single lexeme. A country has a few thousand distinct name words, so the lookup is a btree range
// on a small table.
//
// The function is plain SQL over built-ins, and not STRICT: a STRICT SQL function whose body is
// not strict (the CASE) is not inlined, and the call then costs 4× the expression in PGlite
// (2.3 s against 0.57 s for a province's 167,424 names). Null in gives null out all the same.
// It names only pg_catalog objects: since PostgreSQL 17 (PGlite) index builds run with
// search_path = pg_catalog. Words are what searchWords (src/domain/vn-name.ts) makes of a
// query: split on spaces, anything but [a-z0-9] removed, so "h'hen" is the word "hhen".
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create function member_name_words(name_norm text) returns tsvector
    language sql immutable parallel safe as $$
      select pg_catalog.array_to_tsvector(pg_catalog.array_remove(pg_catalog.string_to_array(
        case when name_norm operator(pg_catalog.~) '[^a-z0-9 ]'
          then pg_catalog.regexp_replace(name_norm, '[^a-z0-9 ]+', '', 'g') else name_norm end,
        ' '), ''))
    $$`.execute(db);
  await sql`create index member_name_word_idx on member using gin (member_name_words(name_norm))`.execute(db);

  // Never shrinks: a word no member has any more only adds an empty branch to a query.
  await sql`create table member_name_word (word text collate "C" primary key)`.execute(db);
  await sql`
    insert into member_name_word (word)
    select distinct w from member, pg_catalog.unnest(pg_catalog.tsvector_to_array(member_name_words(name_norm))) w`.execute(db);
  // A trigger, not application code, so that every path that writes a name (API, import, seed
  // of the demo, test factories) keeps the vocabulary complete; a missing word would hide people.
  await sql`
    create function member_name_word_add() returns trigger language plpgsql as $$
    begin
      insert into member_name_word (word)
      select w from pg_catalog.unnest(pg_catalog.tsvector_to_array(member_name_words(new.name_norm))) w
      on conflict do nothing;
      return null;
    end $$`.execute(db);
  await sql`
    create trigger member_name_word_add after insert or update of name_norm on member
    for each row execute function member_name_word_add()`.execute(db);

  await sql`drop index member_name_prefix_idx`.execute(db);
  await sql`drop function member_name_prefixes(text)`.execute(db);
}
