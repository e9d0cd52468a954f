import { ADM_READMISSION } from '../rules/admission.params.js';
import { paramOn } from '../rules/params.js';
import { periodEnd } from '../rules/period.js';

// Readmission of a former member: R-ADM-27 (conditions) and R-ADM-28 (who may never return).

export type LeavingGround =
  | 'abandoned_activities' // tự bỏ sinh hoạt
  | 'applied_to_leave'
  | 'applied_to_leave_family_hardship' // especially difficult family circumstances
  | 'serious_disunity'
  | 'corruption_conviction'
  | 'serious_or_graver_crime_conviction'
  | 'less_serious_crime_conviction'
  | 'other';

export interface FormerMember {
  readonly leftOn: string;
  readonly ground: LeavingGround;
  /** Date the conviction was expunged (xóa án tích), for a less serious crime. */
  readonly convictionExpungedOn: string | null;
  readonly previousReadmissions: number;
  /** Written consent of the BTV tỉnh ủy. */
  readonly provincialConsent: boolean;
}

export type ReadmissionProblem = 'never_readmitted' | 'too_soon_after_leaving' | 'conviction_not_expunged' | 'too_soon_after_expungement' | 'already_readmitted' | 'no_provincial_consent';

const NEVER: readonly LeavingGround[] = ['abandoned_activities', 'applied_to_leave', 'serious_disunity', 'corruption_conviction', 'serious_or_graver_crime_conviction'];

/**
 * What stands in the way of readmission considered by the chi bộ on `considerationDate`. The
 * standard requirements and full procedure (R-ADM-27 a, d) are those of a first admission and
 * are checked there.
 */
export function readmissionProblems(f: FormerMember, considerationDate: string): ReadmissionProblem[] {
  if (NEVER.includes(f.ground)) return ['never_readmitted'];
  const p = paramOn(ADM_READMISSION, considerationDate);
  const problems: ReadmissionProblem[] = [];
  if (considerationDate < periodEnd(f.leftOn, p.sinceLeaving)) problems.push('too_soon_after_leaving');
  if (f.ground === 'less_serious_crime_conviction') {
    if (f.convictionExpungedOn === null) problems.push('conviction_not_expunged');
    else if (considerationDate < periodEnd(f.convictionExpungedOn, p.sinceExpunged)) problems.push('too_soon_after_expungement');
  }
  if (f.previousReadmissions >= p.maxReadmissions) problems.push('already_readmitted');
  if (!f.provincialConsent) problems.push('no_provincial_consent');
  return problems;
}
