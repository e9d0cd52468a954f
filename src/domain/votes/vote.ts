// Vote thresholds of party bodies (R-MTG-05; applied by R-ADM-16/17/18, R-PROB-05/09, R-EXIT-03).
// Thresholds are of the members counted for the vote (R-CONG-14 for a chi bộ, R-MTG-06 for a
// cấp ủy), not of those present, and are compared in whole numbers so 2/3 has no rounding.

export type VoteThreshold = 'two_thirds' | 'more_than_half';

export interface VoteCount {
  /** Members counted for the vote (see votingBase). */
  readonly members: number;
  readonly inFavour: number;
  readonly against: number;
}

export type VoteProblem = 'not_whole_numbers' | 'no_members' | 'more_votes_than_members';

/** A vote that cannot be: negative or fractional counts, no members, more ballots than members. */
export function voteProblem(v: VoteCount): VoteProblem | null {
  const counts = [v.members, v.inFavour, v.against];
  if (!counts.every((n) => Number.isInteger(n) && n >= 0)) return 'not_whole_numbers';
  if (v.members === 0) return 'no_members';
  if (v.inFavour + v.against > v.members) return 'more_votes_than_members';
  return null;
}

export function meetsThreshold(inFavour: number, members: number, threshold: VoteThreshold): boolean {
  return threshold === 'two_thirds' ? inFavour * 3 >= members * 2 : inFavour * 2 > members;
}

export type VoteOutcome = { readonly ok: false; readonly problem: VoteProblem } | { readonly ok: true; readonly passed: boolean };

export function voteOutcome(v: VoteCount, threshold: VoteThreshold): VoteOutcome {
  const problem = voteProblem(v);
  return problem ? { ok: false, problem } : { ok: true, passed: meetsThreshold(v.inFavour, v.members, threshold) };
}

/**
 * R-CONG-14 (all-member meeting, such as a chi bộ): the official members, minus those on
 * temporary transfer elsewhere who are absent, exempt members who are absent, suspended,
 * indicted or detained members, and those excused for the whole meeting.
 */
export function votingBase(c: {
  official: number;
  absentOnTemporaryTransfer: number;
  absentExempt: number;
  suspendedIndictedOrDetained: number;
  excusedForWholeMeeting: number;
}): number {
  return c.official - c.absentOnTemporaryTransfer - c.absentExempt - c.suspendedIndictedOrDetained - c.excusedForWholeMeeting;
}
