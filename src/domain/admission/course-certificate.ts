import { ADM_COURSE_VALIDITY } from '../rules/admission.params.js';
import { paramOn } from '../rules/params.js';
import { periodEnd } from '../rules/period.js';

// R-ADM-05: the applicant holds a "bồi dưỡng nhận thức về Đảng" course certificate.
// R-ADM-06: if the chi bộ has not proposed admission within 60 months of its date, the course
// must be retaken. "Within 60 months" includes the corresponding day 60 months on (BLDS 2015 Điều 148).

export type CourseCertificateProblem = 'missing' | 'dated_after_resolution' | 'expired';

/** What is wrong with the certificate for a chi bộ resolution on `cellResolutionDate`, or null. */
export function courseCertificateProblem(certificateDate: string | null, cellResolutionDate: string): CourseCertificateProblem | null {
  if (certificateDate === null) return 'missing';
  if (certificateDate > cellResolutionDate) return 'dated_after_resolution';
  return cellResolutionDate > courseCertificateValidUntil(certificateDate, cellResolutionDate) ? 'expired' : null;
}

/** Last day a chi bộ may propose admission on this certificate (rule version of the resolution date). */
export function courseCertificateValidUntil(certificateDate: string, cellResolutionDate: string): string {
  return periodEnd(certificateDate, paramOn(ADM_COURSE_VALIDITY, cellResolutionDate));
}
