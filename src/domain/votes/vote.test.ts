import { describe, expect, it } from 'vitest';
import { meetsThreshold, voteOutcome, votingBase } from './vote.js';

describe('vote thresholds (R-MTG-05)', () => {
  it('counts two thirds without rounding and "more than half" strictly', () => {
    expect(meetsThreshold(6, 9, 'two_thirds')).toBe(true);
    expect(meetsThreshold(5, 9, 'two_thirds')).toBe(false);
    expect(meetsThreshold(5, 7, 'two_thirds')).toBe(true); // 15 ≥ 14
    expect(meetsThreshold(4, 7, 'two_thirds')).toBe(false);
    expect(meetsThreshold(3, 6, 'more_than_half')).toBe(false);
    expect(meetsThreshold(4, 6, 'more_than_half')).toBe(true);
    expect(meetsThreshold(3, 5, 'more_than_half')).toBe(true);
  });

  it('refuses a vote that cannot be: more ballots than members, fractions, negatives, nobody', () => {
    expect(voteOutcome({ members: 9, inFavour: 7, against: 3 }, 'two_thirds')).toEqual({ ok: false, problem: 'more_votes_than_members' });
    expect(voteOutcome({ members: 9, inFavour: 10, against: 0 }, 'two_thirds')).toEqual({ ok: false, problem: 'more_votes_than_members' });
    expect(voteOutcome({ members: 9, inFavour: 6.5, against: 0 }, 'two_thirds')).toEqual({ ok: false, problem: 'not_whole_numbers' });
    expect(voteOutcome({ members: 9, inFavour: -1, against: 0 }, 'two_thirds')).toEqual({ ok: false, problem: 'not_whole_numbers' });
    expect(voteOutcome({ members: 0, inFavour: 0, against: 0 }, 'two_thirds')).toEqual({ ok: false, problem: 'no_members' });
    expect(voteOutcome({ members: 9, inFavour: 6, against: 3 }, 'two_thirds')).toEqual({ ok: true, passed: true });
  });

  it('R-CONG-14: counts the official members minus the absent on temporary transfer or exempt, the suspended or detained, the excused', () => {
    expect(votingBase({ official: 20, absentOnTemporaryTransfer: 2, absentExempt: 1, suspendedIndictedOrDetained: 1, excusedForWholeMeeting: 1 })).toBe(15);
  });
});
