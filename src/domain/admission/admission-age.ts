import { calendarMonthsBetween, completedMonths } from '../calendar/iso-date.js';
import { ADM_AGE_COUNTING, ADM_AGE_RANGE } from '../rules/admission.params.js';
import { paramOn, type RuleSettings } from '../rules/params.js';

// R-ADM-01 and R-ADM-02: the applicant's age on the date the chi bộ considers the admission.

export type AdmissionAge =
  | { readonly kind: 'under_18'; readonly months: number }
  | { readonly kind: 'eligible'; readonly months: number }
  /** R-ADM-02 path only; "> 720 months is over 60" is rules.md's [I] reading, kept here. */
  | { readonly kind: 'over_60'; readonly months: number };

/** R-ADM-01: months of age on `considerationDate`, counted as ADM_AGE_COUNTING says (default: by calendar month). */
export function ageInMonthsForAdmission(birthDate: string, considerationDate: string, settings?: RuleSettings): number {
  const counting = paramOn(ADM_AGE_COUNTING, considerationDate, settings);
  return counting === 'calendar_month' ? calendarMonthsBetween(birthDate, considerationDate) : completedMonths(birthDate, considerationDate);
}

/** R-ADM-01: between exactly 18 (216 months) and exactly 60 (720 months), on the chi bộ consideration date. */
export function admissionAge(birthDate: string, considerationDate: string, settings?: RuleSettings): AdmissionAge {
  const months = ageInMonthsForAdmission(birthDate, considerationDate, settings);
  const { minMonths, maxMonths } = paramOn(ADM_AGE_RANGE, considerationDate);
  if (months < minMonths) return { kind: 'under_18', months };
  if (months > maxMonths) return { kind: 'over_60', months };
  return { kind: 'eligible', months };
}

export interface Over60Conditions {
  readonly goodHealthAndStanding: boolean;
  /** Works or lives where there is no party organization or member, or there is a special need. */
  readonly noPartyPresenceOrSpecialNeed: boolean;
  /** Written consent of the BTV of the cấp ủy trực thuộc TW. */
  readonly provincialConsentDate: string | null;
  readonly decisionDate: string;
}

/**
 * R-ADM-02: an applicant over 60 may be admitted only with all three conditions, the consent
 * given before the decision. A consent dated the same day as the decision is accepted: the
 * text asks for consent "before the decision", and both are often signed the same day [I].
 */
export function over60Admissible(c: Over60Conditions): boolean {
  return c.goodHealthAndStanding && c.noPartyPresenceOrSpecialNeed && c.provincialConsentDate !== null && c.provincialConsentDate <= c.decisionDate;
}
