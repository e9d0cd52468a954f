import { EXIT_TEMPORARY_EXEMPTION_UNDER } from '../rules/exit.params.js';
import { paramOn } from '../rules/params.js';
import { periodEnd } from '../rules/period.js';
import type { OrgType } from '../org-type.js';
import type { StatusInterval } from '../party-age/party-age.js';

// Exemption from work and party meetings (miễn công tác và sinh hoạt đảng), R-EXIT-10 … R-EXIT-12.
// The member's status is `exempt` from the first day to the end (then official again); the
// exemption is not a gap in party age and keeps badge eligibility (party-age.ts, badge-eligibility.ts),
// and an exempt member is not evaluated (R-EVAL-15, isExemptOn below).

export const EXEMPTION_KINDS = [
  'old_age_health', // R-EXIT-10: tuổi cao, sức khỏe yếu
  'other_reason', // R-EXIT-11: điều trị dài ngày, đi nước ngoài, làm việc lưu động, chờ nghỉ hưu, thai sản
  'temporary_absence', // R-EXIT-12: miễn sinh hoạt tạm thời, vắng mặt dưới 12 tháng
] as const;
export type ExemptionKind = (typeof EXEMPTION_KINDS)[number];

/** R-EXIT-11: the other reasons the guidance lists. */
export const EXEMPTION_OTHER_REASONS = ['long_treatment', 'abroad', 'mobile_work', 'awaiting_retirement', 'maternity'] as const;
export type ExemptionOtherReason = (typeof EXEMPTION_OTHER_REASONS)[number];

/** Who decides an exemption. */
export type ExemptionDecider = 'cell' | 'grassroots_committee' | 'superior_standing_committee';

/** Whether the member's cell sits under a đảng ủy cơ sở (a cell or group), or is itself the grassroots org. */
export const underGrassrootsCommittee = (cellType: OrgType): boolean => cellType === 'cell' || cellType === 'group';

/**
 * Who decides, by kind and where the member's chi bộ sits.
 * R-EXIT-10: old age or health — the chi bộ decides (the upper cấp ủy is informed).
 * R-EXIT-11: other reasons — the cấp ủy cơ sở decides; a chi bộ directly under the superior
 * (chi bộ cơ sở): that superior's BTV.
 * R-EXIT-12: temporary absence — the cấp ủy cơ sở approves; for a chi bộ cơ sở that is its own
 * chi ủy, recorded as the chi bộ [I].
 */
export function exemptionDecider(kind: ExemptionKind, cellType: OrgType): ExemptionDecider {
  const under = underGrassrootsCommittee(cellType);
  switch (kind) {
    case 'old_age_health':
      return 'cell';
    case 'other_reason':
      return under ? 'grassroots_committee' : 'superior_standing_committee';
    case 'temporary_absence':
      return under ? 'grassroots_committee' : 'cell';
  }
}

export interface ExemptionRequest {
  readonly kind: ExemptionKind;
  readonly otherReason: ExemptionOtherReason | null;
  readonly from: string;
  /** The day the member is back (exclusive end, like the status intervals); null: until a decision ends it (old age, R-EXIT-10). */
  readonly to: string | null;
  readonly decidedBy: ExemptionDecider;
  readonly documents: readonly string[];
}

export type ExemptionProblem =
  | { readonly problem: 'wrong_decider'; readonly expected: ExemptionDecider }
  | { readonly problem: 'end_before_start' }
  | { readonly problem: 'temporary_needs_end' }
  | { readonly problem: 'temporary_too_long'; readonly limit: string }
  | { readonly problem: 'other_reason_missing' }
  | { readonly problem: 'medical_certificate_missing' };

/** What is wrong with an exemption as requested, or null. */
export function exemptionProblem(r: ExemptionRequest, cellType: OrgType): ExemptionProblem | null {
  if (r.to !== null && r.to <= r.from) return { problem: 'end_before_start' };
  // R-EXIT-10: the member applies with a medical certificate (HD38 §IV.1.1).
  if (r.kind === 'old_age_health' && r.documents.length === 0) return { problem: 'medical_certificate_missing' };
  // R-EXIT-11: one of the reasons the guidance lists.
  if (r.kind === 'other_reason' && r.otherReason === null) return { problem: 'other_reason_missing' };
  if (r.kind === 'temporary_absence') {
    // R-EXIT-12: under 12 months, so its end is known: the member is back before from + 12 months.
    if (r.to === null) return { problem: 'temporary_needs_end' };
    const limit = periodEnd(r.from, paramOn(EXIT_TEMPORARY_EXEMPTION_UNDER, r.from));
    if (r.to >= limit) return { problem: 'temporary_too_long', limit };
  }
  const expected = exemptionDecider(r.kind, cellType);
  if (r.decidedBy !== expected) return { problem: 'wrong_decider', expected };
  return null;
}

/**
 * R-EVAL-15 / R-EXIT-10: whether the member is exempt from work and meetings on `date` (and so
 * not evaluated), from the member's dated status intervals (valid_to exclusive).
 */
export function isExemptOn(member: { readonly periods: readonly Pick<StatusInterval, 'status' | 'validFrom' | 'validTo'>[] }, date: string): boolean {
  return member.periods.some((p) => p.status === 'exempt' && p.validFrom <= date && (p.validTo === null || date < p.validTo));
}
