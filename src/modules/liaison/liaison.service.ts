import type { LiaisonCommentRow } from '../../db/types.js';
import { holdsMembers, type OrgType } from '../../domain/org-type.js';
import { commentDue, commentYearProblem, referralProblem } from '../../domain/transfer/residence-liaison.js';
import { RuleNotInForceError } from '../../domain/rules/params.js';
import { AppError } from '../../errors.js';
import { appendAudit } from '../audit/audit.repository.js';
import { narrowScope, pathInScope, type Scope } from '../auth/scope.js';
import { notInFuture } from '../case/case-step.js';
import * as memberRepo from '../member/member.repository.js';
import { STATUS_LABELS } from '../member/member.schema.js';
import type { ServiceContext } from '../service-context.js';
import * as repo from './liaison.repository.js';
import type { CommentInput, DueQuery, EndInput, ReferInput, ResidenceLiaison } from './liaison.schema.js';

// Residence liaison (R-TRF-16): the workplace cấp ủy refers an employed member to the chi bộ where
// they live; the residence cấp ủy comments every year; the due list shows the referrals still
// owing this year's comment. Each write one transaction with its audit row.

const notFound = (id: number) => new AppError('RESIDENCE_LIAISON_NOT_FOUND', { id }, { field: 'id' });

const KIND_LABELS: Record<string, string> = { village: 'chi bộ thôn, tổ dân phố', commune: 'đảng bộ xã, phường' };

function present(ctx: ServiceContext, l: repo.LiaisonWithMember, comments: readonly LiaisonCommentRow[], year: number): ResidenceLiaison {
  const own = comments.filter((c) => Number(c.liaison_id) === Number(l.id));
  return {
    id: Number(l.id),
    member: { id: Number(l.member_id), fullName: l.full_name, birthDate: l.birth_date, status: l.member_status },
    org: { id: Number(l.org_id), name: l.org_name },
    residence: { orgId: l.residence_org_id === null ? null : Number(l.residence_org_id), name: l.residence_name },
    referredOn: l.referred_on,
    letterNo: l.letter_no,
    endedOn: l.ended_on,
    endReason: l.end_reason,
    comments: own.map((c) => ({ id: Number(c.id), year: c.year, rating: c.rating, comment: c.comment, commentedOn: c.commented_on })),
    commentDue: commentDue({ referredOn: l.referred_on, endedOn: l.ended_on }, own.map((c) => c.year), year),
    callerSides: { workplace: pathInScope(ctx.scope, l.org_path), residence: l.residence_path !== null && pathInScope(ctx.scope, l.residence_path) },
    version: l.version,
  };
}

async function presentAll(ctx: ServiceContext, rows: readonly repo.LiaisonWithMember[], year: number): Promise<ResidenceLiaison[]> {
  const comments = await repo.commentsOf(ctx.db, rows.map((r) => Number(r.id)));
  return rows.map((r) => present(ctx, r, comments, year));
}

/** A referral dated before the first version of the rule is refused naming its field. */
function ruleOn<T>(field: string, date: string, f: () => T): T {
  try {
    return f();
  } catch (e) {
    if (e instanceof RuleNotInForceError) throw new AppError('RULE_NOT_IN_FORCE', { date, field }, { field, param: e.param });
    throw e;
  }
}

const thisYear = (ctx: ServiceContext) => Number(ctx.clock.today().slice(0, 4));

export async function getLiaison(ctx: ServiceContext, id: number): Promise<ResidenceLiaison> {
  const l = await repo.findLiaison(ctx.db, ctx.scope, id);
  if (!l) throw notFound(id);
  return (await presentAll(ctx, [l], thisYear(ctx)))[0]!;
}

export async function memberLiaisons(ctx: ServiceContext, memberId: number): Promise<{ items: ResidenceLiaison[] }> {
  const m = await memberRepo.findMember(ctx.db, ctx.scope, memberId);
  if (!m) throw new AppError('MEMBER_NOT_FOUND', { id: memberId }, { field: 'id' });
  return { items: await presentAll(ctx, await repo.liaisonsOfMember(ctx.db, ctx.scope, memberId), thisYear(ctx)) };
}

/** R-TRF-16: the workplace cấp ủy refers the member to the chi bộ where they live. */
export async function refer(ctx: ServiceContext, input: ReferInput): Promise<ResidenceLiaison> {
  notInFuture(ctx, 'referredOn', input.referredOn);
  const id = await ctx.db.transaction().execute(async (tx) => {
    // The member row lock serialises two referrals of one member; the partial unique index holds as well.
    const m = await memberRepo.findMember(tx, ctx.scope, input.memberId, { forUpdate: true });
    if (!m) throw new AppError('MEMBER_NOT_FOUND', { id: input.memberId }, { field: 'memberId' });
    const open = await repo.openLiaisonOf(tx, m.id);
    const kindsUpward = await repo.kindsUpward(tx, m.org_path);
    const p = ruleOn('referredOn', input.referredOn, () => referralProblem({ status: m.status, kindsUpward, openReferredOn: open?.referred_on ?? null }, input.referredOn));
    if (p?.problem === 'open_referral') throw new AppError('RESIDENCE_LIAISON_OPEN', { name: m.full_name, referredOn: p.referredOn }, { field: 'memberId' });
    if (p) {
      const why = p.problem === 'status_not_referred' ? `đảng viên đang ở trạng thái "${STATUS_LABELS[p.status] ?? p.status}"` : `đảng viên sinh hoạt ở ${KIND_LABELS[p.kind] ?? p.kind}, tức là đã sinh hoạt nơi cư trú`;
      throw new AppError('RESIDENCE_LIAISON_REFUSED', { name: m.full_name, why }, { field: 'memberId', problem: p.problem });
    }
    let residenceName = input.residenceName?.trim() || null;
    if (input.residenceOrgId != null) {
      const org = await repo.findResidenceOrg(tx, input.residenceOrgId);
      if (!org) throw new AppError('ORG_NOT_FOUND', { id: input.residenceOrgId }, { field: 'residenceOrgId' });
      if (org.dissolved_on !== null) throw new AppError('ORG_DISSOLVED', { name: org.name }, { field: 'residenceOrgId' });
      if (!holdsMembers(org.org_type as OrgType)) throw new AppError('ORG_HOLDS_NO_MEMBERS', { name: org.name }, { field: 'residenceOrgId' });
      if (org.id === m.org_id) throw new AppError('RESIDENCE_LIAISON_REFUSED', { name: m.full_name, why: 'chi bộ nơi cư trú trùng với chi bộ đang sinh hoạt' }, { field: 'residenceOrgId' });
      residenceName ??= org.name;
    }
    if (residenceName === null) throw new AppError('LIAISON_FIELD_REQUIRED', { field: 'residenceName', why: 'chọn chi bộ nơi cư trú trong hệ thống hoặc ghi tên chi bộ' }, { field: 'residenceName' });
    const now = ctx.clock.now();
    const l = await repo.insertLiaison(tx, ctx.scope, {
      member_id: m.id,
      residence_org_id: input.residenceOrgId ?? null,
      residence_name: residenceName,
      referred_on: input.referredOn,
      letter_no: input.letterNo ?? null,
      created_by: ctx.actor.userId,
      created_at: now,
      updated_by: ctx.actor.userId,
      updated_at: now,
    });
    if (!l) throw new AppError('MEMBER_NOT_FOUND', { id: input.memberId }, { field: 'memberId' });
    const { created_at: _c, updated_at: _u, ...after } = l;
    await appendAudit(tx, ctx.actor, { action: 'residence_liaison.refer', entityType: 'residence_liaison', entityId: Number(l.id), orgPath: m.org_path, before: null, after });
    return Number(l.id);
  });
  return getLiaison(ctx, id);
}

const COMMENT_WHY = {
  before_referral: (p: { referralYear?: number }) => `trước năm được giới thiệu (${p.referralYear})`,
  after_end: (p: { endYear?: number }) => `sau năm kết thúc giới thiệu (${p.endYear})`,
  future_year: (p: { currentYear?: number }) => `năm chưa đến (năm nay là ${p.currentYear})`,
} as const;

/** R-TRF-16: the residence cấp ủy's comment for one year; either end records it (the paper comes to the workplace too). */
export async function addComment(ctx: ServiceContext, id: number, input: CommentInput): Promise<ResidenceLiaison> {
  notInFuture(ctx, 'commentedOn', input.commentedOn);
  await ctx.db.transaction().execute(async (tx) => {
    const l = await repo.findLiaison(tx, ctx.scope, id, { forUpdate: true });
    if (!l) throw notFound(id);
    const p = commentYearProblem({ referredOn: l.referred_on, endedOn: l.ended_on }, input.year, ctx.clock.today());
    if (p) throw new AppError('LIAISON_COMMENT_YEAR', { year: input.year, why: COMMENT_WHY[p.problem](p as never) }, { field: 'year', problem: p.problem });
    if (input.commentedOn < l.referred_on) throw new AppError('LIAISON_COMMENT_YEAR', { year: input.year, why: `ngày nhận xét trước ngày giới thiệu (${l.referred_on})` }, { field: 'commentedOn' });
    const c = await repo.insertComment(tx, ctx.scope, { liaison_id: Number(l.id), year: input.year, rating: input.rating, comment: input.comment, commented_on: input.commentedOn, created_by: ctx.actor.userId, created_at: ctx.clock.now() });
    if (!c) throw new AppError('LIAISON_COMMENT_EXISTS', { year: input.year }, { field: 'year' });
    const { created_at: _c, ...after } = c;
    await appendAudit(tx, ctx.actor, { action: 'residence_liaison.comment', entityType: 'residence_liaison', entityId: Number(l.id), orgPath: l.org_path, before: null, after });
  });
  return getLiaison(ctx, id);
}

/** The referral ends (the member moved, retired or left the workplace); from the workplace end. */
export async function endLiaison(ctx: ServiceContext, id: number, input: EndInput): Promise<ResidenceLiaison> {
  notInFuture(ctx, 'endedOn', input.endedOn);
  await ctx.db.transaction().execute(async (tx) => {
    const l = await repo.findLiaison(tx, ctx.scope, id, { forUpdate: true });
    if (!l) throw notFound(id);
    if (!pathInScope(ctx.scope, l.org_path)) throw new AppError('FORBIDDEN', {}, { field: 'id' });
    if (l.version !== input.version) throw new AppError('STALE_VERSION', { current: l.version, given: input.version }, { field: 'version', current: l.version });
    if (l.ended_on !== null) throw new AppError('RESIDENCE_LIAISON_ENDED', { endedOn: l.ended_on }, { field: 'endedOn' });
    if (input.endedOn < l.referred_on) throw new AppError('STEP_DATE_BEFORE_PREVIOUS', { value: input.endedOn, previous: l.referred_on }, { field: 'endedOn' });
    const set = { ended_on: input.endedOn, end_reason: input.reason ?? null, updated_by: ctx.actor.userId, updated_at: ctx.clock.now() };
    if ((await repo.endLiaison(tx, ctx.scope, id, l.version, set)) === 0) throw new AppError('STALE_VERSION', { current: l.version + 1, given: l.version }, { field: 'version' });
    await appendAudit(tx, ctx.actor, {
      action: 'residence_liaison.end',
      entityType: 'residence_liaison',
      entityId: id,
      orgPath: l.org_path,
      before: { ended_on: null, end_reason: null, version: l.version },
      after: { ended_on: set.ended_on, end_reason: set.end_reason, version: l.version + 1 },
    });
  });
  return getLiaison(ctx, id);
}

async function listScope(ctx: ServiceContext, orgId: number | undefined): Promise<{ scope: Scope; orgPath: string | null }> {
  if (orgId === undefined) return { scope: ctx.scope, orgPath: null };
  const org = await memberRepo.findOrg(ctx.db, ctx.scope, orgId);
  if (!org) throw new AppError('ORG_NOT_FOUND', { id: orgId }, { field: 'org' });
  return { scope: narrowScope(ctx.scope, org.path), orgPath: org.path };
}

/** R-TRF-16: referrals in force in the year (default this year) still without that year's comment. */
export async function dueComments(ctx: ServiceContext, q: DueQuery): Promise<{ year: number; items: ResidenceLiaison[] }> {
  const year = q.year ?? thisYear(ctx);
  const { scope } = await listScope(ctx, q.org);
  const all = await presentAll(ctx, await repo.listLiaisons(ctx.db, scope, year), year);
  return { year, items: all.filter((l) => l.commentDue) };
}

/** Every referral in scope (or under `org`), for the register. */
export async function allLiaisons(ctx: ServiceContext, orgId: number | undefined): Promise<{ items: ResidenceLiaison[]; orgPath: string | null }> {
  const { scope, orgPath } = await listScope(ctx, orgId);
  return { items: await presentAll(ctx, await repo.listLiaisons(ctx.db, scope, null), thisYear(ctx)), orgPath };
}
