import { VN_WORKING_CALENDAR, type WorkingCalendar } from '../calendar/working-days.js';
import type { DisciplineForm } from '../discipline.js';
import { paramOn } from '../rules/params.js';
import { deadlineDates, periodEnd } from '../rules/period.js';
import { PROB_CONSIDERATION_DEADLINE, PROB_DECISION_DEADLINE, PROB_FAILED_VOTES_BEFORE_ESCALATION, PROB_LENGTH } from '../rules/probation.params.js';

// Probation and recognition as an official member (rules.md §4).

/**
 * R-PROB-01 and R-PROB-03: probation runs 12 months from the admission ceremony, and a member
 * recognised is official on the day it ends, ceremony + 12 months (a 29 February ceremony gives
 * 28 February), whatever day the chi bộ meets or the decision is signed.
 */
export function officialDate(ceremonyDate: string): string {
  return periodEnd(ceremonyDate, paramOn(PROB_LENGTH, ceremonyDate));
}

/** R-PROB-02: the chi bộ considers recognition (or proposes xóa tên) by this date. */
export function recognitionConsiderationDue(ceremonyDate: string, calendar: WorkingCalendar = VN_WORKING_CALENDAR): string {
  const end = officialDate(ceremonyDate);
  return periodEnd(end, paramOn(PROB_CONSIDERATION_DEADLINE, end), calendar);
}

/** R-PROB-04: the authority decides recognition by `due`, or `dueWithExtension` (15 wd from 01/07/2025, 30 before). */
export function recognitionDecisionDue(cellResolutionDate: string, calendar: WorkingCalendar = VN_WORKING_CALENDAR) {
  return deadlineDates(cellResolutionDate, paramOn(PROB_DECISION_DEADLINE, cellResolutionDate), calendar);
}

/**
 * R-PROB-06: after three votes of the lower organization reached two thirds neither to recognise
 * nor to remove, the case goes to the direct superior and the competent cấp ủy.
 */
export function recognitionEscalates(inconclusiveVotes: number, lastVoteDate: string): boolean {
  return inconclusiveVotes >= paramOn(PROB_FAILED_VOTES_BEFORE_ESCALATION, lastVoteDate);
}

/** R-PROB-10: a probationary member may only be reprimanded or warned; unfit ones are removed (xóa tên), not expelled. */
export function disciplineAllowedOnProbation(form: DisciplineForm): boolean {
  return form === 'reprimand' || form === 'warning';
}
