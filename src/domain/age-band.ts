// Age bands of the statistics forms (R-STAT-04): ≤30, 31–40, 41–50, 51–60, ≥61.
// Age is counted by year of birth as of the report year, as the annual forms tally it
// ([I]: the HD40 wording is unverified; change AGE_RULE_VERSION if it turns out otherwise).
export const AGE_RULE_VERSION = 1;

export const AGE_BANDS = ['le30', '31_40', '41_50', '51_60', 'ge61'] as const;
export type AgeBand = (typeof AGE_BANDS)[number];

export function ageInYear(birthDate: string, asOf: string): number {
  return Number(asOf.slice(0, 4)) - Number(birthDate.slice(0, 4));
}

export function ageBand(age: number): AgeBand {
  if (age <= 30) return 'le30';
  if (age <= 40) return '31_40';
  if (age <= 50) return '41_50';
  if (age <= 60) return '51_60';
  return 'ge61';
}

/** Birth years that fall in each band for a report year (for counting from birth-year roll-ups). */
export function bandOfBirthYear(birthYear: number, reportYear: number): AgeBand {
  return ageBand(reportYear - birthYear);
}

/** Oldest age probed when deriving a band's birth years; beyond it a band is taken as open-ended. */
const AGE_PROBE_LIMIT = 200;

/**
 * The birth years whose members fall in `band` in `reportYear` (R-STAT-04), as an inclusive
 * range; null where the band is open (le30 has no youngest birth year, ge61 no earliest). Derived
 * from ageBand itself by probing ages, so the bands are stated once, above.
 */
export function birthYearsOfBand(band: AgeBand, reportYear: number): { from: number | null; to: number | null } {
  let youngest: number | null = null;
  let oldest: number | null = null;
  for (let age = 0; age <= AGE_PROBE_LIMIT; age++) {
    if (ageBand(age) !== band) continue;
    youngest ??= age;
    oldest = age;
  }
  if (youngest === null || oldest === null) throw new Error(`age band ${band} holds no age`);
  return {
    from: oldest === AGE_PROBE_LIMIT ? null : reportYear - oldest,
    to: youngest === 0 ? null : reportYear - youngest,
  };
}
