import { z } from 'zod';
import { EXEMPTION_KINDS, EXEMPTION_OTHER_REASONS } from '../../domain/exit/exemption.js';
import { REMOVAL_GROUNDS, REMOVAL_STATES, REMOVAL_STEP_KINDS } from '../../domain/exit/removal-case.js';
import { isoDate } from '../../http/schemas.js';

// Shapes of exits (issue 5 item 5): the removal case (xóa tên) with its steps, leaving on
// request, death, and exemptions from work and meetings.

const votes = z.strictObject({
  members: z.number().int().min(0),
  inFavour: z.number().int().min(0),
  against: z.number().int().min(0),
});
const notes = z.string().trim().max(2000).nullish();
const docNo = z.string().trim().min(1).max(100);

export const openRemovalBody = z.strictObject({
  memberId: z.number().int().positive(),
  openedOn: isoDate,
  grounds: z.array(z.enum(REMOVAL_GROUNDS)).min(1).max(REMOVAL_GROUNDS.length),
  groundsNote: notes,
});
export type OpenRemovalInput = z.infer<typeof openRemovalBody>;

const common = { date: isoDate, version: z.number().int().positive(), notes };
const authority = z.enum(['authorized_grassroots_committee', 'superior_standing_committee', 'provincial_standing']);

export const recordRemovalStepBody = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('self_review_request'), ...common, reply: z.enum(['reviewed', 'refused', 'no_reply']) }),
  z.strictObject({ kind: z.literal('cell_resolution'), ...common, resolutionNo: docNo, votes }),
  z.strictObject({ kind: z.literal('grassroots_resolution'), ...common, resolutionNo: docNo, votes }),
  z.strictObject({ kind: z.literal('decision'), ...common, decisionNo: docNo, authority, votes }),
  z.strictObject({ kind: z.literal('notification'), ...common }),
  z.strictObject({ kind: z.literal('appeal'), ...common, level: z.enum(['provincial', 'central']), byMember: z.boolean() }),
  z.strictObject({ kind: z.literal('appeal_resolution'), ...common, decisionNo: docNo, result: z.enum(['upheld', 'rejected']) }),
  z.strictObject({ kind: z.literal('finalize'), ...common }),
]);
export type RecordRemovalStepInput = z.infer<typeof recordRemovalStepBody>;

const voteCounts = z.object({ members: z.number(), inFavour: z.number(), against: z.number() }).nullable();
const resolution = z.object({ date: z.string(), resolutionNo: z.string().nullable(), votes: voteCounts }).nullable();

export const removalStep = z.object({
  id: z.number(),
  kind: z.enum(REMOVAL_STEP_KINDS),
  date: z.string(),
  recordedBy: z.number().nullable(),
  decisionNo: z.string().nullable(),
  outcome: z.enum(['done', 'passed', 'failed']),
  votes: voteCounts,
  notes: z.string().nullable(),
  details: z.record(z.string(), z.unknown()),
});

export const removalCase = z.object({
  id: z.number(),
  member: z.object({ id: z.number(), fullName: z.string(), birthDate: z.string(), status: z.string() }),
  orgId: z.number(),
  state: z.enum(REMOVAL_STATES),
  openedOn: z.string(),
  closedOn: z.string().nullable(),
  grounds: z.array(z.enum(REMOVAL_GROUNDS)),
  groundsNote: z.string().nullable(),
  nextSteps: z.array(z.enum(REMOVAL_STEP_KINDS)),
  deadlines: z.array(z.object({ step: z.enum(REMOVAL_STEP_KINDS), ruleId: z.string(), due: z.string(), dueWithExtension: z.string().nullable() })),
  /** R-EXIT-03: requests made, and those refused or unanswered; the parameter says how many let the chi bộ proceed. */
  selfReview: z.object({ requests: z.number(), refusals: z.number(), requestsBeforeProceeding: z.number().nullable(), date: z.string().nullable() }),
  cellResolution: resolution,
  grassrootsResolution: resolution,
  decision: z.object({ date: z.string(), decisionNo: z.string().nullable(), authority: z.string().nullable(), votes: voteCounts }).nullable(),
  notifiedOn: z.string().nullable(),
  /** R-EXIT-04: the last day to appeal, once the member has received the decision. */
  appealWindowEnds: z.string().nullable(),
  appeal: z.object({ date: z.string(), level: z.enum(['provincial', 'central']), resolutionDue: z.string().nullable() }).nullable(),
  appealResolution: z.object({ date: z.string(), decisionNo: z.string().nullable(), result: z.enum(['upheld', 'rejected']) }).nullable(),
  /** R-AGE-04: after an upheld appeal, the gap whose dues the member owes ([from, to)). */
  duesOwed: z.object({ from: z.string(), to: z.string() }).nullable(),
  version: z.number(),
  steps: z.array(removalStep),
});
export type RemovalCase = z.infer<typeof removalCase>;

const stateList = new RegExp(`^(${REMOVAL_STATES.join('|')})(,(${REMOVAL_STATES.join('|')}))*$`);
const page = {
  org: z.coerce.number().int().positive().optional(),
  member: z.coerce.number().int().positive().optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
};
export const listRemovalQuery = z.object({ state: z.string().regex(stateList, 'Trạng thái không hợp lệ').optional(), ...page });
export type ListRemovalQuery = z.infer<typeof listRemovalQuery>;

export const removalList = z.object({ items: z.array(removalCase.omit({ steps: true })), total: z.number() });
export type RemovalList = z.infer<typeof removalList>;

// ---- leaving on request, death -----------------------------------------------------------------

export const withdrawalBody = z.strictObject({
  memberId: z.number().int().positive(),
  requestDate: isoDate,
  decisionDate: isoDate,
  decisionNo: docNo,
  /** R-EXIT-07: whether the member is violating the qualifications of a party member. */
  violating: z.boolean(),
  version: z.number().int().positive(),
  notes,
});
export type WithdrawalInput = z.infer<typeof withdrawalBody>;

export const deathBody = z.strictObject({
  memberId: z.number().int().positive(),
  dateOfDeath: isoDate,
  version: z.number().int().positive(),
  notes,
});
export type DeathInput = z.infer<typeof deathBody>;

export const exitResult = z.object({
  memberId: z.number(),
  fullName: z.string(),
  status: z.string(),
  statusSince: z.string(),
  reason: z.string(),
  version: z.number(),
});
export type ExitResult = z.infer<typeof exitResult>;

// ---- exemptions --------------------------------------------------------------------------------

export const createExemptionBody = z.strictObject({
  memberId: z.number().int().positive(),
  kind: z.enum(EXEMPTION_KINDS),
  otherReason: z.enum(EXEMPTION_OTHER_REASONS).nullish(),
  from: isoDate,
  to: isoDate.nullish(),
  decidedBy: z.enum(['cell', 'grassroots_committee', 'superior_standing_committee']),
  decisionDate: isoDate,
  decisionNo: z.string().trim().max(100).nullish(),
  documents: z.array(z.string().trim().min(1).max(300)).max(20).default([]),
  notes,
});
export type CreateExemptionInput = z.infer<typeof createExemptionBody>;

export const endExemptionBody = z.strictObject({
  date: isoDate,
  decisionNo: z.string().trim().max(100).nullish(),
  version: z.number().int().positive(),
});
export type EndExemptionInput = z.infer<typeof endExemptionBody>;

export const exemption = z.object({
  id: z.number(),
  member: z.object({ id: z.number(), fullName: z.string(), status: z.string() }),
  orgId: z.number(),
  kind: z.enum(EXEMPTION_KINDS),
  otherReason: z.enum(EXEMPTION_OTHER_REASONS).nullable(),
  from: z.string(),
  to: z.string().nullable(),
  decidedBy: z.string(),
  decisionDate: z.string(),
  decisionNo: z.string().nullable(),
  documents: z.array(z.string()),
  notes: z.string().nullable(),
  endedOn: z.string().nullable(),
  endDecisionNo: z.string().nullable(),
  version: z.number(),
});
export type Exemption = z.infer<typeof exemption>;

export const listExemptionQuery = z.object({ current: z.enum(['true', 'false']).optional(), ...page });
export type ListExemptionQuery = z.infer<typeof listExemptionQuery>;
export const exemptionList = z.object({ items: z.array(exemption), total: z.number() });
export type ExemptionList = z.infer<typeof exemptionList>;
