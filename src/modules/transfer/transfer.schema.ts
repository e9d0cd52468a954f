import { z } from 'zod';
import { isoDate } from '../../http/schemas.js';
import { TRANSFER_BLOCK_KINDS } from '../../domain/transfer/transfer-blockers.js';
import { TRANSFER_STATES, TRANSFER_STEP_KINDS } from '../../domain/transfer/transfer-case.js';
import { LETTER_ISSUERS, LETTER_TYPES, TEMPORARY_BASES, TRANSFER_DESTINATIONS, TRANSFER_KINDS } from '../../domain/transfer/transfer-rules.js';

// Shapes of the transfer case (issue 5 item 4) and of the transfer-block flag (R-TRF-04).

export const openTransferBody = z.strictObject({
  memberId: z.number().int().positive(),
  kind: z.enum(TRANSFER_KINDS),
  reason: z.string().trim().min(1).max(500),
  /** The decision taking effect or the move (R-TRF-01); for a temporary transfer, the start of the stay. */
  causeDate: isoDate,
  openedOn: isoDate,
  destination: z.enum(TRANSFER_DESTINATIONS),
  /** The receiving cell, for a destination inside this installation. */
  destinationOrgId: z.number().int().positive().nullish(),
  /** Or its code, as the two offices exchange it: the receiving cell may lie outside the sender's scope. */
  destinationOrgCode: z.string().trim().max(50).nullish(),
  /** The receiving organization in words, for a destination outside it or abroad. */
  destinationText: z.string().trim().max(300).nullish(),
  /** Temporary only (R-TRF-06). */
  temporaryBasis: z.enum(TEMPORARY_BASES).nullish(),
  endDate: isoDate.nullish(),
});
export type OpenTransferInput = z.infer<typeof openTransferBody>;

const common = { date: isoDate, version: z.number().int().positive(), notes: z.string().trim().max(2000).nullish() };

export const recordTransferStepBody = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('self_review'), ...common }),
  z.strictObject({ kind: z.literal('dues'), ...common, paidThrough: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'Tháng đóng đảng phí phải có dạng YYYY-MM') }),
  z.strictObject({ kind: z.literal('letter'), ...common, letterNo: z.string().trim().min(1).max(100) }),
  z.strictObject({ kind: z.literal('receipt'), ...common, senderConfirmed: z.boolean() }),
  z.strictObject({ kind: z.literal('completion'), ...common }),
]);
export type RecordTransferStepInput = z.infer<typeof recordTransferStepBody>;

export const transferStep = z.object({
  id: z.number(),
  kind: z.enum(TRANSFER_STEP_KINDS),
  date: z.string(),
  recordedBy: z.number().nullable(),
  decisionNo: z.string().nullable(),
  outcome: z.enum(['done', 'passed', 'failed']),
  votes: z.object({ members: z.number(), inFavour: z.number(), against: z.number() }).nullable(),
  notes: z.string().nullable(),
  details: z.record(z.string(), z.unknown()),
});

export const transferBlock = z.object({
  id: z.number(),
  memberId: z.number(),
  kind: z.enum(TRANSFER_BLOCK_KINDS),
  since: z.string(),
  reason: z.string(),
  setBy: z.number().nullable(),
  setAt: z.string(),
});
export type TransferBlockOut = z.infer<typeof transferBlock>;

export const transferCase = z.object({
  id: z.number(),
  member: z.object({ id: z.number(), fullName: z.string(), birthDate: z.string(), status: z.string() }),
  kind: z.enum(TRANSFER_KINDS),
  temporaryBasis: z.enum(TEMPORARY_BASES).nullable(),
  reason: z.string(),
  causeDate: z.string(),
  endDate: z.string().nullable(),
  openedOn: z.string(),
  closedOn: z.string().nullable(),
  state: z.enum(TRANSFER_STATES),
  source: z.object({ orgId: z.number(), name: z.string() }),
  destination: z.object({ scope: z.enum(TRANSFER_DESTINATIONS), orgId: z.number().nullable(), name: z.string() }),
  nextStep: z.enum(TRANSFER_STEP_KINDS).nullable(),
  /** Whose turn it is, and whether the caller holds that end. */
  nextSide: z.enum(['sending', 'receiving']).nullable(),
  callerSides: z.object({ sending: z.boolean(), receiving: z.boolean() }),
  deadlines: z.array(z.object({ step: z.enum(TRANSFER_STEP_KINDS), ruleId: z.string(), due: z.string(), dueWithExtension: z.string().nullable() })),
  selfReviewDate: z.string().nullable(),
  dues: z.object({ date: z.string(), paidThrough: z.string() }).nullable(),
  /** The letter as issued, or as it will be (type R-TRF-09, issuer R-TRF-03 on today's rules). */
  letter: z.object({ issued: z.boolean(), date: z.string().nullable(), letterNo: z.string().nullable(), type: z.enum(LETTER_TYPES), issuer: z.enum(LETTER_ISSUERS) }),
  receivedOn: z.string().nullable(),
  completedOn: z.string().nullable(),
  /** Open matters of R-TRF-04 on the member: while any is open, no letter and no official completion. */
  blocks: z.array(z.object({ kind: z.enum(TRANSFER_BLOCK_KINDS), since: z.string(), reason: z.string() })),
  version: z.number(),
  steps: z.array(transferStep),
});
export type TransferCase = z.infer<typeof transferCase>;

const listOf = (values: readonly string[], what: string) =>
  z
    .string()
    .regex(new RegExp(`^(${values.join('|')})(,(${values.join('|')}))*$`), `${what} không hợp lệ`)
    .optional();

export const listTransfersQuery = z.object({
  state: listOf(TRANSFER_STATES, 'Trạng thái'),
  kind: z.enum(TRANSFER_KINDS).optional(),
  /** out: sent from the caller's subtrees (or org); in: arriving there. */
  direction: z.enum(['in', 'out']).optional(),
  org: z.coerce.number().int().positive().optional(),
  member: z.coerce.number().int().positive().optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});
export type ListTransfersQuery = z.infer<typeof listTransfersQuery>;

export const transferList = z.object({ items: z.array(transferCase.omit({ steps: true })), total: z.number() });
export type TransferList = z.infer<typeof transferList>;

export const attachedQuery = z.object({ org: z.coerce.number().int().positive().optional() });

export const attachedList = z.object({
  hosts: z.array(
    z.object({
      org: z.object({ id: z.number(), name: z.string() }),
      /** R-TRF-08: official members among them; a temporary chi bộ is suggested from the threshold on. */
      officialCount: z.number(),
      temporaryCellSuggested: z.boolean(),
      members: z.array(
        z.object({ caseId: z.number(), memberId: z.number(), fullName: z.string(), status: z.string(), homeOrg: z.object({ id: z.number(), name: z.string() }), since: z.string().nullable(), endDate: z.string().nullable() }),
      ),
    }),
  ),
});
export type AttachedList = z.infer<typeof attachedList>;

export const setBlockBody = z.strictObject({
  kind: z.enum(TRANSFER_BLOCK_KINDS),
  since: isoDate,
  reason: z.string().trim().min(1).max(1000),
});
export type SetBlockInput = z.infer<typeof setBlockBody>;

export const clearBlockBody = z.strictObject({
  clearedOn: isoDate,
  reason: z.string().trim().max(1000).nullish(),
});
export type ClearBlockInput = z.infer<typeof clearBlockBody>;

export const blockState = z.object({ block: transferBlock.nullable() });
export type BlockState = z.infer<typeof blockState>;
