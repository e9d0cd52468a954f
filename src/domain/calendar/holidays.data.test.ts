import { describe, expect, it } from 'vitest';
import { calendarDaysBetween, weekday } from './iso-date.js';
import { HOLIDAY_NAMES, type HolidayName } from './holiday-types.js';
import { LUNAR_HOLIDAY_DATES } from './lunar-dates.data.js';
import { statutoryYear } from './statutory-holidays.js';
import { VN_HOLIDAY_YEARS } from './vn-holidays.data.js';

// Reviews the shipped holiday data against the law it encodes.
const statutoryDays = (year: number, name: HolidayName): number => (name === 'tet' ? 5 : name === 'national_day' && year >= 2021 ? 2 : 1);

describe('Vietnamese public holidays 2020–2030 (data)', () => {
  it('covers every year 2020–2030 with each holiday once', () => {
    expect(VN_HOLIDAY_YEARS.map((y) => y.year)).toEqual([2020, 2021, 2022, 2023, 2024, 2025, 2026, 2027, 2028, 2029, 2030]);
    for (const y of VN_HOLIDAY_YEARS) expect(y.periods.map((p) => p.name).sort()).toEqual([...HOLIDAY_NAMES].sort());
  });

  it('lists only weekdays off, only Saturdays worked, all within the year', () => {
    for (const y of VN_HOLIDAY_YEARS) {
      for (const p of y.periods) {
        for (const d of p.daysOff) {
          expect([1, 2, 3, 4, 5], `${d}`).toContain(weekday(d));
          expect(d.startsWith(String(y.year)), d).toBe(true);
        }
        for (const d of p.makeUpDays ?? []) expect(weekday(d), d).toBe(6);
      }
    }
  });

  it('gives each holiday its statutory number of days once exchanged days are netted (BLLĐ 2012 Điều 115, 2019 Điều 112)', () => {
    for (const y of VN_HOLIDAY_YEARS) {
      for (const p of y.periods) expect(p.daysOff.length - (p.makeUpDays?.length ?? 0), `${y.year} ${p.name}`).toBe(statutoryDays(y.year, p.name));
    }
  });

  it('marks a year computed-not-verified exactly when one of its periods is computed', () => {
    for (const y of VN_HOLIDAY_YEARS) expect(y.verification === 'computed-not-verified').toBe(y.periods.some((p) => p.basis === 'computed'));
    expect(VN_HOLIDAY_YEARS.filter((y) => y.verification === 'computed-not-verified').map((y) => y.year)).toEqual([2027, 2028, 2029, 2030]);
  });

  it('has the computed years equal to the statutory rule applied to the lunar dates', () => {
    for (const y of VN_HOLIDAY_YEARS.filter((x) => x.verification === 'computed-not-verified')) {
      const expected = statutoryYear(y.year, LUNAR_HOLIDAY_DATES[y.year]!);
      expect(y.periods.map((p) => [p.name, p.daysOff])).toEqual(expected.map((p) => [p.name, p.daysOff]));
    }
  });

  it('places Tết and Giỗ Tổ where the lunar calendar allows, with the reviewed dates', () => {
    expect(Object.values(LUNAR_HOLIDAY_DATES).map((l) => l.tet)).toEqual([
      '2020-01-25', '2021-02-12', '2022-02-01', '2023-01-22', '2024-02-10', '2025-01-29',
      '2026-02-17', '2027-02-06', '2028-01-26', '2029-02-13', '2030-02-02',
    ]);
    for (const [year, l] of Object.entries(LUNAR_HOLIDAY_DATES)) {
      // Tết is the new moon between 21/01 and 20/02; 10/3 lunar is 2 months (3 with a leap 2nd month, 2023) and 9 days later.
      expect(l.tet >= `${year}-01-21` && l.tet <= `${year}-02-20`, year).toBe(true);
      const gap = calendarDaysBetween(l.tet, l.hungKings);
      expect(year === '2023' ? gap >= 96 && gap <= 99 : gap >= 67 && gap <= 69, `${year}: ${gap}`).toBe(true);
    }
  });

  it('keeps each verified Tết break on or next to the lunar New Year', () => {
    for (const y of VN_HOLIDAY_YEARS) {
      const tet = y.periods.find((p) => p.name === 'tet')!;
      const lunarNewYear = LUNAR_HOLIDAY_DATES[y.year]!.tet;
      for (const d of tet.daysOff) expect(Math.abs(calendarDaysBetween(lunarNewYear, d)), `${y.year} ${d}`).toBeLessThanOrEqual(7);
    }
  });
});
