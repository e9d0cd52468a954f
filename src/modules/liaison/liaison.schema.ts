import { z } from 'zod';
import { LIAISON_RATINGS } from '../../domain/transfer/residence-liaison.js';
import { isoDate } from '../../http/schemas.js';

// Shapes of residence liaison (R-TRF-16): referrals, yearly comments, the due list and the register.

export const referBody = z.strictObject({
  memberId: z.number().int().positive(),
  /** The chi bộ where the member lives, when it is in this installation (it may lie outside the caller's scope). */
  residenceOrgId: z.number().int().positive().nullish(),
  /** Its name as written on the letter; required when residenceOrgId is not given. */
  residenceName: z.string().trim().max(300).nullish(),
  referredOn: isoDate,
  letterNo: z.string().trim().max(100).nullish(),
});
export type ReferInput = z.infer<typeof referBody>;

export const commentBody = z.strictObject({
  year: z.number().int().min(2000).max(2100),
  rating: z.enum(LIAISON_RATINGS),
  comment: z.string().trim().min(1).max(4000),
  commentedOn: isoDate,
});
export type CommentInput = z.infer<typeof commentBody>;

export const endBody = z.strictObject({
  endedOn: isoDate,
  reason: z.string().trim().max(1000).nullish(),
  version: z.number().int().positive(),
});
export type EndInput = z.infer<typeof endBody>;

export const liaisonComment = z.object({ id: z.number(), year: z.number(), rating: z.enum(LIAISON_RATINGS), comment: z.string(), commentedOn: z.string() });

export const residenceLiaison = z.object({
  id: z.number(),
  member: z.object({ id: z.number(), fullName: z.string(), birthDate: z.string(), status: z.string() }),
  /** The member's own (workplace) org. */
  org: z.object({ id: z.number(), name: z.string() }),
  residence: z.object({ orgId: z.number().nullable(), name: z.string() }),
  referredOn: z.string(),
  letterNo: z.string().nullable(),
  endedOn: z.string().nullable(),
  endReason: z.string().nullable(),
  comments: z.array(liaisonComment),
  /** R-TRF-16: this year's comment is still owed. */
  commentDue: z.boolean(),
  /** Which ends the caller holds: the workplace end refers and ends, either end comments. */
  callerSides: z.object({ workplace: z.boolean(), residence: z.boolean() }),
  version: z.number(),
});
export type ResidenceLiaison = z.infer<typeof residenceLiaison>;

export const memberLiaisons = z.object({ items: z.array(residenceLiaison) });

export const dueQuery = z.object({
  org: z.coerce.number().int().positive().optional(),
  year: z.coerce.number().int().min(2000).max(2100).optional().describe('Năm nhận xét; mặc định năm nay'),
});
export type DueQuery = z.infer<typeof dueQuery>;
export const dueList = z.object({ year: z.number(), items: z.array(residenceLiaison) });

export const liaisonRegisterQuery = z.object({ org: z.coerce.number().int().positive().optional() });
export type LiaisonRegisterQuery = z.infer<typeof liaisonRegisterQuery>;
