import { ageOn } from '../member-validation.js';

// Which date party age starts from, and which personal data may still change (R-AGE-02, 05, 07).

/** R-AGE-02: the admission decision's date, or, when the decision cannot be found, the admission date on the party card. */
export function partyAgeStartDate(admissionDecisionDate: string | null, partyCardAdmissionDate: string | null): string | null {
  return admissionDecisionDate ?? partyCardAdmissionDate;
}

/**
 * R-AGE-07: a member admitted under 18 keeps the original admission date if admitted before
 * 05/09/1960, or before 30/04/1975 south of the Bến Hải river. Any other admission under 18 is
 * not recognised as dated: it goes to the đảng tịch authority (R-AGE-06, R-ADM-32). The wartime
 * single-introducer and Việt Minh exceptions need facts the record does not hold and are not modelled.
 */
export function underageAdmissionKeepsDate(birthDate: string, admissionDate: string, southOfBenHai: boolean): boolean {
  if (ageOn(birthDate, admissionDate) >= 18) return true;
  return admissionDate < (southOfBenHai ? '1975-04-30' : '1960-09-05');
}

/** R-AGE-05: from 18/08/2016 a member's date of birth can no longer be changed. */
export function birthDateChangeAllowed(requestDate: string): boolean {
  return requestDate < '2016-08-18';
}
