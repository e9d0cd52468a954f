import { sql, type Kysely } from 'kysely';

// Word search by exact lexemes instead of GIN partial match (docs/queries/member-list.md).
//
// `w:*` makes GIN read the whole posting list of every lexeme starting with w into a bitmap:
// ~2 M row pointers for "nguyen". Indexing every prefix of every word turns each query word into
// one exact lexeme, which GIN intersects without materializing the common lists.
//
// The function is plpgsql because it is the cheapest correct form measured at 5.7 M names
// (6.5 µs a name; the set-returning SQL form costs 29 µs and a back-reference regexp 270 µs),
// and index builds are where that cost is paid. Its body names only pg_catalog objects: since
// PostgreSQL 17 (which PGlite embeds) index builds run with search_path = pg_catalog.
// Words are what searchWords (src/domain/vn-name.ts) makes of a query: split on spaces, with
// anything but [a-z0-9] removed, so "h'hen" is indexed as "hhen", as it is typed.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create function member_name_prefixes(name_norm text) returns tsvector
    language plpgsql immutable strict parallel safe as $$
    declare
      t text := name_norm;
      w text;
      a text[] := '{}';
      n int;
    begin
      if t operator(pg_catalog.~) '[^a-z0-9 ]' then
        t := pg_catalog.regexp_replace(t, '[^a-z0-9 ]+', '', 'g');
      end if;
      foreach w in array pg_catalog.string_to_array(t, ' ') loop
        if pg_catalog.length(w) <= 7 then
          -- Vietnamese syllables have at most 7 letters: one array append per word.
          a := a operator(pg_catalog.||) array[pg_catalog.left(w, 1), pg_catalog.left(w, 2), pg_catalog.left(w, 3),
            pg_catalog.left(w, 4), pg_catalog.left(w, 5), pg_catalog.left(w, 6), w];
        else
          for n in 1..pg_catalog.length(w) loop
            a := a operator(pg_catalog.||) pg_catalog.left(w, n);
          end loop;
        end if;
      end loop;
      -- array_to_tsvector drops duplicates; empty words (from punctuation-only tokens) go first.
      return pg_catalog.array_to_tsvector(pg_catalog.array_remove(a, ''));
    end $$`.execute(db);
  await sql`create index member_name_prefix_idx on member using gin (member_name_prefixes(name_norm))`.execute(db);
  // Superseded: word search no longer uses partial match on the plain words.
  await sql`drop index member_name_words_idx`.execute(db);
  // Date sorts of a large subtree walk these as name sorts walk member_name_sort_idx.
  await sql`create index member_birth_idx on member (birth_date, id)`.execute(db);
  await sql`create index member_admission_idx on member (admission_date, id)`.execute(db);
}
