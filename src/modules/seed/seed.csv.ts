// CSV as COPY ... with (format csv) reads it: no header, NULL is an empty unquoted field, a
// field with a quote, comma or line break is quoted with inner quotes doubled.

const NEEDS_QUOTES = /[",\r\n]/;

export function csvField(v: string | number | boolean | null | undefined): string {
  if (v === null || v === undefined) return '';
  const s = String(v);
  if (s === '') return '""'; // an empty string, not NULL
  return NEEDS_QUOTES.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function csvLine(values: readonly (string | number | boolean | null | undefined)[]): string {
  return `${values.map(csvField).join(',')}\n`;
}

/** The tables the seed writes, in load order (each only references tables before it). */
export const SEED_TABLES = {
  org: ['id', 'code', 'name', 'name_norm', 'org_type', 'org_kind', 'parent_id', 'path', 'level', 'founded_on', 'founding_decision', 'is_demo'],
  org_version: ['org_id', 'valid_from', 'valid_to', 'name', 'org_type', 'org_kind', 'parent_id', 'path', 'level'],
  org_event: ['id', 'org_id', 'kind', 'effective_date', 'decision_no', 'details'],
  // Before member: with the trigger of migration 0007 on (the demo), the member rows add the
  // same words, and the trigger skips what is there.
  member_name_word: ['word'],
  member: [
    'id', 'full_name', 'name_norm', 'name_sort', 'sex', 'birth_date', 'birthplace', 'hometown', 'residence', 'ethnicity',
    'religion', 'citizen_id', 'party_card_no', 'admission_date', 'official_date', 'youth_union_date', 'general_education',
    'professional_level', 'theory_level', 'occupation', 'positions', 'phone', 'status', 'status_since', 'org_id', 'org_path', 'is_demo',
  ],
  member_status_period: ['member_id', 'valid_from', 'valid_to', 'status'],
  member_placement: ['member_id', 'valid_from', 'valid_to', 'org_id'],
  org_rollup: ['org_id', 'dim', 'val', 'n'],
} as const satisfies Record<string, readonly string[]>;

export type SeedTable = keyof typeof SEED_TABLES;
export const SEED_TABLE_NAMES = Object.keys(SEED_TABLES) as SeedTable[];
