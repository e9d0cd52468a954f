import { describe, expect, it } from 'vitest';
import { workingDaysBetween } from '../calendar/working-days.js';
import { BADGE_LOCAL_BATCHES } from '../rules/badge.params.js';
import { enable, ruleSettings } from '../rules/params.js';
import { badgeCeremonies, badgeCeremonyFor, badgeDossierDue } from './badge-ceremony.js';
import { badgeSerial, isValidBadgeSerial } from './badge-number.js';

describe('R-BADGE-06: ceremonies on 3/2, 19/5, 2/9 and 7/11', () => {
  it('lists the four dates of a year', () => {
    expect(badgeCeremonies(2026)).toEqual(['2026-02-03', '2026-05-19', '2026-09-02', '2026-11-07']);
  });
  it('by default [I] awards at the first ceremony on or after the day the age is reached', () => {
    expect(badgeCeremonyFor('2026-05-19')).toBe('2026-05-19');
    expect(badgeCeremonyFor('2026-05-20')).toBe('2026-09-02');
    expect(badgeCeremonyFor('2026-11-08')).toBe('2027-02-03');
  });
});

describe('R-BADGE-07: Hà Nội batches by the date reached, dossiers 30 wd before [L]', () => {
  const hn = ruleSettings(enable(BADGE_LOCAL_BATCHES));
  it('puts December into the next 3/2 and each window into its ceremony', () => {
    expect(badgeCeremonyFor('2026-12-01', hn)).toBe('2027-02-03');
    expect(badgeCeremonyFor('2027-02-28', hn)).toBe('2027-02-03');
    expect(badgeCeremonyFor('2026-03-01', hn)).toBe('2026-05-19');
    expect(badgeCeremonyFor('2026-05-31', hn)).toBe('2026-05-19');
    expect(badgeCeremonyFor('2026-09-30', hn)).toBe('2026-09-02');
    expect(badgeCeremonyFor('2026-11-30', hn)).toBe('2026-11-07');
  });
  it('sets the dossier deadline 30 wd before the ceremony, only where turned on', () => {
    expect(badgeDossierDue('2026-05-19')).toBeNull();
    const due = badgeDossierDue('2026-05-19', hn)!;
    expect(workingDaysBetween(due, '2026-05-19')).toBe(30);
    expect(due).toBe('2026-04-02'); // Giỗ Tổ in lieu (27/04), 30/04 and 01/05 not counted
  });
});

describe('R-BADGE-08: badge numbers per class range', () => {
  it('formats each class with its letter and digits', () => {
    expect(badgeSerial(30, 1)).toBe('00000001');
    expect(badgeSerial(45, 12)).toBe('E0000012');
    expect(badgeSerial(55, 7)).toBe('D000007');
    expect(badgeSerial(75, 3)).toBe('B0003');
    expect(badgeSerial(90, 99)).toBe('99');
    expect(() => badgeSerial(90, 100)).toThrow(RangeError);
    expect(() => badgeSerial(30, 0)).toThrow(RangeError);
  });
  it('recognises a valid serial and refuses a wrong letter, length or zero', () => {
    expect(isValidBadgeSerial(65, 'C00012')).toBe(true);
    expect(isValidBadgeSerial(65, 'D00012')).toBe(false);
    expect(isValidBadgeSerial(40, '123456')).toBe(false);
    expect(isValidBadgeSerial(80, '000')).toBe(false);
  });
});
