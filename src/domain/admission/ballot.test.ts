import { describe, expect, it } from 'vitest';
import { ballotProblem } from './ballot.js';

describe('ballot method', () => {
  it('R-ADM-34: a passed vote needs only its method, secret ballot or raised card', () => {
    expect(ballotProblem({ method: 'secret_ballot', reportedUpOn: null }, true, '2026-03-10')).toBeNull();
    expect(ballotProblem({ method: 'raised_card', reportedUpOn: null }, true, '2026-03-10')).toBeNull();
  });

  it('R-ADM-34: a vote short of its ratio records the day its full result was reported upward, not before the vote', () => {
    expect(ballotProblem({ method: 'raised_card', reportedUpOn: null }, false, '2026-03-10')).toBe('report_up_missing');
    expect(ballotProblem({ method: 'raised_card', reportedUpOn: '2026-03-09' }, false, '2026-03-10')).toBe('report_up_before_vote');
    expect(ballotProblem({ method: 'raised_card', reportedUpOn: '2026-03-10' }, false, '2026-03-10')).toBeNull();
  });
});
