import { describe, expect, it } from 'vitest';
import { commentDue, commentYearProblem, referralProblem } from './residence-liaison.js';

describe('residence liaison', () => {
  const workplace = { status: 'official', kindsUpward: [null, 'public_service', 'commune', null], openReferredOn: null };

  it('R-TRF-16: a member on the rolls of a workplace org is referred; a probationary member too by default [I]', () => {
    expect(referralProblem(workplace, '2026-02-01')).toBeNull();
    expect(referralProblem({ ...workplace, status: 'probationary' }, '2026-02-01')).toBeNull();
  });

  it('R-TRF-16: refuses a member off the rolls or exempt, one whose org is residential, and a second open referral', () => {
    expect(referralProblem({ ...workplace, status: 'exempt' }, '2026-02-01')).toEqual({ problem: 'status_not_referred', status: 'exempt' });
    expect(referralProblem({ ...workplace, status: 'transferred' }, '2026-02-01')).toEqual({ problem: 'status_not_referred', status: 'transferred' });
    expect(referralProblem({ ...workplace, kindsUpward: ['village', 'commune'] }, '2026-02-01')).toEqual({ problem: 'residential_org', kind: 'village' });
    expect(referralProblem({ ...workplace, kindsUpward: [null, 'commune'] }, '2026-02-01')).toEqual({ problem: 'residential_org', kind: 'commune' });
    expect(referralProblem({ ...workplace, openReferredOn: '2025-03-01' }, '2026-02-01')).toEqual({ problem: 'open_referral', referredOn: '2025-03-01' });
  });

  it('R-TRF-16: a yearly comment is for a year of the referral, not before it, after its end or still to come', () => {
    const r = { referredOn: '2024-09-01', endedOn: null };
    expect(commentYearProblem(r, 2023, '2026-11-20')).toEqual({ problem: 'before_referral', referralYear: 2024 });
    expect(commentYearProblem(r, 2024, '2026-11-20')).toBeNull();
    expect(commentYearProblem(r, 2026, '2026-11-20')).toBeNull();
    expect(commentYearProblem(r, 2027, '2026-11-20')).toEqual({ problem: 'future_year', currentYear: 2026 });
    expect(commentYearProblem({ ...r, endedOn: '2025-06-30' }, 2026, '2026-11-20')).toEqual({ problem: 'after_end', endYear: 2025 });
  });

  it('R-TRF-16: a referral in force in the year owes its comment until recorded', () => {
    const r = { referredOn: '2024-09-01', endedOn: null };
    expect(commentDue(r, [2024, 2025], 2026)).toBe(true);
    expect(commentDue(r, [2026], 2026)).toBe(false);
    expect(commentDue(r, [], 2023)).toBe(false);
    expect(commentDue({ ...r, endedOn: '2025-06-30' }, [], 2026)).toBe(false);
  });
});
