import { addCalendarDays } from '../calendar/iso-date.js';

// How a due item stands on a given day (issue 5 item 9, "due soon and overdue highlighted").
// A deadline with an extension (R-ADM-19, R-PROB-04: the decision may take longer with a
// reason) is "in extension" between the two dates, and overdue only after the second.

export const DUE_STATUSES = ['overdue', 'in_extension', 'soon', 'open'] as const;
export type DueStatus = (typeof DUE_STATUSES)[number];

/** Calendar days before a deadline from which it is shown as due soon. */
export const DUE_SOON_DAYS = 7;

export interface DueDates {
  dueOn: string;
  dueWithExtension: string | null;
}

export function dueStatus(d: DueDates, today: string, soonDays = DUE_SOON_DAYS): DueStatus {
  if (today > d.dueOn) return d.dueWithExtension !== null && today <= d.dueWithExtension ? 'in_extension' : 'overdue';
  return d.dueOn <= addCalendarDays(today, soonDays) ? 'soon' : 'open';
}

/** The due dates that make an item overdue, in extension or due soon on `today`, as SQL bounds read them. */
export function dueBounds(today: string, soonDays = DUE_SOON_DAYS): { overdueBefore: string; soonUntil: string } {
  return { overdueBefore: today, soonUntil: addCalendarDays(today, soonDays) };
}
