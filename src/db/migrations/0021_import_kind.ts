import { sql, type Kysely } from 'kysely';

// What an import job reads (issue 6 item 6): member lists as before, and now org trees and yearly
// admission targets through the same upload → dry run → commit machinery. A saved column mapping
// belongs to one kind, so a template of a name may exist once per org and kind.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table import_job drop constraint if exists import_job_kind_check`.execute(db);
  await sql`alter table import_job add constraint import_job_kind_check check (kind in ('members', 'orgs', 'targets'))`.execute(db);
  await sql`alter table import_template add column kind text not null default 'members' check (kind in ('members', 'orgs', 'targets'))`.execute(db);
  await sql`drop index import_template_name_uq`.execute(db);
  await sql`create unique index import_template_name_uq on import_template(org_id, kind, name)`.execute(db);
}
