// R-ADM-34: a vote to propose or decide admission, recognition as official member or xóa tên is
// by secret ballot or by raised party card, as the meeting chooses; when the required ratio is
// not reached, the full result is reported upward.

export const BALLOT_METHODS = ['secret_ballot', 'raised_card'] as const;
export type BallotMethod = (typeof BALLOT_METHODS)[number];

export interface BallotRecord {
  readonly method: BallotMethod;
  /** The day the full result of a vote that did not pass was reported upward. */
  readonly reportedUpOn: string | null;
}

export type BallotProblem = 'report_up_missing' | 'report_up_before_vote';

/** What is wrong with the ballot record of a vote dated `voteDate` that `passed` or not. */
export function ballotProblem(record: BallotRecord, passed: boolean, voteDate: string): BallotProblem | null {
  // A passed vote goes up with its resolution anyway; a report date on it changes nothing.
  if (passed) return null;
  if (record.reportedUpOn === null) return 'report_up_missing';
  if (record.reportedUpOn < voteDate) return 'report_up_before_vote';
  return null;
}
