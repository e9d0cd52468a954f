import { addMonths } from '../calendar/iso-date.js';
import { ageOn } from '../member-validation.js';
import type { MemberStatus } from '../member-status.js';
import { ADM_SPONSOR_TOGETHER, ADM_YOUTH_AGE_LIMIT, ADM_YOUTH_CADRE_AGE_LIMIT } from '../rules/admission.params.js';
import { paramOn, type RuleSettings } from '../rules/params.js';

// Introducers (sponsors) of an applicant: R-ADM-07 to R-ADM-10.

export interface ApplicantForSponsorship {
  readonly birthDate: string;
  readonly isYouthUnionMember: boolean;
  readonly isYouthUnionCadre: boolean;
  /** A Đoàn organization exists where the applicant works or studies. */
  readonly youthUnionOrgExists: boolean;
  readonly tradeUnionOrgExists: boolean;
}

export type SponsorRequirement =
  | { readonly kind: 'two_members' }
  | { readonly kind: 'one_member_and_resolution'; readonly resolutionBy: 'youth_union' | 'trade_union' }
  /** Of youth age where the Đoàn exists, but not a Đoàn member: must join first. */
  | { readonly kind: 'must_be_youth_union_member' };

/**
 * R-ADM-07: who introduces, on the chi bộ consideration date. Youth age ends at ADM_YOUTH_AGE_LIMIT
 * completed years ([I], default 30), or, for Đoàn cadres where a province turns R-ADM-08 on, at 35.
 * Reading [I]: the trade-union path applies only to applicants of youth age where there is no Đoàn
 * (the text is about the Đoàn requirement); past youth age two members introduce (R-ADM-08).
 */
export function sponsorRequirement(a: ApplicantForSponsorship, considerationDate: string, settings?: RuleSettings): SponsorRequirement {
  const general = paramOn(ADM_YOUTH_AGE_LIMIT, considerationDate, settings);
  const cadre = a.isYouthUnionCadre ? paramOn(ADM_YOUTH_CADRE_AGE_LIMIT, considerationDate, settings) : null;
  const limit = Math.max(general, cadre ?? general);
  if (ageOn(a.birthDate, considerationDate) > limit) return { kind: 'two_members' };
  if (a.youthUnionOrgExists) {
    return a.isYouthUnionMember ? { kind: 'one_member_and_resolution', resolutionBy: 'youth_union' } : { kind: 'must_be_youth_union_member' };
  }
  if (a.tradeUnionOrgExists) return { kind: 'one_member_and_resolution', resolutionBy: 'trade_union' };
  return { kind: 'two_members' };
}

export interface SponsorFacts {
  /** The introducer's status on the date of introduction. */
  readonly status: MemberStatus;
  /** Start of working, studying or living with the applicant in the same unit (null: never). */
  readonly togetherSince: string | null;
  readonly togetherBy: 'work' | 'study' | 'residence';
  /** Assigned by the chi bộ to replace an introducer who moved or was disciplined (R-ADM-10). */
  readonly isReplacement: boolean;
}

export type SponsorProblem = 'not_official' | 'residence_not_counted' | 'not_long_enough_together';

/**
 * R-ADM-09: an official member, together with the applicant ≥ 12 months (residence counts from
 * QĐ24, 2021); R-ADM-10: a replacement need not meet the 12 months. An exempt member is not
 * accepted: the text says "official member" and exemption suspends party activities [I].
 */
export function sponsorProblems(s: SponsorFacts, introductionDate: string): SponsorProblem[] {
  const problems: SponsorProblem[] = [];
  if (s.status !== 'official') problems.push('not_official');
  if (s.isReplacement) return problems;
  const rule = paramOn(ADM_SPONSOR_TOGETHER, introductionDate);
  if (s.togetherBy === 'residence' && !rule.residenceCounts) problems.push('residence_not_counted');
  else if (s.togetherSince === null || addMonths(s.togetherSince, rule.months) > introductionDate) problems.push('not_long_enough_together');
  return problems;
}
