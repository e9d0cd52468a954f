import { addMonths } from '../calendar/iso-date.js';
import { paramOn } from '../rules/params.js';
import { DOSSIER_RECONCILIATION_MONTHS } from '../rules/records.params.js';

// The member's dossier (hồ sơ đảng viên) as a thing kept, lent and handed on (rules.md §5):
// who keeps it (R-REC-06), its movements as the handover and loan register records them
// (R-REC-11), and the six-monthly reconciliation of dossiers with the member list (R-REC-08).

export type DossierMovementKind = 'received' | 'handed_over' | 'lent';
/** Why a keeper received a dossier: a new member, a member transferred in, a dissolved org's dossiers (R-ORG-17). */
export const RECEIVE_REASONS = ['admission', 'transfer_in', 'dissolution', 'other'] as const;
/** Why a keeper handed a dossier on: transfer out, dissolution (R-ORG-17), to the upper level. */
export const HANDOVER_REASONS = ['transfer_out', 'dissolution', 'to_superior', 'other'] as const;
export type ReceiveReason = (typeof RECEIVE_REASONS)[number];
export type HandoverReason = (typeof HANDOVER_REASONS)[number];

/** One row of the register, as much of it as the rules look at. */
export interface DossierMovementFact {
  readonly id: number;
  readonly kind: DossierMovementKind;
  readonly holderOrgId: number;
  readonly date: string;
  /** A loan only: the day it came back, null while out. */
  readonly returnedOn: string | null;
}

export type DossierState =
  | { readonly state: 'none' }
  | { readonly state: 'held'; readonly holderOrgId: number; readonly since: string }
  | { readonly state: 'on_loan'; readonly holderOrgId: number; readonly since: string; readonly loanId: number }
  | { readonly state: 'handed_over'; readonly holderOrgId: number; readonly since: string };

/** The last day something happened to the dossier (a return counts), or null. */
export function lastMovementDate(movements: readonly DossierMovementFact[]): string | null {
  let last: string | null = null;
  for (const m of movements) {
    const d = m.returnedOn !== null && m.returnedOn > m.date ? m.returnedOn : m.date;
    if (last === null || d > last) last = d;
  }
  return last;
}

/**
 * R-REC-06/11: where the dossier is after its movements (in register order: date, then entry).
 * A loan leaves it the keeper's, out of the cabinet until returned; a handover ends the keeper's
 * custody until someone records receiving it.
 */
export function dossierState(movements: readonly DossierMovementFact[]): DossierState {
  const last = movements[movements.length - 1];
  if (!last) return { state: 'none' };
  if (last.kind === 'handed_over') return { state: 'handed_over', holderOrgId: last.holderOrgId, since: last.date };
  if (last.kind === 'lent' && last.returnedOn === null) return { state: 'on_loan', holderOrgId: last.holderOrgId, since: last.date, loanId: last.id };
  const since = last.kind === 'lent' ? last.returnedOn! : last.date;
  return { state: 'held', holderOrgId: last.holderOrgId, since };
}

/**
 * R-REC-06: who may keep a member's dossier: the grassroots org (its cấp ủy cơ sở), or otherwise
 * the direct superior, which also keeps the dossiers of a dissolved grassroots org (R-ORG-17).
 * `chain` runs from the root to the member's org; `directSuperior` is the one records.orgs.ts finds.
 */
export function dossierKeepers<T extends { readonly id: number; readonly org_type: string }>(chain: readonly T[], directSuperior: T | null): T[] {
  let grassroots: T | null = null;
  for (let k = chain.length - 1; k >= 0 && grassroots === null; k--) {
    const t = chain[k]!.org_type;
    if (t === 'grassroots_committee' || t === 'grassroots_cell') grassroots = chain[k]!;
  }
  const out: T[] = [];
  if (grassroots) out.push(grassroots);
  if (directSuperior && directSuperior.id !== grassroots?.id) out.push(directSuperior);
  return out;
}

export type MovementRefusal =
  /** Receiving a dossier already in a keeper's hands (held or lent). */
  | 'already_held'
  /** Lending or handing over a dossier out on loan: it must come back first. */
  | 'on_loan'
  /** Lending or handing over a dossier this keeper does not hold. */
  | 'not_held'
  /** A movement dated before the register's last entry for this dossier: history is not rewritten. */
  | 'before_last'
  /** A loan due back before the day it was lent. */
  | 'due_before_loan';

export interface NewMovement {
  readonly kind: DossierMovementKind;
  /** The keeper receiving it; for a loan or handover, the keeper acting (the current one). */
  readonly holderOrgId: number;
  readonly date: string;
  readonly dueBack?: string | null;
}

/** R-REC-06/11: why a new movement may not be recorded after `movements`, or null. */
export function movementRefusal(movements: readonly DossierMovementFact[], m: NewMovement): MovementRefusal | null {
  const s = dossierState(movements);
  if (m.kind === 'received') {
    if (s.state === 'held' || s.state === 'on_loan') return 'already_held';
  } else {
    if (s.state === 'on_loan') return 'on_loan';
    if (s.state !== 'held' || s.holderOrgId !== m.holderOrgId) return 'not_held';
  }
  const last = lastMovementDate(movements);
  if (last !== null && m.date < last) return 'before_last';
  if (m.kind === 'lent' && m.dueBack != null && m.dueBack < m.date) return 'due_before_loan';
  return null;
}

export type ReturnRefusal = 'not_lent' | 'return_before_loan';

/** R-REC-11: why a return may not be recorded on this register row, or null. */
export function returnRefusal(row: DossierMovementFact, returnedOn: string): ReturnRefusal | null {
  if (row.kind !== 'lent' || row.returnedOn !== null) return 'not_lent';
  if (returnedOn < row.date) return 'return_before_loan';
  return null;
}

/** R-REC-11: a loan is overdue once its due-back day has passed without a return. */
export function loanOverdue(loan: { readonly kind: DossierMovementKind; readonly dueBack: string | null; readonly returnedOn: string | null }, today: string): boolean {
  return loan.kind === 'lent' && loan.returnedOn === null && loan.dueBack !== null && loan.dueBack < today;
}

/**
 * R-REC-08: the day the next reconciliation of dossiers with the member list is due: six months
 * (the version in force on the last one) after the last, or at once when there has been none.
 */
export function nextReconciliationDue(lastReconciledOn: string | null, today: string): string {
  if (lastReconciledOn === null) return today;
  return addMonths(lastReconciledOn, paramOn(DOSSIER_RECONCILIATION_MONTHS, lastReconciledOn));
}

export interface ReconciliationDifferences<Id> {
  /** Members on the org's list whose dossier no keeper of the org holds. */
  readonly withoutDossier: Id[];
  /** Dossiers held by the org's keepers for people not on its member list. */
  readonly notOnList: Id[];
}

/** R-REC-08: the comparison itself, each side in the order given. */
export function compareDossiers<Id>(membersOnList: readonly Id[], dossiersHeld: readonly Id[]): ReconciliationDifferences<Id> {
  const held = new Set(dossiersHeld);
  const listed = new Set(membersOnList);
  return { withoutDossier: membersOnList.filter((m) => !held.has(m)), notOnList: dossiersHeld.filter((d) => !listed.has(d)) };
}
