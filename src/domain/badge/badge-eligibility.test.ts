import { describe, expect, it } from 'vitest';
import type { PartyAgeFacts } from '../party-age/party-age.js';
import { badgeClasses, badgeDecision, type BadgeCandidate } from './badge-eligibility.js';

const admittedOn = (decision: string): PartyAgeFacts => ({ admissionDecisions: [decision], periods: [{ status: 'official', validFrom: decision, validTo: null }] });
const member = (decision: string, more: Partial<BadgeCandidate> = {}): BadgeCandidate => ({
  partyAge: admittedOn(decision),
  keptQualifications: true,
  seriouslyIll: false,
  diedOn: null,
  discipline: null,
  ...more,
});

describe('R-BADGE-01: twelve classes, 30 to 90 years', () => {
  it('lists them', () => {
    expect(badgeClasses('2026-01-01')).toEqual([30, 40, 45, 50, 55, 60, 65, 70, 75, 80, 85, 90]);
    expect(() => badgeDecision(35, member('1990-01-01'), '2026-01-01')).toThrow(RangeError);
  });
});

describe('R-BADGE-02: party age in months, net of gaps, and qualifications kept', () => {
  it('is due on the day 30 years of party age are reached, not the day before', () => {
    expect(badgeDecision(30, member('1996-02-03'), '2026-02-02')).toEqual({ outcome: 'not_yet', earliestOn: '2026-02-03' });
    expect(badgeDecision(30, member('1996-02-03'), '2026-02-03')).toEqual({ outcome: 'eligible', early: false, posthumous: false });
  });
  it('is pushed back by a gap and refused to a member who did not keep the qualifications', () => {
    const withGap: BadgeCandidate = member('1996-02-03', {
      partyAge: {
        admissionDecisions: ['1996-02-03', '2001-03-01'],
        periods: [
          { status: 'official', validFrom: '1996-02-03', validTo: '2000-03-01' },
          { status: 'removed', validFrom: '2000-03-01', validTo: null },
          { status: 'probationary', validFrom: '2001-03-10', validTo: null },
        ],
      },
    });
    // A gap of 365 days (01/03/2000–01/03/2001) moves the start from 03/02/1996 to 02/02/1997
    // (1996 has a 29 February): gaps are netted day for day.
    expect(badgeDecision(30, withGap, '2026-02-03')).toEqual({ outcome: 'not_yet', earliestOn: '2027-02-02' });
    expect(badgeDecision(30, member('1996-02-03', { keptQualifications: false }), '2026-02-03')).toEqual({ outcome: 'not_qualified' });
  });
});

describe('R-BADGE-03: serious illness allows 12 months early (30–65) or 24 (70–90); posthumous 12', () => {
  it('awards classes up to 65 twelve months early, not thirteen', () => {
    const ill = member('1961-06-01', { seriouslyIll: true });
    expect(badgeDecision(65, ill, '2025-07-01')).toEqual({ outcome: 'eligible', early: true, posthumous: false });
    expect(badgeDecision(65, member('1961-06-01'), '2025-07-01')).toEqual({ outcome: 'not_yet', earliestOn: '2026-06-01' });
    expect(badgeDecision(65, member('1961-08-02', { seriouslyIll: true }), '2025-08-01')).toEqual({ outcome: 'not_yet', earliestOn: '2025-08-02' });
  });
  it('awards classes from 70 up to 24 months early', () => {
    const ill = member('1957-09-01', { seriouslyIll: true });
    expect(badgeDecision(70, ill, '2025-08-31')).toEqual({ outcome: 'not_yet', earliestOn: '2025-09-01' });
    expect(badgeDecision(70, ill, '2025-09-01')).toEqual({ outcome: 'eligible', early: true, posthumous: false });
  });
  it('awards posthumously when the party age at death was at most 12 months short', () => {
    expect(badgeDecision(30, member('1996-12-01', { diedOn: '2025-12-01' }), '2026-02-03')).toEqual({ outcome: 'eligible', early: true, posthumous: true });
    expect(badgeDecision(30, member('1996-12-01', { diedOn: '2025-11-30' }), '2026-02-03')).toEqual({ outcome: 'not_yet', earliestOn: null });
  });
});

describe('R-BADGE-05: deferred after discipline: 6 months (reprimand), 9 (warning), 12 (dismissal), then once improvement is recognised', () => {
  const disciplined = (form: 'reprimand' | 'warning' | 'dismissal' | 'expulsion', improvementRecognisedOn: string | null = '2026-07-01') =>
    member('1996-02-03', { discipline: { form, decisionDate: '2026-01-15', improvementRecognisedOn } });
  it('defers a reprimanded member until the day 6 months on', () => {
    expect(badgeDecision(30, disciplined('reprimand'), '2026-07-14')).toEqual({ outcome: 'deferred', until: '2026-07-15' });
    expect(badgeDecision(30, disciplined('reprimand'), '2026-07-15')).toEqual({ outcome: 'eligible', early: false, posthumous: false });
  });
  it('keeps deferring until the chi bộ recognises improvement', () => {
    expect(badgeDecision(30, disciplined('reprimand', null), '2026-08-01')).toEqual({ outcome: 'deferred', until: null });
    expect(badgeDecision(30, disciplined('reprimand', '2026-08-02'), '2026-08-01')).toEqual({ outcome: 'deferred', until: null });
  });
  it('waits 9 months after a warning and 12 after dismissal; refuses an expelled member', () => {
    expect(badgeDecision(30, disciplined('warning'), '2026-07-15')).toEqual({ outcome: 'deferred', until: '2026-10-15' });
    expect(badgeDecision(30, disciplined('dismissal'), '2026-10-15')).toEqual({ outcome: 'deferred', until: '2027-01-15' });
    expect(badgeDecision(30, disciplined('expulsion'), '2027-06-01')).toEqual({ outcome: 'not_qualified' });
  });
});

describe('R-EXIT-10: an exempt member remains eligible for badges', () => {
  it('counts exemption as party age', () => {
    const exempt = member('1996-02-03', {
      partyAge: { admissionDecisions: ['1996-02-03'], periods: [{ status: 'official', validFrom: '1996-02-03', validTo: '2020-01-01' }, { status: 'exempt', validFrom: '2020-01-01', validTo: null }] },
    });
    expect(badgeDecision(30, exempt, '2026-02-03').outcome).toBe('eligible');
  });
});
