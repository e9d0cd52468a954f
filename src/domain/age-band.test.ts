import { describe, expect, it } from 'vitest';
import { AGE_BANDS, ageBand, ageInYear, bandOfBirthYear, birthYearsOfBand } from './age-band.js';

// R-STAT-04 bands: ≤30, 31–40, 41–50, 51–60, ≥61, by year of birth as of the report year.
describe('age bands (R-STAT-04)', () => {
  it('puts each boundary age in the right band', () => {
    expect([30, 31, 40, 41, 50, 51, 60, 61].map(ageBand)).toEqual(['le30', '31_40', '31_40', '41_50', '41_50', '51_60', '51_60', 'ge61']);
    expect(ageBand(18)).toBe('le30');
    expect(ageBand(95)).toBe('ge61');
  });

  it('counts age by year of birth, whatever the day', () => {
    expect(ageInYear('1996-12-31', '2026-01-01')).toBe(30);
    expect(ageInYear('1995-01-01', '2026-12-31')).toBe(31);
    expect(bandOfBirthYear(1996, 2026)).toBe('le30');
    expect(bandOfBirthYear(1995, 2026)).toBe('31_40');
  });

  it('gives each band the birth years that band into it, open at both ends', () => {
    expect(birthYearsOfBand('le30', 2026)).toEqual({ from: 1996, to: null });
    expect(birthYearsOfBand('31_40', 2026)).toEqual({ from: 1986, to: 1995 });
    expect(birthYearsOfBand('ge61', 2026)).toEqual({ from: null, to: 1965 });
    // Every birth year from 1900 to 2026 lies in exactly the band bandOfBirthYear gives it.
    for (let y = 1900; y <= 2026; y++) {
      const holding = AGE_BANDS.filter((b) => {
        const r = birthYearsOfBand(b, 2026);
        return (r.from === null || y >= r.from) && (r.to === null || y <= r.to);
      });
      expect(holding, String(y)).toEqual([bandOfBirthYear(y, 2026)]);
    }
  });
});
