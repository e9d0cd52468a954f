import { sql, type Kysely } from 'kysely';

// The member import at scale (issue 6 targets). The dry run writes each valid row once, as the
// record it would become, to import_row; the commit then writes members from it set-based
// instead of reading and checking the file a second time. Unlogged: it is a cache of the dry
// run; when it is lost (a crash) the commit notices the missing rows and analyses the file again.
//
// The name vocabulary of migration 0007 was kept by a trigger per row; an import of a million
// rows ran it a million times. It becomes two statement triggers over the transition tables
// (the same words, one insert per statement), as the name tokens of migration 0015 are.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create unlogged table import_row (
      job_id bigint not null references import_job(id) on delete cascade,
      row int not null,
      kind text not null check (kind in ('new', 'update', 'unchanged')),
      member_id bigint,
      member_version int,
      patch jsonb,
      full_name text,
      name_norm text,
      name_sort text collate "C",
      other_names text,
      sex text,
      birth_date date,
      birthplace text,
      hometown text,
      residence text,
      ethnicity text,
      religion text,
      citizen_id text,
      party_card_no text,
      admission_date date,
      official_date date,
      youth_union_date date,
      general_education text,
      professional_level text,
      theory_level text,
      occupation text,
      positions text,
      phone text,
      status text,
      status_since date,
      org_id bigint,
      primary key (job_id, row)
    )`.execute(db);

  await sql`drop trigger member_name_word_add on member`.execute(db);
  await sql`
    create or replace function member_name_word_add() returns trigger language plpgsql as $$
    begin
      insert into member_name_word (word)
      select distinct w from new_rows n, pg_catalog.unnest(pg_catalog.tsvector_to_array(member_name_words(n.name_norm))) w
      on conflict do nothing;
      return null;
    end $$`.execute(db);
  await sql`
    create function member_name_word_update() returns trigger language plpgsql as $$
    begin
      insert into member_name_word (word)
      select distinct w
      from new_rows n join old_rows o on o.id = n.id,
           pg_catalog.unnest(pg_catalog.tsvector_to_array(member_name_words(n.name_norm))) w
      where n.name_norm is distinct from o.name_norm
      on conflict do nothing;
      return null;
    end $$`.execute(db);
  await sql`
    create trigger member_name_word_add after insert on member
    referencing new table as new_rows for each statement execute function member_name_word_add()`.execute(db);
  await sql`
    create trigger member_name_word_update after update on member
    referencing old table as old_rows new table as new_rows for each statement execute function member_name_word_update()`.execute(db);
}
