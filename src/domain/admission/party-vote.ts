import { ADM_CELL_VOTE, ADM_DECIDING_VOTE, ADM_GRASSROOTS_COMMITTEE_VOTE, type DecidingAuthority } from '../rules/admission.params.js';
import { paramOn } from '../rules/params.js';
import { voteOutcome, type VoteCount, type VoteOutcome } from '../votes/vote.js';

// The votes on admission (R-ADM-16/17/18), on recognition as official member (R-PROB-05) and on
// removal of a member (R-PROB-09, R-EXIT-03): the same three levels and thresholds.

export type PartyVoteLevel = 'cell' | 'grassroots_committee' | DecidingAuthority;

export function partyVoteOutcome(level: PartyVoteLevel, count: VoteCount, voteDate: string): VoteOutcome {
  const threshold =
    level === 'cell'
      ? paramOn(ADM_CELL_VOTE, voteDate)
      : level === 'grassroots_committee'
        ? paramOn(ADM_GRASSROOTS_COMMITTEE_VOTE, voteDate)
        : paramOn(ADM_DECIDING_VOTE, voteDate)[level];
  return voteOutcome(count, threshold);
}
