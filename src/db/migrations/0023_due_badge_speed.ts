import { sql, type Kysely } from 'kysely';

// Issue 5's national jobs.
//
// The daily due job (item 9) writes a national list of deadlines in one go when the list is built
// (211,000 rows on the national dataset), and a foreign-key check per row on org and member was a
// third of that write. due_item is derived: every row is computed from a case row whose own
// foreign keys already hold the same org and member (admission_case.org_id,
// transfer_case.destination_org_id, removal_case.member_id …), and the job rewrites what differs
// every day; the list joins org on read, so a row could not show an org that is gone.
//
// The badge candidates of a batch (item 6) read, for each of a hundred thousand members, their
// periods out of the party (closed or open, not annulled): through the primary key that was a heap
// visit to every period of every member; this partial index holds only the few such periods, so
// a member without one costs an index probe and no heap read.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table due_item drop constraint due_item_org_id_fkey`.execute(db);
  await sql`alter table due_item drop constraint due_item_member_id_fkey`.execute(db);
  await sql`
    create index member_status_period_gap_all_idx on member_status_period(member_id)
    where status in ('removed', 'expelled', 'withdrawn', 'deceased') and not annulled_as_wrongful`.execute(db);
}
