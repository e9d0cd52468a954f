// Calendar dates as 'YYYY-MM-DD' strings, the form dates travel in everywhere in Đảng vụ
// (architecture.md: no time zone may shift a decision date). Arithmetic goes through a day
// number (days since 1970-01-01, UTC) so no local clock is ever involved.

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const MS_PER_DAY = 86_400_000;

export type Weekday = 0 | 1 | 2 | 3 | 4 | 5 | 6; // 0 = Sunday, as Date.getUTCDay

export function isIsoDate(value: string): boolean {
  const m = ISO_DATE.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  return mo >= 1 && mo <= 12 && d >= 1 && d <= daysInMonth(y, mo);
}

// One match per date: the national badge batch and due job parse hundreds of thousands of dates.
function parts(date: string): [number, number, number] {
  const m = ISO_DATE.exec(date);
  const [y, mo, d] = m ? [Number(m[1]), Number(m[2]), Number(m[3])] : [0, 0, 0];
  if (!m || mo < 1 || mo > 12 || d < 1 || d > daysInMonth(y, mo)) throw new RangeError(`not a calendar date (YYYY-MM-DD): ${date}`);
  return [y, mo, d];
}

const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

export function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return MONTH_DAYS[month - 1]!;
}

export function toDayNumber(date: string): number {
  const [y, m, d] = parts(date);
  return Date.UTC(y, m - 1, d) / MS_PER_DAY;
}

export function fromDayNumber(day: number): string {
  return new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
}

export function weekday(date: string): Weekday {
  return new Date(toDayNumber(date) * MS_PER_DAY).getUTCDay() as Weekday;
}

export function addCalendarDays(date: string, days: number): string {
  return fromDayNumber(toDayNumber(date) + days);
}

/** Calendar days from `from` to `to` (negative when `to` is earlier). */
export function calendarDaysBetween(from: string, to: string): number {
  return toDayNumber(to) - toDayNumber(from);
}

/**
 * The same day of the month `months` later (or earlier). When that month is shorter, the result
 * is its last day: 2024-01-31 + 1 month = 2024-02-29, 2024-02-29 + 12 months = 2025-02-28. This
 * follows Bộ luật Dân sự 2015 Điều 148: a period in months ends on the corresponding day of the
 * last month, or on that month's last day when it has no such day.
 */
export function addMonths(date: string, months: number): string {
  const [y, m, d] = parts(date);
  const index = y * 12 + (m - 1) + months;
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  const day = Math.min(d, daysInMonth(year, month));
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/**
 * Whole months from `from` to `to` counted day-exactly: the largest n with addMonths(from, n) ≤ to.
 * Zero when `to` is before `from`.
 */
export function completedMonths(from: string, to: string): number {
  if (to < from) return 0;
  const [fy, fm] = parts(from);
  const [ty, tm] = parts(to);
  let n = (ty - fy) * 12 + (tm - fm);
  while (n > 0 && addMonths(from, n) > to) n--;
  return n;
}

/**
 * Months from `from` to `to` counted by calendar month only ("tính theo tháng"): the day of the
 * month is ignored, so someone born on 20/06/2008 has 216 months on 01/06/2026.
 */
export function calendarMonthsBetween(from: string, to: string): number {
  const [fy, fm] = parts(from);
  const [ty, tm] = parts(to);
  return (ty - fy) * 12 + (tm - fm);
}

export function minDate(a: string, b: string): string {
  return a <= b ? a : b;
}

export function maxDate(a: string, b: string): string {
  return a >= b ? a : b;
}
