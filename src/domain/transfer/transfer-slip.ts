import { EXIT_TRANSFER_NOT_SUBMITTED } from '../rules/exit.params.js';
import { paramOn } from '../rules/params.js';
import { periodEnd } from '../rules/period.js';
import { REC_SLIP_CHECK_PERIOD } from '../rules/records.params.js';
import { TRF_SLIP_KINDS } from '../rules/transfer.params.js';
import type { TransferKind } from './transfer-rules.js';

// Transfer slips (phiếu báo chuyển sinh hoạt đảng), v1. R-TRF-09: with the transfer letter the
// cấp trên trực tiếp sends 2 slips — one to the receiving cấp ủy, which returns it ("báo nhận")
// once the member has presented the dossier, and one kept by the sending side. One slip record
// per transfer case carries both: its number, the day it was issued, where it was sent, where the
// second copy went, and the day it came back. R-REC-08: slips are checked every 3 months; R-EXIT-05:
// a dossier not presented more than 3 months after the slip grounds a removal (the exit case's).

export type SlipIssueProblem =
  | { readonly problem: 'no_letter' }
  | { readonly problem: 'kind_without_slip'; readonly kind: TransferKind }
  | { readonly problem: 'before_letter'; readonly letterDate: string };

/** R-TRF-09: whether slips may be issued on `issuedOn` for a case with this letter (null: yes). */
export function slipIssueProblem(c: { readonly kind: TransferKind; readonly letterDate: string | null }, issuedOn: string): SlipIssueProblem | null {
  if (c.letterDate === null) return { problem: 'no_letter' };
  // [I] which letters carry slips (TRF_SLIP_KINDS), from the version in force on the letter's day.
  if (!paramOn(TRF_SLIP_KINDS, c.letterDate).includes(c.kind)) return { problem: 'kind_without_slip', kind: c.kind };
  if (issuedOn < c.letterDate) return { problem: 'before_letter', letterDate: c.letterDate };
  return null;
}

export type SlipReturnProblem = { readonly problem: 'already_returned'; readonly returnedOn: string } | { readonly problem: 'before_issue'; readonly issuedOn: string };

/** R-TRF-09: the receiving side returns the slip once, not before it was issued. */
export function slipReturnProblem(s: { readonly issuedOn: string; readonly returnedOn: string | null }, returnedOn: string): SlipReturnProblem | null {
  if (s.returnedOn !== null) return { problem: 'already_returned', returnedOn: s.returnedOn };
  if (returnedOn < s.issuedOn) return { problem: 'before_issue', issuedOn: s.issuedOn };
  return null;
}

/** R-REC-08: the day by which a slip issued on `issuedOn` is checked (3 months on). */
export function slipCheckDue(issuedOn: string): string {
  return periodEnd(issuedOn, paramOn(REC_SLIP_CHECK_PERIOD, issuedOn));
}

/** R-REC-08: a slip not returned by its check day is one the clerk chases on `today`. */
export function slipOverdue(s: { readonly issuedOn: string; readonly returnedOn: string | null }, today: string): boolean {
  return s.returnedOn === null && today > slipCheckDue(s.issuedOn);
}

/** R-EXIT-05: the last day the dossier may be presented after the slip (3 months on). */
export function dossierLapseDate(issuedOn: string): string {
  return periodEnd(issuedOn, paramOn(EXIT_TRANSFER_NOT_SUBMITTED, issuedOn));
}

/**
 * R-EXIT-05: on `today` the member has gone more than 3 months after the slip without presenting
 * the dossier: the slip has not come back and the receiving side has recorded no receipt. "Without
 * good reason" is the chi bộ's judgement: the list shows who, the removal case decides.
 */
export function dossierLapsed(s: { readonly issuedOn: string; readonly returnedOn: string | null; readonly receivedOn: string | null }, today: string): boolean {
  return s.returnedOn === null && s.receivedOn === null && today > dossierLapseDate(s.issuedOn);
}
