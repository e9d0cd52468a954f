import { isValidPartyCardNo } from '../member-validation.js';
import type { MemberStatus } from '../member-status.js';
import { paramOn } from '../rules/params.js';
import { PARTY_CARD_MODEL, type PartyCardModel } from '../rules/records.params.js';

// Party cards (rules.md §5): who may get one (R-REC-01), its number under the model in force on
// the day of the decision (R-REC-02), what becomes of it when the member leaves (R-REC-04), the
// yearly check (R-REC-05) and the monthly request batch (R-REC-02).

export type CardStatus = 'requested' | 'decided' | 'handed_over' | 'recovered' | 'kept_by_family' | 'lost' | 'damaged' | 'cancelled';
/** A card still with (or on its way to) its member. */
export const OPEN_CARD_STATUSES: readonly CardStatus[] = ['requested', 'decided', 'handed_over'];
export type CardClosing = 'recovered' | 'kept_by_family' | 'lost' | 'damaged';

/**
 * R-REC-01: cards are issued only to official members. An exempt member is an official member
 * excused from activities (R-EXIT-10), so they keep the right; a probationary member does not.
 */
export function mayHoldCard(status: MemberStatus): boolean {
  return status === 'official' || status === 'exempt';
}

/** R-REC-02: the model of a card decided on `decisionDate` (RuleNotInForceError before the first version). */
export function cardModelOn(decisionDate: string): PartyCardModel {
  return paramOn(PARTY_CARD_MODEL, decisionDate);
}

export type CardNumberOutcome =
  | { ok: true; cardNo: string; model: PartyCardModel['model'] }
  | { ok: false; issue: 'needs_citizen_id' | 'not_citizen_id' | 'needs_number' | 'invalid_number' };

/**
 * R-REC-02: the card number. Under QĐ 347 it is the citizen ID (a typed number must equal it);
 * under the old model the typed number of 6 to 12 digits.
 */
export function cardNumber(decisionDate: string, citizenId: string | null, typed: string | null): CardNumberOutcome {
  const model = cardModelOn(decisionDate);
  if (model.numberIsCitizenId) {
    if (citizenId === null || !/^[0-9]{12}$/.test(citizenId)) return { ok: false, issue: 'needs_citizen_id' };
    if (typed !== null && typed !== citizenId) return { ok: false, issue: 'not_citizen_id' };
    return { ok: true, cardNo: citizenId, model: model.model };
  }
  if (typed === null) return { ok: false, issue: 'needs_number' };
  if (!isValidPartyCardNo(typed) || typed.length < model.minDigits || typed.length > model.maxDigits) return { ok: false, issue: 'invalid_number' };
  return { ok: true, cardNo: typed, model: model.model };
}

/**
 * R-REC-04: how a card may be closed given the member's status. On death the family keeps it; a
 * removed, expelled or withdrawn member's card is recovered by the chi bộ; a lost or damaged card
 * is reported while the member is on the rolls (and a reissue is requested).
 */
export function closingAllowed(closing: CardClosing, memberStatus: MemberStatus): boolean {
  switch (closing) {
    case 'kept_by_family':
      return memberStatus === 'deceased';
    case 'recovered':
      return memberStatus === 'removed' || memberStatus === 'expelled' || memberStatus === 'withdrawn';
    case 'lost':
    case 'damaged':
      return mayHoldCard(memberStatus);
  }
}

/** The closing R-REC-04 expects for a member who left, or null while they are on the rolls. */
export function closingOnExit(memberStatus: MemberStatus): CardClosing | null {
  if (memberStatus === 'deceased') return 'kept_by_family';
  if (memberStatus === 'removed' || memberStatus === 'expelled' || memberStatus === 'withdrawn') return 'recovered';
  return null;
}

/**
 * R-REC-04 on exit: what becomes of the member's open card on the day they leave the rolls, or
 * null when nothing does (no open card, or a status that keeps it, such as a transfer out, where
 * the card goes with the member). A request not yet decided was never printed: there is nothing
 * to recover or for the family to keep, so the request lapses ('cancelled').
 */
export function cardEndOnExit(memberStatus: MemberStatus, cardStatus: CardStatus): CardStatus | null {
  const closing = closingOnExit(memberStatus);
  if (closing === null || !OPEN_CARD_STATUSES.includes(cardStatus)) return null;
  return cardStatus === 'requested' ? 'cancelled' : closing;
}

/**
 * R-REC-04 with R-AGE-04: a member restored after a wrongful removal had their card recovered
 * and sent up (or their pending request lapsed) by the removal. Membership is continuous, so the
 * card comes back, but as a new request in the month's batch rather than by reopening the closed
 * card: the recovered card has left the chi bộ, the closed row is history (R-REC-06), and the
 * direct superior decides every card (R-REC-01). A recovered card is reissued (replacing it); a
 * lapsed request is made again. Nothing when the member comes back probationary (R-REC-01) or
 * had no card ended by the removal.
 */
export function cardOnRestoration(restoredStatus: MemberStatus, lastCard: { status: CardStatus } | null): { reason: 'new' | 'reissue'; replacesLast: boolean } | null {
  if (!mayHoldCard(restoredStatus) || lastCard === null) return null;
  if (lastCard.status === 'recovered') return { reason: 'reissue', replacesLast: true };
  if (lastCard.status === 'cancelled') return { reason: 'new', replacesLast: false };
  return null;
}

/** R-REC-02: requests go up in monthly batches; a request belongs to the month it was made in. */
export function requestBatch(requestedOn: string): string {
  return requestedOn.slice(0, 7);
}

/** R-REC-05: the chi bộ checks each card every year; is this card's check of `year` still to do? */
export function checkDue(lastCheckedOn: string | null, year: number): boolean {
  return lastCheckedOn === null || Number(lastCheckedOn.slice(0, 4)) < year;
}
