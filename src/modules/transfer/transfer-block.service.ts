import type { MemberTransferBlockRow } from '../../db/types.js';
import { AppError } from '../../errors.js';
import { appendAudit } from '../audit/audit.repository.js';
import * as memberRepo from '../member/member.repository.js';
import type { ServiceContext } from '../service-context.js';
import * as repo from './transfer.repository.js';
import type { BlockState, ClearBlockInput, SetBlockInput, TransferBlockOut } from './transfer.schema.js';

// The flag that a member is under inspection or has a pending complaint (R-TRF-04), set and
// cleared by staff until the inspection module exists. Each change is audited with who, when and
// why; a cleared flag stays as history.

const MATTER_LABELS: Record<string, string> = { inspection: 'bị kiểm tra', complaint: 'có khiếu nại, tố cáo chưa giải quyết xong' };

function present(b: MemberTransferBlockRow): TransferBlockOut {
  return { id: b.id, memberId: b.member_id, kind: b.kind, since: b.since, reason: b.reason, setBy: b.set_by, setAt: new Date(b.set_at).toISOString() };
}

async function memberInScope(ctx: ServiceContext, id: number) {
  const m = await memberRepo.findMember(ctx.db, ctx.scope, id);
  if (!m) throw new AppError('MEMBER_NOT_FOUND', { id }, { field: 'id' });
  return m;
}

export async function getBlock(ctx: ServiceContext, memberId: number): Promise<BlockState> {
  await memberInScope(ctx, memberId);
  const b = await repo.openBlock(ctx.db, ctx.scope, memberId);
  return { block: b ? present(b) : null };
}

export async function setBlock(ctx: ServiceContext, memberId: number, input: SetBlockInput): Promise<BlockState> {
  const today = ctx.clock.today();
  if (input.since > today) throw new AppError('DATE_IN_FUTURE', { field: 'since', value: input.since, today }, { field: 'since' });
  return ctx.db.transaction().execute(async (tx) => {
    const m = await memberRepo.findMember(tx, ctx.scope, memberId, { forUpdate: true });
    if (!m) throw new AppError('MEMBER_NOT_FOUND', { id: memberId }, { field: 'id' });
    const open = await repo.openBlock(tx, ctx.scope, memberId);
    if (open) throw new AppError('TRANSFER_BLOCK_OPEN', { name: m.full_name, matter: MATTER_LABELS[open.kind] ?? open.kind, since: open.since }, { field: 'kind' });
    const b = await repo.insertBlock(tx, ctx.scope, { member_id: memberId, kind: input.kind, since: input.since, reason: input.reason, set_by: ctx.actor.userId, set_at: ctx.clock.now() });
    if (!b) throw new AppError('MEMBER_NOT_FOUND', { id: memberId }, { field: 'id' });
    await appendAudit(tx, ctx.actor, {
      action: 'member.transfer_block.set',
      entityType: 'member',
      entityId: memberId,
      orgPath: m.org_path,
      before: null,
      after: { kind: b.kind, since: b.since, reason: b.reason },
    });
    return { block: present(b) };
  });
}

export async function clearBlock(ctx: ServiceContext, memberId: number, input: ClearBlockInput): Promise<BlockState> {
  const today = ctx.clock.today();
  if (input.clearedOn > today) throw new AppError('DATE_IN_FUTURE', { field: 'clearedOn', value: input.clearedOn, today }, { field: 'clearedOn' });
  return ctx.db.transaction().execute(async (tx) => {
    const m = await memberRepo.findMember(tx, ctx.scope, memberId, { forUpdate: true });
    if (!m) throw new AppError('MEMBER_NOT_FOUND', { id: memberId }, { field: 'id' });
    const open = await repo.openBlock(tx, ctx.scope, memberId);
    if (!open) throw new AppError('TRANSFER_BLOCK_NOT_FOUND', { id: memberId }, { field: 'id' });
    if (input.clearedOn < open.since) throw new AppError('STEP_DATE_BEFORE_PREVIOUS', { value: input.clearedOn, previous: open.since }, { field: 'clearedOn' });
    const n = await repo.clearBlock(tx, ctx.scope, open.id, { cleared_on: input.clearedOn, cleared_by: ctx.actor.userId, cleared_at: ctx.clock.now(), clear_reason: input.reason ?? null });
    if (n === 0) throw new AppError('TRANSFER_BLOCK_NOT_FOUND', { id: memberId }, { field: 'id' });
    await appendAudit(tx, ctx.actor, {
      action: 'member.transfer_block.clear',
      entityType: 'member',
      entityId: memberId,
      orgPath: m.org_path,
      before: { kind: open.kind, since: open.since, reason: open.reason },
      after: { clearedOn: input.clearedOn, reason: input.reason ?? null },
    });
    return { block: null };
  });
}
