import type { TransferCaseRow, TransferCaseUpdate, TransferStepRow } from '../../db/types.js';
import type { TransferBlock } from '../../domain/transfer/transfer-blockers.js';
import {
  applyTransferStep,
  expectedTransferStep,
  isTransferClosed,
  requestBlocked,
  stepSide,
  transferOpenDeadlines,
  type TransferCaseFacts,
  type TransferSide,
  type TransferState,
  type TransferStep,
  type TransferStepProblem,
} from '../../domain/transfer/transfer-case.js';
import { grassrootsUnderProvince, letterIssuer, letterType, temporaryCellSuggested, temporarySpanProblem, underSameSuperior, type ChainOrg } from '../../domain/transfer/transfer-rules.js';
import { holdsMembers, type OrgType } from '../../domain/org-type.js';
import { AppError } from '../../errors.js';
import { appendAudit } from '../audit/audit.repository.js';
import { makeScope, pathInScope } from '../auth/scope.js';
import { afterStep, notInFuture, presentStep, stepRow } from '../case/case-step.js';
import * as caseRepo from '../case/case.repository.js';
import * as dueRepo from '../due/due.repository.js';
import type { CaseDue, DueSource } from '../due/due.source.js';
import * as memberRepo from '../member/member.repository.js';
import { STATUS_LABELS } from '../member/member.schema.js';
import { changePlacementIn, changeStatusIn } from '../member/member.service.js';
import { refreshRecordUpdateDueIn } from '../records/record-update.due.js';
import type { ServiceContext } from '../service-context.js';
import { flagBlockers } from './transfer.blockers.js';
import * as repo from './transfer.repository.js';
import type { AttachedList, ListTransfersQuery, OpenTransferInput, RecordTransferStepInput, TransferCase, TransferList } from './transfer.schema.js';

// Use cases of the transfer case (issue 5 item 4). Each write is one transaction with an audit row
// per changed entity; the rules are in src/domain/transfer/, this file gathers the facts, decides
// which end of the case the caller holds, and stores the result. The completion changes the
// member through the member module's dated paths (placement for an official transfer inside,
// status "transferred" for one out of the installation), in the same transaction.

const caseNotFound = (id: number) => new AppError('TRANSFER_CASE_NOT_FOUND', { id }, { field: 'id' });

/** R-REC-06: why the status of a member transferred out of the installation began. */
export const TRANSFER_OUT_REASON = 'transfer_out';

const STEP_LABELS: Record<string, string> = {
  self_review: 'bản tự kiểm điểm',
  dues: 'đảng phí',
  letter: 'giấy giới thiệu sinh hoạt đảng',
  receipt: 'tiếp nhận hồ sơ',
  completion: 'hoàn tất',
};
const SIDE_LABELS: Record<TransferSide, string> = { sending: 'nơi đi', receiving: 'nơi đến' };
const MATTER_LABELS: Record<string, string> = { inspection: 'bị kiểm tra', complaint: 'có khiếu nại, tố cáo chưa giải quyết xong' };
const BASIS_LABELS: Record<string, string> = { stay: 'thay đổi nơi cư trú, nơi làm việc', study: 'đi học tập trung' };

function lastStepDate(c: TransferCaseRow): string {
  const dates = [c.opened_on, c.self_review_date, c.dues_date, c.letter_date, c.received_on, c.completed_on].filter((d): d is string => d !== null);
  return dates.reduce((a, b) => (b > a ? b : a));
}

function factsOf(c: TransferCaseRow): TransferCaseFacts {
  return {
    state: c.state as TransferState,
    kind: c.kind,
    destination: c.destination,
    causeDate: c.cause_date,
    duesPaidThrough: c.dues_paid_through,
    letterDate: c.letter_date,
    sameSuperior: c.same_superior,
    grassrootsUnderProvince: c.grassroots_under_province,
    endDate: c.end_date,
    lastStepDate: lastStepDate(c),
  };
}

function toStep(s: TransferStepRow): TransferCase['steps'][number] {
  return presentStep<TransferCase['steps'][number]['kind']>(s);
}

function toCase(ctx: ServiceContext, c: repo.CaseWithMember, blocks: readonly TransferBlock[]): Omit<TransferCase, 'steps'> {
  const facts = factsOf(c);
  const next = expectedTransferStep(facts);
  return {
    id: c.id,
    member: { id: c.member_id, fullName: c.full_name, birthDate: c.birth_date, status: c.member_status },
    kind: c.kind,
    temporaryBasis: c.temporary_basis,
    reason: c.reason,
    causeDate: c.cause_date,
    endDate: c.end_date,
    openedOn: c.opened_on,
    closedOn: c.closed_on,
    state: facts.state,
    source: { orgId: c.source_org_id, name: c.source_name },
    destination: { scope: c.destination, orgId: c.destination_org_id, name: c.destination_name ?? c.destination_text ?? '' },
    nextStep: next,
    nextSide: next === null ? null : stepSide(facts, next),
    callerSides: { sending: pathInScope(ctx.scope, c.source_path), receiving: c.destination_path !== null && pathInScope(ctx.scope, c.destination_path) },
    deadlines: isTransferClosed(facts.state) ? [] : transferOpenDeadlines(facts),
    selfReviewDate: c.self_review_date,
    dues: c.dues_date === null || c.dues_paid_through === null ? null : { date: c.dues_date, paidThrough: c.dues_paid_through },
    letter: {
      issued: c.letter_date !== null,
      date: c.letter_date,
      letterNo: c.letter_no,
      type: (c.letter_type as TransferCase['letter']['type'] | null) ?? letterType(c.kind, c.destination, c.same_superior),
      issuer: (c.letter_issuer as TransferCase['letter']['issuer'] | null) ?? letterIssuer(c.grassroots_under_province, ctx.clock.today()),
    },
    receivedOn: c.received_on,
    completedOn: c.completed_on,
    blocks: blocks.map((b) => ({ kind: b.kind, since: b.since, reason: b.reason })),
    version: c.version,
  };
}

function caseFields(c: TransferCaseRow | repo.CaseWithMember): Record<string, unknown> {
  const { created_at: _c, updated_at: _u, ...rest } = c as repo.CaseWithMember;
  const { full_name: _n, birth_date: _b, member_status: _s, source_name: _sn, destination_name: _dn, ...own } = rest;
  return own;
}

/**
 * What is due on a case (issue 5 item 9). The items sit at the org whose turn it is: the sending
 * cell until the letter, then the receiving one (inside) — so each office sees its own deadlines.
 */
export function transferCaseDue(c: Pick<repo.CaseWithMember, 'full_name'> & TransferCaseRow): CaseDue {
  const facts = factsOf(c);
  const closed = isTransferClosed(facts.state);
  const next = expectedTransferStep(facts);
  const atReceiver = next !== null && stepSide(facts, next) === 'receiving' && c.destination_org_id !== null;
  return {
    caseId: c.id,
    orgId: atReceiver ? c.destination_org_id! : c.source_org_id,
    subjectName: c.full_name,
    memberId: c.member_id,
    deadlines: closed ? [] : transferOpenDeadlines(facts),
  };
}

/** The transfer cases as a source of the daily due-items job. */
export const transferDueSource: DueSource = {
  kind: 'transfer',
  openCases: async (db, scope, afterId, limit) => (await repo.openCasesAfter(db, scope, afterId, limit)).map(transferCaseDue),
};

const chainOf = async (db: Parameters<typeof repo.chainOf>[0], path: string): Promise<ChainOrg[]> => (await repo.chainOf(db, path)).map((o) => ({ id: o.id, orgType: o.org_type }));

function required(field: string, why: string): AppError {
  return new AppError('TRANSFER_FIELD_REQUIRED', { field, why }, { field });
}

function blockedError(name: string, blocks: readonly TransferBlock[]): AppError {
  const b = blocks[0]!;
  return new AppError('TRANSFER_BLOCKED', { name, matter: MATTER_LABELS[b.kind] ?? b.kind, since: b.since }, { field: 'memberId', blocks: blocks.map((x) => ({ kind: x.kind, since: x.since })) });
}

export async function openCase(ctx: ServiceContext, input: OpenTransferInput): Promise<TransferCase> {
  notInFuture(ctx, 'openedOn', input.openedOn);
  const id = await ctx.db.transaction().execute(async (tx) => {
    // The member row lock serialises two requests for the same member; the partial unique index holds as well.
    const m = await memberRepo.findMember(tx, ctx.scope, input.memberId, { forUpdate: true });
    if (!m) throw new AppError('MEMBER_NOT_FOUND', { id: input.memberId }, { field: 'memberId' });
    if (!['probationary', 'official', 'exempt'].includes(m.status)) {
      throw new AppError('MEMBER_NOT_ON_ROLLS', { name: m.full_name, status: STATUS_LABELS[m.status] ?? m.status }, { field: 'memberId' });
    }
    if (await repo.openCaseExists(tx, m.id)) throw new AppError('TRANSFER_CASE_OPEN', { name: m.full_name }, { field: 'memberId' });
    // R-TRF-04: not begun while a matter is open.
    const blocks = requestBlocked(await flagBlockers(tx).blocksOn(m.id, input.openedOn), input.openedOn);
    if (blocks.length > 0) throw blockedError(m.full_name, blocks);

    let destination: repo.DestinationOrg | null = null;
    if (input.destination === 'inside') {
      const code = input.destinationOrgCode?.trim();
      if (input.destinationOrgId == null && !code) throw required('destinationOrgId', 'chọn chi bộ nơi đến trong hệ thống hoặc ghi mã của chi bộ');
      const byId = input.destinationOrgId != null;
      destination = (await repo.findDestinationOrg(tx, byId ? { id: input.destinationOrgId! } : { code: code! })) ?? null;
      if (!destination) throw new AppError('ORG_NOT_FOUND', { id: byId ? input.destinationOrgId! : code! }, { field: byId ? 'destinationOrgId' : 'destinationOrgCode' });
      if (destination.dissolved_on !== null) throw new AppError('ORG_DISSOLVED', { name: destination.name }, { field: 'destinationOrgId' });
      if (!holdsMembers(destination.org_type as OrgType)) throw new AppError('ORG_HOLDS_NO_MEMBERS', { name: destination.name }, { field: 'destinationOrgId' });
      if (destination.id === m.org_id) throw new AppError('TRANSFER_SAME_ORG', { org: destination.name }, { field: 'destinationOrgId' });
    } else if (!input.destinationText) {
      throw required('destinationText', 'ghi tên tổ chức đảng nơi đến ngoài hệ thống');
    }
    if (input.kind === 'temporary') {
      if (!input.temporaryBasis) throw required('temporaryBasis', 'chọn lý do chuyển tạm thời');
      if (!input.endDate) throw required('endDate', 'ghi ngày dự kiến kết thúc sinh hoạt tạm thời');
      const p = temporarySpanProblem(input.temporaryBasis, input.causeDate, input.endDate);
      if (p) {
        const problem = p.problem === 'too_short' ? `ngắn hơn 3 tháng, sớm nhất là ${p.earliestEnd}` : `quá thời hạn, muộn nhất là ${p.latestEnd}`;
        throw new AppError('TRANSFER_TEMPORARY_SPAN', { endDate: input.endDate, basis: BASIS_LABELS[input.temporaryBasis]!, problem }, { field: 'endDate', ...p });
      }
    }

    const sourceChain = await chainOf(tx, m.org_path);
    const now = ctx.clock.now();
    const c = await repo.insertCase(tx, ctx.scope, {
      member_id: m.id,
      kind: input.kind,
      temporary_basis: input.kind === 'temporary' ? (input.temporaryBasis ?? null) : null,
      reason: input.reason,
      cause_date: input.causeDate,
      end_date: input.kind === 'temporary' ? (input.endDate ?? null) : null,
      source_org_id: m.org_id,
      destination: input.destination,
      destination_org_id: destination?.id ?? null,
      destination_path: destination?.path ?? null,
      destination_text: destination ? null : (input.destinationText ?? null),
      same_superior: destination !== null && underSameSuperior(sourceChain, await chainOf(tx, destination.path)),
      grassroots_under_province: grassrootsUnderProvince(sourceChain),
      state: 'requested',
      opened_on: input.openedOn,
      closed_on: null,
      self_review_date: null,
      dues_date: null,
      dues_paid_through: null,
      letter_date: null,
      letter_no: null,
      letter_type: null,
      letter_issuer: null,
      received_on: null,
      completed_on: null,
      created_at: now,
      updated_at: now,
    });
    if (!c) throw new AppError('MEMBER_NOT_FOUND', { id: input.memberId }, { field: 'memberId' });
    await appendAudit(tx, ctx.actor, { action: 'transfer_case.open', entityType: 'transfer_case', entityId: c.id, orgPath: c.source_path, before: null, after: caseFields(c) });
    await dueRepo.replaceCaseItems(tx, 'transfer', transferCaseDue({ ...c, full_name: m.full_name }), ctx.clock.today());
    return c.id;
  });
  return getCase(ctx, id);
}

export async function getCase(ctx: ServiceContext, id: number): Promise<TransferCase> {
  const c = await repo.findCase(ctx.db, ctx.scope, id);
  if (!c) throw caseNotFound(id);
  const blocks = await flagBlockers(ctx.db).blocksOn(c.member_id, ctx.clock.today());
  return { ...toCase(ctx, c, blocks), steps: (await caseRepo.stepsOf(ctx.db, ctx.scope, 'transfer_case', id, repo.TRANSFER_END_PATHS)).map(toStep) };
}

export async function listCases(ctx: ServiceContext, q: ListTransfersQuery): Promise<TransferList> {
  let orgPath: string | null = null;
  if (q.org !== undefined) {
    const org = await memberRepo.findOrg(ctx.db, ctx.scope, q.org);
    if (!org) throw new AppError('ORG_NOT_FOUND', { id: q.org }, { field: 'org' });
    orgPath = org.path;
  }
  const { items, total } = await repo.listCases(ctx.db, ctx.scope, {
    states: q.state ? q.state.split(',') : null,
    kind: q.kind ?? null,
    direction: q.direction ?? null,
    orgPath,
    memberId: q.member ?? null,
    limit: q.pageSize,
    offset: (q.page - 1) * q.pageSize,
  });
  // The list shows no blocks (one read per case); the case page does.
  return { items: items.map((c) => toCase(ctx, c, [])), total };
}

function problemError(p: TransferStepProblem, step: TransferStep, name: string): AppError {
  switch (p.problem) {
    case 'step_not_allowed':
      return new AppError('TRANSFER_STEP_NOT_ALLOWED', { step: STEP_LABELS[step.kind] ?? step.kind, expected: p.expected ? (STEP_LABELS[p.expected] ?? p.expected) : '—' }, { field: 'kind', expected: p.expected });
    case 'date_before_previous_step':
      return new AppError('STEP_DATE_BEFORE_PREVIOUS', { value: step.date, previous: p.previous }, { field: 'date' });
    case 'blocked':
      return blockedError(name, p.blocks);
    case 'dues_not_paid_through_letter_month':
      return new AppError('TRANSFER_DUES_NOT_PAID', { paidThrough: p.paidThrough, letterMonth: p.letterMonth }, { field: 'date', paidThrough: p.paidThrough, letterMonth: p.letterMonth });
    case 'dossier_unconfirmed':
      return new AppError('TRANSFER_DOSSIER_UNCONFIRMED', {}, { field: 'senderConfirmed' });
  }
}

function domainStep(input: RecordTransferStepInput): TransferStep {
  switch (input.kind) {
    case 'self_review':
    case 'letter':
    case 'completion':
      return { kind: input.kind, date: input.date };
    case 'dues':
      return { kind: input.kind, date: input.date, paidThrough: input.paidThrough };
    case 'receipt':
      return { kind: input.kind, date: input.date, senderConfirmed: input.senderConfirmed };
  }
}

export async function recordStep(ctx: ServiceContext, id: number, input: RecordTransferStepInput): Promise<TransferCase> {
  notInFuture(ctx, 'date', input.date);
  await ctx.db.transaction().execute(async (tx) => {
    const c = await repo.findCase(tx, ctx.scope, id, { forUpdate: true });
    if (!c) throw caseNotFound(id);
    if (c.version !== input.version) throw new AppError('STALE_VERSION', { current: c.version, given: input.version }, { field: 'version', current: c.version });
    const facts = factsOf(c);
    if (isTransferClosed(facts.state)) throw new AppError('TRANSFER_CASE_CLOSED', { step: STEP_LABELS[input.kind] ?? input.kind }, { field: 'kind' });

    // Each step only by the end whose turn it is (the update below states it again in SQL).
    const side = stepSide(facts, input.kind);
    if (input.kind === expectedTransferStep(facts) && !pathInScope(ctx.scope, side === 'sending' ? c.source_path : (c.destination_path ?? ''))) {
      throw new AppError('TRANSFER_OTHER_SIDE', { step: STEP_LABELS[input.kind] ?? input.kind, side: SIDE_LABELS[side] }, { field: 'kind', side });
    }

    const step = domainStep(input);
    const blocks = await flagBlockers(tx).blocksOn(c.member_id, input.date);
    const result = applyTransferStep(facts, step, blocks);
    if (!result.ok) throw problemError(result, step, c.full_name);

    const set: TransferCaseUpdate = { state: result.state };
    switch (input.kind) {
      case 'self_review':
        set.self_review_date = input.date;
        break;
      case 'dues':
        Object.assign(set, { dues_date: input.date, dues_paid_through: input.paidThrough });
        break;
      case 'letter':
        Object.assign(set, { letter_date: input.date, letter_no: input.letterNo, letter_type: result.letter!.type, letter_issuer: result.letter!.issuer });
        break;
      case 'receipt':
        set.received_on = input.date;
        break;
      case 'completion':
        Object.assign(set, { completed_on: input.date, closed_on: input.date });
        await completeOnMember(tx, ctx, c, input.date);
        break;
    }

    const now = ctx.clock.now();
    const n = await caseRepo.updateCaseAtVersion(tx, ctx.scope, 'transfer_case', id, c.version, { ...set, updated_at: now }, [repo.endColumn(side)]);
    if (n === 0) throw new AppError('STALE_VERSION', { current: c.version + 1, given: c.version }, { field: 'version' });
    const details: Record<string, unknown> = { late: result.late };
    if (input.kind === 'dues') details.paidThrough = input.paidThrough;
    if (result.letter) Object.assign(details, { letterType: result.letter.type, issuer: result.letter.issuer });
    if (input.kind === 'receipt') details.senderConfirmed = input.senderConfirmed;
    const decisionNo = input.kind === 'letter' ? input.letterNo : null;
    const s = await caseRepo.insertStep(tx, 'transfer_case', stepRow(ctx, id, input, { outcome: 'done', decisionNo, votes: null, details, now }));
    const after: repo.CaseWithMember = { ...c, ...(set as Partial<TransferCaseRow>), version: c.version + 1 };
    await afterStep(tx, ctx, { kind: 'transfer', id, orgPath: c.source_path, before: caseFields(c), after: caseFields(after), due: transferCaseDue(after) }, s);
    // R-REC-07: the member received for good owes the receiving org a phiếu bổ sung.
    if (input.kind === 'completion' && c.kind === 'permanent' && c.destination === 'inside') await refreshRecordUpdateDueIn(tx, ctx, c.member_id);
  });
  return getCase(ctx, id);
}

/**
 * What the completion does to the member, through the member module: an official transfer inside
 * moves them to the receiving cell from the completion date (intervals, roll-ups of both subtrees,
 * audit); one out of the installation closes their time on the rolls as "transferred", keeping the
 * record (R-REC-06); a temporary attachment ends without touching them (R-TRF-07: they never left).
 */
async function completeOnMember(tx: Parameters<typeof changeStatusIn>[0], ctx: ServiceContext, c: repo.CaseWithMember, date: string): Promise<void> {
  if (c.kind === 'temporary') return;
  // The case was read in the caller's scope at one of its ends; its move reaches both ends, and
  // only them: the receiving office moves a member it could not see before (the sending office
  // sent them), which is what the letter authorises.
  const ends = makeScope(c.destination_path === null ? [c.source_path] : [c.source_path, c.destination_path]);
  const m = await memberRepo.findMember(tx, ends, c.member_id, { forUpdate: true });
  if (!m || m.org_id !== c.source_org_id) throw new AppError('TRANSFER_MEMBER_MOVED', { name: c.full_name, org: c.source_name }, { field: 'kind' });
  const endsCtx: ServiceContext = { ...ctx, scope: ends };
  if (c.destination === 'inside') {
    await changePlacementIn(tx, endsCtx, m.id, { orgId: c.destination_org_id!, effectiveDate: date, decisionNo: c.letter_no, version: m.version });
  } else {
    await changeStatusIn(tx, endsCtx, m.id, { status: 'transferred', effectiveDate: date, decisionNo: c.letter_no, version: m.version }, { reason: TRANSFER_OUT_REASON });
  }
}

/** R-TRF-07/08: members temporarily attached to orgs in scope (or under `org`), by host, with the temporary-cell suggestion. */
export async function attached(ctx: ServiceContext, orgId: number | undefined): Promise<AttachedList> {
  let paths = ctx.scope.paths;
  if (orgId !== undefined) {
    const org = await memberRepo.findOrg(ctx.db, ctx.scope, orgId);
    if (!org) throw new AppError('ORG_NOT_FOUND', { id: orgId }, { field: 'org' });
    paths = [org.path];
  }
  const rows = (await Promise.all(paths.map((p) => repo.attachedUnder(ctx.db, ctx.scope, p)))).flat();
  const hosts = new Map<number, AttachedList['hosts'][number]>();
  for (const r of rows) {
    const host = hosts.get(r.destination_org_id!) ?? { org: { id: r.destination_org_id!, name: r.destination_name }, officialCount: 0, temporaryCellSuggested: false, members: [] };
    host.members.push({ caseId: r.id, memberId: r.member_id, fullName: r.full_name, status: r.member_status, homeOrg: { id: r.source_org_id, name: r.source_name }, since: r.received_on, endDate: r.end_date });
    if (r.member_status === 'official') host.officialCount++;
    hosts.set(r.destination_org_id!, host);
  }
  const today = ctx.clock.today();
  return { hosts: [...hosts.values()].map((h) => ({ ...h, temporaryCellSuggested: temporaryCellSuggested(h.officialCount, today) })) };
}
