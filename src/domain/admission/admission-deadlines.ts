import { VN_WORKING_CALENDAR, type WorkingCalendar, workingDaysBetween } from '../calendar/working-days.js';
import {
  ADM_BACKGROUND_REPLY,
  ADM_CEREMONY_DEADLINE,
  ADM_DECISION_AFTER_MOVE,
  ADM_DECISION_DEADLINE,
  ADM_DOSSIER_VALIDITY,
  ADM_LOCAL_INTERNAL_DEADLINES,
  ADM_MEMBER_FORMS_DEADLINE,
  ADM_MOVED_APPLICANT,
} from '../rules/admission.params.js';
import { paramOn, type RuleSettings } from '../rules/params.js';
import { deadlineDates, periodEnd } from '../rules/period.js';

// Deadlines of the admission case. Each is counted from its event with the rule version in force
// on that event's date; the day of the event is not counted.

/** R-ADM-14: the verifying cấp ủy replies by this date (30 wd in Việt Nam, 90 wd abroad). */
export function backgroundReplyDue(requestDate: string, abroad: boolean, calendar: WorkingCalendar = VN_WORKING_CALENDAR): string {
  const p = paramOn(ADM_BACKGROUND_REPLY, requestDate);
  return periodEnd(requestDate, abroad ? p.abroad : p.domestic, calendar);
}

/** R-ADM-19: the authority decides by `due`, or by `dueWithExtension` in special cases. */
export function admissionDecisionDue(cellResolutionDate: string, calendar: WorkingCalendar = VN_WORKING_CALENDAR) {
  return deadlineDates(cellResolutionDate, paramOn(ADM_DECISION_DEADLINE, cellResolutionDate), calendar);
}

/** R-ADM-20 [L]: Hà Nội's internal deadlines, or null where the province has not turned them on. */
export function localAdmissionDeadlines(cellResolutionDate: string, settings?: RuleSettings, calendar: WorkingCalendar = VN_WORKING_CALENDAR) {
  const p = paramOn(ADM_LOCAL_INTERNAL_DEADLINES, cellResolutionDate, settings);
  if (p === null) return null;
  return { dossierUp: periodEnd(cellResolutionDate, p.dossierUp, calendar), grassrootsResolution: periodEnd(cellResolutionDate, p.grassrootsResolution, calendar) };
}

/**
 * R-ADM-21: whether the dossier is still fresh at the chi bộ resolution; if not, the introducer's
 * letter, the Đoàn/Công đoàn resolution, supplementary checks and comments must be redone.
 */
export function dossierStillValid(dossierPreparedDate: string, cellResolutionDate: string): boolean {
  return cellResolutionDate <= periodEnd(dossierPreparedDate, paramOn(ADM_DOSSIER_VALIDITY, cellResolutionDate));
}

/** R-ADM-22: the ceremony by this date; later needs the direct superior's consent. */
export function ceremonyDue(decisionReceivedDate: string, calendar: WorkingCalendar = VN_WORKING_CALENDAR): string {
  return periodEnd(decisionReceivedDate, paramOn(ADM_CEREMONY_DEADLINE, decisionReceivedDate), calendar);
}

/** R-ADM-24: lý lịch đảng viên and phiếu đảng viên declared by this date. */
export function memberFormsDue(ceremonyDate: string, calendar: WorkingCalendar = VN_WORKING_CALENDAR): string {
  return periodEnd(ceremonyDate, paramOn(ADM_MEMBER_FORMS_DEADLINE, ceremonyDate), calendar);
}

/** R-ADM-25: the authority holding the dossier of an applicant who moved forwards it by `forwardBy`. */
export function movedApplicantForwardDue(moveKnownDate: string, calendar: WorkingCalendar = VN_WORKING_CALENDAR): string {
  return periodEnd(moveKnownDate, paramOn(ADM_MOVED_APPLICANT, moveKnownDate).forward, calendar);
}

/** R-ADM-25: the receiving authority decides by this date. */
export function movedApplicantDecisionDue(receivedDate: string, calendar: WorkingCalendar = VN_WORKING_CALENDAR): string {
  return periodEnd(receivedDate, paramOn(ADM_MOVED_APPLICANT, receivedDate).receiverDecides, calendar);
}

export type DecisionAfterMove = 'ceremony_at_new_place' | 'cancel_and_forward';

/**
 * R-ADM-26: a decision issued ≤ 30 wd after the applicant's move is carried out at the new place;
 * later, the issuing authority cancels it and forwards the dossier. (A decision before the move
 * is the ordinary case and answers `ceremony_at_new_place` too: the ceremony follows the applicant.)
 */
export function decisionAfterMove(moveDate: string, decisionDate: string, calendar: WorkingCalendar = VN_WORKING_CALENDAR): DecisionAfterMove {
  const limit = paramOn(ADM_DECISION_AFTER_MOVE, decisionDate).ceremonyAtNewPlaceUpTo;
  return workingDaysBetween(moveDate, decisionDate, calendar) <= limit.amount ? 'ceremony_at_new_place' : 'cancel_and_forward';
}

/** R-ADM-26: any review of such a case finishes by this date. */
export function moveReviewDue(reviewStartDate: string, calendar: WorkingCalendar = VN_WORKING_CALENDAR): string {
  return periodEnd(reviewStartDate, paramOn(ADM_DECISION_AFTER_MOVE, reviewStartDate).review, calendar);
}
