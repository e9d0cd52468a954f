import type { TransferSlipRow } from '../../db/types.js';
import { dossierLapsed, dossierLapseDate, slipCheckDue, slipIssueProblem, slipOverdue, slipReturnProblem } from '../../domain/transfer/transfer-slip.js';
import { RuleNotInForceError } from '../../domain/rules/params.js';
import { AppError } from '../../errors.js';
import { appendAudit } from '../audit/audit.repository.js';
import { narrowScope, pathInScope, type Scope } from '../auth/scope.js';
import { notInFuture } from '../case/case-step.js';
import * as memberRepo from '../member/member.repository.js';
import type { ServiceContext } from '../service-context.js';
import * as repo from './transfer-slip.repository.js';
import type { IssueSlipInput, ReturnSlipInput, SlipListItem, SlipListQuery, TransferSlip } from './transfer-slip.schema.js';
import * as caseRepo from './transfer.repository.js';

// Transfer slips (R-TRF-09): the sending side records the 2 slips that go with the official
// letter; either end records the day the receiving side sent its slip back. The check lists
// (R-REC-08: slips not back after 3 months; R-EXIT-05: members who did not present the dossier
// within 3 months) are the pure rules over the slips in scope. Each write one transaction with its
// audit row.

const caseNotFound = (id: number) => new AppError('TRANSFER_CASE_NOT_FOUND', { id }, { field: 'id' });

const ISSUE_WHY = {
  no_letter: 'hồ sơ chưa có giấy giới thiệu sinh hoạt đảng',
  kind_without_slip: 'phiếu báo chỉ đi kèm giấy giới thiệu chuyển sinh hoạt chính thức',
  before_letter: 'ngày lập phiếu trước ngày giấy giới thiệu',
} as const;

/** A slip issued before the rules carry a version has no check day to show, not a wrong one. */
function safely<T>(f: () => T): T | null {
  try {
    return f();
  } catch (e) {
    if (e instanceof RuleNotInForceError) return null;
    throw e;
  }
}

function toSlip(s: TransferSlipRow, receivedOn: string | null, today: string): TransferSlip {
  const facts = { issuedOn: s.issued_on, returnedOn: s.returned_on, receivedOn };
  return {
    id: Number(s.id),
    caseId: Number(s.case_id),
    slipNo: s.slip_no,
    issuedOn: s.issued_on,
    sentTo: s.sent_to,
    copyTo: s.copy_to,
    returnedOn: s.returned_on,
    returnNote: s.return_note,
    checkDue: safely(() => slipCheckDue(s.issued_on)),
    overdue: safely(() => slipOverdue(facts, today)) ?? false,
    lapseDate: safely(() => dossierLapseDate(s.issued_on)),
    lapsed: safely(() => dossierLapsed(facts, today)) ?? false,
    version: s.version,
  };
}

const slipFields = ({ created_at: _c, updated_at: _u, ...rest }: TransferSlipRow) => rest;

export async function getSlip(ctx: ServiceContext, caseId: number): Promise<{ slip: TransferSlip | null }> {
  const c = await caseRepo.findCase(ctx.db, ctx.scope, caseId);
  if (!c) throw caseNotFound(caseId);
  const s = await repo.slipOfCase(ctx.db, ctx.scope, caseId);
  return { slip: s ? toSlip(s, c.received_on, ctx.clock.today()) : null };
}

/** R-TRF-09: the sending side records the slips sent with the official letter. */
export async function issueSlip(ctx: ServiceContext, caseId: number, input: IssueSlipInput): Promise<{ slip: TransferSlip | null }> {
  notInFuture(ctx, 'issuedOn', input.issuedOn);
  await ctx.db.transaction().execute(async (tx) => {
    const c = await caseRepo.findCase(tx, ctx.scope, caseId, { forUpdate: true });
    if (!c) throw caseNotFound(caseId);
    if (!pathInScope(ctx.scope, c.source_path)) throw new AppError('TRANSFER_OTHER_SIDE', { step: 'phiếu báo', side: 'nơi đi' }, { field: 'slipNo', side: 'sending' });
    const existing = await repo.slipOfCase(tx, ctx.scope, caseId);
    if (existing) throw new AppError('TRANSFER_SLIP_EXISTS', { slipNo: existing.slip_no, issuedOn: existing.issued_on }, { field: 'slipNo' });
    let p: ReturnType<typeof slipIssueProblem>;
    try {
      p = slipIssueProblem({ kind: c.kind, letterDate: c.letter_date }, input.issuedOn);
    } catch (e) {
      // A letter older than the first version of the rule: refused naming the slip's day.
      if (e instanceof RuleNotInForceError) throw new AppError('RULE_NOT_IN_FORCE', { date: c.letter_date ?? input.issuedOn, field: 'issuedOn' }, { field: 'issuedOn', param: e.param });
      throw e;
    }
    if (p) throw new AppError('TRANSFER_SLIP_NOT_ALLOWED', { why: ISSUE_WHY[p.problem] }, { field: p.problem === 'before_letter' ? 'issuedOn' : 'slipNo', problem: p.problem });
    const now = ctx.clock.now();
    const s = await repo.insertSlip(tx, ctx.scope, {
      case_id: c.id,
      slip_no: input.slipNo,
      issued_on: input.issuedOn,
      sent_to: input.sentTo ?? c.destination_name ?? c.destination_text ?? '',
      copy_to: input.copyTo ?? null,
      issued_by: ctx.actor.userId,
      created_at: now,
      updated_at: now,
    });
    if (!s) throw new AppError('TRANSFER_SLIP_EXISTS', { slipNo: input.slipNo, issuedOn: input.issuedOn }, { field: 'slipNo' });
    await appendAudit(tx, ctx.actor, { action: 'transfer_slip.issue', entityType: 'transfer_slip', entityId: Number(s.id), orgPath: c.source_path, before: null, after: slipFields(s) });
  });
  return getSlip(ctx, caseId);
}

/** R-TRF-09: the slip came back from the receiving side ("đã báo nhận"); either end records it. */
export async function returnSlip(ctx: ServiceContext, caseId: number, input: ReturnSlipInput): Promise<{ slip: TransferSlip | null }> {
  notInFuture(ctx, 'returnedOn', input.returnedOn);
  await ctx.db.transaction().execute(async (tx) => {
    const c = await caseRepo.findCase(tx, ctx.scope, caseId);
    if (!c) throw caseNotFound(caseId);
    const s = await repo.slipOfCase(tx, ctx.scope, caseId, { forUpdate: true });
    if (!s) throw new AppError('TRANSFER_SLIP_NOT_FOUND', { id: caseId }, { field: 'id' });
    if (s.version !== input.version) throw new AppError('STALE_VERSION', { current: s.version, given: input.version }, { field: 'version', current: s.version });
    const p = slipReturnProblem({ issuedOn: s.issued_on, returnedOn: s.returned_on }, input.returnedOn);
    if (p) {
      const why = p.problem === 'already_returned' ? `phiếu đã được báo nhận ngày ${p.returnedOn}` : `ngày báo nhận trước ngày lập phiếu (${p.issuedOn})`;
      throw new AppError('TRANSFER_SLIP_RETURN_INVALID', { why }, { field: 'returnedOn', problem: p.problem });
    }
    const set = { returned_on: input.returnedOn, return_note: input.note ?? null, returned_by: ctx.actor.userId, updated_at: ctx.clock.now() };
    if ((await repo.returnSlip(tx, ctx.scope, Number(s.id), s.version, set)) === 0) throw new AppError('STALE_VERSION', { current: s.version + 1, given: s.version }, { field: 'version' });
    await appendAudit(tx, ctx.actor, {
      action: 'transfer_slip.return',
      entityType: 'transfer_slip',
      entityId: Number(s.id),
      orgPath: c.source_path,
      before: { returned_on: null, return_note: null, version: s.version },
      after: { returned_on: set.returned_on, return_note: set.return_note, version: s.version + 1 },
    });
  });
  return getSlip(ctx, caseId);
}

async function slipScope(ctx: ServiceContext, orgId: number | undefined): Promise<{ scope: Scope; orgPath: string | null }> {
  if (orgId === undefined) return { scope: ctx.scope, orgPath: null };
  const org = await memberRepo.findOrg(ctx.db, ctx.scope, orgId);
  if (!org) throw new AppError('ORG_NOT_FOUND', { id: orgId }, { field: 'org' });
  return { scope: narrowScope(ctx.scope, org.path), orgPath: org.path };
}

function toItem(r: repo.SlipWithCase, today: string): SlipListItem {
  return {
    ...toSlip(r, r.received_on, today),
    member: { id: Number(r.member_id), fullName: r.full_name, birthDate: r.birth_date },
    sourceName: r.source_name,
    destinationName: r.destination_name,
    caseState: r.state,
    letterNo: r.letter_no,
    letterDate: r.letter_date,
    receivedOn: r.received_on,
    exitCaseId: r.exit_case_id === null ? null : Number(r.exit_case_id),
  };
}

/** The slips of cases in scope (or under `org`): all of them, those overdue (R-REC-08) or those lapsed (R-EXIT-05). */
export async function listSlips(ctx: ServiceContext, q: SlipListQuery): Promise<{ items: SlipListItem[]; orgPath: string | null }> {
  const { scope, orgPath } = await slipScope(ctx, q.org);
  const today = ctx.clock.today();
  const items = (await repo.listSlips(ctx.db, scope, { unreturned: q.filter !== 'all' })).map((r) => toItem(r, today));
  const keep = q.filter === 'overdue' ? (i: SlipListItem) => i.overdue : q.filter === 'lapsed' ? (i: SlipListItem) => i.lapsed : () => true;
  return { items: items.filter(keep), orgPath };
}
