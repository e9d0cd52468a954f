import type { MemberStatus } from '../member-status.js';

// Leaving the party on request (R-EXIT-07) and death. Both close the member's status interval
// through the member module with the reason kept on it (R-REC-06: the record stays).

/** R-REC-06: the reason kept on the status interval each exit opens. */
export const EXIT_REASONS = { withdrawal: 'withdrawal_on_request', death: 'death' } as const;

export type WithdrawalProblem = { readonly problem: 'violating_must_be_disciplined' } | { readonly problem: 'not_on_rolls' };

/**
 * R-EXIT-07: a member may leave on request only when not violating the qualifications of a party
 * member; a violator is disciplined first. The authority decides and removes the name.
 */
export function withdrawalProblem(m: { readonly status: MemberStatus; readonly violating: boolean }): WithdrawalProblem | null {
  if (!['probationary', 'official', 'exempt'].includes(m.status)) return { problem: 'not_on_rolls' };
  if (m.violating) return { problem: 'violating_must_be_disciplined' };
  return null;
}
