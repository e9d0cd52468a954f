import type { RecognitionCaseRow, RecognitionCaseUpdate, RecognitionStepRow } from '../../db/types.js';
import {
  applyRecognitionStep,
  expectedRecognitionStep,
  isRecognitionClosed,
  recognitionOpenDeadlines,
  type RecognitionCaseFacts,
  type RecognitionState,
  type RecognitionStep,
  type RecognitionStepProblem,
} from '../../domain/probation/recognition-case.js';
import { officialDate } from '../../domain/probation/probation.js';
import { AppError } from '../../errors.js';
import { appendAudit } from '../audit/audit.repository.js';
import * as memberRepo from '../member/member.repository.js';
import { STATUS_LABELS } from '../member/member.schema.js';
import { changeStatusIn } from '../member/member.service.js';
import type { ServiceContext } from '../service-context.js';
import { afterStep, presentStep, stepRow, votesOf } from '../case/case-step.js';
import * as caseRepo from '../case/case.repository.js';
import * as dueRepo from '../due/due.repository.js';
import type { CaseDue, DueSource } from '../due/due.source.js';
import * as repo from './recognition.repository.js';
import type { ListRecognitionQuery, OpenRecognitionInput, RecognitionCase, RecognitionList, RecordRecognitionStepInput } from './recognition.schema.js';
import { notInFuture } from '../case/case-step.js';
import { recognitionChecklist } from '../../domain/admission/dossier-checklist.js';
import * as attachmentRepo from '../documents/attachment.repository.js';

// Use cases of the recognition case (issue 5 item 3). Each write is one transaction with one audit
// row per changed entity; the rules are in src/domain/probation/recognition-case.ts, this file only
// gathers the facts and stores the result. The decision changes the member's status (official from
// ceremony + 12 months, or removed) through the member module's one status path, in the same
// transaction, so the intervals, roll-ups and audit trail follow.

const caseNotFound = (id: number) => new AppError('RECOGNITION_CASE_NOT_FOUND', { id }, { field: 'id' });

/** R-PROB-09 / R-REC-06: why the removed member's status began, kept on the status interval. */
export const NOT_RECOGNIZED_REASON = 'not_recognized';

/** The day of the last recorded step: the columns are filled in step order, so the latest non-null. */
function lastStepDate(c: RecognitionCaseRow): string {
  const dates = [c.opened_on, c.self_review_date, c.cell_resolution_date, c.grassroots_resolution_date, c.decision_date].filter((d): d is string => d !== null);
  return dates.reduce((a, b) => (b > a ? b : a));
}

function factsOf(c: RecognitionCaseRow): RecognitionCaseFacts {
  return {
    state: c.state as RecognitionState,
    needsGrassrootsResolution: c.needs_grassroots_resolution,
    ceremonyDate: c.ceremony_date,
    proposal: c.cell_proposal,
    cellResolutionDate: c.cell_resolution_date,
    cellInconclusiveVotes: c.cell_inconclusive_votes,
    grassrootsInconclusiveVotes: c.grassroots_inconclusive_votes,
    lastStepDate: lastStepDate(c),
  };
}

function toStep(s: RecognitionStepRow): RecognitionCase['steps'][number] {
  return presentStep<RecognitionCase['steps'][number]['kind']>(s);
}

function toCase(c: repo.CaseWithMember): Omit<RecognitionCase, 'steps' | 'checklist'> {
  const facts = factsOf(c);
  return {
    id: c.id,
    member: { id: c.member_id, fullName: c.full_name, birthDate: c.birth_date, status: c.member_status },
    orgId: c.org_id,
    state: facts.state,
    openedOn: c.opened_on,
    closedOn: c.closed_on,
    ceremonyDate: c.ceremony_date,
    probationEnds: officialDate(c.ceremony_date),
    nextStep: expectedRecognitionStep(facts),
    deadlines: recognitionOpenDeadlines(facts),
    selfReviewDate: c.self_review_date,
    cellResolution:
      c.cell_resolution_date === null
        ? null
        : {
            date: c.cell_resolution_date,
            resolutionNo: c.cell_resolution_no,
            proposal: c.cell_proposal,
            votes: votesOf(c.cell_votes_members, c.cell_votes_in_favour, c.cell_votes_against),
            inconclusiveVotes: c.cell_inconclusive_votes,
          },
    grassrootsResolution:
      c.grassroots_resolution_date === null
        ? null
        : {
            date: c.grassroots_resolution_date,
            resolutionNo: c.grassroots_resolution_no,
            votes: votesOf(c.grassroots_votes_members, c.grassroots_votes_in_favour, c.grassroots_votes_against),
            inconclusiveVotes: c.grassroots_inconclusive_votes,
          },
    decision:
      c.decision_date === null
        ? null
        : {
            date: c.decision_date,
            decisionNo: c.decision_no,
            authority: c.deciding_authority,
            result: c.decision_result,
            votes: votesOf(c.decision_votes_members, c.decision_votes_in_favour, c.decision_votes_against),
          },
    officialDate: c.official_date,
    version: c.version,
  };
}

/** What the audit trail keeps of a case: its columns, without the joined member fields. */
function caseFields(c: RecognitionCaseRow | repo.CaseWithMember): Record<string, unknown> {
  const { created_at: _c, updated_at: _u, ...rest } = c as repo.CaseWithMember;
  const { full_name: _n, birth_date: _b, member_status: _s, ...own } = rest;
  return own;
}

/**
 * What is due on a case (issue 5 item 9): its open deadlines, none once it is closed. The member
 * is the case's subject: the self-review is theirs to write, so the items are on their own list.
 */
export function recognitionCaseDue(c: Pick<repo.CaseWithMember, 'id' | 'org_id' | 'member_id' | 'full_name'> & RecognitionCaseRow): CaseDue {
  const facts = factsOf(c);
  return {
    caseId: c.id,
    orgId: c.org_id,
    subjectName: c.full_name,
    memberId: c.member_id,
    deadlines: isRecognitionClosed(facts.state) ? [] : recognitionOpenDeadlines(facts),
  };
}

/** The recognition cases as a source of the daily due-items job. */
export const recognitionDueSource: DueSource = {
  kind: 'recognition',
  openCases: async (db, scope, afterId, limit) => (await repo.openCasesAfter(db, scope, afterId, limit)).map(recognitionCaseDue),
};

export async function openCase(ctx: ServiceContext, input: OpenRecognitionInput): Promise<RecognitionCase> {
  notInFuture(ctx, 'openedOn', input.openedOn);
  const id = await ctx.db.transaction().execute(async (tx) => {
    // The member row lock serialises two openings for the same member; the partial unique index
    // recognition_case_open_member_uq holds as well.
    const m = await memberRepo.findMember(tx, ctx.scope, input.memberId, { forUpdate: true });
    if (!m) throw new AppError('MEMBER_NOT_FOUND', { id: input.memberId }, { field: 'memberId' });
    if (m.status !== 'probationary') {
      throw new AppError('MEMBER_NOT_PROBATIONARY', { name: m.full_name, status: STATUS_LABELS[m.status] ?? m.status }, { field: 'memberId' });
    }
    if (await repo.openCaseExists(tx, m.id)) throw new AppError('RECOGNITION_CASE_OPEN', { name: m.full_name }, { field: 'memberId' });
    // R-PROB-01: probation runs from the ceremony, the day the open probationary interval began.
    const open = await memberRepo.openStatusPeriod(tx, ctx.scope, m.id);
    const ceremony = open?.valid_from ?? m.status_since;
    if (input.openedOn < ceremony) throw new AppError('STEP_DATE_BEFORE_PREVIOUS', { value: input.openedOn, previous: ceremony }, { field: 'openedOn' });
    const org = await memberRepo.findOrg(tx, ctx.scope, m.org_id, { forShare: true });
    if (!org) throw new AppError('MEMBER_NOT_FOUND', { id: input.memberId }, { field: 'memberId' });
    const now = ctx.clock.now();
    const c = await repo.insertCase(tx, ctx.scope, {
      member_id: m.id,
      org_id: org.id,
      // R-PROB-05 as R-ADM-17: a cell under a đảng ủy cơ sở (or bộ phận) goes through that
      // committee; a chi bộ cơ sở is itself the grassroots org.
      needs_grassroots_resolution: org.org_type === 'cell' || org.org_type === 'group',
      state: 'opened',
      opened_on: input.openedOn,
      closed_on: null,
      ceremony_date: ceremony,
      self_review_date: null,
      cell_resolution_date: null,
      cell_resolution_no: null,
      cell_proposal: null,
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
      decision_result: null,
      decision_votes_members: null,
      decision_votes_in_favour: null,
      decision_votes_against: null,
      official_date: null,
      created_at: now,
      updated_at: now,
    });
    if (!c) throw new AppError('MEMBER_NOT_FOUND', { id: input.memberId }, { field: 'memberId' });
    await appendAudit(tx, ctx.actor, { action: 'recognition_case.open', entityType: 'recognition_case', entityId: c.id, orgPath: c.org_path, before: null, after: caseFields(c) });
    await dueRepo.replaceCaseItems(tx, 'recognition', recognitionCaseDue({ ...c, full_name: m.full_name }), ctx.clock.today());
    return c.id;
  });
  return getCase(ctx, id);
}

export async function getCase(ctx: ServiceContext, id: number): Promise<RecognitionCase> {
  const c = await repo.findCase(ctx.db, ctx.scope, id);
  if (!c) throw caseNotFound(id);
  const steps = (await caseRepo.stepsOf(ctx.db, ctx.scope, 'recognition_case', id)).map(toStep);
  const attachments = await attachmentRepo.listAttachments(ctx.db, ctx.scope, 'recognition', id);
  const checklist = recognitionChecklist({
    recordedSteps: steps.map((s) => s.kind),
    attachments: attachments.map((a) => ({ id: Number(a.id), document: a.document_kind })),
    grassrootsResolution: c.needs_grassroots_resolution,
  }).map((i) => ({ ...i, attachmentIds: [...i.attachmentIds] }));
  return { ...toCase(c), steps, checklist };
}

export async function listCases(ctx: ServiceContext, q: ListRecognitionQuery): Promise<RecognitionList> {
  let orgPath: string | null = null;
  if (q.org !== undefined) {
    const org = await repo.findOrgPath(ctx.db, ctx.scope, q.org);
    if (!org) throw new AppError('ORG_NOT_FOUND', { id: q.org }, { field: 'org' });
    orgPath = org.path;
  }
  const { items, total } = await repo.listCases(ctx.db, ctx.scope, {
    states: q.state ? q.state.split(',') : null,
    orgPath,
    limit: q.pageSize,
    offset: (q.page - 1) * q.pageSize,
  });
  return { items: items.map(toCase), total };
}

const VOTE_PROBLEM_LABELS: Record<string, string> = {
  not_whole_numbers: 'số phiếu phải là số nguyên không âm',
  no_members: 'số đảng viên được tính biểu quyết bằng 0',
  more_votes_than_members: 'tổng số phiếu tán thành và không tán thành nhiều hơn số đảng viên',
};
const PROPOSAL_LABELS: Record<string, string> = { recognize: 'công nhận đảng viên chính thức', remove: 'xóa tên đảng viên dự bị' };
const RESULT_LABELS: Record<string, string> = { recognized: 'công nhận đảng viên chính thức', removed: 'xóa tên đảng viên dự bị' };

function problemError(p: RecognitionStepProblem, step: RecognitionStep): AppError {
  switch (p.problem) {
    case 'step_not_allowed':
      return new AppError('RECOGNITION_STEP_NOT_ALLOWED', { step: step.kind, expected: p.expected ?? '—' }, { field: 'kind', expected: p.expected });
    case 'date_before_previous_step':
      return new AppError('STEP_DATE_BEFORE_PREVIOUS', { value: step.date, previous: p.previous }, { field: 'date' });
    case 'vote_impossible':
      return new AppError('VOTE_IMPOSSIBLE', { field: 'votes', reason: VOTE_PROBLEM_LABELS[p.vote] ?? p.vote }, { field: 'votes', reason: p.vote });
    case 'self_review_before_probation_end':
      return new AppError('SELF_REVIEW_BEFORE_PROBATION_END', { date: step.date, probationEnds: p.probationEnds }, { field: 'date', probationEnds: p.probationEnds });
    case 'decision_not_proposed': {
      const result = step.kind === 'decision' ? step.result : '';
      return new AppError(
        'RECOGNITION_DECISION_NOT_PROPOSED',
        { result: RESULT_LABELS[result] ?? result, proposal: PROPOSAL_LABELS[p.proposal] ?? p.proposal },
        { field: 'result', proposal: p.proposal },
      );
    }
  }
}

function domainStep(input: RecordRecognitionStepInput): RecognitionStep {
  switch (input.kind) {
    case 'self_review':
      return { kind: input.kind, date: input.date };
    case 'cell_resolution':
      return { kind: input.kind, date: input.date, proposal: input.proposal, votes: input.votes };
    case 'grassroots_resolution':
      return { kind: input.kind, date: input.date, votes: input.votes };
    case 'decision':
      return { kind: input.kind, date: input.date, authority: input.authority, result: input.result, votes: input.votes };
  }
}

/** The case columns a recorded step fills. A vote that does not pass adopts no resolution: its number stays on the step. */
function stepColumns(c: RecognitionCaseRow, input: RecordRecognitionStepInput, passed: boolean): RecognitionCaseUpdate {
  switch (input.kind) {
    case 'self_review':
      return { self_review_date: input.date };
    case 'cell_resolution':
      return {
        cell_resolution_date: input.date,
        cell_resolution_no: passed ? input.resolutionNo : null,
        cell_proposal: passed ? input.proposal : null,
        cell_votes_members: input.votes.members,
        cell_votes_in_favour: input.votes.inFavour,
        cell_votes_against: input.votes.against,
        cell_inconclusive_votes: c.cell_inconclusive_votes + (passed ? 0 : 1),
      };
    case 'grassroots_resolution':
      return {
        grassroots_resolution_date: input.date,
        grassroots_resolution_no: passed ? input.resolutionNo : null,
        grassroots_votes_members: input.votes.members,
        grassroots_votes_in_favour: input.votes.inFavour,
        grassroots_votes_against: input.votes.against,
        grassroots_inconclusive_votes: c.grassroots_inconclusive_votes + (passed ? 0 : 1),
      };
    case 'decision':
      return {
        decision_date: input.date,
        decision_no: passed ? input.decisionNo : null,
        deciding_authority: input.authority,
        decision_result: passed ? input.result : null,
        decision_votes_members: input.votes.members,
        decision_votes_in_favour: input.votes.inFavour,
        decision_votes_against: input.votes.against,
      };
  }
}

export async function recordStep(ctx: ServiceContext, id: number, input: RecordRecognitionStepInput): Promise<RecognitionCase> {
  notInFuture(ctx, 'date', input.date);
  await ctx.db.transaction().execute(async (tx) => {
    const c = await repo.findCase(tx, ctx.scope, id, { forUpdate: true });
    if (!c) throw caseNotFound(id);
    if (c.version !== input.version) throw new AppError('STALE_VERSION', { current: c.version, given: input.version }, { field: 'version', current: c.version });
    if (isRecognitionClosed(c.state as RecognitionState)) throw new AppError('RECOGNITION_CASE_CLOSED', { state: c.state, step: input.kind }, { field: 'kind' });

    const step = domainStep(input);
    const result = applyRecognitionStep(factsOf(c), step);
    if (!result.ok) throw problemError(result, step);

    const set: RecognitionCaseUpdate = { ...stepColumns(c, input, result.outcome !== 'failed'), state: result.state };
    if (isRecognitionClosed(result.state)) set.closed_on = input.date;

    // The decision changes the member in this transaction, through the one status path of the
    // member module (interval closed and opened, record, roll-ups, audit row).
    if (input.kind === 'decision' && (result.state === 'recognized' || result.state === 'removed')) {
      const m = await memberRepo.findMember(tx, ctx.scope, c.member_id, { forUpdate: true });
      if (!m) throw new AppError('MEMBER_NOT_FOUND', { id: c.member_id }, { field: 'id' });
      if (m.status !== 'probationary') {
        throw new AppError('MEMBER_NOT_PROBATIONARY', { name: m.full_name, status: STATUS_LABELS[m.status] ?? m.status }, { field: 'id' });
      }
      if (result.state === 'recognized') {
        // R-PROB-03: official from ceremony + 12 months, whatever day the decision is signed.
        const official = result.officialDate!;
        await changeStatusIn(tx, ctx, m.id, { status: 'official', effectiveDate: official, decisionNo: input.decisionNo, version: m.version });
        set.official_date = official;
      } else {
        // R-PROB-09: xóa tên from the decision; the record stays (R-REC-06), the interval says why.
        await changeStatusIn(tx, ctx, m.id, { status: 'removed', effectiveDate: input.date, decisionNo: input.decisionNo, version: m.version }, { reason: NOT_RECOGNIZED_REASON });
      }
    }

    const now = ctx.clock.now();
    const n = await caseRepo.updateCaseAtVersion(tx, ctx.scope, 'recognition_case', id, c.version, { ...set, updated_at: now });
    if (n === 0) throw new AppError('STALE_VERSION', { current: c.version + 1, given: c.version }, { field: 'version' });
    const votes = 'votes' in input ? input.votes : null;
    const decisionNo = input.kind === 'decision' ? input.decisionNo : input.kind === 'self_review' ? null : input.resolutionNo;
    const details: Record<string, unknown> = { late: result.late };
    if (input.kind === 'cell_resolution') details.proposal = input.proposal;
    if (input.kind === 'decision') Object.assign(details, { authority: input.authority, result: input.result });
    if (result.state === 'escalated' && c.state !== 'escalated') details.escalated = true;
    const s = await caseRepo.insertStep(tx, 'recognition_case', stepRow(ctx, id, input, { outcome: result.outcome, decisionNo, votes, details, now }));
    const after: repo.CaseWithMember = { ...c, ...(set as Partial<RecognitionCaseRow>), version: c.version + 1 };
    await afterStep(tx, ctx, { kind: 'recognition', id, orgPath: c.org_path, before: caseFields(c), after: caseFields(after), due: recognitionCaseDue(after) }, s);
  });
  return getCase(ctx, id);
}
