import { describe, expect, it } from 'vitest';
import { readmissionProblems, type FormerMember } from './readmission.js';

const former: FormerMember = { leftOn: '2022-08-01', ground: 'other', convictionExpungedOn: null, previousReadmissions: 0, provincialConsent: true };

describe('R-ADM-27: readmission after 36 months (60 after an expunged less-serious conviction), once, with provincial consent', () => {
  it('allows it from the day 36 months after leaving', () => {
    expect(readmissionProblems(former, '2025-07-31')).toEqual(['too_soon_after_leaving']);
    expect(readmissionProblems(former, '2025-08-01')).toEqual([]);
  });
  it('waits 60 months after the conviction is expunged', () => {
    const convicted = { ...former, ground: 'less_serious_crime_conviction' as const };
    expect(readmissionProblems(convicted, '2026-03-02')).toEqual(['conviction_not_expunged']);
    expect(readmissionProblems({ ...convicted, convictionExpungedOn: '2021-03-03' }, '2026-03-02')).toEqual(['too_soon_after_expungement']);
    expect(readmissionProblems({ ...convicted, convictionExpungedOn: '2021-03-02' }, '2026-03-02')).toEqual([]);
  });
  it('allows it only once and only with the BTV tỉnh ủy consent', () => {
    expect(readmissionProblems({ ...former, previousReadmissions: 1, provincialConsent: false }, '2026-03-02')).toEqual(['already_readmitted', 'no_provincial_consent']);
  });
});

describe('R-ADM-28: never readmitted after abandoning activities, leaving on request, disunity, corruption or a serious crime', () => {
  it('refuses those grounds whatever the time, but not leaving for family hardship', () => {
    for (const ground of ['abandoned_activities', 'applied_to_leave', 'serious_disunity', 'corruption_conviction', 'serious_or_graver_crime_conviction'] as const) {
      expect(readmissionProblems({ ...former, ground, leftOn: '2000-01-01' }, '2026-03-02')).toEqual(['never_readmitted']);
    }
    expect(readmissionProblems({ ...former, ground: 'applied_to_leave_family_hardship' }, '2026-03-02')).toEqual([]);
  });
});
