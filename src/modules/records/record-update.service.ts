import { isActive, type MemberStatus } from '../../domain/member-status.js';
import { isSensitiveMemberField } from '../../domain/member-sensitive.js';
import { changedSinceFiled, forwardedStage, isOpenStage, phieuChanges, updateLevels, type RecordUpdateField, type UpdateStage } from '../../domain/records/record-update.js';
import { AppError } from '../../errors.js';
import { appendAudit } from '../audit/audit.repository.js';
import { makeScope, pathInScope } from '../auth/scope.js';
import { notInFuture } from '../case/case-step.js';
import * as memberRepo from '../member/member.repository.js';
import { memberFields } from '../member/member.presenter.js';
import { STATUS_LABELS, type PatchMemberInput } from '../member/member.schema.js';
import { updateMemberIn } from '../member/member.service.js';
import type { ServiceContext } from '../service-context.js';
import { listScope, memberNotFound } from './record-no.service.js';
import { refreshRecordUpdateDueIn } from './record-update.due.js';
import { directSuperiorOf } from './records.orgs.js';
import * as orgRepo from './records.repository.js';
import * as repo from './record-update.repository.js';
import type { FilingList, FilingQuery, OwnUpdateInput, RecordUpdateItem, ReturnUpdateInput, SubmitUpdateInput, UpdatesQuery, UpdateStepInput } from './records.schema.js';

// The yearly record update (phiếu bổ sung, R-REC-07): filed for a member with only the changed
// fields, forwarded level by level (chi bộ → đảng ủy cơ sở → direct superior), approved by the
// superior — which applies the changes through the member service's one edit path (version,
// roll-ups, audit) in the approval's transaction — or returned with a reason at any level.

const STAGE_LABELS: Record<UpdateStage, string> = { cell: 'chi bộ', grassroots: 'đảng ủy cơ sở', superior: 'cấp trên trực tiếp', approved: 'đã duyệt', returned: 'đã trả lại' };
const notFound = (id: number) => new AppError('RECORD_UPDATE_NOT_FOUND', { id }, { field: 'id' });
type Db = Parameters<typeof orgRepo.orgChain>[0];

/** The levels of the member's phiếu and the org that acts at each. */
async function levelsOf(db: Db, orgPath: string): Promise<{ levels: readonly UpdateStage[]; orgOf: Partial<Record<UpdateStage, { name: string; path: string }>> }> {
  const chain = await orgRepo.orgChain(db, orgPath);
  const own = chain[chain.length - 1]!;
  let grassroots: (typeof chain)[number] | undefined;
  for (let i = chain.length - 1; i >= 0 && !grassroots; i--) if (chain[i]!.org_type === 'grassroots_committee' || chain[i]!.org_type === 'grassroots_cell') grassroots = chain[i];
  const levels = updateLevels(grassroots?.org_type === 'grassroots_committee' ? 'grassroots_committee' : 'grassroots_cell');
  const superior = directSuperiorOf(chain);
  return { levels, orgOf: { cell: own, ...(grassroots ? { grassroots } : {}), ...(superior ? { superior } : {}) } };
}

function toItem(ctx: ServiceContext, u: repo.UpdateWithMember, levels: readonly UpdateStage[], opts: { own?: boolean } = {}): RecordUpdateItem {
  // A member's own phiếu shows them their own values, as their own record does.
  const sees = opts.own === true || pathInScope(ctx.access.scopeFor('member_sensitive', 'read'), u.org_path);
  const all = Object.entries(u.changes as Record<string, { before: unknown; after: unknown }>);
  const redacted = sees ? [] : all.filter(([f]) => isSensitiveMemberField(f)).map(([f]) => f);
  return {
    id: Number(u.id),
    member: { id: Number(u.member_id), fullName: u.full_name, status: u.member_status },
    orgId: Number(u.org_id),
    orgName: u.org_name,
    year: u.year,
    occasion: u.occasion as RecordUpdateItem['occasion'],
    changes: all.map(([field, c]) => (redacted.includes(field) ? { field, before: null, after: null } : { field, before: c.before, after: c.after })),
    redactedFields: redacted,
    stage: u.stage as UpdateStage,
    levels: [...levels],
    submittedOn: u.submitted_on,
    decidedOn: u.decided_on,
    returnReason: u.return_reason,
    version: u.version,
  };
}

export async function getUpdate(ctx: ServiceContext, id: number): Promise<RecordUpdateItem> {
  const u = await repo.findUpdate(ctx.db, ctx.scope, id);
  if (!u) throw notFound(id);
  return toItem(ctx, u, (await levelsOf(ctx.db, u.org_path)).levels);
}

export async function listUpdates(ctx: ServiceContext, q: UpdatesQuery): Promise<{ items: RecordUpdateItem[]; total: number }> {
  const { scope, orgPath } = await listScope(ctx, q.org);
  const r = await repo.listUpdates(ctx.db, scope, { orgPath, year: q.year ?? null, stage: q.stage ?? null }, { limit: q.limit, offset: q.offset });
  const levels = new Map<string, readonly UpdateStage[]>();
  for (const u of r.items) if (!levels.has(u.org_path)) levels.set(u.org_path, (await levelsOf(ctx.db, u.org_path)).levels);
  return { items: r.items.map((u) => toItem(ctx, u, levels.get(u.org_path)!)), total: r.total };
}

/** R-REC-07: who of an org has filed this year's phiếu, and who has not. */
export async function filing(ctx: ServiceContext, q: FilingQuery): Promise<FilingList> {
  const year = q.year ?? Number(ctx.clock.today().slice(0, 4));
  const { scope, orgPath } = await listScope(ctx, q.org);
  const r = await repo.filing(ctx.db, scope, orgPath!, year, q.filed ?? null, { limit: q.limit, offset: q.offset });
  return {
    year,
    filed: r.filed,
    notFiled: r.all - r.filed,
    total: r.total,
    items: r.items.map((i) => ({ memberId: Number(i.id), fullName: i.full_name, orgName: i.org_name, updateId: i.update_id === null ? null : Number(i.update_id), stage: (i.stage ?? null) as UpdateStage | null })),
  };
}

/** R-REC-07: the phiếu of a member, with only the changed fields (a field sent unchanged is refused: it is "K"). */
export async function submitUpdate(ctx: ServiceContext, input: SubmitUpdateInput): Promise<RecordUpdateItem> {
  return getUpdate(ctx, await fileUpdate(ctx, input, {}));
}

/** The account's own member record, or the refusal a member without one gets. */
async function ownMember(ctx: ServiceContext) {
  if (ctx.actor.userId === null) throw new AppError('UNAUTHENTICATED');
  const m = await memberRepo.findOwnMember(ctx.db, ctx.actor.userId);
  if (!m) throw new AppError('NO_OWN_RECORD');
  return { m, userId: ctx.actor.userId };
}

/**
 * R-REC-07 self-service: a member files their own phiếu, the same form and the same flow (it
 * starts at their chi bộ). Only their own: the member is the one linked to the account, never
 * a member named in the body, and the insert checks that link again in SQL; the scope is the one
 * org holding the record.
 */
export async function submitOwnUpdate(ctx: ServiceContext, input: OwnUpdateInput): Promise<RecordUpdateItem> {
  const { m, userId } = await ownMember(ctx);
  const own: ServiceContext = { ...ctx, scope: makeScope([m.org_path]) };
  const id = await fileUpdate(own, { ...input, memberId: m.id }, { ownerUserId: userId });
  const u = (await repo.ownUpdates(ctx.db, userId)).find((x) => Number(x.id) === id);
  if (!u) throw notFound(id);
  return toItem(ctx, u, (await levelsOf(ctx.db, u.org_path)).levels, { own: true });
}

/** R-REC-07: the phiếu the member linked to the account has filed, newest first, with their stage. */
export async function listOwnUpdates(ctx: ServiceContext): Promise<{ items: RecordUpdateItem[]; total: number }> {
  if (ctx.actor.userId === null) throw new AppError('UNAUTHENTICATED');
  const rows = await repo.ownUpdates(ctx.db, ctx.actor.userId);
  const levels = rows.length === 0 ? [] : (await levelsOf(ctx.db, rows[0]!.org_path)).levels;
  return { items: rows.map((u) => toItem(ctx, u, levels, { own: true })), total: rows.length };
}

async function fileUpdate(ctx: ServiceContext, input: SubmitUpdateInput, opts: { ownerUserId?: number }): Promise<number> {
  notInFuture(ctx, 'submittedOn', input.submittedOn);
  return ctx.db.transaction().execute(async (tx) => {
    const m = await memberRepo.findMember(tx, ctx.scope, input.memberId, { forUpdate: true });
    if (!m) throw memberNotFound(input.memberId);
    if (!isActive(m.status as MemberStatus)) throw new AppError('RECORD_UPDATE_NOT_ON_ROLLS', { name: m.full_name, status: STATUS_LABELS[m.status] ?? m.status }, { field: 'memberId' });
    if (input.occasion === 'yearly') {
      const filed = await repo.yearlyUpdateOf(tx, m.id, input.year);
      if (filed) throw new AppError('RECORD_UPDATE_FILED', { name: m.full_name, year: input.year, stage: STAGE_LABELS[filed.stage as UpdateStage] }, { field: 'year' });
    }
    const result = phieuChanges(memberFields(m), input.changes as Partial<Record<RecordUpdateField, unknown>>);
    if (!result.ok) throw new AppError('RECORD_UPDATE_UNCHANGED', { field: result.unchanged }, { field: `changes.${result.unchanged}` });
    const now = ctx.clock.now();
    const row = await repo.insertUpdate(tx, ctx.scope, {
      member_id: m.id,
      year: input.year,
      occasion: input.occasion,
      changes: JSON.stringify(result.changes),
      stage: 'cell',
      submitted_on: input.submittedOn,
      created_by: ctx.actor.userId,
      created_at: now,
      updated_by: ctx.actor.userId,
      updated_at: now,
    }, opts);
    if (!row) throw memberNotFound(m.id);
    const updateId = Number(row.id);
    await appendAudit(tx, ctx.actor, { action: 'record_update.submit', entityType: 'record_update', entityId: updateId, orgPath: m.org_path, before: null, after: { memberId: m.id, year: input.year, occasion: input.occasion, fields: Object.keys(result.changes) } });
    // The phiếu of a transfer meets the item its receipt put on the due list.
    if (input.occasion === 'transfer') await refreshRecordUpdateDueIn(tx, ctx, m.id);
    return updateId;
  });
}

/** Reads the phiếu for a step at `version`: open, and its current level's org in the caller's scope. */
async function forStep(tx: Db, ctx: ServiceContext, id: number, version: number, action: string) {
  const u = await repo.findUpdate(tx, ctx.scope, id, { forUpdate: true });
  if (!u) throw notFound(id);
  if (u.version !== version) throw new AppError('STALE_VERSION', { current: u.version, given: version }, { field: 'version' });
  const stage = u.stage as UpdateStage;
  if (!isOpenStage(stage)) throw new AppError('RECORD_UPDATE_STAGE', { stage: STAGE_LABELS[stage], action }, { field: 'id' });
  const { levels, orgOf } = await levelsOf(tx, u.org_path);
  const org = orgOf[stage];
  if (!org || !pathInScope(ctx.scope, org.path)) throw new AppError('RECORD_UPDATE_NOT_YOUR_LEVEL', { name: u.full_name, org: org?.name ?? '—' }, { field: 'id' });
  return { u, stage, levels };
}

async function move(tx: Db, ctx: ServiceContext, u: repo.UpdateWithMember, set: Parameters<typeof repo.updateAtVersion>[4], action: string): Promise<void> {
  const n = await repo.updateAtVersion(tx, ctx.scope, Number(u.id), u.version, { ...set, updated_by: ctx.actor.userId, updated_at: ctx.clock.now() });
  if (n === 0) throw notFound(Number(u.id));
  await appendAudit(tx, ctx.actor, { action: `record_update.${action}`, entityType: 'record_update', entityId: Number(u.id), orgPath: u.org_path, before: { stage: u.stage }, after: { stage: set.stage, ...(set.return_reason ? { returnReason: set.return_reason } : {}) } });
}

/** R-REC-07: the level passes the phiếu up (chi bộ → đảng ủy cơ sở → cấp trên trực tiếp). */
export async function forwardUpdate(ctx: ServiceContext, id: number, input: UpdateStepInput): Promise<RecordUpdateItem> {
  notInFuture(ctx, 'date', input.date);
  await ctx.db.transaction().execute(async (tx) => {
    const { u, stage, levels } = await forStep(tx, ctx, id, input.version, 'chuyển lên cấp trên');
    const next = forwardedStage(stage, levels);
    if (!next) throw new AppError('RECORD_UPDATE_STAGE', { stage: STAGE_LABELS[stage], action: 'chuyển lên cấp trên (cấp trên trực tiếp duyệt phiếu)' }, { field: 'id' });
    await move(tx, ctx, u, { stage: next }, 'forward');
  });
  return getUpdate(ctx, id);
}

/**
 * R-REC-07: the direct superior approves and the record takes the changes, through the member
 * service in this transaction. A field the record changed since the phiếu was filed is refused.
 */
export async function approveUpdate(ctx: ServiceContext, id: number, input: UpdateStepInput): Promise<RecordUpdateItem> {
  notInFuture(ctx, 'date', input.date);
  await ctx.db.transaction().execute(async (tx) => {
    const { u, stage } = await forStep(tx, ctx, id, input.version, 'duyệt');
    if (stage !== 'superior') throw new AppError('RECORD_UPDATE_STAGE', { stage: STAGE_LABELS[stage], action: 'duyệt (phiếu phải được chuyển đến cấp trên trực tiếp)' }, { field: 'id' });
    const m = await memberRepo.findMember(tx, ctx.scope, Number(u.member_id), { forUpdate: true });
    if (!m) throw notFound(id);
    const changes = u.changes as Record<string, { before: unknown; after: unknown }>;
    const [stale] = changedSinceFiled(memberFields(m), changes);
    if (stale) throw new AppError('RECORD_UPDATE_STALE', { name: m.full_name, field: stale }, { field: `changes.${stale}` });
    const patch = Object.fromEntries(Object.entries(changes).map(([f, c]) => [f, c.after])) as Partial<PatchMemberInput>;
    if (Object.keys(patch).length > 0) await updateMemberIn(tx, ctx, m.id, { ...patch, version: m.version });
    await move(tx, ctx, u, { stage: 'approved', decided_on: input.date }, 'approve');
  });
  return getUpdate(ctx, id);
}

/** R-REC-07: any level returns the phiếu with its reason; the member may file again. */
export async function returnUpdate(ctx: ServiceContext, id: number, input: ReturnUpdateInput): Promise<RecordUpdateItem> {
  notInFuture(ctx, 'date', input.date);
  await ctx.db.transaction().execute(async (tx) => {
    const { u } = await forStep(tx, ctx, id, input.version, 'trả lại');
    await move(tx, ctx, u, { stage: 'returned', decided_on: input.date, return_reason: input.reason }, 'return');
    // A returned phiếu of a transfer no longer meets the item: it is due again.
    if (u.occasion === 'transfer') await refreshRecordUpdateDueIn(tx, ctx, Number(u.member_id));
  });
  return getUpdate(ctx, id);
}
