import type { Transaction } from 'kysely';
import type { AdmissionCaseRow, AdmissionCaseUpdate, AdmissionStepRow, CandidateRow, DB } from '../../db/types.js';
import {
  applyAdmissionStep,
  expectedStep,
  isClosed,
  openDeadlines,
  type AdmissionCaseFacts,
  type AdmissionState,
  type AdmissionStep,
  type AdmissionStepProblem,
} from '../../domain/admission/admission-case.js';
import type { SponsorFacts } from '../../domain/admission/sponsors.js';
import type { MemberStatus } from '../../domain/member-status.js';
import { holdsMembers, type OrgType } from '../../domain/org-type.js';
import { nameSortKey, normalizeName, tidyFullName } from '../../domain/vn-name.js';
import { AppError } from '../../errors.js';
import { appendAudit } from '../audit/audit.repository.js';
import { afterStep, presentStep, stepRow, votesOf } from '../case/case-step.js';
import * as caseRepo from '../case/case.repository.js';
import * as dueRepo from '../due/due.repository.js';
import type { CaseDue, DueSource } from '../due/due.source.js';
import * as memberRepo from '../member/member.repository.js';
import { createMemberIn } from '../member/member.service.js';
import type { ServiceContext } from '../service-context.js';
import * as repo from './admission.repository.js';
import type {
  AdmissionCase,
  Candidate,
  CaseList,
  CreateCandidateInput,
  ListCandidatesQuery,
  ListCasesQuery,
  OpenCaseInput,
  RecordStepInput,
} from './admission.schema.js';
import { notInFuture } from '../case/case-step.js';
import { backgroundRepliesOutcome, type BackgroundSubject } from '../../domain/admission/background-check.js';
import { admissionChecklist, missingBeforeDecision, type ChecklistItem } from '../../domain/admission/dossier-checklist.js';
import * as attachmentRepo from '../documents/attachment.repository.js';

// Use cases of the candidate register and the admission case (issue 5 item 2). Each write is one
// transaction with one audit row per changed entity; the rules are in
// src/domain/admission/admission-case.ts, this file only gathers the facts and stores the result.

type Tx = Transaction<DB>;

const candidateNotFound = (id: number) => new AppError('CANDIDATE_NOT_FOUND', { id }, { field: 'candidateId' });
const caseNotFound = (id: number) => new AppError('ADMISSION_CASE_NOT_FOUND', { id }, { field: 'id' });

// ---- candidates ----------------------------------------------------------------------------

function toCandidate(c: CandidateRow): Candidate {
  return {
    id: c.id,
    fullName: c.full_name,
    sex: c.sex,
    birthDate: c.birth_date,
    citizenId: c.citizen_id,
    orgId: c.org_id,
    youthUnionMember: c.youth_union_member,
    courseCertificateDate: c.course_certificate_date,
    version: c.version,
  };
}

export async function createCandidate(ctx: ServiceContext, input: CreateCandidateInput): Promise<Candidate> {
  notInFuture(ctx, 'birthDate', input.birthDate);
  if (input.courseCertificateDate) notInFuture(ctx, 'courseCertificateDate', input.courseCertificateDate);
  const fullName = tidyFullName(input.fullName);
  return ctx.db.transaction().execute(async (tx) => {
    const org = await memberRepo.findOrg(tx, ctx.scope, input.orgId, { forShare: true });
    if (!org) throw new AppError('ORG_NOT_FOUND', { id: input.orgId }, { field: 'orgId' });
    if (org.dissolved_on !== null) throw new AppError('ORG_DISSOLVED', { name: org.name }, { field: 'orgId' });
    // A candidate is prepared by a cell (HD06 §3.2), the org that will hold the member.
    if (!holdsMembers(org.org_type as OrgType)) throw new AppError('ORG_HOLDS_NO_MEMBERS', { name: org.name }, { field: 'orgId' });
    if (await repo.memberCitizenIdTaken(tx, input.citizenId)) throw new AppError('CANDIDATE_IS_MEMBER', { value: input.citizenId }, { field: 'citizenId' });
    if (await repo.candidateCitizenIdTaken(tx, input.citizenId)) throw new AppError('DUPLICATE_CANDIDATE', { value: input.citizenId }, { field: 'citizenId' });
    const now = ctx.clock.now();
    const c = await repo.insertCandidate(tx, {
      full_name: fullName,
      name_norm: normalizeName(fullName),
      name_sort: nameSortKey(fullName),
      sex: input.sex,
      birth_date: input.birthDate,
      citizen_id: input.citizenId,
      org_id: org.id,
      org_path: org.path,
      youth_union_member: input.youthUnionMember,
      course_certificate_date: input.courseCertificateDate ?? null,
      created_at: now,
      updated_at: now,
    });
    const presented = toCandidate(c);
    await appendAudit(tx, ctx.actor, { action: 'candidate.create', entityType: 'candidate', entityId: c.id, orgPath: c.org_path, before: null, after: presented });
    return presented;
  });
}

export async function getCandidate(ctx: ServiceContext, id: number): Promise<Candidate> {
  const c = await repo.findCandidate(ctx.db, ctx.scope, id);
  if (!c) throw new AppError('CANDIDATE_NOT_FOUND', { id }, { field: 'id' });
  return toCandidate(c);
}

async function orgFilterPath(ctx: ServiceContext, orgId: number | undefined): Promise<string | null> {
  if (orgId === undefined) return null;
  const org = await repo.findOrgPath(ctx.db, ctx.scope, orgId);
  if (!org) throw new AppError('ORG_NOT_FOUND', { id: orgId }, { field: 'org' });
  return org.path;
}

export async function listCandidates(ctx: ServiceContext, q: ListCandidatesQuery) {
  const orgPath = await orgFilterPath(ctx, q.org);
  const { items, total } = await repo.listCandidates(ctx.db, ctx.scope, { orgPath, limit: q.pageSize, offset: (q.page - 1) * q.pageSize });
  return { items: items.map(toCandidate), total };
}

// ---- admission cases -----------------------------------------------------------------------

function factsOf(c: repo.CaseDueRow, lastStepDate: string): AdmissionCaseFacts {
  return {
    state: c.state as AdmissionState,
    needsGrassrootsResolution: c.needs_grassroots_resolution,
    candidateBirthDate: c.birth_date,
    candidateIsYouthUnionMember: c.youth_union_member,
    openedOn: c.opened_on,
    courseCertificateDate: c.course_certificate_date,
    sponsorsDate: c.sponsors_date,
    backgroundRequestedOn: c.background_requested_on,
    backgroundAbroad: c.background_abroad,
    cellResolutionDate: c.cell_resolution_date,
    decisionDate: c.decision_date,
    ceremonyDate: c.ceremony_date,
    lastStepDate,
  };
}

/** The day of the last recorded step: the columns are filled in step order, so the latest non-null. */
function lastStepDate(c: repo.CaseDueRow): string {
  const dates = [
    c.opened_on,
    c.course_certificate_date,
    c.sponsors_date,
    c.background_requested_on,
    c.background_replied_on,
    c.comments_on,
    c.cell_resolution_date,
    c.grassroots_resolution_date,
    c.decision_date,
    c.ceremony_date,
    c.member_forms_date,
  ].filter((d): d is string => d !== null);
  return dates.reduce((a, b) => (b > a ? b : a));
}

/** What is due on a case (issue 5 item 9): its open deadlines, none once it is closed. */
export function admissionCaseDue(c: repo.CaseDueRow): CaseDue {
  const facts = factsOf(c, lastStepDate(c));
  return { caseId: c.id, orgId: c.org_id, subjectName: c.full_name, memberId: null, deadlines: isClosed(facts.state) ? [] : openDeadlines(facts) };
}

/** The admission cases as a source of the daily due-items job. */
export const admissionDueSource: DueSource = {
  kind: 'admission',
  openCases: async (db, scope, afterId, limit) => {
    const rows = await repo.openCasesAfter(db, scope, afterId, limit);
    return rows.map(admissionCaseDue);
  },
};

function toStep(s: AdmissionStepRow): AdmissionCase['steps'][number] {
  return presentStep<AdmissionCase['steps'][number]['kind']>(s);
}

function toCase(c: repo.CaseWithCandidate): Omit<AdmissionCase, 'steps' | 'checklist' | 'dossierMissing'> {
  const facts = factsOf(c, lastStepDate(c));
  return {
    id: c.id,
    candidate: { id: c.candidate_id, fullName: c.full_name, citizenId: c.citizen_id, birthDate: c.birth_date },
    orgId: c.org_id,
    state: facts.state,
    openedOn: c.opened_on,
    closedOn: c.closed_on,
    nextStep: expectedStep(facts),
    deadlines: openDeadlines(facts),
    cellResolution:
      c.cell_resolution_date === null
        ? null
        : { date: c.cell_resolution_date, resolutionNo: c.cell_resolution_no, votes: votesOf(c.cell_votes_members, c.cell_votes_in_favour, c.cell_votes_against) },
    decision:
      c.decision_date === null
        ? null
        : { date: c.decision_date, decisionNo: c.decision_no, authority: c.deciding_authority, votes: votesOf(c.decision_votes_members, c.decision_votes_in_favour, c.decision_votes_against) },
    ceremonyDate: c.ceremony_date,
    memberId: c.member_id,
    version: c.version,
  };
}

/** What the audit trail keeps of a case: its columns, without the joined candidate fields. */
function caseFields(c: AdmissionCaseRow | repo.CaseWithCandidate): Record<string, unknown> {
  const { created_at: _c, updated_at: _u, ...rest } = c as repo.CaseWithCandidate;
  const { full_name: _n, sex: _s, birth_date: _b, youth_union_member: _y, ...own } = rest;
  return own;
}

export async function openCase(ctx: ServiceContext, input: OpenCaseInput): Promise<AdmissionCase> {
  notInFuture(ctx, 'openedOn', input.openedOn);
  const id = await ctx.db.transaction().execute(async (tx) => {
    const p = await repo.findCandidate(tx, ctx.scope, input.candidateId, { forUpdate: true });
    if (!p) throw candidateNotFound(input.candidateId);
    if (await repo.memberCitizenIdTaken(tx, p.citizen_id)) throw new AppError('CANDIDATE_IS_MEMBER', { value: p.citizen_id }, { field: 'candidateId' });
    // Issue 5: one open case per person; the candidate row lock above serialises two openings of
    // the same candidate, and admission_case_open_citizen_uq holds across candidates.
    if (await repo.openCaseExists(tx, p.citizen_id)) throw new AppError('ADMISSION_CASE_OPEN', { value: p.citizen_id }, { field: 'candidateId' });
    const org = await memberRepo.findOrg(tx, ctx.scope, p.org_id, { forShare: true });
    if (!org) throw candidateNotFound(input.candidateId);
    if (org.dissolved_on !== null) throw new AppError('ORG_DISSOLVED', { name: org.name }, { field: 'candidateId' });
    const now = ctx.clock.now();
    const c = await repo.insertCase(tx, {
      candidate_id: p.id,
      citizen_id: p.citizen_id,
      org_id: org.id,
      org_path: org.path,
      // R-ADM-17: a cell under a đảng ủy cơ sở (or bộ phận) goes through that committee; a chi bộ
      // cơ sở is itself the grassroots org.
      needs_grassroots_resolution: org.org_type === 'cell' || org.org_type === 'group',
      state: 'opened',
      opened_on: input.openedOn,
      closed_on: null,
      course_certificate_date: null,
      sponsors_date: null,
      background_requested_on: null,
      background_abroad: null,
      background_replied_on: null,
      comments_on: null,
      cell_resolution_date: null,
      cell_resolution_no: null,
      cell_votes_members: null,
      cell_votes_in_favour: null,
      cell_votes_against: null,
      grassroots_resolution_date: null,
      grassroots_resolution_no: null,
      grassroots_votes_members: null,
      grassroots_votes_in_favour: null,
      grassroots_votes_against: null,
      decision_date: null,
      decision_no: null,
      deciding_authority: null,
      decision_votes_members: null,
      decision_votes_in_favour: null,
      decision_votes_against: null,
      ceremony_date: null,
      member_forms_date: null,
      member_id: null,
      created_at: now,
      updated_at: now,
    });
    await appendAudit(tx, ctx.actor, { action: 'admission_case.open', entityType: 'admission_case', entityId: c.id, orgPath: c.org_path, before: null, after: caseFields(c) });
    const opened: repo.CaseWithCandidate = { ...c, full_name: p.full_name, sex: p.sex, birth_date: p.birth_date, youth_union_member: p.youth_union_member };
    await dueRepo.replaceCaseItems(tx, 'admission', admissionCaseDue(opened), ctx.clock.today());
    return c.id;
  });
  return getCase(ctx, id);
}

export async function getCase(ctx: ServiceContext, id: number): Promise<AdmissionCase> {
  const c = await repo.findCase(ctx.db, ctx.scope, id);
  if (!c) throw caseNotFound(id);
  const steps = (await caseRepo.stepsOf(ctx.db, ctx.scope, 'admission_case', id)).map(toStep);
  const items = await checklistOf(ctx.db, ctx, c, steps);
  const checklist = items.map((i) => ({ ...i, attachmentIds: [...i.attachmentIds] }));
  return { ...toCase(c), steps, checklist, dossierMissing: missingBeforeDecision(items) as AdmissionCase['dossierMissing'] };
}

/** R-ADM-33: the dossier's documents, present by their recorded step or a tagged scan. */
async function checklistOf(db: Tx | ServiceContext['db'], ctx: ServiceContext, c: repo.CaseWithCandidate, steps: readonly { kind: string; details: Record<string, unknown> }[]): Promise<ChecklistItem[]> {
  const attachments = await attachmentRepo.listAttachments(db, ctx.scope, 'admission', c.id);
  const sponsorsStep = steps.find((s) => s.kind === 'sponsors');
  return admissionChecklist({
    recordedSteps: steps.map((s) => s.kind),
    attachments: attachments.map((a) => ({ id: Number(a.id), document: a.document_kind })),
    unionResolution: sponsorsStep !== undefined && sponsorsStep.details.resolutionBy != null,
    grassrootsResolution: c.needs_grassroots_resolution,
  });
}

export async function listCases(ctx: ServiceContext, q: ListCasesQuery): Promise<CaseList> {
  const orgPath = await orgFilterPath(ctx, q.org);
  const { items, total } = await repo.listCases(ctx.db, ctx.scope, {
    states: q.state ? q.state.split(',') : null,
    orgPath,
    limit: q.pageSize,
    offset: (q.page - 1) * q.pageSize,
  });
  return { items: items.map(toCase), total };
}

const SPONSOR_PROBLEM_LABELS: Record<string, string> = {
  not_official: 'không phải đảng viên chính thức',
  residence_not_counted: 'cùng cư trú chưa được tính trước năm 2021',
  not_long_enough_together: 'chưa đủ 12 tháng cùng công tác, học tập hoặc cư trú',
};
const REQUIREMENT_LABELS: Record<string, string> = {
  two_members: 'cần hai đảng viên chính thức',
  one_member_and_resolution: 'cần một đảng viên chính thức và nghị quyết giới thiệu của Đoàn hoặc Công đoàn',
  must_be_youth_union_member: 'quần chúng trong độ tuổi Đoàn phải là đoàn viên',
};
const VOTE_PROBLEM_LABELS: Record<string, string> = {
  not_whole_numbers: 'số phiếu phải là số nguyên không âm',
  no_members: 'số đảng viên được tính biểu quyết bằng 0',
  more_votes_than_members: 'tổng số phiếu tán thành và không tán thành nhiều hơn số đảng viên',
};

function problemError(p: AdmissionStepProblem, step: AdmissionStep): AppError {
  switch (p.problem) {
    case 'step_not_allowed':
      return new AppError('ADMISSION_STEP_NOT_ALLOWED', { step: step.kind, expected: p.expected ?? '—' }, { field: 'kind', expected: p.expected });
    case 'date_before_previous_step':
      return new AppError('STEP_DATE_BEFORE_PREVIOUS', { value: step.date, previous: p.previous }, { field: 'date' });
    case 'vote_impossible':
      return new AppError('VOTE_IMPOSSIBLE', { field: 'votes', reason: VOTE_PROBLEM_LABELS[p.vote] ?? p.vote }, { field: 'votes', reason: p.vote });
    case 'course_certificate':
      return p.detail === 'missing'
        ? new AppError('COURSE_CERTIFICATE_MISSING', {}, { field: 'courseCertificateDate' })
        : new AppError(p.detail === 'expired' ? 'COURSE_CERTIFICATE_EXPIRED' : 'COURSE_CERTIFICATE_AFTER_RESOLUTION', { date: step.date }, { field: 'courseCertificateDate' });
    case 'age':
      return new AppError(p.detail === 'under_18' ? 'CANDIDATE_UNDER_18' : 'CANDIDATE_OVER_60', { date: step.date, months: p.months }, { field: 'date' });
    case 'dossier_expired':
      return new AppError('ADMISSION_DOSSIER_EXPIRED', { date: p.preparedOn }, { field: 'date' });
    case 'sponsors_insufficient':
      return new AppError('SPONSORS_INSUFFICIENT', { required: REQUIREMENT_LABELS[p.required] ?? p.required }, { field: 'sponsors', required: p.required });
    case 'sponsor_not_eligible':
      return new AppError(
        'SPONSOR_NOT_ELIGIBLE',
        { index: p.index + 1, reasons: p.reasons.map((r) => SPONSOR_PROBLEM_LABELS[r] ?? r).join('; ') },
        { field: `sponsors[${p.index}]`, reasons: [...p.reasons] },
      );
    case 'ceremony_late_without_consent':
      return new AppError('CEREMONY_LATE_WITHOUT_CONSENT', { due: p.due }, { field: 'superiorConsent', due: p.due });
    case 'background_subject':
      return backgroundSubjectError(p.detail, step);
    case 'background_reply':
      return backgroundReplyError(p.detail, step);
    case 'comments':
      switch (p.detail.problem) {
        case 'residence_comment_missing':
          return new AppError('COMMENT_RESIDENCE_MISSING', {}, { field: 'comments' });
        case 'organization_comment_missing':
          return new AppError('COMMENT_ORGANIZATION_MISSING', { organization: ORGANIZATION_LABELS[p.detail.organization] ?? p.detail.organization }, { field: 'comments', organization: p.detail.organization });
        case 'comment_summary_missing':
          return new AppError('COMMENT_SUMMARY_MISSING', {}, { field: 'summary' });
        case 'comment_after_step':
          return new AppError('COMMENT_DATE_AFTER_STEP', { row: p.detail.index + 1 }, { field: `comments[${p.detail.index}].date` });
      }
      break;
    case 'ballot':
      return p.detail === 'report_up_missing'
        ? new AppError('BALLOT_REPORT_UP_MISSING', {}, { field: 'ballot.reportedUpOn' })
        : new AppError('BALLOT_REPORT_UP_BEFORE_VOTE', {}, { field: 'ballot.reportedUpOn' });
  }
}

const ORGANIZATION_LABELS: Record<string, string> = {
  youth_union: 'Đoàn Thanh niên',
  trade_union: 'Công đoàn',
  women_union: 'Hội Liên hiệp Phụ nữ',
  farmers_union: 'Hội Nông dân',
  veterans_union: 'Hội Cựu chiến binh',
};

const SUBJECT_PROBLEM_LABELS: Record<string, string> = {
  applicant_twice: 'người vào Đảng chỉ ghi một lần',
  applicant_skipped: 'người vào Đảng luôn phải được thẩm tra, không được miễn (R-ADM-11)',
  checked_and_skipped: 'vừa cử người thẩm tra vừa ghi miễn thẩm tra',
  skip_ground_not_for_relation: 'căn cứ miễn thẩm tra không áp dụng cho quan hệ này (R-ADM-12)',
  skip_unconfirmed: 'miễn thẩm tra phải ghi đảng viên, cấp ủy xác nhận (R-ADM-12)',
  letter_after_step: 'ngày công văn thẩm tra sau ngày ghi bước',
  date_after_step: 'ngày xác nhận sau ngày ghi bước',
};

const REPLY_PROBLEM_LABELS: Record<string, string> = {
  reply_for_unchecked: 'người này không được cử thẩm tra (hoặc được miễn) nên không có kết quả',
  reply_twice: 'đã có kết quả cho người này',
  reply_before_letter: 'ngày trả lời trước ngày công văn thẩm tra',
  date_after_step: 'ngày trả lời sau ngày ghi bước',
};

function subjectsOf(step: AdmissionStep): readonly BackgroundSubject[] {
  return step.kind === 'background_check_requested' || step.kind === 'background_check_replied' ? step.subjects : [];
}

function backgroundSubjectError(p: Extract<AdmissionStepProblem, { problem: 'background_subject' }>['detail'], step: AdmissionStep): AppError {
  if (p.problem === 'applicant_missing') return new AppError('BACKGROUND_APPLICANT_MISSING', {}, { field: 'subjects' });
  const subject = subjectsOf(step)[p.index];
  const where = { row: p.index + 1, name: subject?.fullName ?? '' };
  if (p.problem === 'subject_unresolved') return new AppError('BACKGROUND_SUBJECT_UNRESOLVED', where, { field: `subjects[${p.index}]` });
  if (p.problem === 'checker_is_subject') {
    return new AppError('BACKGROUND_CHECKER_IS_SUBJECT', { row: where.row, checker: subject?.check?.checkerName ?? '' }, { field: `subjects[${p.index}].check.checkerName`, subjectIndex: p.subjectIndex });
  }
  return new AppError('BACKGROUND_SUBJECT_INVALID', { ...where, reason: SUBJECT_PROBLEM_LABELS[p.problem] ?? p.problem }, { field: `subjects[${p.index}]`, reason: p.problem });
}

function backgroundReplyError(p: Extract<AdmissionStepProblem, { problem: 'background_reply' }>['detail'], step: AdmissionStep): AppError {
  if (p.problem === 'reply_missing') {
    return new AppError('BACKGROUND_REPLY_MISSING', { row: p.subjectIndex + 1, name: subjectsOf(step)[p.subjectIndex]?.fullName ?? '' }, { field: 'replies', subjectIndex: p.subjectIndex });
  }
  return new AppError('BACKGROUND_REPLY_INVALID', { row: p.index + 1, reason: REPLY_PROBLEM_LABELS[p.problem] ?? p.problem }, { field: `replies[${p.index}]`, reason: p.problem });
}

/** The machine's view of the step, with each introducer's status read from their record. */
async function domainStep(tx: Tx, ctx: ServiceContext, caseId: number, input: RecordStepInput): Promise<AdmissionStep> {
  if (input.kind !== 'sponsors') {
    switch (input.kind) {
      case 'background_check_requested':
        return { kind: input.kind, date: input.date, abroad: requestAbroad(input), subjects: input.subjects };
      case 'background_check_replied':
        return { kind: input.kind, date: input.date, subjects: await requestedSubjects(tx, ctx, caseId), replies: input.replies };
      case 'comments':
        return { kind: input.kind, date: input.date, organizations: input.organizations, comments: input.comments, summary: input.summary };
      case 'cell_resolution':
      case 'grassroots_resolution':
        return { kind: input.kind, date: input.date, votes: input.votes, ballot: input.ballot };
      case 'decision':
        return { kind: input.kind, date: input.date, authority: input.authority, votes: input.votes, ballot: input.ballot };
      case 'ceremony':
        return { kind: input.kind, date: input.date, superiorConsent: input.superiorConsent };
      default:
        return { kind: input.kind, date: input.date };
    }
  }
  const found = await repo.sponsorStatuses(tx, ctx.scope, input.sponsors.map((s) => s.memberId));
  const sponsors: SponsorFacts[] = input.sponsors.map((s, i) => {
    const m = found.find((f) => f.id === s.memberId);
    if (!m) throw new AppError('MEMBER_NOT_FOUND', { id: s.memberId }, { field: `sponsors[${i}].memberId` });
    return { status: m.status as MemberStatus, togetherSince: s.togetherSince, togetherBy: s.togetherBy, isReplacement: s.isReplacement };
  });
  return {
    kind: 'sponsors',
    date: input.date,
    sponsors,
    resolutionBy: input.resolutionBy ?? null,
    youthUnionOrgExists: input.youthUnionOrgExists,
    tradeUnionOrgExists: input.tradeUnionOrgExists,
    isYouthUnionCadre: input.isYouthUnionCadre,
  };
}

/** R-ADM-14: the 90 wd deadline runs when any subject is checked abroad. */
function requestAbroad(input: Extract<RecordStepInput, { kind: 'background_check_requested' }>): boolean {
  return input.abroad || input.subjects.some((s) => s.abroad && s.check !== null);
}

/**
 * The subjects listed on the request step; a case whose request predates the subject list (before
 * 0028) has none, and its reply step then checks nothing more than before.
 */
async function requestedSubjects(tx: Tx, ctx: ServiceContext, caseId: number): Promise<BackgroundSubject[]> {
  const steps = await caseRepo.stepsOf(tx, ctx.scope, 'admission_case', caseId);
  const request = steps.filter((s) => s.kind === 'background_check_requested').at(-1);
  const details = (request?.details ?? {}) as { subjects?: BackgroundSubject[] };
  return details.subjects ?? [];
}

/** The case columns a recorded step fills. */
function stepColumns(input: RecordStepInput, passed: boolean): AdmissionCaseUpdate {
  switch (input.kind) {
    case 'course_certificate':
      return { course_certificate_date: input.date };
    case 'sponsors':
      return { sponsors_date: input.date };
    case 'background_check_requested':
      return { background_requested_on: input.date, background_abroad: requestAbroad(input) };
    case 'background_check_replied':
      return { background_replied_on: input.date };
    case 'comments':
      return { comments_on: input.date };
    case 'cell_resolution':
      return {
        cell_resolution_date: input.date,
        cell_resolution_no: input.resolutionNo,
        cell_votes_members: input.votes.members,
        cell_votes_in_favour: input.votes.inFavour,
        cell_votes_against: input.votes.against,
      };
    case 'grassroots_resolution':
      return {
        grassroots_resolution_date: input.date,
        grassroots_resolution_no: input.resolutionNo,
        grassroots_votes_members: input.votes.members,
        grassroots_votes_in_favour: input.votes.inFavour,
        grassroots_votes_against: input.votes.against,
      };
    case 'decision':
      return {
        decision_date: input.date,
        // A failed vote issues no decision; its number stays on the step only.
        decision_no: passed ? input.decisionNo : null,
        deciding_authority: input.authority,
        decision_votes_members: input.votes.members,
        decision_votes_in_favour: input.votes.inFavour,
        decision_votes_against: input.votes.against,
      };
    case 'ceremony':
      return { ceremony_date: input.date };
    case 'member_forms':
      return { member_forms_date: input.date };
  }
}

export async function recordStep(ctx: ServiceContext, id: number, input: RecordStepInput): Promise<AdmissionCase> {
  notInFuture(ctx, 'date', input.date);
  await ctx.db.transaction().execute(async (tx) => {
    const c = await repo.findCase(tx, ctx.scope, id, { forUpdate: true });
    if (!c) throw caseNotFound(id);
    if (c.version !== input.version) throw new AppError('STALE_VERSION', { current: c.version, given: input.version }, { field: 'version', current: c.version });
    if (isClosed(c.state as AdmissionState)) throw new AppError('ADMISSION_CASE_CLOSED', { state: c.state, step: input.kind }, { field: 'kind' });

    const step = await domainStep(tx, ctx, id, input);
    const result = applyAdmissionStep(factsOf(c, lastStepDate(c)), step);
    if (!result.ok) throw problemError(result, step);

    const set: AdmissionCaseUpdate = { ...stepColumns(input, result.outcome !== 'failed'), state: result.state };
    if (isClosed(result.state)) set.closed_on = input.date;

    // R-ADM-22 and the issue: the member record starts at the ceremony, probationary from its date,
    // in this transaction. The decision is a separate, earlier step (the ceremony may not happen,
    // R-ADM-26 cancels a decision), so the record is made here and not at the decision.
    if (input.kind === 'ceremony') {
      const m = await createMemberIn(
        tx,
        ctx,
        {
          fullName: c.full_name,
          sex: c.sex,
          birthDate: c.birth_date,
          citizenId: c.citizen_id,
          status: 'probationary',
          statusSince: input.date,
          admissionDate: input.date,
          orgId: c.org_id,
        },
        { decisionNo: c.decision_no },
      );
      set.member_id = m.id;
    }

    const now = ctx.clock.now();
    const n = await caseRepo.updateCaseAtVersion(tx, ctx.scope, 'admission_case', id, c.version, { ...set, updated_at: now });
    if (n === 0) throw new AppError('STALE_VERSION', { current: c.version + 1, given: c.version }, { field: 'version' });
    const votes = 'votes' in input ? input.votes : null;
    const decisionNo = input.kind === 'decision' ? input.decisionNo : input.kind === 'cell_resolution' || input.kind === 'grassroots_resolution' ? input.resolutionNo : null;
    const details: Record<string, unknown> = { late: result.late };
    if (input.kind === 'sponsors') Object.assign(details, { sponsors: input.sponsors, resolutionBy: input.resolutionBy ?? null });
    if (input.kind === 'decision') details.authority = input.authority;
    if (input.kind === 'ceremony') details.superiorConsent = input.superiorConsent;
    if (input.kind === 'background_check_requested') Object.assign(details, { abroad: requestAbroad(input), subjects: input.subjects });
    if (step.kind === 'background_check_replied') {
      // Each reply with its R-ADM-14 due date and whether it came late, as the clerk will be asked.
      const r = backgroundRepliesOutcome(step.subjects, step.replies, step.date);
      details.replies = step.replies.map((x, i) => ({ ...x, ...(r.ok ? { due: r.replies[i]!.due, late: r.replies[i]!.late } : {}) }));
    }
    if (input.kind === 'comments') Object.assign(details, { organizations: input.organizations, comments: input.comments, summary: input.summary });
    if ('ballot' in input) details.ballot = input.ballot;
    if (input.kind === 'decision') {
      // R-ADM-33: a decision on an incomplete dossier is warned about, not refused — the papers
      // may be on file without a scan here. The warning stays on the step.
      const steps = (await caseRepo.stepsOf(tx, ctx.scope, 'admission_case', id)).map(toStep);
      details.dossierMissing = missingBeforeDecision(await checklistOf(tx, ctx, c, steps));
    }
    const s = await caseRepo.insertStep(tx, 'admission_case', stepRow(ctx, id, input, { outcome: result.outcome, decisionNo, votes, details, now }));
    const after: repo.CaseWithCandidate = { ...c, ...(set as Partial<AdmissionCaseRow>), version: c.version + 1 };
    await afterStep(tx, ctx, { kind: 'admission', id, orgPath: c.org_path, before: caseFields(c), after: caseFields(after), due: admissionCaseDue(after) }, s);
  });
  return getCase(ctx, id);
}
