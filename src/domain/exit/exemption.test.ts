import { describe, expect, it } from 'vitest';
import { exemptionDecider, exemptionProblem, isExemptOn, type ExemptionRequest } from './exemption.js';
import { withdrawalProblem } from './leaving.js';

const request = (r: Partial<ExemptionRequest>): ExemptionRequest => ({ kind: 'old_age_health', otherReason: null, from: '2026-03-01', to: null, decidedBy: 'cell', documents: ['Giấy khám sức khỏe'], ...r });

describe('R-EXIT-10: exemption for old age or health', () => {
  it('is decided by the chi bộ, open-ended, on a medical certificate', () => {
    expect(exemptionDecider('old_age_health', 'cell')).toBe('cell');
    expect(exemptionDecider('old_age_health', 'grassroots_cell')).toBe('cell');
    expect(exemptionProblem(request({}), 'cell')).toBeNull();
    expect(exemptionProblem(request({ documents: [] }), 'cell')).toEqual({ problem: 'medical_certificate_missing' });
    expect(exemptionProblem(request({ decidedBy: 'grassroots_committee' }), 'cell')).toEqual({ problem: 'wrong_decider', expected: 'cell' });
  });

  it('R-EVAL-15: an exempt member is not evaluated while exempt: isExemptOn over the status intervals', () => {
    const member = {
      periods: [
        { status: 'official' as const, validFrom: '2000-05-19', validTo: '2026-03-01' },
        { status: 'exempt' as const, validFrom: '2026-03-01', validTo: '2026-09-01' },
        { status: 'official' as const, validFrom: '2026-09-01', validTo: null },
      ],
    };
    expect(isExemptOn(member, '2026-02-28')).toBe(false);
    expect(isExemptOn(member, '2026-03-01')).toBe(true);
    expect(isExemptOn(member, '2026-08-31')).toBe(true);
    expect(isExemptOn(member, '2026-09-01')).toBe(false);
  });
});

describe('R-EXIT-11: exemption for other reasons', () => {
  it('is decided by the cấp ủy cơ sở, or for a chi bộ cơ sở by the superior BTV, and names its reason', () => {
    expect(exemptionDecider('other_reason', 'cell')).toBe('grassroots_committee');
    expect(exemptionDecider('other_reason', 'grassroots_cell')).toBe('superior_standing_committee');
    const r = request({ kind: 'other_reason', otherReason: 'maternity', decidedBy: 'grassroots_committee', to: '2026-09-01', documents: [] });
    expect(exemptionProblem(r, 'cell')).toBeNull();
    expect(exemptionProblem({ ...r, otherReason: null }, 'cell')).toEqual({ problem: 'other_reason_missing' });
    expect(exemptionProblem(r, 'grassroots_cell')).toEqual({ problem: 'wrong_decider', expected: 'superior_standing_committee' });
  });
});

describe('R-EXIT-12: temporary exemption under 12 months', () => {
  it('needs an end under 12 months from the start, approved by the cấp ủy cơ sở', () => {
    const r = request({ kind: 'temporary_absence', decidedBy: 'grassroots_committee', to: '2027-02-28', documents: [] });
    expect(exemptionProblem(r, 'cell')).toBeNull();
    expect(exemptionProblem({ ...r, to: '2027-03-01' }, 'cell')).toEqual({ problem: 'temporary_too_long', limit: '2027-03-01' });
    expect(exemptionProblem({ ...r, decidedBy: 'cell' }, 'grassroots_cell')).toBeNull();
    expect(exemptionProblem({ ...r, to: null }, 'cell')).toEqual({ problem: 'temporary_needs_end' });
    expect(exemptionProblem({ ...r, to: '2026-03-01' }, 'cell')).toEqual({ problem: 'end_before_start' });
  });
});

describe('R-EXIT-07: leaving on request', () => {
  it('is open to a member on the rolls who is not violating the qualifications; a violator is disciplined first', () => {
    expect(withdrawalProblem({ status: 'official', violating: false })).toBeNull();
    expect(withdrawalProblem({ status: 'exempt', violating: false })).toBeNull();
    expect(withdrawalProblem({ status: 'official', violating: true })).toEqual({ problem: 'violating_must_be_disciplined' });
    expect(withdrawalProblem({ status: 'removed', violating: false })).toEqual({ problem: 'not_on_rolls' });
  });
});
