import { describe, expect, it } from 'vitest';
import { addCalendarDays } from '../calendar/iso-date.js';
import { admissionDecisionDue, backgroundReplyDue, ceremonyDue, memberFormsDue } from './admission-deadlines.js';
import type { SponsorFacts } from './sponsors.js';
import { applyAdmissionStep, expectedStep, openDeadlines, type AdmissionCaseFacts, type AdmissionStep } from './admission-case.js';

const base: AdmissionCaseFacts = {
  state: 'opened',
  needsGrassrootsResolution: true,
  candidateBirthDate: '1998-04-10',
  candidateIsYouthUnionMember: false,
  openedOn: '2026-01-05',
  courseCertificateDate: null,
  sponsorsDate: null,
  backgroundRequestedOn: null,
  backgroundAbroad: null,
  cellResolutionDate: null,
  decisionDate: null,
  ceremonyDate: null,
  lastStepDate: '2026-01-05',
};

const official: SponsorFacts = { status: 'official', togetherSince: '2020-01-01', togetherBy: 'work' as const, isReplacement: false };
const sponsors = (date: string, list = [official, official]): AdmissionStep => ({
  kind: 'sponsors',
  date,
  youthUnionOrgExists: false,
  tradeUnionOrgExists: false,
  isYouthUnionCadre: false,
  resolutionBy: null,
  sponsors: list,
});
const atCell: AdmissionCaseFacts = {
  ...base,
  state: 'comments_collected',
  courseCertificateDate: '2026-01-10',
  sponsorsDate: '2026-02-02',
  lastStepDate: '2026-03-02',
};
const votes = (members: number, inFavour: number, against = members - inFavour) => ({ members, inFavour, against });
// R-ADM-34's record on every vote step; reported upward on a day after every vote below.
const ballot = { method: 'secret_ballot' as const, reportedUpOn: '2026-12-31' };

describe('admission case: order of steps', () => {
  it('takes the steps in order, one at a time, and skips the đảng ủy cơ sở only where there is none (R-ADM-17)', () => {
    expect(expectedStep(base)).toBe('course_certificate');
    expect(expectedStep({ ...base, state: 'course_certified' })).toBe('sponsors');
    expect(expectedStep({ ...base, state: 'background_check_pending' })).toBe('background_check_replied');
    expect(expectedStep({ ...base, state: 'cell_resolved' })).toBe('grassroots_resolution');
    expect(expectedStep({ ...base, state: 'cell_resolved', needsGrassrootsResolution: false })).toBe('decision');
    expect(expectedStep({ ...base, state: 'admitted' })).toBe('member_forms');
    expect(expectedStep({ ...base, state: 'completed' })).toBeNull();
    expect(expectedStep({ ...base, state: 'rejected' })).toBeNull();
  });

  it('refuses a step out of order and a step on a closed case', () => {
    expect(applyAdmissionStep(base, { kind: 'comments', date: '2026-02-01', organizations: [], comments: [], summary: null })).toEqual({ ok: false, problem: 'step_not_allowed', expected: 'course_certificate' });
    expect(applyAdmissionStep({ ...base, state: 'rejected' }, { kind: 'comments', date: '2026-02-01', organizations: [], comments: [], summary: null })).toEqual({ ok: false, problem: 'step_not_allowed', expected: null });
  });

  it('refuses a date before the previous step, and takes the same day', () => {
    expect(applyAdmissionStep(base, { kind: 'course_certificate', date: '2026-01-04' })).toEqual({ ok: false, problem: 'date_before_previous_step', previous: '2026-01-05' });
    expect(applyAdmissionStep(base, { kind: 'course_certificate', date: '2026-01-05' })).toMatchObject({ ok: true, state: 'course_certified' });
  });
});

describe('admission case: rules checked by the steps', () => {
  const cert: AdmissionCaseFacts = { ...base, state: 'course_certified', courseCertificateDate: '2026-01-10', lastStepDate: '2026-01-10' };

  it('R-ADM-07: two official members introduce; one member and the Đoàn resolution for a Youth Union member of youth age', () => {
    expect(applyAdmissionStep(cert, sponsors('2026-02-02', [official]))).toEqual({ ok: false, problem: 'sponsors_insufficient', required: 'two_members' });
    expect(applyAdmissionStep(cert, sponsors('2026-02-02'))).toMatchObject({ ok: true, state: 'sponsored' });
    const youth = { ...cert, candidateIsYouthUnionMember: true };
    const withResolution: AdmissionStep = { ...(sponsors('2026-02-02', [official]) as Extract<AdmissionStep, { kind: 'sponsors' }>), youthUnionOrgExists: true, resolutionBy: 'youth_union' };
    expect(applyAdmissionStep(youth, withResolution)).toMatchObject({ ok: true });
    expect(applyAdmissionStep(youth, { ...withResolution, resolutionBy: null })).toMatchObject({ ok: false, problem: 'sponsors_insufficient' });
  });

  it('R-ADM-09/10: an introducer must be official and 12 months together, unless a replacement', () => {
    const recent = { ...official, togetherSince: '2025-03-01' };
    expect(applyAdmissionStep(cert, sponsors('2026-02-02', [official, recent]))).toEqual({ ok: false, problem: 'sponsor_not_eligible', index: 1, reasons: ['not_long_enough_together'] });
    expect(applyAdmissionStep(cert, sponsors('2026-02-02', [official, { ...recent, isReplacement: true }]))).toMatchObject({ ok: true });
    expect(applyAdmissionStep(cert, sponsors('2026-02-02', [{ ...official, status: 'probationary' }, official]))).toMatchObject({ ok: false, reasons: ['not_official'] });
  });

  it('R-ADM-05/06: the chi bộ resolution needs the course certificate, at most 60 months old', () => {
    const cell = (c: AdmissionCaseFacts, date: string) => applyAdmissionStep(c, { kind: 'cell_resolution', date, votes: votes(9, 9), ballot });
    expect(cell({ ...atCell, courseCertificateDate: null }, '2026-03-10')).toEqual({ ok: false, problem: 'course_certificate', detail: 'missing' });
    expect(cell({ ...atCell, courseCertificateDate: '2021-03-10', sponsorsDate: '2025-06-01', lastStepDate: '2026-01-01' }, '2026-03-10')).toMatchObject({ ok: true });
    expect(cell({ ...atCell, courseCertificateDate: '2021-03-09', sponsorsDate: '2025-06-01', lastStepDate: '2026-01-01' }, '2026-03-10')).toEqual({ ok: false, problem: 'course_certificate', detail: 'expired' });
  });

  it('R-ADM-01: 18 years in months on the chi bộ consideration date, the day before and the day of the birthday month', () => {
    const young = { ...atCell, candidateBirthDate: '2008-04-15' };
    expect(applyAdmissionStep(young, { kind: 'cell_resolution', date: '2026-03-31', votes: votes(9, 9), ballot })).toMatchObject({ ok: false, problem: 'age', detail: 'under_18' });
    expect(applyAdmissionStep(young, { kind: 'cell_resolution', date: '2026-04-01', votes: votes(9, 9), ballot })).toMatchObject({ ok: true, state: 'cell_resolved' });
  });

  it('R-ADM-21: a dossier older than 12 months at the chi bộ resolution must be redone', () => {
    const old = { ...atCell, sponsorsDate: '2025-03-01', courseCertificateDate: '2025-01-10', lastStepDate: '2026-02-01' };
    expect(applyAdmissionStep(old, { kind: 'cell_resolution', date: '2026-03-01', votes: votes(9, 9), ballot })).toMatchObject({ ok: true });
    expect(applyAdmissionStep(old, { kind: 'cell_resolution', date: '2026-03-02', votes: votes(9, 9), ballot })).toEqual({ ok: false, problem: 'dossier_expired', preparedOn: '2025-03-01' });
  });

  it('R-ADM-16: two thirds of the chi bộ in favour, a failed vote closes the case, an impossible vote is refused', () => {
    const cell = (v: ReturnType<typeof votes>) => applyAdmissionStep(atCell, { kind: 'cell_resolution', date: '2026-03-10', votes: v, ballot });
    expect(cell(votes(9, 6))).toEqual({ ok: true, outcome: 'passed', state: 'cell_resolved', late: false });
    expect(cell(votes(9, 5))).toEqual({ ok: true, outcome: 'failed', state: 'rejected', late: false });
    expect(cell({ members: 9, inFavour: 8, against: 2 })).toEqual({ ok: false, problem: 'vote_impossible', vote: 'more_votes_than_members' });
  });

  it('R-ADM-17: two thirds of the đảng ủy cơ sở', () => {
    const c = { ...atCell, state: 'cell_resolved' as const, cellResolutionDate: '2026-03-10', lastStepDate: '2026-03-10' };
    expect(applyAdmissionStep(c, { kind: 'grassroots_resolution', date: '2026-03-20', votes: votes(15, 10), ballot })).toMatchObject({ ok: true, outcome: 'passed' });
    expect(applyAdmissionStep(c, { kind: 'grassroots_resolution', date: '2026-03-20', votes: votes(15, 9), ballot })).toMatchObject({ ok: true, outcome: 'failed', state: 'rejected' });
  });

  it('R-ADM-18/19: the deciding authority\'s threshold; a decision past the 45 wd of the resolution is kept and marked late', () => {
    const c = { ...atCell, state: 'grassroots_resolved' as const, cellResolutionDate: '2026-03-10', lastStepDate: '2026-03-20' };
    const { due } = admissionDecisionDue('2026-03-10');
    const decide = (date: string, v: ReturnType<typeof votes>) => applyAdmissionStep(c, { kind: 'decision', date, authority: 'superior_standing_committee', votes: v, ballot });
    expect(decide(due, votes(12, 7))).toEqual({ ok: true, outcome: 'passed', state: 'decided', late: false });
    expect(decide(addCalendarDays(due, 1), votes(12, 7))).toMatchObject({ ok: true, late: true });
    expect(decide(due, votes(12, 6))).toMatchObject({ outcome: 'failed', state: 'rejected' });
    expect(applyAdmissionStep(c, { kind: 'decision', date: due, authority: 'authorized_grassroots_committee', votes: votes(12, 7), ballot })).toMatchObject({ outcome: 'failed' });
  });

  it('R-ADM-22: the ceremony within 30 wd of the decision, later only with the superior\'s consent', () => {
    const c = { ...atCell, state: 'decided' as const, decisionDate: '2026-04-20', lastStepDate: '2026-04-20' };
    const due = ceremonyDue('2026-04-20');
    expect(applyAdmissionStep(c, { kind: 'ceremony', date: due, superiorConsent: false })).toEqual({ ok: true, outcome: 'done', state: 'admitted', late: false });
    const after = addCalendarDays(due, 1);
    expect(applyAdmissionStep(c, { kind: 'ceremony', date: after, superiorConsent: false })).toEqual({ ok: false, problem: 'ceremony_late_without_consent', due });
    expect(applyAdmissionStep(c, { kind: 'ceremony', date: after, superiorConsent: true })).toMatchObject({ ok: true, late: true });
  });

  it('R-ADM-24: the forms within 30 wd of the ceremony complete the case; late ones are marked', () => {
    const c = { ...atCell, state: 'admitted' as const, ceremonyDate: '2026-05-04', lastStepDate: '2026-05-04' };
    const due = memberFormsDue('2026-05-04');
    expect(applyAdmissionStep(c, { kind: 'member_forms', date: due })).toEqual({ ok: true, outcome: 'done', state: 'completed', late: false });
    expect(applyAdmissionStep(c, { kind: 'member_forms', date: addCalendarDays(due, 1) })).toMatchObject({ late: true });
  });
});

describe('admission case: deadlines of the open step', () => {
  it('R-ADM-14: the reply to a background check, 30 wd in Việt Nam, 90 abroad', () => {
    const c = { ...base, state: 'background_check_pending' as const, backgroundRequestedOn: '2026-02-10', backgroundAbroad: true };
    expect(openDeadlines(c)).toContainEqual({ step: 'background_check_replied', ruleId: 'R-ADM-14', due: backgroundReplyDue('2026-02-10', true), dueWithExtension: null });
  });

  it('R-ADM-19: the decision deadline follows the rule version of the resolution date (60+30 wd before 2025-07-01, 45+15 after)', () => {
    const early = openDeadlines({ ...base, state: 'cell_resolved', cellResolutionDate: '2025-06-20' });
    const late = openDeadlines({ ...base, state: 'cell_resolved', cellResolutionDate: '2025-07-02' });
    expect(early).toEqual([{ step: 'decision', ruleId: 'R-ADM-19', ...admissionDecisionDue('2025-06-20') }]);
    expect(late).toEqual([{ step: 'decision', ruleId: 'R-ADM-19', ...admissionDecisionDue('2025-07-02') }]);
    expect(late[0]!.due < early[0]!.due).toBe(true);
  });

  it('R-ADM-06 and R-ADM-21: before the chi bộ resolution, the course and the dossier expiries', () => {
    expect(openDeadlines({ ...atCell })).toEqual([
      { step: 'cell_resolution', ruleId: 'R-ADM-06', due: '2031-01-10', dueWithExtension: null },
      { step: 'cell_resolution', ruleId: 'R-ADM-21', due: '2027-02-02', dueWithExtension: null },
    ]);
  });

  it('R-ADM-22 and R-ADM-24: ceremony after the decision, forms after the ceremony; none on a closed case', () => {
    expect(openDeadlines({ ...base, state: 'decided', decisionDate: '2026-04-20' })).toEqual([{ step: 'ceremony', ruleId: 'R-ADM-22', due: ceremonyDue('2026-04-20'), dueWithExtension: null }]);
    expect(openDeadlines({ ...base, state: 'admitted', ceremonyDate: '2026-05-04' })).toEqual([{ step: 'member_forms', ruleId: 'R-ADM-24', due: memberFormsDue('2026-05-04'), dueWithExtension: null }]);
    expect(openDeadlines({ ...base, state: 'completed', ceremonyDate: '2026-05-04' })).toEqual([]);
  });
});

describe('admission case: the step parts of R-ADM-11…15 and R-ADM-34', () => {
  const sponsored: AdmissionCaseFacts = { ...base, state: 'sponsored', courseCertificateDate: '2026-01-10', sponsorsDate: '2026-02-02', lastStepDate: '2026-02-02' };
  const applicant = { relation: 'applicant' as const, fullName: 'Lê Thị Hoa', birthYear: 1996, checkedAt: 'ĐU phường', abroad: false, check: null, skip: null };

  it('R-ADM-11: the request step is refused while the applicant is neither checked nor listed', () => {
    expect(applyAdmissionStep(sponsored, { kind: 'background_check_requested', date: '2026-02-10', abroad: false, subjects: [applicant] })).toEqual({
      ok: false,
      problem: 'background_subject',
      detail: { problem: 'subject_unresolved', index: 0 },
    });
    const checked = { ...applicant, check: { checkerName: 'Đỗ Văn Kiểm', checkerPosition: 'Chi ủy viên', letterDate: '2026-02-10' } };
    expect(applyAdmissionStep(sponsored, { kind: 'background_check_requested', date: '2026-02-10', abroad: false, subjects: [checked] })).toMatchObject({ ok: true, state: 'background_check_pending' });
  });

  it('R-ADM-15: a Đoàn member on the register needs the Đoàn\'s comment though the step lists no organization', () => {
    const c = { ...sponsored, state: 'background_checked' as const, candidateIsYouthUnionMember: true, lastStepDate: '2026-03-02' };
    const residence = { from: 'residence' as const, date: '2026-03-05', summary: 'nhất trí' };
    const s = { kind: 'comments' as const, date: '2026-03-09', organizations: [], comments: [residence], summary: '5D' };
    expect(applyAdmissionStep(c, s)).toEqual({ ok: false, problem: 'comments', detail: { problem: 'organization_comment_missing', organization: 'youth_union' } });
    expect(applyAdmissionStep({ ...c, candidateIsYouthUnionMember: false }, s)).toMatchObject({ ok: true, state: 'comments_collected' });
  });

  it('R-ADM-34: a failed vote without its report upward is refused; reported, it closes the case', () => {
    const cell = (reportedUpOn: string | null) =>
      applyAdmissionStep(atCell, { kind: 'cell_resolution', date: '2026-03-10', votes: votes(9, 5), ballot: { method: 'raised_card', reportedUpOn } });
    expect(cell(null)).toEqual({ ok: false, problem: 'ballot', detail: 'report_up_missing' });
    expect(cell('2026-03-10')).toEqual({ ok: true, outcome: 'failed', state: 'rejected', late: false });
  });
});
