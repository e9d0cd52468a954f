import type { BadgeConsiderationRow } from '../../db/types.js';
import { badgeAdmissionWindows, badgeBatchStart, badgeCeremoniesOfYear, badgeCeremonyOnOrBefore, batchCandidacies, disciplineDeferralKnown, isBadgeCeremony, type BatchCandidacy, type BatchMember } from '../../domain/badge/badge-batch.js';
import { badgeClasses } from '../../domain/badge/badge-eligibility.js';
import { badgeSerial } from '../../domain/badge/badge-number.js';
import type { DisciplineForm } from '../../domain/discipline.js';
import { partyAgeMonths, partyAgeReachedOn } from '../../domain/party-age/party-age.js';
import { AppError } from '../../errors.js';
import { appendAudit } from '../audit/audit.repository.js';
import { narrowScope, type Scope } from '../auth/scope.js';
import { STATUS_LABELS } from '../member/member.schema.js';
import { partyAgeFactsOf, type StatusPeriodRow } from '../member/member-party-age.js';
import type { ServiceContext } from '../service-context.js';
import * as repo from './badge.repository.js';
import type {
  AwardInput,
  AwardsQuery,
  BadgeAwardItem,
  BadgeCandidateItem,
  CandidateList,
  CandidatesQuery,
  ChangeAwardInput,
  MemberBadges,
  SetConsiderationInput,
} from './badge.schema.js';
import { notInFuture } from '../case/case-step.js';

// Use cases of party badges (issue 5 item 6): the candidates of a ceremony batch, a member's badge
// facts, the award of a list in one transaction with its numbers, the register, returns and
// reissues. The rules are in src/domain/badge (batches, eligibility, numbers) and
// src/domain/party-age; this file gathers the facts and stores the results, one audit row per
// changed row, each write one transaction.

const memberNotFound = (id: number, field = 'memberId') => new AppError('MEMBER_NOT_FOUND', { id }, { field });
const awardNotFound = (id: number) => new AppError('BADGE_AWARD_NOT_FOUND', { id }, { field: 'id' });

function assertCeremony(date: string, field: string): void {
  if (!isBadgeCeremony(date)) throw new AppError('BADGE_CEREMONY_INVALID', { date }, { field });
}

/** "status|from|to;…" from the repository → status intervals. */
function gapPeriodsOf(gaps: string | null): StatusPeriodRow[] {
  if (!gaps) return [];
  return gaps.split(';').map((g) => {
    const [status, from, to] = g.split('|');
    return { status: status!, valid_from: from!, valid_to: to ? to : null };
  });
}

function batchMemberOf(r: repo.CandidateFacts): BatchMember {
  return {
    partyAge: partyAgeFactsOf(r.admission_date, gapPeriodsOf(r.gaps)),
    // Qualifications lost means removal or expulsion, which ends the membership (not listed).
    keptQualifications: true,
    seriouslyIll: r.seriously_ill ?? false,
    diedOn: null,
    discipline:
      r.discipline_form === null || r.discipline_decision_date === null
        ? null
        : { form: r.discipline_form as DisciplineForm, decisionDate: r.discipline_decision_date, improvementRecognisedOn: r.improvement_recognised_on },
    awardedClasses: r.awarded ? r.awarded.split(',').map(Number) : [],
  };
}

function candidateItem(r: repo.CandidateRow, c: BatchCandidacy): BadgeCandidateItem {
  return {
    memberId: r.id,
    fullName: r.full_name,
    birthDate: r.birth_date,
    orgId: r.org_id,
    orgName: r.org_name,
    badgeClass: c.badgeClass,
    partyAgeMonths: c.partyAgeMonths,
    reachedOn: c.reachedOn,
    outcome: c.outcome,
    early: c.early,
    carriedOver: c.carriedOver,
    deferral:
      c.outcome === 'deferred' && r.discipline_form !== null && r.discipline_decision_date !== null
        ? { form: r.discipline_form as DisciplineForm, decisionDate: r.discipline_decision_date, until: c.deferredUntil }
        : null,
  };
}

/** The scope of a list: the caller's, narrowed to the chosen org when one is given (404 outside). */
async function listScope(ctx: ServiceContext, orgId: number | undefined): Promise<{ scope: Scope; orgPath: string | null }> {
  if (orgId === undefined) return { scope: ctx.scope, orgPath: null };
  const org = await repo.findOrgPath(ctx.db, ctx.scope, orgId);
  if (!org) throw new AppError('ORG_NOT_FOUND', { id: orgId }, { field: 'org' });
  return { scope: narrowScope(ctx.scope, org.path), orgPath: org.path };
}

// ---- batches and candidates --------------------------------------------------------------------

export function listCeremonies(ctx: ServiceContext, year: number | undefined) {
  const y = year ?? Number(ctx.clock.today().slice(0, 4));
  return { year: y, items: badgeCeremoniesOfYear(y).map((date) => ({ date, from: badgeBatchStart(date) })) };
}

/**
 * R-BADGE-02, 03, 05, 06, 09: the members of the scope listed at a ceremony. The database narrows
 * the members to the admission-date windows of the batch (plus those with gaps or badge facts),
 * in the caller's scope; the domain decides each. A member is listed where their record is placed:
 * the official chi bộ, and a member transferring is listed by the sending organization until the
 * transfer in completes (R-BADGE-09).
 */
async function candidatesOf(ctx: ServiceContext, scope: Scope, ceremony: string, windows: readonly { from: string; to: string }[]) {
  const rows = await repo.candidateFacts(ctx.db, scope, windows);
  const out: { row: repo.CandidateFacts; c: BatchCandidacy }[] = [];
  for (const row of rows) for (const c of batchCandidacies(batchMemberOf(row), ceremony)) out.push({ row, c });
  return out;
}

/** The page's candidates with the names and dates the list shows (fetched for the page only). */
async function pageItems(ctx: ServiceContext, scope: Scope, page: readonly { row: repo.CandidateFacts; c: BatchCandidacy }[]): Promise<BadgeCandidateItem[]> {
  const details = new Map((await repo.candidateDetails(ctx.db, scope, [...new Set(page.map((x) => x.row.id))])).map((d) => [Number(d.id), d]));
  // A member moved out of the scope between the two reads is left out, as the next read would.
  return page.flatMap((x) => {
    const d = details.get(x.row.id);
    return d ? [candidateItem({ ...x.row, full_name: d.full_name, birth_date: d.birth_date, org_name: d.org_name }, x.c)] : [];
  });
}

export async function listCandidates(ctx: ServiceContext, q: CandidatesQuery): Promise<CandidateList> {
  assertCeremony(q.ceremony, 'ceremony');
  const { scope } = await listScope(ctx, q.org);
  const windows = badgeAdmissionWindows(q.ceremony).filter((w) => q.badgeClass === undefined || w.badgeClass === q.badgeClass);
  if (windows.length === 0) throw new AppError('VALIDATION', { detail: `không có Huy hiệu ${q.badgeClass} năm tuổi Đảng (R-BADGE-01)` }, { field: 'badgeClass' });
  let all = await candidatesOf(ctx, scope, q.ceremony, windows);
  if (q.badgeClass !== undefined) all = all.filter((x) => x.c.badgeClass === q.badgeClass);
  const byClass = badgeClasses(q.ceremony)
    .map((k) => ({
      badgeClass: k,
      eligible: all.filter((x) => x.c.badgeClass === k && x.c.outcome === 'eligible').length,
      deferred: all.filter((x) => x.c.badgeClass === k && x.c.outcome === 'deferred').length,
    }))
    .filter((b) => b.eligible + b.deferred > 0);
  if (q.outcome !== undefined) all = all.filter((x) => x.c.outcome === q.outcome);
  // Highest class first, then the tree order of the orgs and the names as Vietnamese lists sort them.
  // One key string per candidate (path, NUL, name: the NUL sorts a path before its longer
  // extensions, as comparing the path alone does), built once rather than in every comparison.
  const keyed = all.map((x) => ({ x, key: `${x.row.org_path}\u0000${x.row.name_sort}` }));
  keyed.sort((a, b) => b.x.c.badgeClass - a.x.c.badgeClass || cmp(a.key, b.key) || a.x.row.id - b.x.row.id);
  all = keyed.map((k) => k.x);
  return {
    ceremony: q.ceremony,
    from: badgeBatchStart(q.ceremony),
    items: await pageItems(ctx, scope, all.slice(q.offset, q.offset + q.limit)),
    total: all.length,
    byClass,
  };
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

// ---- a member's badge facts ---------------------------------------------------------------------

function considerationOf(c: BadgeConsiderationRow): NonNullable<MemberBadges['consideration']> {
  return {
    seriouslyIll: c.seriously_ill,
    discipline:
      c.discipline_form === null || c.discipline_decision_date === null
        ? null
        : { form: c.discipline_form as DisciplineForm, decisionDate: c.discipline_decision_date, decisionNo: c.discipline_decision_no, improvementRecognisedOn: c.improvement_recognised_on },
    note: c.note,
    version: c.version,
  };
}

export async function memberBadges(ctx: ServiceContext, memberId: number): Promise<MemberBadges> {
  const m = await repo.findMember(ctx.db, ctx.scope, memberId);
  if (!m) throw memberNotFound(memberId, 'memberId');
  const [gaps, consideration, awards] = await Promise.all([
    repo.gapPeriods(ctx.db, ctx.scope, memberId),
    repo.findConsideration(ctx.db, ctx.scope, memberId),
    repo.listAwards(ctx.db, ctx.scope, { orgPath: null, year: null, ceremonyDate: null, badgeClass: null, status: null, memberId }, { limit: 50, offset: 0 }),
  ]);
  const today = ctx.clock.today();
  let months: number | null = null;
  let next: MemberBadges['next'] = null;
  if (m.admission_date !== null) {
    const facts = partyAgeFactsOf(m.admission_date, gaps);
    months = partyAgeMonths(facts, today);
    const awarded = new Set(awards.items.map((a) => a.badge_class));
    const k = badgeClasses(today).find((c) => c * 12 > (months ?? 0) && !awarded.has(c));
    if (k !== undefined) next = { badgeClass: k, reachedOn: partyAgeReachedOn(facts, k * 12) };
  }
  return { memberId, partyAgeMonths: months, next, consideration: consideration ? considerationOf(consideration) : null, awards: awards.items.map(toAward) };
}

/** Staff record the facts the badge depends on: serious illness (R-BADGE-03), the discipline in force (R-BADGE-05). */
export async function setConsideration(ctx: ServiceContext, memberId: number, input: SetConsiderationInput): Promise<MemberBadges> {
  const d = input.discipline;
  if (d) {
    notInFuture(ctx, 'discipline.decisionDate', d.decisionDate);
    if (d.form !== 'expulsion' && !disciplineDeferralKnown(d.decisionDate)) {
      throw new AppError('BADGE_DISCIPLINE_BEFORE_RULES', { date: d.decisionDate }, { field: 'discipline.decisionDate' });
    }
    if (d.improvementRecognisedOn) {
      notInFuture(ctx, 'discipline.improvementRecognisedOn', d.improvementRecognisedOn);
      if (d.improvementRecognisedOn < d.decisionDate) {
        throw new AppError(
          'DATE_ORDER',
          { field: 'discipline.improvementRecognisedOn', value: d.improvementRecognisedOn, other: 'discipline.decisionDate', otherValue: d.decisionDate },
          { field: 'discipline.improvementRecognisedOn' },
        );
      }
    }
  }
  await ctx.db.transaction().execute(async (tx) => {
    const m = await repo.findMember(tx, ctx.scope, memberId);
    if (!m) throw memberNotFound(memberId, 'memberId');
    const before = await repo.findConsideration(tx, ctx.scope, memberId, { forUpdate: true });
    if (before && input.version !== before.version) throw new AppError('STALE_VERSION', { current: before.version, given: input.version ?? 0 }, { field: 'version' });
    const values: repo.ConsiderationValues = {
      member_id: memberId,
      seriously_ill: input.seriouslyIll,
      discipline_form: d?.form ?? null,
      discipline_decision_date: d?.decisionDate ?? null,
      discipline_decision_no: d?.decisionNo ?? null,
      improvement_recognised_on: d?.improvementRecognisedOn ?? null,
      note: input.note ?? null,
      updated_by: ctx.actor.userId,
      updated_at: ctx.clock.now(),
    };
    const n = await repo.upsertConsideration(tx, ctx.scope, values, before ? before.version : null);
    if (n === 0) {
      if (before) throw new AppError('STALE_VERSION', { current: before.version, given: input.version ?? 0 }, { field: 'version' });
      throw memberNotFound(memberId, 'memberId');
    }
    const { updated_at: _u, updated_by: _b, ...after } = values;
    const prior = before ? (({ updated_at: _a, updated_by: _c, version: _v, ...rest }) => rest)(before) : null;
    await appendAudit(tx, ctx.actor, { action: 'badge_consideration.set', entityType: 'member', entityId: memberId, orgPath: m.org_path, before: prior, after });
  });
  return memberBadges(ctx, memberId);
}

// ---- awards -------------------------------------------------------------------------------------

function toAward(a: repo.AwardWithMember): BadgeAwardItem {
  return {
    id: Number(a.id),
    member: { id: Number(a.member_id), fullName: a.full_name, birthDate: a.birth_date, status: a.member_status },
    orgId: Number(a.org_id),
    orgName: a.org_name,
    badgeClass: a.badge_class,
    ceremonyDate: a.ceremony_date,
    reachedOn: a.reached_on,
    decisionNo: a.decision_no,
    decisionDate: a.decision_date,
    province: { id: Number(a.province_org_id), code: a.province_code, name: a.province_name },
    serial: a.serial,
    badgeNo: `${a.province_code}-${a.serial}`,
    status: a.status as BadgeAwardItem['status'],
    early: a.early,
    returnedOn: a.returned_on,
    returnReason: a.return_reason,
    reissuedOn: a.reissued_on,
    reissueReason: a.reissue_reason,
    version: a.version,
  };
}

function awardFields(a: repo.AwardWithMember | Awaited<ReturnType<typeof repo.insertAward>>): Record<string, unknown> {
  const x = a as repo.AwardWithMember;
  return {
    memberId: Number(x.member_id),
    badgeClass: x.badge_class,
    ceremonyDate: x.ceremony_date,
    decisionNo: x.decision_no,
    decisionDate: x.decision_date,
    provinceOrgId: Number(x.province_org_id),
    serial: x.serial,
    status: x.status,
    returnedOn: x.returned_on,
    returnReason: x.return_reason,
    reissuedOn: x.reissued_on,
    reissueReason: x.reissue_reason,
  };
}

/**
 * R-BADGE-04, 08: awards the listed members the badges of a decision, all or nothing. Each member
 * must be a candidate of the batch and eligible (not deferred) for that class; the numbers are
 * taken from the province's sequence of each class in the same transaction.
 */
export async function award(ctx: ServiceContext, input: AwardInput): Promise<{ items: BadgeAwardItem[] }> {
  assertCeremony(input.ceremonyDate, 'ceremonyDate');
  notInFuture(ctx, 'decisionDate', input.decisionDate);
  const seen = new Set<number>();
  input.items.forEach((it, i) => {
    if (seen.has(it.memberId)) throw new AppError('BADGE_DUPLICATE_ITEM', { id: it.memberId }, { field: `items.${i}.memberId` });
    seen.add(it.memberId);
  });
  const ids = await ctx.db.transaction().execute(async (tx) => {
    // The members' rows are locked first, so a second award of the same member waits and then
    // reads the first one's badges (the unique (member, class) index holds as well).
    await repo.lockMembers(tx, ctx.scope, [...seen]);
    const rows = new Map((await repo.candidateRows(tx, ctx.scope, { memberIds: [...seen] })).map((r) => [r.id, r]));
    const accepted: { row: repo.CandidateRow; c: BatchCandidacy; index: number }[] = [];
    for (const [index, it] of input.items.entries()) {
      const row = rows.get(it.memberId);
      const field = `items.${index}.memberId`;
      if (!row) {
        const m = await repo.findMember(tx, ctx.scope, it.memberId);
        if (!m) throw memberNotFound(it.memberId, field);
        throw new AppError('BADGE_NOT_CANDIDATE', { name: m.full_name, badgeClass: it.badgeClass, ceremony: input.ceremonyDate }, { field });
      }
      const member = batchMemberOf(row);
      if (member.awardedClasses.includes(it.badgeClass)) throw new AppError('BADGE_ALREADY_AWARDED', { name: row.full_name, badgeClass: it.badgeClass }, { field });
      const c = batchCandidacies(member, input.ceremonyDate).find((x) => x.badgeClass === it.badgeClass);
      if (!c) throw new AppError('BADGE_NOT_CANDIDATE', { name: row.full_name, badgeClass: it.badgeClass, ceremony: input.ceremonyDate }, { field });
      if (c.outcome === 'deferred') throw new AppError('BADGE_DEFERRED', { name: row.full_name, until: c.deferredUntil ?? '—' }, { field });
      accepted.push({ row, c, index });
    }
    // Numbers: one sequence per province and class (R-BADGE-08), taken in list order.
    const provinces = new Map<string, { id: number; code: string }>();
    const byKey = new Map<string, typeof accepted>();
    for (const a of accepted) {
      const province = await repo.provinceOf(tx, a.row.org_path);
      if (!province) throw memberNotFound(a.row.id, `items.${a.index}.memberId`);
      const key = `${province.id}:${a.c.badgeClass}`;
      provinces.set(key, province);
      byKey.set(key, [...(byKey.get(key) ?? []), a]);
    }
    const now = ctx.clock.now();
    const created: number[] = [];
    for (const [key, list] of byKey) {
      const province = provinces.get(key)!;
      const badgeClass = list[0]!.c.badgeClass;
      const last = await repo.takeNumbers(tx, province.id, badgeClass, list.length);
      let no = last - list.length;
      for (const a of list) {
        no += 1;
        const row = await repo.insertAward(tx, ctx.scope, {
          member_id: a.row.id,
          badge_class: badgeClass,
          ceremony_date: input.ceremonyDate,
          reached_on: a.c.reachedOn,
          decision_no: input.decisionNo,
          decision_date: input.decisionDate,
          province_org_id: province.id,
          serial: serialOf(badgeClass, no, province.code),
          early: a.c.early,
          posthumous: false,
          org_id: a.row.org_id,
          created_by: ctx.actor.userId,
          created_at: now,
          updated_by: ctx.actor.userId,
          updated_at: now,
        });
        if (!row) throw memberNotFound(a.row.id, `items.${a.index}.memberId`);
        await appendAudit(tx, ctx.actor, { action: 'badge.award', entityType: 'badge_award', entityId: row.id, orgPath: row.org_path, before: null, after: awardFields(row) });
        created.push(Number(row.id));
      }
    }
    return created;
  });
  const items = await Promise.all(ids.map((id) => repo.findAward(ctx.db, ctx.scope, id)));
  return { items: items.filter((a): a is repo.AwardWithMember => a !== undefined).map(toAward) };
}

/** R-BADGE-08: the serial, refused when the province's range of the class is used up. */
function serialOf(badgeClass: number, no: number, provinceCode: string): string {
  try {
    return badgeSerial(badgeClass, no);
  } catch (e) {
    if (e instanceof RangeError) throw new AppError('BADGE_NUMBERS_EXHAUSTED', { badgeClass, province: provinceCode }, { field: 'items' });
    throw e;
  }
}

function filterOf(q: Omit<AwardsQuery, 'limit' | 'offset'>, orgPath: string | null): repo.AwardFilter {
  return { orgPath, year: q.year ?? null, ceremonyDate: q.ceremony ?? null, badgeClass: q.badgeClass ?? null, status: q.status ?? null, memberId: q.memberId ?? null };
}

export async function listAwards(ctx: ServiceContext, q: AwardsQuery): Promise<{ items: BadgeAwardItem[]; total: number }> {
  const { scope, orgPath } = await listScope(ctx, q.org);
  const r = await repo.listAwards(ctx.db, scope, filterOf(q, orgPath), { limit: q.limit, offset: q.offset });
  return { items: r.items.map(toAward), total: r.total };
}

export async function getAward(ctx: ServiceContext, id: number): Promise<BadgeAwardItem> {
  const a = await repo.findAward(ctx.db, ctx.scope, id);
  if (!a) throw awardNotFound(id);
  return toAward(a);
}

/** Every award of the filter, in register order, for the export (audited there). */
export async function awardsForExport(ctx: ServiceContext, q: Omit<AwardsQuery, 'limit' | 'offset'>): Promise<{ items: BadgeAwardItem[]; orgPath: string | null }> {
  const { scope, orgPath } = await listScope(ctx, q.org);
  return { items: (await repo.allAwards(ctx.db, scope, filterOf(q, orgPath))).map(toAward), orgPath };
}

async function changeAward(ctx: ServiceContext, id: number, input: ChangeAwardInput, kind: 'return' | 'reissue'): Promise<BadgeAwardItem> {
  notInFuture(ctx, 'date', input.date);
  await ctx.db.transaction().execute(async (tx) => {
    const a = await repo.findAward(tx, ctx.scope, id, { forUpdate: true });
    if (!a) throw awardNotFound(id);
    if (a.version !== input.version) throw new AppError('STALE_VERSION', { current: a.version, given: input.version }, { field: 'version' });
    const badgeNo = `${a.province_code}-${a.serial}`;
    if (a.status === 'returned') throw new AppError('BADGE_AWARD_RETURNED', { badgeNo, date: a.returned_on ?? '' }, { field: 'id' });
    if (input.date < a.decision_date) {
      throw new AppError('DATE_ORDER', { field: 'date', value: input.date, other: 'decisionDate', otherValue: a.decision_date }, { field: 'date' });
    }
    // R-BADGE-10: a removed or expelled member returns the badge; on death the family keeps it.
    if (kind === 'return' && a.member_status !== 'removed' && a.member_status !== 'expelled') {
      throw new AppError('BADGE_RETURN_NOT_ALLOWED', { name: a.full_name, status: STATUS_LABELS[a.member_status] ?? a.member_status }, { field: 'id' });
    }
    const now = ctx.clock.now();
    const set =
      kind === 'return'
        ? { status: 'returned', returned_on: input.date, return_reason: input.reason }
        : { status: 'reissued', reissued_on: input.date, reissue_reason: input.reason };
    const n = await repo.updateAwardAtVersion(tx, ctx.scope, id, a.version, { ...set, updated_by: ctx.actor.userId, updated_at: now });
    if (n === 0) throw awardNotFound(id);
    const before = awardFields(a);
    const after = { ...before, status: set.status, ...(kind === 'return' ? { returnedOn: input.date, returnReason: input.reason } : { reissuedOn: input.date, reissueReason: input.reason }) };
    await appendAudit(tx, ctx.actor, { action: `badge.${kind}`, entityType: 'badge_award', entityId: id, orgPath: a.org_path, before, after });
  });
  return getAward(ctx, id);
}

/** R-BADGE-10: a removed or expelled member returns the badge; the register keeps the row and number. */
export const returnAward = (ctx: ServiceContext, id: number, input: ChangeAwardInput) => changeAward(ctx, id, input, 'return');
/** R-BADGE-10: a lost badge reissued for good reason, under the same number. */
export const reissueAward = (ctx: ServiceContext, id: number, input: ChangeAwardInput) => changeAward(ctx, id, input, 'reissue');

/** The last ceremony on or before `date` (for the demo and the bench). */
export const ceremonyOnOrBefore = badgeCeremonyOnOrBefore;
