import { paramOn } from '../rules/params.js';
import { TRF_RESIDENCE_LIAISON } from '../rules/transfer.params.js';

// R-TRF-16, v1: an employed member keeps a liaison with the chi bộ where they live — the workplace
// cấp ủy refers them (giới thiệu về sinh hoạt nơi cư trú), the residence cấp ủy comments on them
// every year. Who may be referred is [I] (TRF_RESIDENCE_LIAISON): members on the rolls whose own
// org is a workplace org.

/** How the residence cấp ủy rates the member's liaison in its yearly comment. */
export const LIAISON_RATINGS = ['good', 'fair', 'poor'] as const;
export type LiaisonRating = (typeof LIAISON_RATINGS)[number];

export type ReferralProblem =
  | { readonly problem: 'status_not_referred'; readonly status: string }
  | { readonly problem: 'residential_org'; readonly kind: string }
  | { readonly problem: 'open_referral'; readonly referredOn: string };

export interface ReferralFacts {
  readonly status: string;
  /** The org kinds from the member's org up to the root, nearest first (null where none is set). */
  readonly kindsUpward: readonly (string | null)[];
  /** The member's referral still in force, if any. */
  readonly openReferredOn: string | null;
}

/** R-TRF-16: whether the member may be referred on `referredOn` (null: yes). */
export function referralProblem(f: ReferralFacts, referredOn: string): ReferralProblem | null {
  const p = paramOn(TRF_RESIDENCE_LIAISON, referredOn);
  if (!p.statuses.includes(f.status)) return { problem: 'status_not_referred', status: f.status };
  // The nearest org that says what kind it is decides where the member works.
  const kind = f.kindsUpward.find((k) => k !== null) ?? null;
  if (kind !== null && p.residenceKinds.includes(kind)) return { problem: 'residential_org', kind };
  // One liaison at a time: a move of residence ends the old referral first.
  if (f.openReferredOn !== null) return { problem: 'open_referral', referredOn: f.openReferredOn };
  return null;
}

export type CommentProblem =
  | { readonly problem: 'before_referral'; readonly referralYear: number }
  | { readonly problem: 'after_end'; readonly endYear: number }
  | { readonly problem: 'future_year'; readonly currentYear: number };

/** R-TRF-16: the year a comment is about lies within the referral and is not to come. */
export function commentYearProblem(r: { readonly referredOn: string; readonly endedOn: string | null }, year: number, today: string): CommentProblem | null {
  const referralYear = Number(r.referredOn.slice(0, 4));
  if (year < referralYear) return { problem: 'before_referral', referralYear };
  if (r.endedOn !== null && year > Number(r.endedOn.slice(0, 4))) return { problem: 'after_end', endYear: Number(r.endedOn.slice(0, 4)) };
  const currentYear = Number(today.slice(0, 4));
  if (year > currentYear) return { problem: 'future_year', currentYear };
  return null;
}

/** R-TRF-16: a referral in force during `year` owes that year's comment until one is recorded. */
export function commentDue(r: { readonly referredOn: string; readonly endedOn: string | null }, commentedYears: readonly number[], year: number): boolean {
  const inForce = Number(r.referredOn.slice(0, 4)) <= year && (r.endedOn === null || Number(r.endedOn.slice(0, 4)) >= year);
  return inForce && !commentedYears.includes(year);
}
