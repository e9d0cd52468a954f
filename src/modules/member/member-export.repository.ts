import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/types.js';
import { inScope, type Scope } from '../auth/scope.js';
import type { MemberSort } from './member.schema.js';
import { pageOfMembers, pageOrder, type MemberListFilter, type PageStart } from './member.repository.js';

// The SQL of the member list export. Which members, in which order, is the list's own query
// (member.repository pageOfMembers, walked by its keyset cursor); this file reads the columns of
// the official list with it, and the names the title row prints.

/** One member as the official list prints them: codes still as stored. */
export interface ExportRow {
  id: number;
  /** The list's sort key: where the next chunk starts. */
  name_sort: string;
  full_name: string;
  sex: string;
  birth_date: string;
  ethnicity: string;
  religion: string;
  hometown: string | null;
  citizen_id: string | null;
  admission_date: string | null;
  official_date: string | null;
  party_card_no: string | null;
  status: string;
  general_education: string | null;
  professional_level: string | null;
  theory_level: string;
  occupation: string | null;
  positions: string | null;
  org_name: string;
}

/** The columns of an ExportRow, in the order each row's json array holds them. */
const ROW_FIELDS = [
  'id',
  'name_sort',
  'full_name',
  'sex',
  'birth_date',
  'ethnicity',
  'religion',
  'hometown',
  'citizen_id',
  'admission_date',
  'official_date',
  'party_card_no',
  'status',
  'general_education',
  'professional_level',
  'theory_level',
  'occupation',
  'positions',
  'org_name',
] as const satisfies readonly (keyof ExportRow)[];

/**
 * One chunk of the list as the official list prints it, in one statement: the list's own page
 * (its filters, scope, order and keyset: `pageOfMembers`) with the export's columns, joined to
 * the org names. The caller's scope is checked again on the rows the page returns, as when the
 * columns were read by a second query; the page's own range is stated once, as the list states
 * it, so the planner estimates it as it does for the list.
 *
 * The chunk comes back as ONE json value (json_agg, in the page's order) of one array per row,
 * not as rows of 19 columns: PGlite copies every field of every row into a fresh buffer before
 * decoding it, which was a third of a million-member export's time; one JSON.parse per chunk is
 * native and cheap on both engines, and arrays rather than objects halve the text (no key
 * names). Dates inside json are ISO 'YYYY-MM-DD' text, as the date parser gives them.
 */
export async function exportPage(
  db: Kysely<DB>,
  scope: Scope,
  filter: MemberListFilter,
  sort: MemberSort,
  limit: number,
  start: PageStart,
): Promise<ExportRow[]> {
  const page = pageOfMembers(db, scope, filter, sort, limit, start).select([
    'm.id',
    'm.name_sort',
    'm.full_name',
    'm.sex',
    'm.birth_date',
    'm.ethnicity',
    'm.religion',
    'm.hometown',
    'm.citizen_id',
    'm.admission_date',
    'm.official_date',
    'm.party_card_no',
    'm.status',
    'm.general_education',
    'm.professional_level',
    'm.theory_level',
    'm.occupation',
    'm.positions',
    'm.org_id',
    'm.org_path',
  ]);
  const rows = db
    .selectFrom(page.as('p'))
    .innerJoin('org as o', 'o.id', 'p.org_id')
    .selectAll('p')
    .select('o.name as org_name')
    .where(inScope(scope, 'p.org_path'));
  const fields = sql.join(ROW_FIELDS.map((f) => sql.ref(`c.${f}`)));
  const chunk = await db
    .selectFrom(rows.as('c'))
    .select(sql<unknown[][] | string>`coalesce(json_agg(json_build_array(${fields}) order by ${pageOrder('c', sort)}), '[]'::json)`.as('rows'))
    .executeTakeFirstOrThrow();
  // Both drivers parse json; a driver told not to would hand over the text.
  const arrays = typeof chunk.rows === 'string' ? (JSON.parse(chunk.rows) as unknown[][]) : chunk.rows;
  return arrays.map(rowOf);
}

/** One row's array back as an ExportRow: ROW_FIELDS's order, written out (a million times). */
function rowOf(a: unknown[]): ExportRow {
  const [id, name_sort, full_name, sex, birth_date, ethnicity, religion, hometown, citizen_id, admission_date, official_date, party_card_no, status, general_education, professional_level, theory_level, occupation, positions, org_name] = a;
  return {
    id, name_sort, full_name, sex, birth_date, ethnicity, religion, hometown, citizen_id, admission_date, official_date,
    party_card_no, status, general_education, professional_level, theory_level, occupation, positions, org_name,
  } as ExportRow;
}

/** Names of these orgs (the roots of what is exported), in tree order, as the title row prints them. */
export async function orgNames(db: Kysely<DB>, scope: Scope, ids: readonly number[]): Promise<string[]> {
  if (ids.length === 0) return [];
  const rows = await db
    .selectFrom('org as o')
    .select('o.name')
    .where('o.id', 'in', [...ids])
    .where(inScope(scope, 'o.path'))
    .orderBy('o.path')
    .execute();
  return rows.map((r) => r.name);
}
