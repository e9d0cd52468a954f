import { describe, expect, it } from 'vitest';
import { ADM_YOUTH_CADRE_AGE_LIMIT } from '../rules/admission.params.js';
import { enable, ruleSettings } from '../rules/params.js';
import { sponsorProblems, sponsorRequirement, type ApplicantForSponsorship } from './sponsors.js';

const youth: ApplicantForSponsorship = { birthDate: '2000-05-10', isYouthUnionMember: true, isYouthUnionCadre: false, youthUnionOrgExists: true, tradeUnionOrgExists: true };

describe('R-ADM-07: who introduces the applicant', () => {
  it('a Đoàn member of youth age: the Đoàn resolution and one official member', () => {
    expect(sponsorRequirement(youth, '2026-03-02')).toEqual({ kind: 'one_member_and_resolution', resolutionBy: 'youth_union' });
  });
  it('of youth age where the Đoàn exists but not a member: must join the Đoàn first', () => {
    expect(sponsorRequirement({ ...youth, isYouthUnionMember: false }, '2026-03-02')).toEqual({ kind: 'must_be_youth_union_member' });
  });
  it('no Đoàn but a trade union: the Công đoàn resolution and one member; neither: two members', () => {
    expect(sponsorRequirement({ ...youth, youthUnionOrgExists: false }, '2026-03-02')).toEqual({ kind: 'one_member_and_resolution', resolutionBy: 'trade_union' });
    expect(sponsorRequirement({ ...youth, youthUnionOrgExists: false, tradeUnionOrgExists: false }, '2026-03-02')).toEqual({ kind: 'two_members' });
  });
  it('youth age ends after 30 [I]: two members from the 31st birthday', () => {
    expect(sponsorRequirement(youth, '2031-05-09').kind).toBe('one_member_and_resolution');
    expect(sponsorRequirement(youth, '2031-05-10')).toEqual({ kind: 'two_members' });
  });
});

describe('R-ADM-08: Đoàn cadres of youth age up to 35 where the province applies it [L]', () => {
  const cadre = { ...youth, birthDate: '1993-01-15', isYouthUnionCadre: true };
  it('is off by default: a 33-year-old cadre has two members introduce', () => {
    expect(sponsorRequirement(cadre, '2026-03-02')).toEqual({ kind: 'two_members' });
  });
  it('when on, the same cadre is introduced by the Đoàn', () => {
    expect(sponsorRequirement(cadre, '2026-03-02', ruleSettings(enable(ADM_YOUTH_CADRE_AGE_LIMIT)))).toEqual({ kind: 'one_member_and_resolution', resolutionBy: 'youth_union' });
  });
});

describe('R-ADM-09: an official member, together with the applicant for 12 months', () => {
  const sponsor = { status: 'official' as const, togetherSince: '2024-09-15', togetherBy: 'work' as const, isReplacement: false };
  it('needs the full 12 months on the day of introduction', () => {
    expect(sponsorProblems(sponsor, '2025-09-14')).toEqual(['not_long_enough_together']);
    expect(sponsorProblems(sponsor, '2025-09-15')).toEqual([]);
  });
  it('refuses a probationary or exempt member', () => {
    expect(sponsorProblems({ ...sponsor, status: 'probationary' }, '2025-09-15')).toEqual(['not_official']);
    expect(sponsorProblems({ ...sponsor, status: 'exempt' }, '2025-09-15')).toEqual(['not_official']);
  });
  it('counts living in the same residential area only from QĐ24 (30/07/2021)', () => {
    const neighbour = { ...sponsor, togetherSince: '2019-01-01', togetherBy: 'residence' as const };
    expect(sponsorProblems(neighbour, '2021-07-29')).toEqual(['residence_not_counted']);
    expect(sponsorProblems(neighbour, '2021-07-30')).toEqual([]);
  });
});

describe('R-ADM-10: a replacement introducer need not meet the 12 months', () => {
  it('accepts an official replacement who has just met the applicant, but not a non-official one', () => {
    const replacement = { status: 'official' as const, togetherSince: null, togetherBy: 'work' as const, isReplacement: true };
    expect(sponsorProblems(replacement, '2026-03-02')).toEqual([]);
    expect(sponsorProblems({ ...replacement, status: 'probationary' }, '2026-03-02')).toEqual(['not_official']);
  });
});
