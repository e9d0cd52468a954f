import { addCalendarDays, weekday } from './iso-date.js';
import type { HolidayYear } from './holiday-types.js';
import { VN_HOLIDAY_YEARS } from './vn-holidays.data.js';

// Working days ("ngày làm việc", "wd" in rules.md §0): Monday–Friday, minus public holidays,
// plus Saturdays worked in exchange for a bridging day. A deadline "within n wd of" an event
// ends on the n-th working day after it: the event day itself is not counted (Bộ luật Dân sự
// 2015 Điều 147: a period starts the day after the event).

export interface WorkingCalendar {
  readonly firstYear: number;
  readonly lastYear: number;
  readonly daysOff: ReadonlySet<string>;
  readonly makeUpDays: ReadonlySet<string>;
}

/** Asked about a day outside the years the holiday data covers: refuse rather than guess. */
export class CalendarRangeError extends RangeError {
  constructor(readonly date: string, readonly calendar: Pick<WorkingCalendar, 'firstYear' | 'lastYear'>) {
    super(`working-day calendar covers ${calendar.firstYear}–${calendar.lastYear}, not ${date}`);
    this.name = 'CalendarRangeError';
  }
}

/** A calendar from holiday data for consecutive years (the shipped data, or an administrator's). */
export function calendarFromYears(years: readonly HolidayYear[]): WorkingCalendar {
  if (years.length === 0) throw new RangeError('a working-day calendar needs at least one year of holidays');
  const sorted = [...years].sort((a, b) => a.year - b.year);
  sorted.forEach((y, i) => {
    if (i > 0 && y.year !== sorted[i - 1]!.year + 1) throw new RangeError(`holiday years must be consecutive: ${sorted[i - 1]!.year}, ${y.year}`);
  });
  const daysOff = new Set<string>();
  const makeUpDays = new Set<string>();
  for (const y of sorted) {
    for (const p of y.periods) {
      for (const d of p.daysOff) daysOff.add(d);
      for (const d of p.makeUpDays ?? []) makeUpDays.add(d);
    }
  }
  return { firstYear: sorted[0]!.year, lastYear: sorted[sorted.length - 1]!.year, daysOff, makeUpDays };
}

export const VN_WORKING_CALENDAR: WorkingCalendar = calendarFromYears(VN_HOLIDAY_YEARS);

function covered(date: string, calendar: WorkingCalendar): void {
  const year = Number(date.slice(0, 4));
  if (year < calendar.firstYear || year > calendar.lastYear) throw new CalendarRangeError(date, calendar);
}

export function isWorkingDay(date: string, calendar: WorkingCalendar = VN_WORKING_CALENDAR): boolean {
  covered(date, calendar);
  if (calendar.makeUpDays.has(date)) return true;
  const wd = weekday(date);
  return wd !== 0 && wd !== 6 && !calendar.daysOff.has(date);
}

/**
 * The n-th working day after `date` (n > 0), or before it (n < 0); `date` itself for n = 0.
 * `date` need not be a working day: a resolution adopted on a Sunday starts the count on Monday.
 */
export function addWorkingDays(date: string, n: number, calendar: WorkingCalendar = VN_WORKING_CALENDAR): string {
  if (!Number.isInteger(n)) throw new RangeError(`working days must be a whole number: ${n}`);
  // Remembered per calendar: the daily due-items job asks the same few thousand (day, n) pairs
  // for every open case in the country, and each answer walks up to a hundred days.
  let known = walked.get(calendar);
  if (!known) walked.set(calendar, (known = new Map()));
  const key = `${date}|${n}`;
  let end = known.get(key);
  if (end === undefined) known.set(key, (end = walkWorkingDays(date, n, calendar)));
  return end;
}

const walked = new WeakMap<WorkingCalendar, Map<string, string>>();

function walkWorkingDays(date: string, n: number, calendar: WorkingCalendar): string {
  const step = n < 0 ? -1 : 1;
  let d = date;
  for (let left = Math.abs(n); left > 0; ) {
    d = addCalendarDays(d, step);
    if (isWorkingDay(d, calendar)) left--;
  }
  return d;
}

/**
 * Working days after `from` up to and including `to`; when `to` is earlier, minus the working
 * days from `to` up to but excluding `from`. Either way workingDaysBetween(d, addWorkingDays(d, n)) = n.
 */
export function workingDaysBetween(from: string, to: string, calendar: WorkingCalendar = VN_WORKING_CALENDAR): number {
  let count = 0;
  if (to >= from) {
    for (let d = addCalendarDays(from, 1); d <= to; d = addCalendarDays(d, 1)) if (isWorkingDay(d, calendar)) count++;
    return count;
  }
  for (let d = to; d < from; d = addCalendarDays(d, 1)) if (isWorkingDay(d, calendar)) count--;
  return count;
}
