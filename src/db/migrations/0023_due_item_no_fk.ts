import { sql, type Kysely } from 'kysely';

// The daily due job (issue 5 item 9) writes a national list of deadlines in one go when the list
// is built (211,000 rows on the national dataset), and a foreign-key check per row on org and
// member was a third of that write. due_item is derived: every row is computed from a case row
// whose own foreign keys already hold the same org and member (admission_case.org_id,
// transfer_case.destination_org_id, removal_case.member_id …), and the job rewrites what differs
// every day; the list joins org on read, so a row could not show an org that is gone.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table due_item drop constraint due_item_org_id_fkey`.execute(db);
  await sql`alter table due_item drop constraint due_item_member_id_fkey`.execute(db);
}
