import { describe, expect, it } from 'vitest';
import { dossierLapseDate, dossierLapsed, slipCheckDue, slipIssueProblem, slipOverdue, slipReturnProblem } from './transfer-slip.js';

describe('transfer slips (phiếu báo)', () => {
  it('R-TRF-09: slips go with an issued official letter, not before it; by default not with a temporary one [I]', () => {
    expect(slipIssueProblem({ kind: 'permanent', letterDate: null }, '2026-03-02')).toEqual({ problem: 'no_letter' });
    expect(slipIssueProblem({ kind: 'temporary', letterDate: '2026-03-02' }, '2026-03-02')).toEqual({ problem: 'kind_without_slip', kind: 'temporary' });
    expect(slipIssueProblem({ kind: 'permanent', letterDate: '2026-03-02' }, '2026-03-01')).toEqual({ problem: 'before_letter', letterDate: '2026-03-02' });
    expect(slipIssueProblem({ kind: 'permanent', letterDate: '2026-03-02' }, '2026-03-02')).toBeNull();
    expect(slipIssueProblem({ kind: 'permanent', letterDate: '2026-03-02' }, '2026-03-09')).toBeNull();
  });

  it('R-TRF-09: a slip comes back once, never before it was issued', () => {
    expect(slipReturnProblem({ issuedOn: '2026-03-02', returnedOn: null }, '2026-03-01')).toEqual({ problem: 'before_issue', issuedOn: '2026-03-02' });
    expect(slipReturnProblem({ issuedOn: '2026-03-02', returnedOn: '2026-03-10' }, '2026-03-12')).toEqual({ problem: 'already_returned', returnedOn: '2026-03-10' });
    expect(slipReturnProblem({ issuedOn: '2026-03-02', returnedOn: null }, '2026-03-02')).toBeNull();
  });

  it('R-REC-08: slips are checked 3 months after issue; one not back by then is overdue the day after', () => {
    expect(slipCheckDue('2026-03-02')).toBe('2026-06-02');
    expect(slipCheckDue('2025-11-30')).toBe('2026-02-28');
    expect(slipOverdue({ issuedOn: '2026-03-02', returnedOn: null }, '2026-06-02')).toBe(false);
    expect(slipOverdue({ issuedOn: '2026-03-02', returnedOn: null }, '2026-06-03')).toBe(true);
    expect(slipOverdue({ issuedOn: '2026-03-02', returnedOn: '2026-05-20' }, '2026-09-01')).toBe(false);
  });

  it('R-EXIT-05: more than 3 months after the slip with neither the slip back nor a receipt: the dossier has lapsed', () => {
    expect(dossierLapseDate('2026-03-02')).toBe('2026-06-02');
    const slip = { issuedOn: '2026-03-02', returnedOn: null, receivedOn: null };
    expect(dossierLapsed(slip, '2026-06-02')).toBe(false);
    expect(dossierLapsed(slip, '2026-06-03')).toBe(true);
    expect(dossierLapsed({ ...slip, receivedOn: '2026-07-01' }, '2026-08-01')).toBe(false);
    expect(dossierLapsed({ ...slip, returnedOn: '2026-07-01' }, '2026-08-01')).toBe(false);
  });
});
