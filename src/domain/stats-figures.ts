import { AGE_BANDS, bandOfBirthYear, type AgeBand } from './age-band.js';
import { EDUCATION_BANDS, PROFESSIONAL_LEVELS, THEORY_LEVELS, type EducationBand, type ProfessionalLevel, type TheoryLevel } from './education.js';
import { ORG_KINDS, ORG_TYPES, type OrgKind, type OrgType } from './org-type.js';
import { ORG_DIMS } from './rollup-dims.js';

// R-STAT-04: the figures of the basic statistics forms for one subtree (or a set of subtrees),
// shaped from (dim, val, n) counts. The same counts come from three places — org_rollup
// (today), a recount of the base tables (today) and the history tables (any past date) — and
// this one function turns each of them into the same figures, so they can only differ in data.

export interface DimRow {
  dim: string;
  val: string;
  n: number;
}

/** Fixed keys always present (0 when none); any other code found in the data is kept as its own key. */
export type Tally<K extends string> = Record<K, number> & { [code: string]: number };

export interface MemberFigures {
  total: number;
  byStatus: { probationary: number; official: number; exempt: number };
  bySex: { male: number; female: number };
  byAgeBand: Record<AgeBand, number>;
  /** `detail` breaks `minority` down by ethnicity code. */
  byEthnicity: { kinh: number; minority: number; detail: Record<string, number> };
  /** `detail` breaks `religious` down by religion code. */
  byReligion: { none: number; religious: number; detail: Record<string, number> };
  byTheoryLevel: Tally<TheoryLevel>;
  byEducation: Record<EducationBand, number>;
  byProfessionalLevel: Tally<ProfessionalLevel>;
  youthUnion: number;
}

export interface OrgFigures {
  byType: Record<OrgType, number>;
  byKind: Tally<OrgKind>;
  /** TCCS đảng: đảng bộ cơ sở + chi bộ cơ sở (glossary). */
  grassroots: number;
  /** Cell-level orgs: chi bộ trực thuộc + chi bộ cơ sở. */
  cells: number;
}

export interface StatsFigures {
  members: MemberFigures;
  orgs: OrgFigures;
  /** Convenience figures the narrative reports quote (R-STAT-04, R-SCALE-05). */
  women: number;
  ethnicMinority: number;
  /** Members aged ≤ 30 in the report year (the le30 band). */
  youth: number;
}

export const KINH = 'kinh';
/** How the figures split ethnicity: the Kinh majority and every other group (ethnicMinority). */
export const ETHNIC_GROUPS = ['kinh', 'minority'] as const;
export type EthnicGroup = (typeof ETHNIC_GROUPS)[number];
export const NO_RELIGION = 'none';

function tally<K extends string>(keys: readonly K[], values: Map<string, number> | undefined): Tally<K> {
  const out = Object.fromEntries(keys.map((k) => [k, 0])) as Tally<K>;
  for (const [val, n] of values ?? []) (out as Record<string, number>)[val] = ((out as Record<string, number>)[val] ?? 0) + n;
  return out;
}

function sum(values: Map<string, number> | undefined, keep: (val: string) => boolean = () => true): number {
  let s = 0;
  for (const [val, n] of values ?? []) if (keep(val)) s += n;
  return s;
}

function detail(values: Map<string, number> | undefined, except: string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [val, n] of [...(values ?? [])].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    if (val !== except && n !== 0) out[val] = n;
  }
  return out;
}

/** Groups rows by dimension, adding rows that repeat a (dim, val) (sums over several roots). */
export function byDim(rows: readonly DimRow[]): Map<string, Map<string, number>> {
  const dims = new Map<string, Map<string, number>>();
  for (const { dim, val, n } of rows) {
    let values = dims.get(dim);
    if (!values) dims.set(dim, (values = new Map()));
    values.set(val, (values.get(val) ?? 0) + Number(n));
  }
  return dims;
}

/**
 * Figures from (dim, val, n) counts. Age bands (R-STAT-04: ≤30, 31–40, 41–50, 51–60, ≥61) are
 * computed from the birth-year counts for `reportYear`, the year of the as-of date.
 */
export function shapeFigures(rows: readonly DimRow[], reportYear: number): StatsFigures {
  const d = byDim(rows);

  const byAgeBand = Object.fromEntries(AGE_BANDS.map((b) => [b, 0])) as Record<AgeBand, number>;
  for (const [year, n] of d.get('birth_year') ?? []) byAgeBand[bandOfBirthYear(Number(year), reportYear)] += n;

  const ethnicity = d.get('ethnicity');
  const religion = d.get('religion');
  const sex = d.get('sex');
  const status = d.get('status');
  const education = tally(EDUCATION_BANDS, d.get('education'));
  const byType = tally(ORG_TYPES, d.get(ORG_DIMS.type)) as Record<OrgType, number>;

  const members: MemberFigures = {
    total: sum(d.get('total')),
    byStatus: {
      probationary: status?.get('probationary') ?? 0,
      official: status?.get('official') ?? 0,
      exempt: status?.get('exempt') ?? 0,
    },
    bySex: { male: sex?.get('male') ?? 0, female: sex?.get('female') ?? 0 },
    byAgeBand,
    byEthnicity: { kinh: ethnicity?.get(KINH) ?? 0, minority: sum(ethnicity, (v) => v !== KINH), detail: detail(ethnicity, KINH) },
    byReligion: {
      none: religion?.get(NO_RELIGION) ?? 0,
      religious: sum(religion, (v) => v !== NO_RELIGION),
      detail: detail(religion, NO_RELIGION),
    },
    byTheoryLevel: tally(THEORY_LEVELS, d.get('theory_level')),
    byEducation: {
      primary: education.primary,
      lower_secondary: education.lower_secondary,
      upper_secondary: education.upper_secondary,
      unknown: education.unknown,
    },
    byProfessionalLevel: tally(PROFESSIONAL_LEVELS, d.get('professional_level')),
    youthUnion: d.get('youth_union')?.get('yes') ?? 0,
  };

  const orgs: OrgFigures = {
    byType,
    byKind: tally(ORG_KINDS, d.get(ORG_DIMS.kind)),
    grassroots: byType.grassroots_committee + byType.grassroots_cell,
    cells: byType.cell + byType.grassroots_cell,
  };

  return { members, orgs, women: members.bySex.female, ethnicMinority: members.byEthnicity.minority, youth: byAgeBand.le30 };
}
