import { describe, expect, it } from 'vitest';
import { applyTransferStep, expectedTransferStep, stepSide, transferOpenDeadlines, type TransferCaseFacts } from './transfer-case.js';
import { blockingOn, type TransferBlock } from './transfer-blockers.js';
import {
  duesPaidForLetter,
  grassrootsUnderProvince,
  letterIssuer,
  letterType,
  temporaryCellSuggested,
  temporarySpanProblem,
  transferPresentDue,
  transferStartDue,
  underSameSuperior,
} from './transfer-rules.js';

const base: TransferCaseFacts = {
  state: 'requested',
  kind: 'permanent',
  destination: 'inside',
  causeDate: '2027-01-04',
  duesPaidThrough: null,
  letterDate: null,
  sameSuperior: false,
  grassrootsUnderProvince: false,
  endDate: null,
  lastStepDate: '2027-01-05',
};
const at = (over: Partial<TransferCaseFacts>): TransferCaseFacts => ({ ...base, ...over });
const inspection: TransferBlock = { kind: 'inspection', since: '2027-01-10', reason: 'UBKT kiểm tra khi có dấu hiệu vi phạm' };

describe('transfer case', () => {
  it('R-TRF-01: the letter is due 60 working days after the cause, Tết 2027 not counted', () => {
    // 60 weekdays from Monday 04/01/2027 end on 29/03; the five Tết days push it to 05/04.
    expect(transferStartDue('2027-01-04')).toBe('2027-04-05');
    expect(transferOpenDeadlines(base)).toEqual([{ step: 'letter', ruleId: 'R-TRF-01', due: '2027-04-05', dueWithExtension: null }]);
    const facts = at({ state: 'dues_recorded', duesPaidThrough: '2027-04' });
    const onTime = applyTransferStep(facts, { kind: 'letter', date: '2027-04-05' }, []);
    const late = applyTransferStep(facts, { kind: 'letter', date: '2027-04-06' }, []);
    expect(onTime).toMatchObject({ ok: true, state: 'letter_issued', late: false });
    expect(late).toMatchObject({ ok: true, late: true });
    // A temporary transfer has no start deadline.
    expect(transferOpenDeadlines(at({ kind: 'temporary', endDate: '2027-09-01' }))).toEqual([]);
  });

  it('R-TRF-02: the letter is presented within 30 working days, Tết 2027 not counted; a late receipt is kept and marked', () => {
    expect(transferPresentDue('2027-01-25')).toBe('2027-03-15');
    const facts = at({ state: 'letter_issued', letterDate: '2027-01-25', lastStepDate: '2027-01-25' });
    expect(transferOpenDeadlines(facts)).toEqual([{ step: 'receipt', ruleId: 'R-TRF-02', due: '2027-03-15', dueWithExtension: null }]);
    expect(applyTransferStep(facts, { kind: 'receipt', date: '2027-03-15', senderConfirmed: true }, [])).toMatchObject({ ok: true, state: 'received', late: false });
    expect(applyTransferStep(facts, { kind: 'receipt', date: '2027-03-16', senderConfirmed: true }, [])).toMatchObject({ ok: true, late: true });
    // Outside the installation nobody here receives: no R-TRF-02 item.
    expect(transferOpenDeadlines({ ...facts, destination: 'outside' })).toEqual([]);
  });

  it('R-TRF-04: no letter and no official completion while an inspection or complaint is open; a matter begun later does not count', () => {
    const facts = at({ state: 'dues_recorded', duesPaidThrough: '2027-02' });
    expect(applyTransferStep(facts, { kind: 'letter', date: '2027-02-01' }, [inspection])).toEqual({ ok: false, problem: 'blocked', blocks: [inspection] });
    expect(applyTransferStep(facts, { kind: 'letter', date: '2027-01-08' }, [inspection])).toMatchObject({ ok: true });
    expect(blockingOn([inspection], '2027-01-09')).toEqual([]);
    const received = at({ state: 'received', lastStepDate: '2027-02-10' });
    expect(applyTransferStep(received, { kind: 'completion', date: '2027-02-11' }, [inspection])).toMatchObject({ ok: false, problem: 'blocked' });
    // A temporary attachment may always end.
    expect(applyTransferStep({ ...received, kind: 'temporary' }, { kind: 'completion', date: '2027-02-11' }, [inspection])).toMatchObject({ ok: true, state: 'completed' });
  });

  it('R-TRF-05: the receiving cell refuses a dossier without the sending cấp ủy confirmation', () => {
    const facts = at({ state: 'letter_issued', letterDate: '2027-02-01', lastStepDate: '2027-02-01' });
    expect(applyTransferStep(facts, { kind: 'receipt', date: '2027-02-03', senderConfirmed: false }, [])).toEqual({ ok: false, problem: 'dossier_unconfirmed' });
    expect(stepSide(facts, 'receipt')).toBe('receiving');
    expect(stepSide(facts, 'letter')).toBe('sending');
    expect(stepSide(facts, 'completion')).toBe('receiving');
    expect(stepSide({ kind: 'temporary', destination: 'inside' }, 'completion')).toBe('sending');
    expect(stepSide({ kind: 'permanent', destination: 'outside' }, 'completion')).toBe('sending');
  });

  it('R-TRF-06: a temporary stay lasts 3 months to under a year, full-time study 3 to 24 months', () => {
    expect(temporarySpanProblem('stay', '2027-01-15', '2027-04-14')).toEqual({ problem: 'too_short', earliestEnd: '2027-04-15' });
    expect(temporarySpanProblem('stay', '2027-01-15', '2027-04-15')).toBeNull();
    expect(temporarySpanProblem('stay', '2027-01-15', '2028-01-14')).toBeNull();
    expect(temporarySpanProblem('stay', '2027-01-15', '2028-01-15')).toEqual({ problem: 'too_long', latestEnd: '2028-01-14' });
    expect(temporarySpanProblem('study', '2027-01-15', '2029-01-15')).toBeNull();
    expect(temporarySpanProblem('study', '2027-01-15', '2029-01-16')).toEqual({ problem: 'too_long', latestEnd: '2029-01-15' });
    expect(temporarySpanProblem('study', '2027-01-15', '2027-04-14')).toMatchObject({ problem: 'too_short' });
  });

  it('R-TRF-07: a temporary attachment has its return due on its end date, and the home org records the return', () => {
    const attached = at({ kind: 'temporary', state: 'received', endDate: '2027-09-30', lastStepDate: '2027-02-01' });
    expect(transferOpenDeadlines(attached)).toEqual([{ step: 'completion', ruleId: 'R-TRF-06', due: '2027-09-30', dueWithExtension: null }]);
    expect(stepSide(attached, 'completion')).toBe('sending');
  });

  it('R-TRF-08: three official members temporarily attached to one host suggest a temporary chi bộ', () => {
    expect(temporaryCellSuggested(2, '2027-01-01')).toBe(false);
    expect(temporaryCellSuggested(3, '2027-01-01')).toBe(true);
  });

  it('R-TRF-09: letter types by kind and destination; 7 boxes only under the same đảng bộ cấp trên trực tiếp', () => {
    expect(letterType('permanent', 'inside', true)).toBe('seven_box');
    expect(letterType('permanent', 'inside', false)).toBe('ten_box');
    expect(letterType('permanent', 'outside', false)).toBe('ten_box');
    expect(letterType('temporary', 'inside', true)).toBe('eight_box');
    expect(letterType('temporary', 'abroad', false)).toBe('two_box');
    expect(letterType('permanent', 'abroad', false)).toBe('two_box');
    const province = { id: 1, orgType: 'province' };
    const communeA = { id: 2, orgType: 'superior' };
    const communeB = { id: 3, orgType: 'superior' };
    const chain = (sup: { id: number; orgType: string }, g: number) => [province, sup, { id: g, orgType: 'grassroots_committee' }, { id: g * 10, orgType: 'cell' }];
    expect(underSameSuperior(chain(communeA, 4), chain(communeA, 5))).toBe(true);
    expect(underSameSuperior(chain(communeA, 4), chain(communeB, 6))).toBe(false);
    const facts = at({ state: 'dues_recorded', duesPaidThrough: '2027-02', sameSuperior: true });
    expect(applyTransferStep(facts, { kind: 'letter', date: '2027-02-01' }, [])).toMatchObject({ ok: true, letter: { type: 'seven_box', issuer: 'superior_committee' } });
  });

  it('R-TRF-03: the provincial organization board issues for a TCCSĐ under the province; the huyện ủy before 01/07/2025', () => {
    const underProvince = [{ id: 1, orgType: 'province' }, { id: 2, orgType: 'grassroots_committee' }, { id: 3, orgType: 'cell' }];
    expect(grassrootsUnderProvince(underProvince)).toBe(true);
    expect(letterIssuer(true, '2027-01-01')).toBe('provincial_organization_board');
    expect(letterIssuer(false, '2025-07-01')).toBe('superior_committee');
    expect(letterIssuer(false, '2025-06-30')).toBe('district_committee');
  });

  it('R-TRF-10: dues are paid through the month of the letter', () => {
    expect(duesPaidForLetter('2027-01', '2027-02-01')).toBe(false);
    expect(duesPaidForLetter('2027-02', '2027-02-28')).toBe(true);
    const facts = at({ state: 'dues_recorded', duesPaidThrough: '2027-01' });
    expect(applyTransferStep(facts, { kind: 'letter', date: '2027-02-01' }, [])).toEqual({
      ok: false,
      problem: 'dues_not_paid_through_letter_month',
      paidThrough: '2027-01',
      letterMonth: '2027-02',
    });
  });

  it('R-TRF-11: the self-review comes first; no step is skipped, reordered or dated before the last', () => {
    expect(expectedTransferStep(base)).toBe('self_review');
    expect(applyTransferStep(base, { kind: 'letter', date: '2027-02-01' }, [])).toEqual({ ok: false, problem: 'step_not_allowed', expected: 'self_review' });
    expect(applyTransferStep(base, { kind: 'self_review', date: '2027-01-04' }, [])).toEqual({ ok: false, problem: 'date_before_previous_step', previous: '2027-01-05' });
    expect(applyTransferStep(base, { kind: 'self_review', date: '2027-01-05' }, [])).toMatchObject({ ok: true, state: 'self_reviewed' });
    expect(expectedTransferStep(at({ state: 'letter_issued', destination: 'outside' }))).toBe('completion');
    expect(expectedTransferStep(at({ state: 'completed' }))).toBeNull();
  });
});
