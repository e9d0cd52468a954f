import { describe, expect, it } from 'vitest';
import { gapDays, inPartyOn, partyAgeGaps, partyAgeMonths, partyAgeReachedOn, type PartyAgeFacts } from './party-age.js';
import { birthDateChangeAllowed, partyAgeStartDate, underageAdmissionKeepsDate } from './party-age-start.js';

const steady: PartyAgeFacts = {
  admissionDecisions: ['2000-03-15'],
  periods: [
    { status: 'probationary', validFrom: '2000-04-01', validTo: '2001-04-01' },
    { status: 'official', validFrom: '2001-04-01', validTo: null },
  ],
};

// Admitted 1990, removed 1995, readmitted 1997, expelled 2003, readmitted 2007 (historical data).
const twoGaps: PartyAgeFacts = {
  admissionDecisions: ['1990-05-10', '1997-05-15', '2007-12-20'],
  periods: [
    { status: 'probationary', validFrom: '1990-05-20', validTo: '1991-05-20' },
    { status: 'official', validFrom: '1991-05-20', validTo: '1995-02-01' },
    { status: 'removed', validFrom: '1995-02-01', validTo: '1997-06-01' }, // ends at the new ceremony
    { status: 'probationary', validFrom: '1997-06-01', validTo: '1998-06-01' },
    { status: 'official', validFrom: '1998-06-01', validTo: '2003-09-01' },
    { status: 'expelled', validFrom: '2003-09-01', validTo: '2008-01-10' },
    { status: 'probationary', validFrom: '2008-01-10', validTo: '2009-01-10' },
    { status: 'official', validFrom: '2009-01-10', validTo: null },
  ],
};

describe('R-AGE-01: party age counts from the signing of the admission decision, minus gaps', () => {
  it('counts from the decision, not the ceremony, including probation', () => {
    expect(partyAgeMonths(steady, '2030-03-14')).toBe(359);
    expect(partyAgeMonths(steady, '2030-03-15')).toBe(360);
    expect(partyAgeMonths(steady, '2000-03-14')).toBe(0);
  });

  it('nets two gaps day for day, each ending at the readmission decision', () => {
    expect(partyAgeGaps(twoGaps, '2026-05-10')).toEqual([
      { from: '1995-02-01', to: '1997-05-15' },
      { from: '2003-09-01', to: '2007-12-20' },
    ]);
    expect(gapDays(twoGaps, '2026-05-10')).toBe(834 + 1571);
    // 1990-05-10 + 2,405 days = 1996-12-09, from which 2026-05-10 is 29 years 5 months.
    expect(partyAgeMonths(twoGaps, '2026-05-10')).toBe(353);
    expect(partyAgeReachedOn(twoGaps, 360)).toBe('2026-12-09');
  });

  it('stops counting on removal and reaches no age while out of the party', () => {
    const removed: PartyAgeFacts = { ...steady, periods: [...steady.periods.slice(0, 1), { status: 'official', validFrom: '2001-04-01', validTo: '2020-03-15' }, { status: 'removed', validFrom: '2020-03-15', validTo: null }] };
    expect(partyAgeMonths(removed, '2026-03-15')).toBe(240);
    expect(inPartyOn(removed, '2020-03-14')).toBe(true);
    expect(inPartyOn(removed, '2020-03-15')).toBe(false);
    expect(partyAgeReachedOn(removed, 200)).toBe('2016-11-15');
    expect(partyAgeReachedOn(removed, 241)).toBeNull();
  });
});

describe('R-AGE-02: the party-card date stands in for a lost admission decision', () => {
  it('prefers the decision and falls back to the card', () => {
    expect(partyAgeStartDate('1980-02-03', '1980-03-01')).toBe('1980-02-03');
    expect(partyAgeStartDate(null, '1980-03-01')).toBe('1980-03-01');
    expect(partyAgeStartDate(null, null)).toBeNull();
  });
});

describe('R-AGE-03: a readmitted member counts from the first admission decision, minus the time out', () => {
  it('adds both membership spans', () => {
    const readmitted: PartyAgeFacts = {
      admissionDecisions: ['2000-01-10', '2010-01-10'],
      periods: [
        { status: 'official', validFrom: '2001-01-20', validTo: '2005-01-10' },
        { status: 'removed', validFrom: '2005-01-10', validTo: '2010-02-01' },
        { status: 'probationary', validFrom: '2010-02-01', validTo: null },
      ],
    };
    // 2000-01-10 → 2005-01-10 (60 months) + 2010-01-10 → 2026-01-10 (192 months).
    expect(partyAgeMonths(readmitted, '2026-01-10')).toBe(252);
  });
});

describe('R-AGE-04: a member restored after wrongful removal keeps a continuous party age', () => {
  it('does not subtract an annulled removal', () => {
    const restored: PartyAgeFacts = {
      admissionDecisions: ['2000-03-15'],
      periods: [
        { status: 'official', validFrom: '2001-04-01', validTo: '2010-01-01' },
        { status: 'removed', validFrom: '2010-01-01', validTo: '2012-01-01', annulledAsWrongful: true },
        { status: 'official', validFrom: '2012-01-01', validTo: null },
      ],
    };
    expect(partyAgeMonths(restored, '2030-03-15')).toBe(360);
    expect(partyAgeMonths({ ...restored, periods: restored.periods.map((p) => ({ ...p, annulledAsWrongful: false })) }, '2030-03-15')).toBe(336);
  });
});

describe('R-AGE-05: the date of birth cannot change from 18/08/2016', () => {
  it('allows a change before, not on or after', () => {
    expect(birthDateChangeAllowed('2016-08-17')).toBe(true);
    expect(birthDateChangeAllowed('2016-08-18')).toBe(false);
  });
});

describe('R-AGE-07: under-18 admissions before 05/09/1960 (or 30/04/1975 south of Bến Hải) keep their date', () => {
  it('keeps the date of an adult admission, and of an underage one before the cut-off', () => {
    expect(underageAdmissionKeepsDate('1940-01-01', '1958-06-01', false)).toBe(true); // 18
    expect(underageAdmissionKeepsDate('1943-01-01', '1960-09-04', false)).toBe(true); // 17, before the cut-off
    expect(underageAdmissionKeepsDate('1943-01-01', '1960-09-05', false)).toBe(false);
    expect(underageAdmissionKeepsDate('1957-06-01', '1975-04-29', true)).toBe(true);
    expect(underageAdmissionKeepsDate('1957-06-01', '1975-04-29', false)).toBe(false);
  });
});
