import { sql, type Kysely } from 'kysely';
import type { DB } from '../src/db/types.js';

// Open admission cases for the due-list benchmark (issue 5 item 9), the national seed having
// none: one candidate with an open case in every second cell, spread over the states that carry
// a deadline, with step dates in the last 120 days so that some are overdue, some in extension,
// some due soon. Written straight in SQL like the seed's bulk load, in one statement per table.
export async function insertOpenCases(db: Kysely<DB>, today: string): Promise<number> {
  await sql`
    insert into candidate (full_name, name_norm, name_sort, sex, birth_date, citizen_id, org_id, org_path, youth_union_member, course_certificate_date)
    select 'Quần chúng ' || o.id, 'quan chung ' || o.id, 'chung ' || o.id, case when o.id % 2 = 0 then 'male' else 'female' end,
           date '1995-01-01' + (o.id % 3000)::int, '9' || lpad(o.id::text, 11, '0'), o.id, o.path, true, ${today}::date - 200
    from org o
    where o.org_type in ('cell', 'grassroots_cell') and o.dissolved_on is null and o.id % 2 = 0`.execute(db);
  const { rows } = await sql<{ n: string }>`
    with ins as (
      insert into admission_case (candidate_id, citizen_id, org_id, org_path, needs_grassroots_resolution, state, opened_on,
        course_certificate_date, sponsors_date, background_requested_on, background_abroad, cell_resolution_date, decision_date, ceremony_date)
      select p.id, p.citizen_id, p.org_id, p.org_path, o.org_type = 'cell',
             (array['sponsored', 'background_check_pending', 'cell_resolved', 'decided', 'admitted'])[1 + p.id % 5],
             ${today}::date - 190, ${today}::date - 180, ${today}::date - 170,
             case when p.id % 5 >= 1 then ${today}::date - (p.id % 120)::int end, false,
             case when p.id % 5 >= 2 then ${today}::date - (p.id % 120)::int end,
             case when p.id % 5 >= 3 then ${today}::date - (p.id % 60)::int end,
             case when p.id % 5 >= 4 then ${today}::date - (p.id % 40)::int end
      from candidate p join org o on o.id = p.org_id
      where p.citizen_id like '9%'
      returning 1)
    select count(*) as n from ins`.execute(db);
  await sql`analyze candidate, admission_case`.execute(db);
  return Number(rows[0]!.n);
}
