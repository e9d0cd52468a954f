import { describe, expect, it } from 'vitest';
import { ADM_AGE_COUNTING } from '../rules/admission.params.js';
import { ruleSettings, setValue } from '../rules/params.js';
import { admissionAge, over60Admissible } from './admission-age.js';

describe('R-ADM-01: 18 to 60 years on the chi bộ consideration date, in months', () => {
  it('reaches 216 months on the first day of the birthday month, not the day before', () => {
    expect(admissionAge('2008-06-20', '2026-05-31')).toEqual({ kind: 'under_18', months: 215 });
    expect(admissionAge('2008-06-20', '2026-06-01')).toEqual({ kind: 'eligible', months: 216 });
  });

  it('counts day-exactly when a province chooses so [I]', () => {
    const exact = ruleSettings(setValue(ADM_AGE_COUNTING, 'exact_day'));
    expect(admissionAge('2008-06-20', '2026-06-19', exact).kind).toBe('under_18');
    expect(admissionAge('2008-06-20', '2026-06-20', exact).kind).toBe('eligible');
  });

  it('is still eligible at exactly 720 months and over 60 from 721 [I reading of "over 60"]', () => {
    expect(admissionAge('1966-06-20', '2026-06-30')).toEqual({ kind: 'eligible', months: 720 });
    expect(admissionAge('1966-06-20', '2026-07-01')).toEqual({ kind: 'over_60', months: 721 });
  });
});

describe('R-ADM-02: over 60 only with health and standing, no party presence or a special need, and prior provincial consent', () => {
  const ok = { goodHealthAndStanding: true, noPartyPresenceOrSpecialNeed: true, provincialConsentDate: '2026-03-01', decisionDate: '2026-03-10' };
  it('admits when all three hold, the consent dated no later than the decision', () => {
    expect(over60Admissible(ok)).toBe(true);
    expect(over60Admissible({ ...ok, provincialConsentDate: '2026-03-10' })).toBe(true);
  });
  it('refuses when any is missing or the consent comes after the decision', () => {
    expect(over60Admissible({ ...ok, provincialConsentDate: '2026-03-11' })).toBe(false);
    expect(over60Admissible({ ...ok, provincialConsentDate: null })).toBe(false);
    expect(over60Admissible({ ...ok, goodHealthAndStanding: false })).toBe(false);
    expect(over60Admissible({ ...ok, noPartyPresenceOrSpecialNeed: false })).toBe(false);
  });
});
