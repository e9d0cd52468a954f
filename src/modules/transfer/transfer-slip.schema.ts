import { z } from 'zod';
import { isoDate } from '../../http/schemas.js';

// Shapes of transfer slips (phiếu báo, R-TRF-09) and their check lists (R-REC-08, R-EXIT-05).

export const issueSlipBody = z.strictObject({
  slipNo: z.string().trim().min(1).max(100),
  issuedOn: isoDate,
  /** The receiving cấp ủy the slip goes to; default: the destination of the case. */
  sentTo: z.string().trim().min(1).max(300).nullish(),
  /** Where the second slip went (kept by the issuer or sent to the sending cấp ủy). */
  copyTo: z.string().trim().max(300).nullish(),
});
export type IssueSlipInput = z.infer<typeof issueSlipBody>;

export const returnSlipBody = z.strictObject({
  returnedOn: isoDate,
  note: z.string().trim().max(1000).nullish(),
  version: z.number().int().positive(),
});
export type ReturnSlipInput = z.infer<typeof returnSlipBody>;

export const transferSlip = z.object({
  id: z.number(),
  caseId: z.number(),
  slipNo: z.string(),
  issuedOn: z.string(),
  sentTo: z.string(),
  copyTo: z.string().nullable(),
  returnedOn: z.string().nullable(),
  returnNote: z.string().nullable(),
  /** R-REC-08: the day the slip is checked (3 months after issue); overdue: not back by then. */
  checkDue: z.string().nullable(),
  overdue: z.boolean(),
  /** R-EXIT-05: the last day for the dossier (3 months after the slip); lapsed: neither slip back nor receipt after it. */
  lapseDate: z.string().nullable(),
  lapsed: z.boolean(),
  version: z.number(),
});
export type TransferSlip = z.infer<typeof transferSlip>;

export const caseSlip = z.object({ slip: transferSlip.nullable() });

export const slipListItem = transferSlip.extend({
  member: z.object({ id: z.number(), fullName: z.string(), birthDate: z.string() }),
  sourceName: z.string(),
  destinationName: z.string(),
  caseState: z.string(),
  letterNo: z.string().nullable(),
  letterDate: z.string().nullable(),
  receivedOn: z.string().nullable(),
  /** The member's open removal case (R-EXIT-05 is decided there), when the caller sees it. */
  exitCaseId: z.number().nullable(),
});
export type SlipListItem = z.infer<typeof slipListItem>;

export const slipListQuery = z.object({
  org: z.coerce.number().int().positive().optional(),
  /** all: every slip; overdue: not back after the check period (R-REC-08); lapsed: dossier not presented > 3 months (R-EXIT-05). */
  filter: z.enum(['all', 'overdue', 'lapsed']).default('all'),
});
export type SlipListQuery = z.infer<typeof slipListQuery>;
export const slipList = z.object({ items: z.array(slipListItem) });

export const slipRegisterQuery = z.object({ org: z.coerce.number().int().positive().optional() });
export type SlipRegisterQuery = z.infer<typeof slipRegisterQuery>;
