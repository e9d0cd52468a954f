import { describe, expect, it } from 'vitest';
import { courseCertificateProblem, courseCertificateValidUntil } from './course-certificate.js';

describe('R-ADM-05 and R-ADM-06: the course certificate, valid for a chi bộ proposal within 60 months', () => {
  it('R-ADM-05: requires a certificate dated no later than the resolution', () => {
    expect(courseCertificateProblem(null, '2026-03-02')).toBe('missing');
    expect(courseCertificateProblem('2026-03-03', '2026-03-02')).toBe('dated_after_resolution');
  });

  it('R-ADM-06: is valid on the day 60 months on and expired the day after', () => {
    expect(courseCertificateValidUntil('2020-08-31', '2025-08-31')).toBe('2025-08-31');
    expect(courseCertificateProblem('2020-08-31', '2025-08-31')).toBeNull();
    expect(courseCertificateProblem('2020-08-31', '2025-09-01')).toBe('expired');
  });

  it('R-ADM-06: a 29 February certificate runs to 28 February five years on', () => {
    expect(courseCertificateValidUntil('2024-02-29', '2029-02-28')).toBe('2029-02-28');
    expect(courseCertificateProblem('2024-02-29', '2029-03-01')).toBe('expired');
  });
});
