import { ACTIVE_STATUSES, type MemberStatus } from './member-status.js';
import { educationBand } from './education.js';

// What an active member adds to the roll-up counts of each org above them (v1).
// Each dimension is defined twice — in TypeScript for incremental updates and in SQL for the
// full recount — and a test holds the two to the same answer on every row it generates.

export interface RollupMember {
  status: string;
  sex: string;
  birth_date: string;
  ethnicity: string;
  religion: string;
  theory_level: string;
  general_education: string | null;
  professional_level: string | null;
  youth_union_date: string | null;
}

export interface RollupDim {
  dim: string;
  js: (m: RollupMember) => string;
  sql: string; // expression over the member table's columns
}

export const ROLLUP_DIMS: readonly RollupDim[] = [
  { dim: 'total', js: () => 'all', sql: `'all'` },
  { dim: 'status', js: (m) => m.status, sql: 'status' },
  { dim: 'sex', js: (m) => m.sex, sql: 'sex' },
  { dim: 'birth_year', js: (m) => m.birth_date.slice(0, 4), sql: `to_char(birth_date, 'YYYY')` },
  { dim: 'ethnicity', js: (m) => m.ethnicity, sql: 'ethnicity' },
  { dim: 'religion', js: (m) => m.religion, sql: 'religion' },
  { dim: 'theory_level', js: (m) => m.theory_level, sql: 'theory_level' },
  { dim: 'professional_level', js: (m) => m.professional_level ?? 'none', sql: `coalesce(professional_level, 'none')` },
  {
    dim: 'education',
    js: (m) => educationBand(m.general_education),
    sql: `case
      when general_education ~ '^[0-9]{1,2}/12$' then case
        when split_part(general_education, '/', 1)::int > 9 then 'upper_secondary'
        when split_part(general_education, '/', 1)::int > 5 then 'lower_secondary'
        else 'primary' end
      when general_education ~ '^[0-9]{1,2}/10$' then case
        when split_part(general_education, '/', 1)::int > 7 then 'upper_secondary'
        when split_part(general_education, '/', 1)::int > 4 then 'lower_secondary'
        else 'primary' end
      else 'unknown' end`,
  },
  { dim: 'youth_union', js: (m) => (m.youth_union_date ? 'yes' : 'no'), sql: `case when youth_union_date is null then 'no' else 'yes' end` },
];

export type DimCounts = Map<string, number>; // key: `${dim}\u0000${val}`

export const dimKey = (dim: string, val: string) => `${dim}\u0000${val}`;

/** The (dim, val) pairs a member contributes; none when not on the rolls. */
export function memberDims(m: RollupMember): [string, string][] {
  if (!ACTIVE_STATUSES.includes(m.status as MemberStatus)) return [];
  return ROLLUP_DIMS.map((d) => [d.dim, d.js(m)]);
}

/** +1/−1 per (dim, val) for a change from `before` to `after` (either may be absent). */
export function dimDelta(before: RollupMember | null, after: RollupMember | null): DimCounts {
  const delta: DimCounts = new Map();
  for (const [d, v] of before ? memberDims(before) : []) delta.set(dimKey(d, v), (delta.get(dimKey(d, v)) ?? 0) - 1);
  for (const [d, v] of after ? memberDims(after) : []) delta.set(dimKey(d, v), (delta.get(dimKey(d, v)) ?? 0) + 1);
  for (const [k, n] of delta) if (n === 0) delta.delete(k);
  return delta;
}

/** Adds `delta` into `into` (a bulk write sums its members' contributions before writing them). */
export function addDelta(into: DimCounts, delta: DimCounts): void {
  for (const [k, n] of delta) into.set(k, (into.get(k) ?? 0) + n);
}

// Org counts: each live org adds to its ancestors' (and its own) counts by type and kind.
export const ORG_DIMS = {
  type: 'org_type',
  kind: 'org_kind',
} as const;
