import type { RemovalCaseRow, RemovalCaseUpdate, RemovalStepRow } from '../../db/types.js';
import { EXIT_REASONS, withdrawalProblem } from '../../domain/exit/leaving.js';
import {
  appealResolutionDue,
  appealWindowEnds,
  applyRemovalStep,
  expectedRemovalSteps,
  isRemovalClosed,
  removalOpenDeadlines,
  restorationAfterWrongfulRemoval,
  type RemovalCaseFacts,
  type RemovalGround,
  type RemovalState,
  type RemovalStep,
  type RemovalStepProblem,
} from '../../domain/exit/removal-case.js';
import { isActive, type MemberStatus } from '../../domain/member-status.js';
import { EXIT_SELF_REVIEW_REQUESTS } from '../../domain/rules/exit.params.js';
import { paramOn, RuleNotInForceError } from '../../domain/rules/params.js';
import { AppError } from '../../errors.js';
import { appendAudit } from '../audit/audit.repository.js';
import { afterStep, presentStep, stepRow, votesOf } from '../case/case-step.js';
import * as caseRepo from '../case/case.repository.js';
import * as dueRepo from '../due/due.repository.js';
import type { CaseDue, DueSource } from '../due/due.source.js';
import * as memberRepo from '../member/member.repository.js';
import { STATUS_LABELS } from '../member/member.schema.js';
import { changeStatusIn } from '../member/member.service.js';
import type { ServiceContext } from '../service-context.js';
import { endOpenExemptionIn } from './exemption.service.js';
import * as repo from './exit.repository.js';
import type { DeathInput, ExitResult, ListRemovalQuery, OpenRemovalInput, RecordRemovalStepInput, RemovalCase, RemovalList, WithdrawalInput } from './exit.schema.js';
import { notInFuture } from '../case/case-step.js';

// Use cases of exits (issue 5 item 5): the removal case (xóa tên), leaving on request, death.
// Each write is one transaction with its audit rows; the rules are in src/domain/exit/, this file
// gathers the facts and stores the result. Every change of the member's status goes through the
// member module's one status path (changeStatusIn), so intervals, roll-ups and audit follow; the
// record is never deleted (R-REC-06) and the interval keeps the reason.

const caseNotFound = (id: number) => new AppError('REMOVAL_CASE_NOT_FOUND', { id }, { field: 'id' });

/** R-REC-06: the reason kept on the removed interval: the case's grounds. */
export const removalReason = (grounds: readonly string[]): string => `removal:${grounds.join(',')}`;

export const STEP_LABELS: Record<string, string> = {
  self_review_request: 'yêu cầu tự kiểm điểm',
  cell_resolution: 'nghị quyết chi bộ',
  grassroots_resolution: 'nghị quyết đảng ủy cơ sở',
  decision: 'quyết định xóa tên',
  notification: 'đảng viên nhận quyết định',
  appeal: 'khiếu nại',
  appeal_resolution: 'giải quyết khiếu nại',
  finalize: 'kết thúc (hết thời hạn khiếu nại)',
};

/** The value, or null when no version of a rule was in force on the date (an old case shows no deadline rather than a wrong one). */
function safely<T>(f: () => T): T | null {
  try {
    return f();
  } catch (e) {
    if (e instanceof RuleNotInForceError) return null;
    throw e;
  }
}

/** A step dated before the rule it needs came into force is refused, naming the field. */
function inForce<T>(f: () => T, date: string, field: string): T {
  try {
    return f();
  } catch (e) {
    if (e instanceof RuleNotInForceError) throw new AppError('RULE_NOT_IN_FORCE', { date, field }, { field, param: e.param });
    throw e;
  }
}

/** An exit dated before the member's current status began is refused under the form's own field (the status path would name effectiveDate). */
export function notBeforeStatusSince(m: { full_name: string; status_since: string }, date: string, field: string): void {
  if (date < m.status_since) throw new AppError('EFFECTIVE_DATE_TOO_EARLY', { date, name: m.full_name, last: m.status_since }, { field });
}

const groundsOf = (c: RemovalCaseRow): RemovalGround[] => (Array.isArray(c.grounds) ? (c.grounds as RemovalGround[]) : (JSON.parse(String(c.grounds)) as RemovalGround[]));

function factsOf(c: RemovalCaseRow, lastStepDate: string): RemovalCaseFacts {
  return {
    state: c.state as RemovalState,
    needsGrassrootsResolution: c.needs_grassroots_resolution,
    selfReviewRefusals: c.self_review_refusals,
    notifiedOn: c.notified_on,
    appealDate: c.appeal_date,
    appealLevel: c.appeal_level,
    lastStepDate,
  };
}

/** The last day a step was recorded on (the opening before any). */
const lastDateOf = (c: RemovalCaseRow, steps: readonly { step_date: string }[]): string => steps.reduce((a, s) => (s.step_date > a ? s.step_date : a), c.opened_on);

function toCase(c: repo.RemovalWithMember): Omit<RemovalCase, 'steps'> {
  const facts = factsOf(c, c.opened_on);
  return {
    id: c.id,
    member: { id: c.member_id, fullName: c.full_name, birthDate: c.birth_date, status: c.member_status },
    orgId: c.org_id,
    state: facts.state,
    openedOn: c.opened_on,
    closedOn: c.closed_on,
    grounds: groundsOf(c),
    groundsNote: c.grounds_note,
    nextSteps: expectedRemovalSteps(facts),
    deadlines: isRemovalClosed(facts.state) ? [] : removalOpenDeadlines(facts),
    selfReview: {
      requests: c.self_review_requests,
      refusals: c.self_review_refusals,
      requestsBeforeProceeding: safely(() => paramOn(EXIT_SELF_REVIEW_REQUESTS, c.opened_on)),
      date: c.self_review_date,
    },
    cellResolution:
      c.cell_resolution_date === null
        ? null
        : { date: c.cell_resolution_date, resolutionNo: c.cell_resolution_no, votes: votesOf(c.cell_votes_members, c.cell_votes_in_favour, c.cell_votes_against) },
    grassrootsResolution:
      c.grassroots_resolution_date === null
        ? null
        : {
            date: c.grassroots_resolution_date,
            resolutionNo: c.grassroots_resolution_no,
            votes: votesOf(c.grassroots_votes_members, c.grassroots_votes_in_favour, c.grassroots_votes_against),
          },
    decision:
      c.decision_date === null
        ? null
        : {
            date: c.decision_date,
            decisionNo: c.decision_no,
            authority: c.deciding_authority,
            votes: votesOf(c.decision_votes_members, c.decision_votes_in_favour, c.decision_votes_against),
          },
    notifiedOn: c.notified_on,
    appealWindowEnds: c.notified_on === null ? null : safely(() => appealWindowEnds(c.notified_on!)),
    appeal:
      c.appeal_date === null || c.appeal_level === null
        ? null
        : { date: c.appeal_date, level: c.appeal_level, resolutionDue: safely(() => appealResolutionDue(c.appeal_date!, c.appeal_level!)) },
    appealResolution:
      c.appeal_resolution_date === null || c.appeal_result === null ? null : { date: c.appeal_resolution_date, decisionNo: c.appeal_resolution_no, result: c.appeal_result },
    duesOwed: c.dues_owed_from === null || c.dues_owed_to === null ? null : { from: c.dues_owed_from, to: c.dues_owed_to },
    version: c.version,
  };
}

function caseFields(c: RemovalCaseRow | repo.RemovalWithMember): Record<string, unknown> {
  const { created_at: _c, updated_at: _u, ...rest } = c as repo.RemovalWithMember;
  const { full_name: _n, birth_date: _b, member_status: _s, ...own } = rest;
  return own;
}

/**
 * What is due on a removal case (issue 5 item 9): the appeal window once the member has the
 * decision (the member's own item too: it is theirs to use), then the appeal's resolution.
 */
export function removalCaseDue(c: Pick<repo.RemovalWithMember, 'full_name'> & RemovalCaseRow): CaseDue {
  const facts = factsOf(c, c.opened_on);
  return {
    caseId: c.id,
    orgId: c.org_id,
    subjectName: c.full_name,
    memberId: c.member_id,
    deadlines: isRemovalClosed(facts.state) ? [] : removalOpenDeadlines(facts),
  };
}

/** The removal cases as a source of the daily due-items job. */
export const removalDueSource: DueSource = {
  kind: 'removal',
  openCases: async (db, scope, afterId, limit) => (await repo.openRemovalsAfter(db, scope, afterId, limit)).map(removalCaseDue),
};

export async function openRemoval(ctx: ServiceContext, input: OpenRemovalInput): Promise<RemovalCase> {
  notInFuture(ctx, 'openedOn', input.openedOn);
  const id = await ctx.db.transaction().execute(async (tx) => {
    // The member row lock serialises two openings; the partial unique index holds as well.
    const m = await memberRepo.findMember(tx, ctx.scope, input.memberId, { forUpdate: true });
    if (!m) throw new AppError('MEMBER_NOT_FOUND', { id: input.memberId }, { field: 'memberId' });
    if (!isActive(m.status as MemberStatus)) {
      throw new AppError('MEMBER_NOT_ON_ROLLS_FOR_EXIT', { name: m.full_name, status: STATUS_LABELS[m.status] ?? m.status, action: 'đề nghị xóa tên' }, { field: 'memberId' });
    }
    if (await repo.openRemovalExists(tx, m.id)) throw new AppError('REMOVAL_CASE_OPEN', { name: m.full_name }, { field: 'memberId' });
    if (input.openedOn < m.status_since) throw new AppError('STEP_DATE_BEFORE_PREVIOUS', { value: input.openedOn, previous: m.status_since }, { field: 'openedOn' });
    const org = await memberRepo.findOrg(tx, ctx.scope, m.org_id, { forShare: true });
    if (!org) throw new AppError('MEMBER_NOT_FOUND', { id: input.memberId }, { field: 'memberId' });
    const c = await repo.insertRemoval(tx, ctx.scope, {
      member_id: m.id,
      org_id: org.id,
      // R-EXIT-03 via R-PROB-09: a cell under a đảng ủy cơ sở goes through that committee.
      needs_grassroots_resolution: org.org_type === 'cell' || org.org_type === 'group',
      state: 'opened',
      opened_on: input.openedOn,
      grounds: JSON.stringify([...new Set(input.grounds)]),
      grounds_note: input.groundsNote ?? null,
      member_status_before: m.status,
    });
    if (!c) throw new AppError('MEMBER_NOT_FOUND', { id: input.memberId }, { field: 'memberId' });
    await appendAudit(tx, ctx.actor, { action: 'removal_case.open', entityType: 'removal_case', entityId: c.id, orgPath: c.org_path, before: null, after: caseFields(c) });
    await dueRepo.replaceCaseItems(tx, 'removal', removalCaseDue({ ...c, full_name: m.full_name }), ctx.clock.today());
    return c.id;
  });
  return getRemoval(ctx, id);
}

export async function getRemoval(ctx: ServiceContext, id: number): Promise<RemovalCase> {
  const c = await repo.findRemoval(ctx.db, ctx.scope, id);
  if (!c) throw caseNotFound(id);
  return { ...toCase(c), steps: (await caseRepo.stepsOf(ctx.db, ctx.scope, 'removal_case', id)).map((s: RemovalStepRow) => presentStep<RemovalCase['steps'][number]['kind']>(s)) };
}

export async function listRemovals(ctx: ServiceContext, q: ListRemovalQuery): Promise<RemovalList> {
  let orgPath: string | null = null;
  if (q.org !== undefined) {
    const org = await repo.findOrgPath(ctx.db, ctx.scope, q.org);
    if (!org) throw new AppError('ORG_NOT_FOUND', { id: q.org }, { field: 'org' });
    orgPath = org.path;
  }
  const { items, total } = await repo.listRemovals(ctx.db, ctx.scope, {
    states: q.state ? q.state.split(',') : null,
    orgPath,
    memberId: q.member ?? null,
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

function problemError(p: RemovalStepProblem, step: RemovalStep): AppError {
  switch (p.problem) {
    case 'step_not_allowed':
      return new AppError(
        'REMOVAL_STEP_NOT_ALLOWED',
        { step: STEP_LABELS[step.kind] ?? step.kind, expected: p.expected.map((k) => STEP_LABELS[k] ?? k).join('" hoặc "') || '—' },
        { field: 'kind', expected: p.expected },
      );
    case 'date_before_previous_step':
      return new AppError('STEP_DATE_BEFORE_PREVIOUS', { value: step.date, previous: p.previous }, { field: 'date' });
    case 'vote_impossible':
      return new AppError('VOTE_IMPOSSIBLE', { field: 'votes', reason: VOTE_PROBLEM_LABELS[p.vote] ?? p.vote }, { field: 'votes', reason: p.vote });
    case 'appeal_before_decision':
      return new AppError('APPEAL_BEFORE_DECISION', {}, { field: 'kind' });
    case 'appeal_after_window':
      return new AppError('APPEAL_AFTER_WINDOW', { date: step.date, windowEnds: p.windowEnds }, { field: 'date', windowEnds: p.windowEnds });
    case 'appeal_not_by_member':
      return new AppError('APPEAL_NOT_BY_MEMBER', {}, { field: 'byMember' });
    case 'appeal_window_open':
      return new AppError('APPEAL_WINDOW_OPEN', { windowEnds: p.windowEnds }, { field: 'date', windowEnds: p.windowEnds });
  }
}

function domainStep(input: RecordRemovalStepInput): RemovalStep {
  switch (input.kind) {
    case 'self_review_request':
      return { kind: input.kind, date: input.date, reply: input.reply };
    case 'cell_resolution':
    case 'grassroots_resolution':
      return { kind: input.kind, date: input.date, votes: input.votes };
    case 'decision':
      return { kind: input.kind, date: input.date, authority: input.authority, votes: input.votes };
    case 'appeal':
      return { kind: input.kind, date: input.date, level: input.level, byMember: input.byMember };
    case 'appeal_resolution':
      return { kind: input.kind, date: input.date, result: input.result };
    case 'notification':
    case 'finalize':
      return { kind: input.kind, date: input.date };
  }
}

/** The case columns a recorded step fills. A vote that does not pass adopts no resolution: its number stays on the step. */
function stepColumns(c: RemovalCaseRow, input: RecordRemovalStepInput, passed: boolean): RemovalCaseUpdate {
  switch (input.kind) {
    case 'self_review_request':
      return {
        self_review_requests: c.self_review_requests + 1,
        self_review_refusals: c.self_review_refusals + (input.reply === 'reviewed' ? 0 : 1),
        self_review_date: input.reply === 'reviewed' ? input.date : null,
      };
    case 'cell_resolution':
      return {
        cell_resolution_date: input.date,
        cell_resolution_no: passed ? input.resolutionNo : null,
        cell_votes_members: input.votes.members,
        cell_votes_in_favour: input.votes.inFavour,
        cell_votes_against: input.votes.against,
      };
    case 'grassroots_resolution':
      return {
        grassroots_resolution_date: input.date,
        grassroots_resolution_no: passed ? input.resolutionNo : null,
        grassroots_votes_members: input.votes.members,
        grassroots_votes_in_favour: input.votes.inFavour,
        grassroots_votes_against: input.votes.against,
      };
    case 'decision':
      return {
        decision_date: input.date,
        decision_no: passed ? input.decisionNo : null,
        deciding_authority: input.authority,
        decision_votes_members: input.votes.members,
        decision_votes_in_favour: input.votes.inFavour,
        decision_votes_against: input.votes.against,
      };
    case 'notification':
      return { notified_on: input.date };
    case 'appeal':
      return { appeal_date: input.date, appeal_level: input.level };
    case 'appeal_resolution':
      return { appeal_resolution_date: input.date, appeal_resolution_no: input.decisionNo, appeal_result: input.result };
    case 'finalize':
      return {};
  }
}

export async function recordRemovalStep(ctx: ServiceContext, id: number, input: RecordRemovalStepInput): Promise<RemovalCase> {
  notInFuture(ctx, 'date', input.date);
  await ctx.db.transaction().execute(async (tx) => {
    const c = await repo.findRemoval(tx, ctx.scope, id, { forUpdate: true });
    if (!c) throw caseNotFound(id);
    if (c.version !== input.version) throw new AppError('STALE_VERSION', { current: c.version, given: input.version }, { field: 'version', current: c.version });
    if (isRemovalClosed(c.state as RemovalState)) throw new AppError('REMOVAL_CASE_CLOSED', { state: c.state, step: STEP_LABELS[input.kind] ?? input.kind }, { field: 'kind' });

    const steps = await caseRepo.stepsOf(tx, ctx.scope, 'removal_case', id);
    const step = domainStep(input);
    // The appeal window runs from the notification (QĐ294), the requests count from HD06: a step before them has no rule to apply.
    const result = inForce(() => applyRemovalStep(factsOf(c, lastDateOf(c, steps)), step), step.date, 'date');
    if (!result.ok) throw problemError(result, step);

    const set: RemovalCaseUpdate = { ...stepColumns(c, input, result.outcome !== 'failed'), state: result.state };
    if (isRemovalClosed(result.state)) set.closed_on = input.date;

    if (input.kind === 'decision' && result.state === 'removed') {
      // The decision removes the member from its date, through the member module's status path;
      // the interval keeps the grounds (R-REC-06). An exemption in force ends with it.
      const m = await memberRepo.findMember(tx, ctx.scope, c.member_id, { forUpdate: true });
      if (!m) throw new AppError('MEMBER_NOT_FOUND', { id: c.member_id }, { field: 'id' });
      if (!isActive(m.status as MemberStatus)) {
        throw new AppError('MEMBER_NOT_ON_ROLLS_FOR_EXIT', { name: m.full_name, status: STATUS_LABELS[m.status] ?? m.status, action: 'xóa tên' }, { field: 'id' });
      }
      await endOpenExemptionIn(tx, ctx, m.id, input.date, input.decisionNo);
      await changeStatusIn(tx, ctx, m.id, { status: 'removed', effectiveDate: input.date, decisionNo: input.decisionNo, version: m.version }, { reason: removalReason(groundsOf(c)) });
    }
    if (input.kind === 'appeal_resolution' && result.state === 'restored') {
      // R-AGE-04: the removal is annulled; the member is back from the resolution, party age
      // continuous, and owes the dues of the gap.
      const m = await memberRepo.findMember(tx, ctx.scope, c.member_id, { forUpdate: true });
      if (!m) throw new AppError('MEMBER_NOT_FOUND', { id: c.member_id }, { field: 'id' });
      const back = c.member_status_before === 'probationary' ? 'probationary' : 'official';
      await changeStatusIn(tx, ctx, m.id, { status: back, effectiveDate: input.date, decisionNo: input.decisionNo, version: m.version }, { reason: 'restored_on_appeal', restoration: true });
      const r = restorationAfterWrongfulRemoval(c.decision_date!, input.date);
      set.dues_owed_from = r.duesOwedFrom;
      set.dues_owed_to = r.duesOwedTo;
    }

    const now = ctx.clock.now();
    const n = await caseRepo.updateCaseAtVersion(tx, ctx.scope, 'removal_case', id, c.version, { ...set, updated_at: now });
    if (n === 0) throw new AppError('STALE_VERSION', { current: c.version + 1, given: c.version }, { field: 'version' });
    const votes = 'votes' in input ? input.votes : null;
    const decisionNo = 'decisionNo' in input ? input.decisionNo : 'resolutionNo' in input ? input.resolutionNo : null;
    const details: Record<string, unknown> = {};
    if (input.kind === 'self_review_request') Object.assign(details, { reply: input.reply, proceedsWithoutSelfReview: result.proceedsWithoutSelfReview });
    if (input.kind === 'decision') details.authority = input.authority;
    if (input.kind === 'appeal') Object.assign(details, { level: input.level });
    if (input.kind === 'appeal_resolution') details.result = input.result;
    const s = await caseRepo.insertStep(tx, 'removal_case', stepRow(ctx, id, input, { outcome: result.outcome, decisionNo, votes, details, now }));
    const after: repo.RemovalWithMember = { ...c, ...(set as Partial<RemovalCaseRow>), version: c.version + 1 };
    await afterStep(tx, ctx, { kind: 'removal', id, orgPath: c.org_path, before: caseFields(c), after: caseFields(after), due: removalCaseDue(after) }, s);
  });
  return getRemoval(ctx, id);
}

// ---- leaving on request, death ---------------------------------------------------------------

function exitResult(m: { id: number; full_name: string; status: string; status_since: string; version: number }, reason: string): ExitResult {
  return { memberId: m.id, fullName: m.full_name, status: m.status, statusSince: m.status_since, reason, version: m.version };
}

/** R-EXIT-07: the authority decides a member's request to leave; the name is removed from the decision. */
export async function recordWithdrawal(ctx: ServiceContext, input: WithdrawalInput): Promise<ExitResult> {
  notInFuture(ctx, 'decisionDate', input.decisionDate);
  if (input.decisionDate < input.requestDate) throw new AppError('STEP_DATE_BEFORE_PREVIOUS', { value: input.decisionDate, previous: input.requestDate }, { field: 'decisionDate' });
  return ctx.db.transaction().execute(async (tx) => {
    const m = await memberRepo.findMember(tx, ctx.scope, input.memberId, { forUpdate: true });
    if (!m) throw new AppError('MEMBER_NOT_FOUND', { id: input.memberId }, { field: 'memberId' });
    const p = withdrawalProblem({ status: m.status as MemberStatus, violating: input.violating });
    if (p?.problem === 'not_on_rolls') {
      throw new AppError('MEMBER_NOT_ON_ROLLS_FOR_EXIT', { name: m.full_name, status: STATUS_LABELS[m.status] ?? m.status, action: 'cho ra khỏi Đảng' }, { field: 'memberId' });
    }
    if (p?.problem === 'violating_must_be_disciplined') throw new AppError('WITHDRAWAL_WHILE_VIOLATING', { name: m.full_name }, { field: 'violating' });
    if (m.version !== input.version) throw new AppError('STALE_VERSION', { current: m.version, given: input.version }, { field: 'version', current: m.version });
    notBeforeStatusSince(m, input.decisionDate, 'decisionDate');
    await endOpenExemptionIn(tx, ctx, m.id, input.decisionDate, input.decisionNo);
    const saved = await changeStatusIn(tx, ctx, m.id, { status: 'withdrawn', effectiveDate: input.decisionDate, decisionNo: input.decisionNo, version: m.version }, { reason: EXIT_REASONS.withdrawal });
    return exitResult(saved, EXIT_REASONS.withdrawal);
  });
}

/** A member's death: deceased from the date of death; the record stays (R-REC-06), the family keeps the card (R-REC-04). */
export async function recordDeath(ctx: ServiceContext, input: DeathInput): Promise<ExitResult> {
  notInFuture(ctx, 'dateOfDeath', input.dateOfDeath);
  return ctx.db.transaction().execute(async (tx) => {
    const m = await memberRepo.findMember(tx, ctx.scope, input.memberId, { forUpdate: true });
    if (!m) throw new AppError('MEMBER_NOT_FOUND', { id: input.memberId }, { field: 'memberId' });
    if (!isActive(m.status as MemberStatus)) {
      throw new AppError('MEMBER_NOT_ON_ROLLS_FOR_EXIT', { name: m.full_name, status: STATUS_LABELS[m.status] ?? m.status, action: 'báo từ trần' }, { field: 'memberId' });
    }
    if (m.version !== input.version) throw new AppError('STALE_VERSION', { current: m.version, given: input.version }, { field: 'version', current: m.version });
    notBeforeStatusSince(m, input.dateOfDeath, 'dateOfDeath');
    await endOpenExemptionIn(tx, ctx, m.id, input.dateOfDeath, null);
    const saved = await changeStatusIn(tx, ctx, m.id, { status: 'deceased', effectiveDate: input.dateOfDeath, decisionNo: null, version: m.version }, { reason: EXIT_REASONS.death });
    return exitResult(saved, EXIT_REASONS.death);
  });
}
