import { blockIssue, formatRecordNo, isValidProvinceCode, recordNoRefusal, remainingInBlock } from '../../domain/records/record-no.js';
import { isActive, type MemberStatus } from '../../domain/member-status.js';
import { AppError } from '../../errors.js';
import { appendAudit } from '../audit/audit.repository.js';
import { narrowScope, pathInScope, type Scope } from '../auth/scope.js';
import { notInFuture } from '../case/case-step.js';
import { STATUS_LABELS } from '../member/member.schema.js';
import type { ServiceContext } from '../service-context.js';
import { directSuperiorOf, provinceOf } from './records.orgs.js';
import * as repo from './records.repository.js';
import type { AssignRecordNoInput, CreateBlockInput, RecordNoBlockItem } from './records.schema.js';

// Record numbers (số lý lịch, R-REC-09): the blocks a province gives its direct superiors, and the
// assignment of the next number of the holder's block to a member who filed a phiếu đảng viên,
// one transaction each, one audit row each.

export const memberNotFound = (id: number, field = 'memberId') => new AppError('MEMBER_NOT_FOUND', { id }, { field });

/** The scope of a list: the caller's, narrowed to the chosen org when one is given (404 outside). */
export async function listScope(ctx: ServiceContext, orgId: number | undefined): Promise<{ scope: Scope; orgPath: string | null }> {
  if (orgId === undefined) return { scope: ctx.scope, orgPath: null };
  const org = await repo.findOrg(ctx.db, ctx.scope, orgId);
  if (!org) throw new AppError('ORG_NOT_FOUND', { id: orgId }, { field: 'org' });
  return { scope: narrowScope(ctx.scope, org.path), orgPath: org.path };
}

function toBlock(b: repo.BlockWithOrgs): RecordNoBlockItem {
  const block = { firstNo: b.first_no, lastNo: b.last_no, nextNo: b.next_no };
  return {
    id: Number(b.id),
    province: { id: Number(b.province_org_id), name: b.province_name },
    holder: { id: Number(b.holder_org_id), name: b.holder_name },
    code: b.code,
    firstNo: b.first_no,
    lastNo: b.last_no,
    nextNo: b.next_no,
    remaining: remainingInBlock(block),
    range: `${formatRecordNo(b.first_no, b.code)} – ${formatRecordNo(b.last_no, b.code)}`,
    decisionNo: b.decision_no,
    grantedOn: b.granted_on,
  };
}

export async function listBlocks(ctx: ServiceContext, orgId: number | undefined): Promise<{ items: RecordNoBlockItem[] }> {
  const { scope, orgPath } = await listScope(ctx, orgId);
  return { items: (await repo.listBlocks(ctx.db, scope, orgPath)).map(toBlock) };
}

/**
 * R-REC-09: a province gives a direct superior a block of numbers. The block may not share a
 * number with any block of the same code, whichever province gave it (the 2025 merges).
 */
export async function createBlock(ctx: ServiceContext, input: CreateBlockInput): Promise<RecordNoBlockItem> {
  notInFuture(ctx, 'grantedOn', input.grantedOn);
  const issue = blockIssue(input);
  if (issue) throw new AppError('RECORD_NO_BLOCK_INVALID', { firstNo: input.firstNo, lastNo: input.lastNo, field: issue === 'order' ? 'lastNo' : 'firstNo' }, { field: issue === 'order' ? 'lastNo' : 'firstNo' });
  const id = await ctx.db.transaction().execute(async (tx) => {
    const holder = await repo.findOrg(tx, ctx.scope, input.holderOrgId);
    if (!holder) throw new AppError('ORG_NOT_FOUND', { id: input.holderOrgId }, { field: 'holderOrgId' });
    if (holder.org_type !== 'superior') throw new AppError('RECORD_NO_HOLDER_INVALID', { org: holder.name }, { field: 'holderOrgId' });
    const province = provinceOf(await repo.orgChain(tx, holder.path));
    if (!province) throw new AppError('RECORD_NO_HOLDER_INVALID', { org: holder.name }, { field: 'holderOrgId' });
    if (!pathInScope(ctx.scope, province.path)) throw new AppError('RECORD_NO_BLOCK_BY_PROVINCE', { province: province.name }, { field: 'holderOrgId' });
    const code = (input.code ?? province.code).toUpperCase();
    if (!isValidProvinceCode(code)) throw new AppError('RECORD_NO_CODE_INVALID', { code }, { field: 'code' });
    await repo.lockCode(tx, code);
    const other = await repo.overlappingBlock(tx, code, input.firstNo, input.lastNo);
    if (other) {
      throw new AppError(
        'RECORD_NO_BLOCK_OVERLAP',
        { range: `${formatRecordNo(input.firstNo, code)} – ${formatRecordNo(input.lastNo, code)}`, other: `${formatRecordNo(other.first_no, code)} – ${formatRecordNo(other.last_no, code)}` },
        { field: 'firstNo' },
      );
    }
    const row = await repo.insertBlock(tx, ctx.scope, {
      province_org_id: province.id,
      holder_org_id: holder.id,
      code,
      first_no: input.firstNo,
      last_no: input.lastNo,
      decision_no: input.decisionNo ?? null,
      granted_on: input.grantedOn,
      created_by: ctx.actor.userId,
      created_at: ctx.clock.now(),
    });
    if (!row) throw new AppError('RECORD_NO_BLOCK_BY_PROVINCE', { province: province.name }, { field: 'holderOrgId' });
    const blockId = Number(row.id);
    await appendAudit(tx, ctx.actor, {
      action: 'record_no_block.create',
      entityType: 'record_no_block',
      entityId: blockId,
      orgPath: holder.path,
      before: null,
      after: { holderOrgId: holder.id, provinceOrgId: province.id, code, firstNo: input.firstNo, lastNo: input.lastNo, decisionNo: input.decisionNo ?? null, grantedOn: input.grantedOn },
    });
    return blockId;
  });
  const b = await repo.findBlock(ctx.db, ctx.scope, id);
  if (!b) throw new AppError('RECORD_NO_BLOCK_NOT_FOUND', { id }, { field: 'id' });
  return toBlock(b);
}

/**
 * R-REC-09: the member's number, the next of their direct superior's oldest block with numbers
 * left, only when the phiếu đảng viên was filed, never a second one. The direct superior assigns
 * it, so it must be in the caller's scope.
 */
export async function assignRecordNo(ctx: ServiceContext, memberId: number, input: AssignRecordNoInput): Promise<void> {
  notInFuture(ctx, 'formFiledOn', input.formFiledOn);
  await ctx.db.transaction().execute(async (tx) => {
    const m = await repo.findMember(tx, ctx.scope, memberId, { forUpdate: true });
    if (!m) throw memberNotFound(memberId);
    const existing = await repo.findRecordNo(tx, ctx.scope, memberId);
    const refusal = recordNoRefusal({ formFiledOn: input.formFiledOn, recordNo: existing?.record_no ?? null });
    if (refusal === 'has_number') throw new AppError('RECORD_NO_ALREADY', { name: m.full_name, recordNo: existing!.record_no }, { field: 'memberId' });
    if (!isActive(m.status as MemberStatus)) throw new AppError('RECORD_NO_NOT_ON_ROLLS', { name: m.full_name, status: STATUS_LABELS[m.status] ?? m.status }, { field: 'memberId' });
    const superior = directSuperiorOf(await repo.orgChain(tx, m.org_path));
    if (!superior || !pathInScope(ctx.scope, superior.path)) throw new AppError('RECORD_NO_BY_SUPERIOR', { name: m.full_name, org: superior?.name ?? '—' }, { field: 'memberId' });
    const taken = await repo.takeRecordNo(tx, ctx.scope, superior.id);
    if (!taken) throw new AppError('RECORD_NO_NO_BLOCK', { org: superior.name }, { field: 'memberId' });
    const recordNo = formatRecordNo(taken.no, taken.code);
    const n = await repo.insertRecordNo(tx, ctx.scope, {
      member_id: memberId,
      record_no: recordNo,
      block_id: taken.block_id,
      form_filed_on: input.formFiledOn,
      assigned_on: ctx.clock.today(),
      created_by: ctx.actor.userId,
      created_at: ctx.clock.now(),
    });
    if (n === 0) throw memberNotFound(memberId);
    await appendAudit(tx, ctx.actor, {
      action: 'member.record_no',
      entityType: 'member',
      entityId: memberId,
      orgPath: m.org_path,
      before: null,
      after: { recordNo, blockId: taken.block_id, formFiledOn: input.formFiledOn },
    });
  });
}
