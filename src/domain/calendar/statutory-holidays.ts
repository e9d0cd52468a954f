import { addCalendarDays, weekday } from './iso-date.js';
import type { HolidayName, HolidayPeriod, LunarHolidayDates } from './holiday-types.js';

// The statutory holidays of Bộ luật Lao động 2019 (in force from 01/01/2021), art. 112: 1/1;
// 5 days of Tết; Giỗ Tổ Hùng Vương (10/3 lunar); 30/4; 1/5; 2/9 and one adjacent day. Art. 111(3):
// a holiday on a weekly rest day gives a day in lieu on the next working day.
//
// Which Tết days and which day next to 2/9 is the government's choice each year. Used only for
// years with no checked announcement (basis `computed`), and to check those years' data:
// - Tết: lunar New Year's Eve and the first four days of the year;
// - 2/9: the adjacent day that joins the break to a weekend, as chosen 2021–2026
//   (Mon → 3/9, Tue → 1/9, Wed → 1/9, Thu → 3/9, Fri → 1/9, Sat → 1/9, Sun → 3/9).

const isWeekend = (date: string) => weekday(date) === 0 || weekday(date) === 6;

const NATIONAL_DAY_PARTNER = ['03', '03', '01', '01', '03', '01', '01'] as const; // by weekday of 2/9, Sunday first

export function statutoryHolidayDates(year: number, lunar: LunarHolidayDates): { name: HolidayName; dates: string[] }[] {
  const y = String(year);
  const nationalDay = `${y}-09-02`;
  const partner = `${y}-09-${NATIONAL_DAY_PARTNER[weekday(nationalDay)]}`;
  return [
    { name: 'new_year', dates: [`${y}-01-01`] },
    { name: 'tet', dates: [-1, 0, 1, 2, 3].map((d) => addCalendarDays(lunar.tet, d)) },
    { name: 'hung_kings', dates: [lunar.hungKings] },
    { name: 'reunification', dates: [`${y}-04-30`] },
    { name: 'labour_day', dates: [`${y}-05-01`] },
    { name: 'national_day', dates: [partner, nationalDay].sort() },
  ];
}

/** A year's holiday periods by the statutory rule, every period marked `computed`. */
export function statutoryYear(year: number, lunar: LunarHolidayDates): HolidayPeriod[] {
  const groups = statutoryHolidayDates(year, lunar);
  const taken = new Set(groups.flatMap((g) => g.dates));
  const daysOff = new Map<HolidayName, string[]>(groups.map((g) => [g.name, g.dates.filter((d) => !isWeekend(d))]));
  // Days in lieu in date order, each on the first working day after its holiday not already taken.
  const onWeekend = groups.flatMap((g) => g.dates.filter(isWeekend).map((date) => ({ name: g.name, date }))).sort((a, b) => (a.date < b.date ? -1 : 1));
  for (const { name, date } of onWeekend) {
    let d = addCalendarDays(date, 1);
    while (isWeekend(d) || taken.has(d)) d = addCalendarDays(d, 1);
    taken.add(d);
    daysOff.get(name)?.push(d);
  }
  return groups.map((g) => ({
    name: g.name,
    daysOff: (daysOff.get(g.name) ?? []).sort(),
    basis: 'computed' as const,
    source: 'BLLĐ 2019 Điều 111(3), 112 applied by statutoryYear; no announcement checked',
  }));
}
