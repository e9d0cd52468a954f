import { describe, expect, it } from 'vitest';
import type { PartyAgeFacts } from '../party-age/party-age.js';
import { badgeAdmissionWindows, badgeBatchStart, badgeCeremoniesOfYear, badgeCeremonyOnOrBefore, batchCandidacies, disciplineDeferralKnown, isBadgeCeremony, type BatchMember } from './badge-batch.js';

const admittedOn = (decision: string): PartyAgeFacts => ({ admissionDecisions: [decision], periods: [{ status: 'official', validFrom: decision, validTo: null }] });
const member = (decision: string, more: Partial<BatchMember> = {}): BatchMember => ({
  partyAge: admittedOn(decision),
  keptQualifications: true,
  seriouslyIll: false,
  diedOn: null,
  discipline: null,
  awardedClasses: [],
  ...more,
});
const classes = (m: BatchMember, ceremony: string) => batchCandidacies(m, ceremony).map((c) => `${c.badgeClass}:${c.outcome}${c.early ? ':early' : ''}${c.carriedOver ? ':carried' : ''}`);

describe('R-BADGE-06: a batch lists the members reaching a class since the previous ceremony', () => {
  it('knows the ceremony dates and where each batch starts', () => {
    expect(isBadgeCeremony('2026-09-02')).toBe(true);
    expect(isBadgeCeremony('2026-09-03')).toBe(false);
    expect(badgeBatchStart('2026-09-02')).toBe('2026-05-20');
    expect(badgeBatchStart('2026-02-03')).toBe('2025-11-08');
    expect(badgeCeremonyOnOrBefore('2026-02-02')).toBe('2025-11-07');
    expect(badgeCeremonyOnOrBefore('2026-02-03')).toBe('2026-02-03');
  });
  it('computes no batch before the badge rules are in force (QĐ294 from 01/07/2025)', () => {
    expect(isBadgeCeremony('2025-05-19')).toBe(false);
    expect(isBadgeCeremony('2025-09-02')).toBe(true);
    expect(badgeCeremoniesOfYear(2025)).toEqual(['2025-09-02', '2025-11-07']);
    expect(badgeCeremoniesOfYear(2024)).toEqual([]);
  });
  it('puts the day of the ceremony in its batch and the day after in the next', () => {
    expect(classes(member('1996-09-02'), '2026-09-02')).toEqual(['30:eligible']);
    expect(classes(member('1996-09-03'), '2026-09-02')).toEqual([]);
    expect(classes(member('1996-09-03'), '2026-11-07')).toEqual(['30:eligible']);
    expect(classes(member('1996-05-20'), '2026-09-02')).toEqual(['30:eligible']);
    expect(classes(member('1996-05-19'), '2026-09-02')).toEqual([]);
    expect(classes(member('1976-07-01'), '2026-09-02')).toEqual(['50:eligible']);
  });
  it('gives the plain member the answer of the general path (badgeDecision)', () => {
    for (const adm of ['1996-05-20', '1996-09-02', '1986-06-30', '1996-02-29', '1976-08-31']) {
      const plain = batchCandidacies(member(adm), '2026-09-02');
      // An old discipline, long over and recognised, takes the general path to the same answer.
      const general = batchCandidacies(member(adm, { discipline: { form: 'reprimand', decisionDate: '2025-07-01', improvementRecognisedOn: '2026-01-05' } }), '2026-09-02');
      expect(plain, adm).toEqual(general);
    }
  });
  it('does not list a class already in the register', () => {
    expect(classes(member('1996-09-02', { awardedClasses: [30] }), '2026-09-02')).toEqual([]);
  });
  it('gives the database windows of admission dates that hold every gapless candidate', () => {
    const w = badgeAdmissionWindows('2026-09-02');
    expect(w.find((x) => x.badgeClass === 30)).toEqual({ badgeClass: 30, from: '1996-05-17', to: '1996-09-05' });
    expect(w).toHaveLength(12);
  });
});

describe('R-BADGE-02: the batch follows party age net of gaps', () => {
  it('moves a member with a gap to the batch of the later day', () => {
    const withGap = member('1996-06-01', {
      partyAge: {
        admissionDecisions: ['1996-06-01'],
        periods: [
          { status: 'official', validFrom: '1996-06-01', validTo: '2000-01-01' },
          { status: 'removed', validFrom: '2000-01-01', validTo: '2000-07-01', annulledAsWrongful: false },
          { status: 'official', validFrom: '2000-07-01', validTo: null },
        ],
      },
    });
    expect(classes(withGap, '2026-09-02')).toEqual([]); // 30 years on 2026-06-01, plus the 182 days out: 2026-11-30
    expect(classes(withGap, '2026-11-07')).toEqual([]);
    expect(classes(withGap, '2027-02-03')).toEqual(['30:eligible']);
  });
});

describe('R-BADGE-03: a seriously ill member is listed up to 12 (from 70 years: 24) months early', () => {
  it('lists the early award from the first batch it is open until the batch of the full age', () => {
    const ill = member('1997-03-01', { seriouslyIll: true });
    expect(classes(ill, '2026-02-03')).toEqual([]); // 12 months early is 2026-03-01
    expect(classes(ill, '2026-05-19')).toEqual(['30:eligible:early']);
    expect(classes(ill, '2027-02-03')).toEqual(['30:eligible:early']);
    expect(classes(ill, '2027-05-19')).toEqual(['30:eligible']);
    expect(classes(member('1997-03-01'), '2026-05-19')).toEqual([]);
    expect(classes(member('1957-06-01', { seriouslyIll: true }), '2025-09-02')).toEqual(['70:eligible:early']);
  });
});

describe('R-BADGE-05: a member under discipline is deferred, and listed again until awarded', () => {
  it('knows the waiting time only for disciplines under the rules in force (from 01/07/2025)', () => {
    expect(disciplineDeferralKnown('2025-06-30')).toBe(false);
    expect(disciplineDeferralKnown('2025-07-01')).toBe(true);
  });
  it('defers at the batch and lists again once the waiting time is over and improvement recognised', () => {
    const warned = member('1996-09-01', { discipline: { form: 'warning', decisionDate: '2026-03-01', improvementRecognisedOn: null } });
    expect(batchCandidacies(warned, '2026-09-02')).toMatchObject([{ badgeClass: 30, outcome: 'deferred', deferredUntil: '2026-12-01', carriedOver: false }]);
    expect(batchCandidacies(warned, '2027-02-03')).toMatchObject([{ outcome: 'deferred', deferredUntil: null, carriedOver: true }]);
    const improved = { ...warned, discipline: { form: 'warning' as const, decisionDate: '2026-03-01', improvementRecognisedOn: '2027-01-10' } };
    expect(classes(improved, '2027-02-03')).toEqual(['30:eligible:carried']);
    // A discipline after the batch of the day reached does not bring back an older class.
    expect(classes(member('1990-01-01', { discipline: { form: 'reprimand', decisionDate: '2026-03-01', improvementRecognisedOn: null } }), '2026-09-02')).toEqual([]);
  });
});
