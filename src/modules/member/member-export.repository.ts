import type { Kysely } from 'kysely';
import type { DB } from '../../db/types.js';
import { inScope, type Scope } from '../auth/scope.js';

// The SQL of the member list export. Which members, in which order, is the list's own query
// (member.repository listPage, walked by its keyset cursor); this file reads the columns of the
// official list for one chunk of those ids, and the names the title row prints.

/** One member as the official list prints them: codes still as stored. */
export interface ExportRow {
  id: number;
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

/**
 * The export columns of these members, in the order of `ids`. Scoped again here: the ids come
 * from a scoped query, but a member moved out of scope between the two reads must not appear.
 */
export async function exportRows(db: Kysely<DB>, scope: Scope, ids: readonly number[]): Promise<ExportRow[]> {
  if (ids.length === 0) return [];
  const rows = await db
    .selectFrom('member as m')
    .innerJoin('org as o', 'o.id', 'm.org_id')
    .select([
      'm.id',
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
      'o.name as org_name',
    ])
    .where('m.id', 'in', [...ids])
    .where('m.deleted_at', 'is', null)
    .where(inScope(scope, 'm.org_path'))
    .execute();
  const byId = new Map(rows.map((r) => [r.id, r]));
  return ids.flatMap((id) => byId.get(id) ?? []);
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
