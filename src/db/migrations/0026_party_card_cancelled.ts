import { sql, type Kysely } from 'kysely';

// R-REC-04 on exit (issue 5 item 7): every exit closes the member's open card in its own
// transaction. A card already decided is recovered or kept by the family; a request the direct
// superior has not yet decided was never printed, so it lapses: the status 'cancelled', which,
// like 'requested', has no decision date and no number.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table party_card drop constraint party_card_status_check`.execute(db);
  await sql`
    alter table party_card add constraint party_card_status_check
      check (status in ('requested', 'decided', 'handed_over', 'recovered', 'kept_by_family', 'lost', 'damaged', 'cancelled'))`.execute(db);
  // Was: (status = 'requested') = (decision_date is null), created unnamed in 0020.
  await sql`alter table party_card drop constraint party_card_check`.execute(db);
  await sql`alter table party_card add constraint party_card_decision_check check ((status in ('requested', 'cancelled')) = (decision_date is null))`.execute(db);
}
