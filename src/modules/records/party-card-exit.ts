import type { Transaction } from 'kysely';
import type { DB } from '../../db/types.js';
import type { MemberStatus } from '../../domain/member-status.js';
import { cardEndOnExit, cardOnRestoration, requestBatch, type CardStatus } from '../../domain/records/party-card.js';
import { AppError } from '../../errors.js';
import { appendAudit } from '../audit/audit.repository.js';
import type { ServiceContext } from '../service-context.js';
import * as repo from './records.repository.js';

// What a status change does to the member's party card (R-REC-04), inside the status change's
// transaction. The member module's one status path (changeStatusIn) calls it, so every exit —
// removal, expulsion, leaving, death, a probationary member not recognised — closes the card
// without each exit service having to remember to, and a restoration after wrongful removal
// (R-AGE-04) asks for the card again. This file imports nothing from the member module: the
// member service depends on it, not the other way round.

type Tx = Transaction<DB>;

export interface StatusMove {
  memberId: number;
  orgPath: string;
  from: MemberStatus;
  to: MemberStatus;
  date: string;
  decisionNo: string | null;
  restoration: boolean;
}

/** R-REC-04: closes the open card of a member leaving the rolls, or asks for it again on restoration. */
export async function cardFollowsStatusIn(tx: Tx, ctx: ServiceContext, move: StatusMove): Promise<void> {
  if (move.restoration) return requestAgainIn(tx, ctx, move);
  const open = await repo.openCardOf(tx, move.memberId);
  if (!open) return;
  const end = cardEndOnExit(move.to, open.status as CardStatus);
  if (end === null) return;
  const note = `Tự động khi đảng viên ${EXIT_WORDS[move.to] ?? move.to}${move.decisionNo ? ` (${move.decisionNo})` : ''}`;
  const set: repo.CardSet = { status: end, closed_on: move.date, close_note: note, updated_by: ctx.actor.userId, updated_at: ctx.clock.now() };
  // The member was read and locked in scope by the status change; the card is theirs.
  const n = await repo.updateCardAtVersion(tx, ctx.scope, Number(open.id), open.version, set);
  if (n === 0) throw new AppError('PARTY_CARD_NOT_FOUND', { id: Number(open.id) }, { field: 'id' });
  await appendAudit(tx, ctx.actor, {
    action: 'party_card.close',
    entityType: 'party_card',
    entityId: Number(open.id),
    orgPath: move.orgPath,
    before: { status: open.status, closedOn: null, closeNote: null },
    after: { status: end, closedOn: move.date, closeNote: note, memberStatus: move.to },
  });
}

const EXIT_WORDS: Partial<Record<MemberStatus, string>> = {
  removed: 'bị xóa tên',
  expelled: 'bị khai trừ',
  withdrawn: 'ra khỏi Đảng',
  deceased: 'từ trần',
};

async function requestAgainIn(tx: Tx, ctx: ServiceContext, move: StatusMove): Promise<void> {
  if (await repo.openCardOf(tx, move.memberId)) return;
  const last = await repo.lastCardOf(tx, move.memberId);
  const again = cardOnRestoration(move.to, last ? { status: last.status as CardStatus } : null);
  if (!again) return;
  const now = ctx.clock.now();
  const replacesId = again.replacesLast ? Number(last!.id) : null;
  const row = await repo.insertCard(tx, ctx.scope, {
    member_id: move.memberId,
    reason: again.reason,
    requested_on: move.date,
    request_month: requestBatch(move.date),
    replaces_id: replacesId,
    created_by: ctx.actor.userId,
    created_at: now,
    updated_by: ctx.actor.userId,
    updated_at: now,
  });
  if (!row) throw new AppError('MEMBER_NOT_FOUND', { id: move.memberId }, { field: 'memberId' });
  await appendAudit(tx, ctx.actor, {
    action: 'party_card.request',
    entityType: 'party_card',
    entityId: Number(row.id),
    orgPath: move.orgPath,
    before: null,
    after: { memberId: move.memberId, reason: again.reason, requestedOn: move.date, requestMonth: requestBatch(move.date), replacesId, restoration: true },
  });
}
