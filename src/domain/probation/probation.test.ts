import { describe, expect, it } from 'vitest';
import { disciplineAllowedOnProbation, officialDate, recognitionConsiderationDue, recognitionDecisionDue, recognitionEscalates } from './probation.js';

describe('R-PROB-01: probation is 12 months from the admission ceremony', () => {
  it('ends 12 months after the ceremony, a 29 February ceremony on 28 February', () => {
    expect(officialDate('2025-03-10')).toBe('2026-03-10');
    expect(officialDate('2024-02-29')).toBe('2025-02-28');
  });
});

describe('R-PROB-02: the chi bộ considers recognition within 30 wd after the 12 months end', () => {
  it('counts from the end of probation, across Tết', () => {
    // Ceremony 14/02/2025 → probation ends Saturday 14/02/2026; Tết 16–20/02 is not counted.
    expect(recognitionConsiderationDue('2025-02-14')).toBe('2026-04-03');
  });
});

describe('R-PROB-03: official on ceremony + 12 months, whatever day the decision is signed', () => {
  it('does not depend on a late chi bộ meeting or decision', () => {
    const ceremony = '2025-03-10';
    const lateResolution = '2026-05-04';
    const lateDecision = recognitionDecisionDue(lateResolution).dueWithExtension!;
    expect(lateDecision > officialDate(ceremony)).toBe(true);
    expect(officialDate(ceremony)).toBe('2026-03-10');
  });
});

describe('R-PROB-04: recognition decided within 30 wd of the chi bộ resolution; extension 15 wd from 01/07/2025, 30 before', () => {
  it('changes the extension with the version on the resolution date', () => {
    expect(recognitionDecisionDue('2025-06-30')).toEqual({ due: '2025-08-11', dueWithExtension: '2025-09-24' });
    expect(recognitionDecisionDue('2025-07-01')).toEqual({ due: '2025-08-12', dueWithExtension: '2025-09-04' });
  });
});

describe('R-PROB-06: three inconclusive votes send the case to the direct superior', () => {
  it('escalates on the third, not the second', () => {
    expect(recognitionEscalates(2, '2026-03-02')).toBe(false);
    expect(recognitionEscalates(3, '2026-03-02')).toBe(true);
  });
});

describe('R-PROB-10: a probationary member may only be reprimanded or warned', () => {
  it('allows reprimand and warning, not dismissal or expulsion', () => {
    expect(disciplineAllowedOnProbation('reprimand')).toBe(true);
    expect(disciplineAllowedOnProbation('warning')).toBe(true);
    expect(disciplineAllowedOnProbation('dismissal')).toBe(false);
    expect(disciplineAllowedOnProbation('expulsion')).toBe(false);
  });
});
