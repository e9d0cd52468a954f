import { sql, type Kysely } from 'kysely';

// A member list in name order for each org on the second level of the tree (the provinces of a
// national installation), walked from the start or from a cursor and stopped after one page.
//
// Without it a province's first page either walked the national name order and filtered out
// the other provinces' rows (≈ 150 heap rows per row shown in a small province) or read the whole
// province through member_path_name_idx and sorted it: 33–48 ms for 37,283 members, 0.4 ms with
// this index (docs/queries/member-list.md). The subtree of '/r/p/' is exactly the rows whose
// second path id is p: ids are unique and a path lists the ids from the root down, so p names
// one org and fixes the root before it.
//
// The equality also gives the planner a row estimate from the index's statistics; the path
// range of a province was estimated at 1–9 rows out of 37,858 (a range that narrow sits inside
// one histogram bucket), which chose the read-and-sort plan and kept searches in a province
// off the word index.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create index member_level2_name_idx on member ((split_part(org_path, '/', 3)), name_sort, id)`.execute(db);
  await sql`analyze member`.execute(db);
}
