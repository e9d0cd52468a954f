import { addCalendarDays, addMonths } from '../calendar/iso-date.js';
import { addWorkingDays, VN_WORKING_CALENDAR, type WorkingCalendar } from '../calendar/working-days.js';

// A length of time as the rules state it: in working days ("wd"), calendar days or months
// (rules.md §0). Kept as data so a parameter's version says its unit along with its amount.

export type PeriodUnit = 'working_days' | 'calendar_days' | 'months';

export interface Period {
  readonly amount: number;
  readonly unit: PeriodUnit;
}

export const wd = (amount: number): Period => ({ amount, unit: 'working_days' });
export const months = (amount: number): Period => ({ amount, unit: 'months' });

/** A deadline and the most it may be extended (null: no extension provided for). */
export interface ExtensibleDeadline {
  readonly period: Period;
  readonly maxExtension: Period | null;
}

/**
 * The last day of `period` counted from `start` (start day not counted; months clamp to the end
 * of a shorter month, see addMonths). A period in months or calendar days is not moved off a
 * weekend: no rule in rules.md asks for that.
 */
export function periodEnd(start: string, period: Period, calendar: WorkingCalendar = VN_WORKING_CALENDAR): string {
  switch (period.unit) {
    case 'working_days':
      return addWorkingDays(start, period.amount, calendar);
    case 'calendar_days':
      return addCalendarDays(start, period.amount);
    case 'months':
      return addMonths(start, period.amount);
  }
}

/** periodEnd of the deadline, then of its full extension (null when none is provided for). */
export function deadlineDates(
  start: string,
  deadline: ExtensibleDeadline,
  calendar: WorkingCalendar = VN_WORKING_CALENDAR,
): { due: string; dueWithExtension: string | null } {
  const due = periodEnd(start, deadline.period, calendar);
  return { due, dueWithExtension: deadline.maxExtension ? periodEnd(due, deadline.maxExtension, calendar) : null };
}
