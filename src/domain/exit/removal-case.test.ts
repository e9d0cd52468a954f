import { describe, expect, it } from 'vitest';
import { partyAgeMonths } from '../party-age/party-age.js';
import { ruleSettings, setValue } from '../rules/params.js';
import { EXIT_ABSENCE_WINDOW } from '../rules/exit.params.js';
import {
  absenceGroundMet,
  appealResolutionDue,
  appealWindowEnds,
  applyRemovalStep,
  expectedRemovalSteps,
  REMOVAL_GROUNDS,
  removalOpenDeadlines,
  restorationAfterWrongfulRemoval,
  type RemovalCaseFacts,
} from './removal-case.js';

const facts = (f: Partial<RemovalCaseFacts> = {}): RemovalCaseFacts => ({
  state: 'opened',
  needsGrassrootsResolution: true,
  selfReviewRefusals: 0,
  notifiedOn: null,
  appealDate: null,
  appealLevel: null,
  lastStepDate: '2026-01-05',
  ...f,
});
const votes = (members: number, inFavour: number) => ({ members, inFavour, against: members - inFavour });

describe('R-EXIT-01: three months missed "in the year"', () => {
  it('counts three months of one calendar year, not necessarily consecutive, by default [I]', () => {
    expect(absenceGroundMet(['2026-01', '2026-04', '2026-09'], '2026-10-01')).toBe(true);
    expect(absenceGroundMet(['2026-01', '2026-04'], '2026-10-01')).toBe(false);
    // Across the year's end: two in 2025 and one in 2026 are not three in a year.
    expect(absenceGroundMet(['2025-11', '2025-12', '2026-01'], '2026-02-01')).toBe(false);
    // Months after the day asked about do not count; a month named twice counts once.
    expect(absenceGroundMet(['2026-01', '2026-01', '2026-02', '2026-11'], '2026-10-01')).toBe(false);
  });

  it('follows the configured window: rolling 12 months, or consecutive months only', () => {
    const rolling = ruleSettings(setValue(EXIT_ABSENCE_WINDOW, { window: 'rolling_12_months', consecutive: false }));
    expect(absenceGroundMet(['2025-11', '2025-12', '2026-01'], '2026-02-01', rolling)).toBe(true);
    expect(absenceGroundMet(['2025-01', '2025-12', '2026-01'], '2026-02-01', rolling)).toBe(false);
    const consecutive = ruleSettings(setValue(EXIT_ABSENCE_WINDOW, { window: 'calendar_year', consecutive: true }));
    expect(absenceGroundMet(['2026-01', '2026-04', '2026-09'], '2026-10-01', consecutive)).toBe(false);
    expect(absenceGroundMet(['2026-03', '2026-04', '2026-05'], '2026-10-01', consecutive)).toBe(true);
  });
});

describe('R-EXIT-02: the other grounds of xóa tên', () => {
  it('lists the grounds of R-EXIT-01, R-EXIT-02 and R-EXIT-05 as codes the case records', () => {
    expect(REMOVAL_GROUNDS).toEqual(['missed_meetings', 'unpaid_dues', 'card_returned', 'no_progress', 'two_years_violations', 'political_standard', 'transfer_not_submitted']);
  });
});

describe('R-EXIT-03: self-review first, then the votes of R-PROB-09', () => {
  it('moves on once the member self-reviews', () => {
    expect(applyRemovalStep(facts(), { kind: 'self_review_request', date: '2026-01-06', reply: 'reviewed' })).toMatchObject({ ok: true, state: 'self_reviewed', proceedsWithoutSelfReview: false });
  });

  it('lets the chi bộ proceed after the 3rd refused request, not before', () => {
    const second = applyRemovalStep(facts({ selfReviewRefusals: 1 }), { kind: 'self_review_request', date: '2026-01-20', reply: 'refused' });
    expect(second).toMatchObject({ ok: true, state: 'opened', outcome: 'done' });
    expect(expectedRemovalSteps(facts())).toEqual(['self_review_request']);
    const third = applyRemovalStep(facts({ selfReviewRefusals: 2 }), { kind: 'self_review_request', date: '2026-02-03', reply: 'no_reply' });
    expect(third).toMatchObject({ ok: true, state: 'self_reviewed', proceedsWithoutSelfReview: true });
    expect(applyRemovalStep(facts(), { kind: 'cell_resolution', date: '2026-01-06', votes: votes(9, 9) })).toEqual({ ok: false, problem: 'step_not_allowed', expected: ['self_review_request'] });
  });

  it('needs two thirds of the chi bộ and of the đảng ủy cơ sở, more than half of the BTV; a failed vote ends the case', () => {
    const reviewed = facts({ state: 'self_reviewed' });
    expect(applyRemovalStep(reviewed, { kind: 'cell_resolution', date: '2026-02-10', votes: votes(9, 6) })).toMatchObject({ ok: true, state: 'cell_resolved', outcome: 'passed' });
    expect(applyRemovalStep(reviewed, { kind: 'cell_resolution', date: '2026-02-10', votes: votes(9, 5) })).toMatchObject({ ok: true, state: 'not_removed', outcome: 'failed' });
    expect(applyRemovalStep(reviewed, { kind: 'cell_resolution', date: '2026-02-10', votes: { members: 9, inFavour: 8, against: 2 } })).toEqual({
      ok: false,
      problem: 'vote_impossible',
      vote: 'more_votes_than_members',
    });
    const cell = facts({ state: 'cell_resolved' });
    expect(expectedRemovalSteps(cell)).toEqual(['grassroots_resolution']);
    expect(expectedRemovalSteps({ ...cell, needsGrassrootsResolution: false })).toEqual(['decision']);
    expect(applyRemovalStep(cell, { kind: 'grassroots_resolution', date: '2026-02-20', votes: votes(15, 10) })).toMatchObject({ state: 'grassroots_resolved' });
    expect(applyRemovalStep(cell, { kind: 'grassroots_resolution', date: '2026-02-20', votes: votes(15, 9) })).toMatchObject({ state: 'not_removed' });
    const gr = facts({ state: 'grassroots_resolved' });
    expect(applyRemovalStep(gr, { kind: 'decision', date: '2026-03-02', authority: 'superior_standing_committee', votes: votes(10, 6) })).toMatchObject({ state: 'removed' });
    expect(applyRemovalStep(gr, { kind: 'decision', date: '2026-03-02', authority: 'superior_standing_committee', votes: votes(10, 5) })).toMatchObject({ state: 'not_removed' });
    expect(applyRemovalStep(gr, { kind: 'decision', date: '2026-03-02', authority: 'authorized_grassroots_committee', votes: votes(15, 9) })).toMatchObject({ state: 'not_removed' });
  });

  it('refuses a date before the previous step', () => {
    expect(applyRemovalStep(facts({ lastStepDate: '2026-02-01' }), { kind: 'self_review_request', date: '2026-01-31', reply: 'reviewed' })).toEqual({
      ok: false,
      problem: 'date_before_previous_step',
      previous: '2026-02-01',
    });
  });
});

describe('R-EXIT-04: the appeal window and the appeal', () => {
  it('gives 30 wd from receipt, and a window spanning Tết ends a week later', () => {
    // Friday 06/02/2026 + 30 wd: Tết (16–20/02) pushes the end from 20/03 to 27/03.
    expect(appealWindowEnds('2026-02-06')).toBe('2026-03-27');
    const notified = facts({ state: 'notified', notifiedOn: '2026-02-06', lastStepDate: '2026-02-06' });
    expect(applyRemovalStep(notified, { kind: 'appeal', date: '2026-03-27', level: 'provincial', byMember: true })).toMatchObject({ ok: true, state: 'appealed' });
    expect(applyRemovalStep(notified, { kind: 'appeal', date: '2026-03-30', level: 'provincial', byMember: true })).toEqual({ ok: false, problem: 'appeal_after_window', windowEnds: '2026-03-27' });
    expect(applyRemovalStep(notified, { kind: 'appeal', date: '2026-03-02', level: 'provincial', byMember: false })).toEqual({ ok: false, problem: 'appeal_not_by_member' });
    expect(removalOpenDeadlines(notified)).toEqual([{ step: 'appeal', ruleId: 'R-EXIT-04', due: '2026-03-27', dueWithExtension: null }]);
  });

  it('refuses an appeal before any decision exists', () => {
    expect(applyRemovalStep(facts({ state: 'cell_resolved' }), { kind: 'appeal', date: '2026-03-02', level: 'provincial', byMember: true })).toEqual({ ok: false, problem: 'appeal_before_decision' });
  });

  it('closes the removal after the window, not during it', () => {
    const notified = facts({ state: 'notified', notifiedOn: '2026-02-06', lastStepDate: '2026-02-06' });
    expect(applyRemovalStep(notified, { kind: 'finalize', date: '2026-03-27' })).toEqual({ ok: false, problem: 'appeal_window_open', windowEnds: '2026-03-27' });
    expect(applyRemovalStep(notified, { kind: 'finalize', date: '2026-03-30' })).toMatchObject({ ok: true, state: 'removal_final' });
  });

  it('is resolved within 90 wd at province level and 180 wd at the centre', () => {
    expect(appealResolutionDue('2026-03-02', 'central') > appealResolutionDue('2026-03-02', 'provincial')).toBe(true);
    const appealed = facts({ state: 'appealed', notifiedOn: '2026-02-06', appealDate: '2026-03-02', appealLevel: 'provincial', lastStepDate: '2026-03-02' });
    expect(removalOpenDeadlines(appealed)).toEqual([{ step: 'appeal_resolution', ruleId: 'R-EXIT-04', due: appealResolutionDue('2026-03-02', 'provincial'), dueWithExtension: null }]);
    expect(applyRemovalStep(appealed, { kind: 'appeal_resolution', date: '2026-05-04', result: 'upheld' })).toMatchObject({ state: 'restored' });
    expect(applyRemovalStep(appealed, { kind: 'appeal_resolution', date: '2026-05-04', result: 'rejected' })).toMatchObject({ state: 'removal_upheld' });
    expect(removalOpenDeadlines(facts({ state: 'restored' }))).toEqual([]);
  });
});

describe('R-AGE-04: restoration after a wrongful removal', () => {
  it('keeps party age continuous and owes the dues for the gap', () => {
    const r = restorationAfterWrongfulRemoval('2026-03-02', '2026-06-01');
    expect(r).toEqual({ gapAnnulled: true, duesOwedFrom: '2026-03-02', duesOwedTo: '2026-06-01' });
    const periods = [
      { status: 'official' as const, validFrom: '2010-01-04', validTo: '2026-03-02' },
      { status: 'removed' as const, validFrom: '2026-03-02', validTo: '2026-06-01', annulledAsWrongful: r.gapAnnulled },
      { status: 'official' as const, validFrom: '2026-06-01', validTo: null },
    ];
    expect(partyAgeMonths({ admissionDecisions: ['2010-01-04'], periods }, '2026-07-04')).toBe(198);
    expect(partyAgeMonths({ admissionDecisions: ['2010-01-04'], periods: periods.map((p) => ({ ...p, annulledAsWrongful: false })) }, '2026-07-04')).toBe(194);
  });
});
