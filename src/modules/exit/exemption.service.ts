import type { Transaction } from 'kysely';
import type { DB, ExemptionRow } from '../../db/types.js';
import { addCalendarDays } from '../../domain/calendar/iso-date.js';
import { exemptionProblem, type ExemptionKind, type ExemptionOtherReason, type ExemptionProblem } from '../../domain/exit/exemption.js';
import type { OrgType } from '../../domain/org-type.js';
import { RuleNotInForceError } from '../../domain/rules/params.js';
import { AppError } from '../../errors.js';
import { appendAudit, changedFields } from '../audit/audit.repository.js';
import * as dueRepo from '../due/due.repository.js';
import type { CaseDue, DueSource } from '../due/due.source.js';
import * as memberRepo from '../member/member.repository.js';
import { STATUS_LABELS } from '../member/member.schema.js';
import { changeStatusIn } from '../member/member.service.js';
import type { ServiceContext } from '../service-context.js';
import * as repo from './exit.repository.js';
import type { CreateExemptionInput, EndExemptionInput, Exemption, ExemptionList, ListExemptionQuery } from './exit.schema.js';

// Exemptions from work and meetings (R-EXIT-10 … R-EXIT-12). The member is `exempt` from the
// first day (through the member module's status path: interval, roll-ups, audit) and official
// again when the exemption ends; the end date decided is on the due list so the office records
// the return (and, R-EXIT-12, the host locality's comments).

const notFound = (id: number) => new AppError('EXEMPTION_NOT_FOUND', { id }, { field: 'id' });

const RULE_OF_KIND: Record<ExemptionKind, string> = { old_age_health: 'R-EXIT-10', other_reason: 'R-EXIT-11', temporary_absence: 'R-EXIT-12' };

const DECIDER_LABELS: Record<string, string> = {
  cell: 'chi bộ',
  grassroots_committee: 'cấp ủy cơ sở',
  superior_standing_committee: 'ban thường vụ cấp ủy cấp trên trực tiếp',
};

function problemError(p: ExemptionProblem): AppError {
  switch (p.problem) {
    case 'wrong_decider':
      return new AppError('EXEMPTION_INVALID', { field: 'decidedBy', reason: `loại miễn này do ${DECIDER_LABELS[p.expected]} quyết định (R-EXIT-10, R-EXIT-11)` }, { field: 'decidedBy', expected: p.expected });
    case 'end_before_start':
      return new AppError('EXEMPTION_INVALID', { field: 'to', reason: 'ngày kết thúc phải sau ngày bắt đầu' }, { field: 'to' });
    case 'temporary_needs_end':
      return new AppError('EXEMPTION_INVALID', { field: 'to', reason: 'miễn sinh hoạt tạm thời phải có ngày kết thúc, dưới 12 tháng (R-EXIT-12)' }, { field: 'to' });
    case 'temporary_too_long':
      return new AppError('EXEMPTION_INVALID', { field: 'to', reason: `miễn sinh hoạt tạm thời phải dưới 12 tháng: trở lại trước ngày ${p.limit} (R-EXIT-12)` }, { field: 'to', limit: p.limit });
    case 'other_reason_missing':
      return new AppError('EXEMPTION_INVALID', { field: 'otherReason', reason: 'cần ghi rõ lý do (R-EXIT-11)' }, { field: 'otherReason' });
    case 'medical_certificate_missing':
      return new AppError('EXEMPTION_INVALID', { field: 'documents', reason: 'cần đơn đề nghị kèm giấy xác nhận của cơ sở y tế (R-EXIT-10)' }, { field: 'documents' });
  }
}

const docsOf = (e: ExemptionRow): string[] => (Array.isArray(e.documents) ? (e.documents as string[]) : (JSON.parse(String(e.documents)) as string[]));

function toExemption(e: repo.ExemptionWithMember): Exemption {
  return {
    id: e.id,
    member: { id: e.member_id, fullName: e.full_name, status: e.member_status },
    orgId: e.org_id,
    kind: e.kind as ExemptionKind,
    otherReason: e.other_reason as ExemptionOtherReason | null,
    from: e.from_date,
    to: e.to_date,
    decidedBy: e.decided_by,
    decisionDate: e.decision_date,
    decisionNo: e.decision_no,
    documents: docsOf(e),
    notes: e.notes,
    endedOn: e.ended_on,
    endDecisionNo: e.end_decision_no,
    version: e.version,
  };
}

function fields(e: ExemptionRow | repo.ExemptionWithMember): Record<string, unknown> {
  const { created_at: _c, updated_at: _u, ...rest } = e as repo.ExemptionWithMember;
  const { full_name: _n, member_status: _s, ...own } = rest;
  return own;
}

/** What is due on an exemption in force: its decided end, when the member is to be back. */
export function exemptionDue(e: ExemptionRow & { full_name: string }): CaseDue {
  const deadlines = e.ended_on === null && e.to_date !== null ? [{ step: 'end', ruleId: RULE_OF_KIND[e.kind as ExemptionKind] ?? 'R-EXIT-10', due: e.to_date, dueWithExtension: null }] : [];
  return { caseId: e.id, orgId: e.org_id, subjectName: e.full_name, memberId: e.member_id, deadlines };
}

export const exemptionDueSource: DueSource = {
  kind: 'exemption',
  openCases: async (db, scope, afterId, limit) => (await repo.openExemptionsAfter(db, scope, afterId, limit)).map(exemptionDue),
};

export async function createExemption(ctx: ServiceContext, input: CreateExemptionInput): Promise<Exemption> {
  const today = ctx.clock.today();
  if (input.decisionDate > today) throw new AppError('DATE_IN_FUTURE', { field: 'decisionDate', value: input.decisionDate, today }, { field: 'decisionDate' });
  const id = await ctx.db.transaction().execute(async (tx) => {
    const m = await memberRepo.findMember(tx, ctx.scope, input.memberId, { forUpdate: true });
    if (!m) throw new AppError('MEMBER_NOT_FOUND', { id: input.memberId }, { field: 'memberId' });
    if (await repo.openExemptionExists(tx, m.id)) throw new AppError('EXEMPTION_OPEN', { name: m.full_name }, { field: 'memberId' });
    if (m.status !== 'official') throw new AppError('MEMBER_NOT_OFFICIAL', { name: m.full_name, status: STATUS_LABELS[m.status] ?? m.status }, { field: 'memberId' });
    const org = await memberRepo.findOrg(tx, ctx.scope, m.org_id, { forShare: true });
    if (!org) throw new AppError('MEMBER_NOT_FOUND', { id: input.memberId }, { field: 'memberId' });
    const request = { kind: input.kind, otherReason: input.otherReason ?? null, from: input.from, to: input.to ?? null, decidedBy: input.decidedBy, documents: input.documents };
    let problem: ExemptionProblem | null;
    try {
      problem = exemptionProblem(request, org.org_type as OrgType);
    } catch (e) {
      // R-EXIT-12's limit is HD06's: a temporary exemption starting before it has no rule to check.
      if (e instanceof RuleNotInForceError) throw new AppError('RULE_NOT_IN_FORCE', { date: input.from, field: 'from' }, { field: 'from', param: e.param });
      throw e;
    }
    if (problem) throw problemError(problem);
    if (input.from > today) throw new AppError('DATE_IN_FUTURE', { field: 'from', value: input.from, today }, { field: 'from' });
    if (input.from < m.status_since) throw new AppError('EFFECTIVE_DATE_TOO_EARLY', { date: input.from, name: m.full_name, last: m.status_since }, { field: 'from' });
    // The status path checks the date (not in the future, not before the last change) and writes the interval.
    await changeStatusIn(tx, ctx, m.id, { status: 'exempt', effectiveDate: input.from, decisionNo: input.decisionNo ?? null, version: m.version }, { reason: `exemption:${input.kind}` });
    const e = await repo.insertExemption(tx, ctx.scope, {
      member_id: m.id,
      org_id: org.id,
      kind: input.kind,
      other_reason: input.kind === 'other_reason' ? (input.otherReason ?? null) : null,
      from_date: input.from,
      to_date: input.to ?? null,
      decided_by: input.decidedBy,
      decision_date: input.decisionDate,
      decision_no: input.decisionNo ?? null,
      documents: JSON.stringify(input.documents),
      notes: input.notes ?? null,
    });
    if (!e) throw new AppError('MEMBER_NOT_FOUND', { id: input.memberId }, { field: 'memberId' });
    await appendAudit(tx, ctx.actor, { action: 'exemption.create', entityType: 'exemption', entityId: e.id, orgPath: e.org_path, before: null, after: fields(e) });
    await dueRepo.replaceCaseItems(tx, 'exemption', exemptionDue({ ...e, full_name: m.full_name }), today);
    return e.id;
  });
  return getExemption(ctx, id);
}

export async function getExemption(ctx: ServiceContext, id: number): Promise<Exemption> {
  const e = await repo.findExemption(ctx.db, ctx.scope, id);
  if (!e) throw notFound(id);
  return toExemption(e);
}

export async function listExemptions(ctx: ServiceContext, q: ListExemptionQuery): Promise<ExemptionList> {
  let orgPath: string | null = null;
  if (q.org !== undefined) {
    const org = await repo.findOrgPath(ctx.db, ctx.scope, q.org);
    if (!org) throw new AppError('ORG_NOT_FOUND', { id: q.org }, { field: 'org' });
    orgPath = org.path;
  }
  const { items, total } = await repo.listExemptions(ctx.db, ctx.scope, {
    current: q.current === undefined ? null : q.current === 'true',
    orgPath,
    memberId: q.member ?? null,
    limit: q.pageSize,
    offset: (q.page - 1) * q.pageSize,
  });
  return { items: items.map(toExemption), total };
}

/** Closes the exemption row and its due items; `official` also brings the member back (else the caller's exit changes the status). */
async function closeExemption(tx: Transaction<DB>, ctx: ServiceContext, e: repo.ExemptionWithMember, date: string, decisionNo: string | null): Promise<void> {
  const now = ctx.clock.now();
  const n = await repo.endExemptionAtVersion(tx, ctx.scope, e.id, e.version, { ended_on: date, end_decision_no: decisionNo, updated_at: now });
  if (n === 0) throw new AppError('STALE_VERSION', { current: e.version + 1, given: e.version }, { field: 'version' });
  const after = { ...e, ended_on: date, end_decision_no: decisionNo, version: e.version + 1 };
  const diff = changedFields(fields(e), fields(after));
  await appendAudit(tx, ctx.actor, { action: 'exemption.end', entityType: 'exemption', entityId: e.id, orgPath: e.org_path, before: diff.before, after: diff.after });
  await dueRepo.replaceCaseItems(tx, 'exemption', exemptionDue(after), ctx.clock.today());
}

/** The member is back at work and meetings from `date`: official again. */
export async function endExemption(ctx: ServiceContext, id: number, input: EndExemptionInput): Promise<Exemption> {
  const today = ctx.clock.today();
  if (input.date > today) throw new AppError('DATE_IN_FUTURE', { field: 'date', value: input.date, today }, { field: 'date' });
  await ctx.db.transaction().execute(async (tx) => {
    const e = await repo.findExemption(tx, ctx.scope, id, { forUpdate: true });
    if (!e) throw notFound(id);
    if (e.version !== input.version) throw new AppError('STALE_VERSION', { current: e.version, given: input.version }, { field: 'version', current: e.version });
    if (e.ended_on !== null) throw new AppError('EXEMPTION_ENDED', { endedOn: e.ended_on }, { field: 'id' });
    const m = await memberRepo.findMember(tx, ctx.scope, e.member_id, { forUpdate: true });
    if (!m) throw notFound(id);
    if (input.date <= m.status_since) throw new AppError('EFFECTIVE_DATE_TOO_EARLY', { date: input.date, name: m.full_name, last: addCalendarDays(m.status_since, 1) }, { field: 'date' });
    await changeStatusIn(tx, ctx, m.id, { status: 'official', effectiveDate: input.date, decisionNo: input.decisionNo ?? null, version: m.version }, { reason: 'exemption_ended' });
    await closeExemption(tx, ctx, e, input.date, input.decisionNo ?? null);
  });
  return getExemption(ctx, id);
}

/** An exit of an exempt member (removal, leaving, death) ends the exemption with it; the exit changes the status. */
export async function endOpenExemptionIn(tx: Transaction<DB>, ctx: ServiceContext, memberId: number, date: string, decisionNo: string | null): Promise<void> {
  const open = (await repo.listExemptions(tx, ctx.scope, { current: true, orgPath: null, memberId, limit: 1, offset: 0 })).items[0];
  if (open) await closeExemption(tx, ctx, open, date, decisionNo);
}
