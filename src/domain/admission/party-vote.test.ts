import { describe, expect, it } from 'vitest';
import { partyVoteOutcome } from './party-vote.js';

describe('R-ADM-16: the chi bộ resolution needs two thirds of its official members, counts for and against recorded', () => {
  it('passes 6 of 9, fails 5 of 9, refuses 10 ballots from 9 members', () => {
    expect(partyVoteOutcome('cell', { members: 9, inFavour: 6, against: 3 }, '2026-03-02')).toEqual({ ok: true, passed: true });
    expect(partyVoteOutcome('cell', { members: 9, inFavour: 5, against: 4 }, '2026-03-02')).toEqual({ ok: true, passed: false });
    expect(partyVoteOutcome('cell', { members: 9, inFavour: 6, against: 4 }, '2026-03-02')).toEqual({ ok: false, problem: 'more_votes_than_members' });
  });
});

describe('R-ADM-17: the đảng ủy cơ sở resolution needs two thirds of its cấp ủy members', () => {
  it('passes 5 of 7 and fails 4 of 7', () => {
    expect(partyVoteOutcome('grassroots_committee', { members: 7, inFavour: 5, against: 2 }, '2026-03-02')).toEqual({ ok: true, passed: true });
    expect(partyVoteOutcome('grassroots_committee', { members: 7, inFavour: 4, against: 3 }, '2026-03-02')).toEqual({ ok: true, passed: false });
  });
});

describe('R-ADM-18: the deciding authority votes two thirds (authorized đảng ủy cơ sở) or more than half (BTV, tỉnh ủy thường trực)', () => {
  it('applies each authority its threshold', () => {
    expect(partyVoteOutcome('authorized_grassroots_committee', { members: 9, inFavour: 5, against: 4 }, '2026-03-02')).toEqual({ ok: true, passed: false });
    expect(partyVoteOutcome('superior_standing_committee', { members: 9, inFavour: 5, against: 4 }, '2026-03-02')).toEqual({ ok: true, passed: true });
    expect(partyVoteOutcome('superior_standing_committee', { members: 6, inFavour: 3, against: 3 }, '2026-03-02')).toEqual({ ok: true, passed: false });
    expect(partyVoteOutcome('provincial_standing', { members: 5, inFavour: 3, against: 0 }, '2026-03-02')).toEqual({ ok: true, passed: true });
  });
});

describe('R-PROB-05, R-PROB-09 and R-EXIT-03: recognition and removal votes use the same levels and thresholds', () => {
  it('a chi bộ of 12 recognises with 8 in favour, not 7', () => {
    expect(partyVoteOutcome('cell', { members: 12, inFavour: 8, against: 4 }, '2026-03-02')).toEqual({ ok: true, passed: true });
    expect(partyVoteOutcome('cell', { members: 12, inFavour: 7, against: 5 }, '2026-03-02')).toEqual({ ok: true, passed: false });
  });
});
