import type { MemberStatus } from '../../domain/member-status.js';
import { cardNumber, checkDue, closingAllowed, mayHoldCard, requestBatch, type CardStatus } from '../../domain/records/party-card.js';
import { AppError } from '../../errors.js';
import { appendAudit, changedFields } from '../audit/audit.repository.js';
import { pathInScope } from '../auth/scope.js';
import { notInFuture } from '../case/case-step.js';
import { updateMemberIn } from '../member/member.service.js';
import { STATUS_LABELS } from '../member/member.schema.js';
import type { ServiceContext } from '../service-context.js';
import { whereabouts } from './dossier.service.js';
import { listScope, memberNotFound } from './record-no.service.js';
import { directSuperiorOf } from './records.orgs.js';
import * as repo from './records.repository.js';
import type { CardDateInput, CardsQuery, CloseCardInput, DecideCardInput, MemberRecordFacts, PartyCardItem, RequestCardInput, UncheckedQuery } from './records.schema.js';

// Party cards (R-REC-01/02/04/05): request (in the month's batch), the direct superior's decision
// with the number of the model in force that day, the handover at the chi bộ, the yearly check,
// and the card's end (recovered, kept by the family, lost or damaged → a reissue request). The
// member's party_card_no follows the decision through the member service (version, audit,
// national uniqueness). Each write one transaction with its audit row.

const cardNotFound = (id: number) => new AppError('PARTY_CARD_NOT_FOUND', { id }, { field: 'id' });

export const CARD_STATUS_LABELS: Record<CardStatus, string> = {
  requested: 'Đã đề nghị',
  decided: 'Đã có quyết định',
  handed_over: 'Đã trao thẻ',
  recovered: 'Đã thu hồi',
  kept_by_family: 'Gia đình giữ',
  lost: 'Bị mất',
  damaged: 'Bị hỏng',
  cancelled: 'Đề nghị đã hủy',
};

const NUMBER_REASONS = {
  needs_citizen_id: 'theo mẫu thẻ QĐ 347 (từ 02/09/2025) số thẻ là số định danh cá nhân 12 chữ số, nhưng hồ sơ đảng viên chưa có số CCCD hợp lệ',
  not_citizen_id: 'theo mẫu thẻ QĐ 347 (từ 02/09/2025) số thẻ phải trùng số định danh cá nhân của đảng viên',
  needs_number: 'quyết định trước 02/09/2025 dùng mẫu thẻ cũ: phải nhập số thẻ',
  invalid_number: 'số thẻ mẫu cũ gồm 6 đến 12 chữ số',
} as const;

function toCard(c: repo.CardWithMember): PartyCardItem {
  return {
    id: Number(c.id),
    member: { id: Number(c.member_id), fullName: c.full_name, birthDate: c.birth_date, status: c.member_status },
    orgId: Number(c.org_id),
    orgName: c.org_name,
    reason: c.reason as PartyCardItem['reason'],
    requestedOn: c.requested_on,
    requestMonth: c.request_month,
    status: c.status as CardStatus,
    cardNo: c.card_no,
    model: c.model as PartyCardItem['model'],
    decisionNo: c.decision_no,
    decisionDate: c.decision_date,
    decidedBy: c.decided_by_org_id === null ? null : { id: Number(c.decided_by_org_id), name: c.decided_by_name ?? '' },
    handedOverOn: c.handed_over_on,
    closedOn: c.closed_on,
    closeNote: c.close_note,
    lastCheckedOn: c.last_checked_on,
    replacesId: c.replaces_id === null ? null : Number(c.replaces_id),
    version: c.version,
  };
}

function fields(c: repo.CardWithMember): Record<string, unknown> {
  return {
    status: c.status,
    cardNo: c.card_no,
    model: c.model,
    decisionNo: c.decision_no,
    decisionDate: c.decision_date,
    decidedByOrgId: c.decided_by_org_id,
    handedOverOn: c.handed_over_on,
    closedOn: c.closed_on,
    closeNote: c.close_note,
    lastCheckedOn: c.last_checked_on,
  };
}

export async function getCard(ctx: ServiceContext, id: number): Promise<PartyCardItem> {
  const c = await repo.findCard(ctx.db, ctx.scope, id);
  if (!c) throw cardNotFound(id);
  return toCard(c);
}

export async function listCards(ctx: ServiceContext, q: CardsQuery): Promise<{ items: PartyCardItem[]; total: number }> {
  const { scope, orgPath } = await listScope(ctx, q.org);
  const r = await repo.listCards(ctx.db, scope, { orgPath, month: q.month ?? null, status: q.status ?? null, memberId: q.memberId ?? null }, { limit: q.limit, offset: q.offset });
  return { items: r.items.map(toCard), total: r.total };
}

/** The requests of a month's batch (R-REC-02), for its file. */
export async function batchCards(ctx: ServiceContext, orgId: number | undefined, month: string): Promise<{ items: PartyCardItem[]; orgPath: string | null }> {
  const { scope, orgPath } = await listScope(ctx, orgId);
  return { items: (await repo.allCards(ctx.db, scope, { orgPath, month, status: null, memberId: null })).map(toCard), orgPath };
}

/** R-REC-11: the register of cards issued (sổ phát thẻ đảng viên), for its file. */
export async function issuedRegister(ctx: ServiceContext, orgId: number | undefined): Promise<{ items: PartyCardItem[]; orgPath: string | null }> {
  const { scope, orgPath } = await listScope(ctx, orgId);
  return { items: (await repo.issuedCards(ctx.db, scope, orgPath)).map(toCard), orgPath };
}

/** R-REC-05: cards in hand not yet checked this year. */
export async function uncheckedCards(ctx: ServiceContext, q: UncheckedQuery): Promise<{ year: number; items: PartyCardItem[] }> {
  const year = q.year ?? Number(ctx.clock.today().slice(0, 4));
  const { scope, orgPath } = await listScope(ctx, q.org);
  return { year, items: (await repo.uncheckedCards(ctx.db, scope, orgPath, `${year}-01-01`)).map(toCard) };
}

export async function memberRecordFacts(ctx: ServiceContext, memberId: number): Promise<MemberRecordFacts> {
  const m = await repo.findMember(ctx.db, ctx.scope, memberId);
  if (!m) throw memberNotFound(memberId);
  const [no, cards, dossier] = await Promise.all([repo.findRecordNo(ctx.db, ctx.scope, memberId), repo.memberCards(ctx.db, ctx.scope, memberId), whereabouts(ctx, memberId)]);
  const items = cards.map(toCard);
  return {
    memberId,
    recordNo: no?.record_no ?? null,
    formFiledOn: no?.form_filed_on ?? null,
    recordNoAssignedOn: no?.assigned_on ?? null,
    card: items.find((c) => c.status === 'requested' || c.status === 'decided' || c.status === 'handed_over') ?? null,
    cards: items,
    dossier,
  };
}

/** R-REC-01/02: a request for an official member's card, in the batch of its month. */
export async function requestCard(ctx: ServiceContext, input: RequestCardInput): Promise<PartyCardItem> {
  notInFuture(ctx, 'requestedOn', input.requestedOn);
  const id = await ctx.db.transaction().execute(async (tx) => {
    const m = await repo.findMember(tx, ctx.scope, input.memberId, { forUpdate: true });
    if (!m) throw memberNotFound(input.memberId);
    if (!mayHoldCard(m.status as MemberStatus)) throw new AppError('PARTY_CARD_NOT_OFFICIAL', { name: m.full_name, status: STATUS_LABELS[m.status] ?? m.status }, { field: 'memberId' });
    const open = await repo.openCardOf(tx, m.id);
    if (open) throw new AppError('PARTY_CARD_OPEN', { name: m.full_name, status: CARD_STATUS_LABELS[open.status as CardStatus] }, { field: 'memberId' });
    return insertRequest(tx, ctx, m, input.requestedOn, 'new', null);
  });
  return getCard(ctx, id);
}

async function insertRequest(tx: Parameters<typeof repo.findMember>[0], ctx: ServiceContext, m: repo.RecordMember, requestedOn: string, reason: 'new' | 'reissue', replacesId: number | null): Promise<number> {
  const now = ctx.clock.now();
  const row = await repo.insertCard(tx, ctx.scope, {
    member_id: m.id,
    reason,
    requested_on: requestedOn,
    request_month: requestBatch(requestedOn),
    replaces_id: replacesId,
    created_by: ctx.actor.userId,
    created_at: now,
    updated_by: ctx.actor.userId,
    updated_at: now,
  });
  if (!row) throw memberNotFound(m.id);
  const id = Number(row.id);
  await appendAudit(tx, ctx.actor, {
    action: 'party_card.request',
    entityType: 'party_card',
    entityId: id,
    orgPath: m.org_path,
    before: null,
    after: { memberId: m.id, reason, requestedOn, requestMonth: requestBatch(requestedOn), replacesId },
  });
  return id;
}

type Tx = Parameters<typeof repo.findMember>[0];

/** Reads the card for a change at `version`, in the transaction; the checks every step shares. */
async function cardForStep(tx: Tx, ctx: ServiceContext, id: number, version: number, allowed: readonly CardStatus[], action: string) {
  const c = await repo.findCard(tx, ctx.scope, id, { forUpdate: true });
  if (!c) throw cardNotFound(id);
  if (c.version !== version) throw new AppError('STALE_VERSION', { current: c.version, given: version }, { field: 'version' });
  if (!allowed.includes(c.status as CardStatus)) throw new AppError('PARTY_CARD_STEP_NOT_ALLOWED', { status: CARD_STATUS_LABELS[c.status as CardStatus], action }, { field: 'id' });
  return c;
}

async function saveStep(tx: Tx, ctx: ServiceContext, c: repo.CardWithMember, set: repo.CardSet, action: string): Promise<void> {
  const n = await repo.updateCardAtVersion(tx, ctx.scope, Number(c.id), c.version, { ...set, updated_by: ctx.actor.userId, updated_at: ctx.clock.now() });
  if (n === 0) throw cardNotFound(Number(c.id));
  const before = fields(c);
  const diff = changedFields(before, { ...before, ...fieldsOfSet(set) });
  await appendAudit(tx, ctx.actor, { action: `party_card.${action}`, entityType: 'party_card', entityId: Number(c.id), orgPath: c.org_path, before: diff.before, after: diff.after });
}

function fieldsOfSet(s: repo.CardSet): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (s.status !== undefined) out.status = s.status;
  if (s.card_no !== undefined) out.cardNo = s.card_no;
  if (s.model !== undefined) out.model = s.model;
  if (s.decision_no !== undefined) out.decisionNo = s.decision_no;
  if (s.decision_date !== undefined) out.decisionDate = s.decision_date;
  if (s.decided_by_org_id !== undefined) out.decidedByOrgId = s.decided_by_org_id;
  if (s.handed_over_on !== undefined) out.handedOverOn = s.handed_over_on;
  if (s.closed_on !== undefined) out.closedOn = s.closed_on;
  if (s.close_note !== undefined) out.closeNote = s.close_note;
  if (s.last_checked_on !== undefined) out.lastCheckedOn = s.last_checked_on;
  return out;
}

function dateNotBefore(field: string, value: string, other: string, otherValue: string | null): void {
  if (otherValue !== null && value < otherValue) throw new AppError('DATE_ORDER', { field, value, other, otherValue }, { field });
}

/**
 * R-REC-01/02: the direct superior's decision. The member must still be official; the number is
 * the one of the model in force on the decision date, and becomes the member's party_card_no
 * through the member service (unique nationally).
 */
export async function decideCard(ctx: ServiceContext, id: number, input: DecideCardInput): Promise<PartyCardItem> {
  notInFuture(ctx, 'decisionDate', input.decisionDate);
  await ctx.db.transaction().execute(async (tx) => {
    const c = await cardForStep(tx, ctx, id, input.version, ['requested'], 'ghi quyết định phát thẻ');
    dateNotBefore('decisionDate', input.decisionDate, 'requestedOn', c.requested_on);
    const m = await repo.findMember(tx, ctx.scope, Number(c.member_id), { forUpdate: true });
    if (!m) throw cardNotFound(id);
    if (!mayHoldCard(m.status as MemberStatus)) throw new AppError('PARTY_CARD_NOT_OFFICIAL', { name: m.full_name, status: STATUS_LABELS[m.status] ?? m.status }, { field: 'id' });
    const superior = directSuperiorOf(await repo.orgChain(tx, m.org_path));
    if (!superior || !pathInScope(ctx.scope, superior.path)) throw new AppError('PARTY_CARD_NOT_SUPERIOR', { name: m.full_name, org: superior?.name ?? '—' }, { field: 'id' });
    const typed = input.cardNo === undefined || input.cardNo === '' ? null : input.cardNo.replace(/\s+/g, '');
    const number = cardNumber(input.decisionDate, m.citizen_id, typed);
    if (!number.ok) throw new AppError('PARTY_CARD_NUMBER', { reason: NUMBER_REASONS[number.issue] }, { field: 'cardNo' });
    // The member record carries the card number: the member service checks it is free nationally.
    if (m.party_card_no !== number.cardNo) await updateMemberIn(tx, ctx, m.id, { version: m.version, partyCardNo: number.cardNo });
    await saveStep(
      tx,
      ctx,
      c,
      { status: 'decided', card_no: number.cardNo, model: number.model, decision_no: input.decisionNo, decision_date: input.decisionDate, decided_by_org_id: superior.id },
      'decide',
    );
  });
  return getCard(ctx, id);
}

/** R-REC-01: the chi bộ hands the card over (at its next meeting after the decision). */
export async function handOverCard(ctx: ServiceContext, id: number, input: CardDateInput): Promise<PartyCardItem> {
  notInFuture(ctx, 'date', input.date);
  await ctx.db.transaction().execute(async (tx) => {
    const c = await cardForStep(tx, ctx, id, input.version, ['decided'], 'ghi ngày trao thẻ');
    dateNotBefore('date', input.date, 'decisionDate', c.decision_date);
    await saveStep(tx, ctx, c, { status: 'handed_over', handed_over_on: input.date }, 'hand_over');
  });
  return getCard(ctx, id);
}

/** R-REC-05: the chi bộ's yearly check of a card in hand. */
export async function checkCard(ctx: ServiceContext, id: number, input: CardDateInput): Promise<PartyCardItem> {
  notInFuture(ctx, 'date', input.date);
  await ctx.db.transaction().execute(async (tx) => {
    const c = await cardForStep(tx, ctx, id, input.version, ['handed_over'], 'ghi kiểm tra thẻ');
    dateNotBefore('date', input.date, 'handedOverOn', c.handed_over_on);
    if (!checkDue(c.last_checked_on, Number(input.date.slice(0, 4)))) {
      throw new AppError('PARTY_CARD_STEP_NOT_ALLOWED', { status: `đã kiểm tra ngày ${c.last_checked_on}`, action: `kiểm tra lần nữa trong năm ${input.date.slice(0, 4)}` }, { field: 'date' });
    }
    await saveStep(tx, ctx, c, { last_checked_on: input.date }, 'check');
  });
  return getCard(ctx, id);
}

/**
 * R-REC-04: the card's end. A deceased member's family keeps it; a removed, expelled or withdrawn
 * member's card is recovered; a lost or damaged card is closed and a reissue request opened in the
 * month's batch, in the same transaction.
 */
export async function closeCard(ctx: ServiceContext, id: number, input: CloseCardInput): Promise<{ card: PartyCardItem; reissue: PartyCardItem | null }> {
  notInFuture(ctx, 'date', input.date);
  const reissueId = await ctx.db.transaction().execute(async (tx) => {
    const c = await cardForStep(tx, ctx, id, input.version, ['decided', 'handed_over'], 'ghi thu hồi, mất hoặc hỏng thẻ');
    dateNotBefore('date', input.date, 'decisionDate', c.decision_date);
    const m = await repo.findMember(tx, ctx.scope, Number(c.member_id), { forUpdate: true });
    if (!m) throw cardNotFound(id);
    if (!closingAllowed(input.closing, m.status as MemberStatus)) {
      throw new AppError('PARTY_CARD_CLOSING_NOT_ALLOWED', { closing: CARD_STATUS_LABELS[input.closing], name: m.full_name, status: STATUS_LABELS[m.status] ?? m.status }, { field: 'closing' });
    }
    await saveStep(tx, ctx, c, { status: input.closing, closed_on: input.date, close_note: input.note ?? null }, 'close');
    if (input.closing === 'lost' || input.closing === 'damaged') return insertRequest(tx, ctx, m, input.date, 'reissue', id);
    return null;
  });
  return { card: await getCard(ctx, id), reissue: reissueId === null ? null : await getCard(ctx, reissueId) };
}
