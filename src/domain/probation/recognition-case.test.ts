import { describe, expect, it } from 'vitest';
import { addCalendarDays } from '../calendar/iso-date.js';
import { recognitionConsiderationDue, recognitionDecisionDue } from './probation.js';
import {
  applyRecognitionStep,
  expectedRecognitionStep,
  recognitionOpenDeadlines,
  type RecognitionCaseFacts,
  type RecognitionStep,
} from './recognition-case.js';

// Ceremony 10/03/2025: probation ends 10/03/2026 (R-PROB-01).
const base: RecognitionCaseFacts = {
  state: 'opened',
  needsGrassrootsResolution: true,
  ceremonyDate: '2025-03-10',
  proposal: null,
  cellResolutionDate: null,
  cellInconclusiveVotes: 0,
  grassrootsInconclusiveVotes: 0,
  lastStepDate: '2026-02-20',
};
const votes = (members: number, inFavour: number, against = members - inFavour) => ({ members, inFavour, against });
const reviewed: RecognitionCaseFacts = { ...base, state: 'self_reviewed', lastStepDate: '2026-03-11' };
const cell = (date: string, v = votes(9, 9), proposal: 'recognize' | 'remove' = 'recognize'): RecognitionStep => ({ kind: 'cell_resolution', date, proposal, votes: v });
const decision = (date: string, v = votes(12, 7), result: 'recognized' | 'removed' = 'recognized'): RecognitionStep => ({
  kind: 'decision',
  date,
  authority: 'superior_standing_committee',
  result,
  votes: v,
});
const atDecision: RecognitionCaseFacts = { ...base, state: 'grassroots_resolved', proposal: 'recognize', cellResolutionDate: '2026-03-20', lastStepDate: '2026-03-27' };

describe('recognition case: order of steps', () => {
  it('takes the steps in order and skips the đảng ủy cơ sở only under a chi bộ cơ sở', () => {
    expect(expectedRecognitionStep(base)).toBe('self_review');
    expect(expectedRecognitionStep(reviewed)).toBe('cell_resolution');
    expect(expectedRecognitionStep({ ...base, state: 'cell_resolved' })).toBe('grassroots_resolution');
    expect(expectedRecognitionStep({ ...base, state: 'cell_resolved', needsGrassrootsResolution: false })).toBe('decision');
    expect(expectedRecognitionStep({ ...base, state: 'escalated' })).toBe('decision');
    expect(expectedRecognitionStep({ ...base, state: 'recognized' })).toBeNull();
    expect(expectedRecognitionStep({ ...base, state: 'removed' })).toBeNull();
  });

  it('refuses a step out of order, a step on a closed case, and a date before the previous step', () => {
    expect(applyRecognitionStep(base, cell('2026-03-20'))).toEqual({ ok: false, problem: 'step_not_allowed', expected: 'self_review' });
    expect(applyRecognitionStep({ ...reviewed, state: 'cell_resolved', needsGrassrootsResolution: true }, decision('2026-04-01'))).toEqual({
      ok: false,
      problem: 'step_not_allowed',
      expected: 'grassroots_resolution',
    });
    expect(applyRecognitionStep({ ...base, state: 'recognized' }, { kind: 'self_review', date: '2026-04-01' })).toEqual({ ok: false, problem: 'step_not_allowed', expected: null });
    expect(applyRecognitionStep(reviewed, cell('2026-03-10'))).toEqual({ ok: false, problem: 'date_before_previous_step', previous: '2026-03-11' });
    expect(applyRecognitionStep(reviewed, cell('2026-03-11'))).toMatchObject({ ok: true, state: 'cell_resolved' });
  });

  it('R-PROB-07: the self-review is written once the 12 months have run, not the day before', () => {
    expect(applyRecognitionStep(base, { kind: 'self_review', date: '2026-03-09' })).toEqual({ ok: false, problem: 'self_review_before_probation_end', probationEnds: '2026-03-10' });
    expect(applyRecognitionStep(base, { kind: 'self_review', date: '2026-03-10' })).toEqual({ ok: true, outcome: 'done', state: 'self_reviewed', late: false, officialDate: null });
  });
});

describe('recognition case: votes', () => {
  it('R-PROB-05: two thirds of the chi bộ, of the đảng ủy cơ sở, more than half of the BTV; an impossible vote is refused', () => {
    expect(applyRecognitionStep(reviewed, cell('2026-03-20', votes(9, 6)))).toMatchObject({ ok: true, outcome: 'passed', state: 'cell_resolved' });
    expect(applyRecognitionStep(reviewed, cell('2026-03-20', votes(9, 5)))).toMatchObject({ ok: true, outcome: 'failed', state: 'self_reviewed' });
    expect(applyRecognitionStep(reviewed, cell('2026-03-20', { members: 9, inFavour: 8, against: 2 }))).toEqual({ ok: false, problem: 'vote_impossible', vote: 'more_votes_than_members' });
    const resolved = { ...reviewed, state: 'cell_resolved' as const, proposal: 'recognize' as const, cellResolutionDate: '2026-03-20', lastStepDate: '2026-03-20' };
    expect(applyRecognitionStep(resolved, { kind: 'grassroots_resolution', date: '2026-03-27', votes: votes(15, 10) })).toMatchObject({ outcome: 'passed', state: 'grassroots_resolved' });
    expect(applyRecognitionStep(resolved, { kind: 'grassroots_resolution', date: '2026-03-27', votes: votes(15, 9) })).toMatchObject({ outcome: 'failed', state: 'cell_resolved' });
    expect(applyRecognitionStep(atDecision, decision('2026-04-10', votes(12, 7)))).toMatchObject({ outcome: 'passed', state: 'recognized' });
    expect(applyRecognitionStep(atDecision, decision('2026-04-10', votes(12, 6)))).toMatchObject({ outcome: 'failed', state: 'grassroots_resolved' });
    expect(applyRecognitionStep(atDecision, decision('2026-04-10', { members: 12, inFavour: 13, against: 0 }))).toMatchObject({ ok: false, problem: 'vote_impossible' });
  });

  it('R-PROB-06: the third vote without two thirds either way escalates to the direct superior, the second does not', () => {
    expect(applyRecognitionStep({ ...reviewed, cellInconclusiveVotes: 1 }, cell('2026-03-20', votes(9, 5)))).toMatchObject({ outcome: 'failed', state: 'self_reviewed' });
    expect(applyRecognitionStep({ ...reviewed, cellInconclusiveVotes: 2 }, cell('2026-03-20', votes(9, 5)))).toMatchObject({ outcome: 'failed', state: 'escalated' });
    const resolved = { ...reviewed, state: 'cell_resolved' as const, proposal: 'recognize' as const, cellResolutionDate: '2026-03-20', grassrootsInconclusiveVotes: 2 };
    expect(applyRecognitionStep(resolved, { kind: 'grassroots_resolution', date: '2026-03-27', votes: votes(15, 9) })).toMatchObject({ state: 'escalated' });
    // The superior decides either way.
    const escalated = { ...reviewed, state: 'escalated' as const, cellResolutionDate: '2026-03-20', lastStepDate: '2026-03-20' };
    expect(applyRecognitionStep(escalated, decision('2026-04-10', votes(12, 7), 'removed'))).toMatchObject({ ok: true, state: 'removed' });
    expect(applyRecognitionStep(escalated, decision('2026-04-10', votes(12, 7), 'recognized'))).toMatchObject({ ok: true, state: 'recognized' });
  });

  it('R-PROB-09: xóa tên needs the chi bộ and đảng ủy cơ sở proposal, then the authority\'s vote; a recognition proposal cannot end in removal', () => {
    const toRemove = { ...atDecision, proposal: 'remove' as const };
    expect(applyRecognitionStep(toRemove, decision('2026-04-10', votes(12, 7), 'removed'))).toEqual({ ok: true, outcome: 'passed', state: 'removed', late: false, officialDate: null });
    expect(applyRecognitionStep(toRemove, decision('2026-04-10', votes(12, 7), 'recognized'))).toEqual({ ok: false, problem: 'decision_not_proposed', proposal: 'remove' });
    expect(applyRecognitionStep(atDecision, decision('2026-04-10', votes(12, 7), 'removed'))).toEqual({ ok: false, problem: 'decision_not_proposed', proposal: 'recognize' });
    // An authorized đảng ủy cơ sở needs two thirds of its members.
    expect(applyRecognitionStep(toRemove, { ...(decision('2026-04-10', votes(12, 7), 'removed') as object), authority: 'authorized_grassroots_committee' } as RecognitionStep)).toMatchObject({
      outcome: 'failed',
    });
  });
});

describe('recognition case: dates and deadlines', () => {
  it('R-PROB-02: a chi bộ resolution past 30 wd after probation ends is kept and marked late', () => {
    const due = recognitionConsiderationDue('2025-03-10');
    expect(applyRecognitionStep(reviewed, cell(due))).toMatchObject({ ok: true, late: false });
    expect(applyRecognitionStep(reviewed, cell(addCalendarDays(due, 1)))).toMatchObject({ ok: true, late: true });
    expect(recognitionOpenDeadlines(reviewed)).toEqual([{ step: 'cell_resolution', ruleId: 'R-PROB-02', due, dueWithExtension: null }]);
  });

  it('R-PROB-03: official on ceremony + 12 months whatever day the decision is signed, late decision included', () => {
    const { dueWithExtension } = recognitionDecisionDue('2026-03-20');
    const late = addCalendarDays(dueWithExtension!, 10);
    expect(applyRecognitionStep(atDecision, decision(late))).toEqual({ ok: true, outcome: 'passed', state: 'recognized', late: true, officialDate: '2026-03-10' });
    expect(applyRecognitionStep({ ...atDecision, ceremonyDate: '2024-02-29' }, decision('2026-04-10'))).toMatchObject({ officialDate: '2025-02-28' });
  });

  it('R-PROB-04: the decision is due 30 wd after the chi bộ resolution; the extension is 30 wd before 2025-07-01 and 15 wd from it', () => {
    const before = recognitionOpenDeadlines({ ...atDecision, cellResolutionDate: '2025-06-30' });
    const after = recognitionOpenDeadlines({ ...atDecision, cellResolutionDate: '2025-07-01' });
    expect(before).toEqual([{ step: 'decision', ruleId: 'R-PROB-04', due: '2025-08-11', dueWithExtension: '2025-09-24' }]);
    expect(after).toEqual([{ step: 'decision', ruleId: 'R-PROB-04', due: '2025-08-12', dueWithExtension: '2025-09-04' }]);
    const { due } = recognitionDecisionDue('2026-03-20');
    expect(applyRecognitionStep(atDecision, decision(due))).toMatchObject({ late: false });
    expect(applyRecognitionStep(atDecision, decision(addCalendarDays(due, 1)))).toMatchObject({ late: true });
    expect(recognitionOpenDeadlines({ ...atDecision, state: 'recognized' })).toEqual([]);
  });
});
