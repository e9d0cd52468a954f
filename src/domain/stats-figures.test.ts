import { describe, expect, it } from 'vitest';
import { shapeFigures, type DimRow } from './stats-figures.js';

const r = (dim: string, val: string, n: number): DimRow => ({ dim, val, n });

describe('R-STAT-04 figures from roll-up counts', () => {
  it('gives zeros for every fixed key when there is nothing', () => {
    const f = shapeFigures([], 2026);
    expect(f.members.total).toBe(0);
    expect(f.members.byAgeBand).toEqual({ le30: 0, '31_40': 0, '41_50': 0, '51_60': 0, ge61: 0 });
    expect(f.members.byTheoryLevel).toEqual({ none: 0, elementary: 0, intermediate: 0, advanced: 0, bachelor: 0 });
    expect(f.members.byEducation).toEqual({ primary: 0, lower_secondary: 0, upper_secondary: 0, unknown: 0 });
    expect(f.members.byEthnicity).toEqual({ kinh: 0, minority: 0, detail: {} });
    expect(f.orgs.byType.cell).toBe(0);
    expect(f.orgs.byKind.commune).toBe(0);
    expect(f).toMatchObject({ women: 0, ethnicMinority: 0, youth: 0 });
  });

  it('bands ages by birth year as of the report year, at each boundary', () => {
    const rows = [1996, 1995, 1986, 1985, 1976, 1975, 1966, 1965].map((y) => r('birth_year', String(y), 1));
    expect(shapeFigures(rows, 2026).members.byAgeBand).toEqual({ le30: 1, '31_40': 2, '41_50': 2, '51_60': 2, ge61: 1 });
    // The same people a year earlier: everyone is a year younger.
    expect(shapeFigures(rows, 2025).members.byAgeBand).toEqual({ le30: 2, '31_40': 2, '41_50': 2, '51_60': 2, ge61: 0 });
    expect(shapeFigures([r('birth_year', '1996', 4)], 2026).youth).toBe(4);
  });

  it('splits ethnicity and religion into the majority figure, the rest, and a breakdown of the rest', () => {
    const f = shapeFigures(
      [r('ethnicity', 'kinh', 10), r('ethnicity', 'tay', 3), r('ethnicity', 'hmong', 2), r('religion', 'none', 12), r('religion', 'catholic', 3)],
      2026,
    );
    expect(f.members.byEthnicity).toEqual({ kinh: 10, minority: 5, detail: { hmong: 2, tay: 3 } });
    expect(f.ethnicMinority).toBe(5);
    expect(f.members.byReligion).toEqual({ none: 12, religious: 3, detail: { catholic: 3 } });
  });

  it('counts grassroots orgs and cells from org types, and keeps codes outside the lists', () => {
    const f = shapeFigures(
      [
        r('org_type', 'grassroots_committee', 2),
        r('org_type', 'grassroots_cell', 3),
        r('org_type', 'cell', 7),
        r('org_kind', 'village', 4),
        r('org_kind', 'other_code', 1),
        r('theory_level', 'advanced', 2),
        r('theory_level', 'legacy', 1),
      ],
      2026,
    );
    expect(f.orgs.grassroots).toBe(5);
    expect(f.orgs.cells).toBe(10);
    expect(f.orgs.byKind.village).toBe(4);
    expect(f.orgs.byKind.other_code).toBe(1);
    expect(f.members.byTheoryLevel.advanced).toBe(2);
    expect(f.members.byTheoryLevel.legacy).toBe(1);
  });

  it('adds rows that repeat a (dim, val), as sums over several roots do', () => {
    const f = shapeFigures([r('total', 'all', 3), r('total', 'all', 4), r('sex', 'female', 2), r('sex', 'female', 1), r('youth_union', 'yes', 5)], 2026);
    expect(f.members.total).toBe(7);
    expect(f.women).toBe(3);
    expect(f.members.youthUnion).toBe(5);
  });
});
