import { z } from 'zod';
import { isoDate } from '../../http/schemas.js';
import { RECOGNITION_STATES, RECOGNITION_STEP_KINDS } from '../../domain/probation/recognition-case.js';
import { checklistItem } from '../admission/admission.schema.js';

// Shapes of the recognition case of a probationary member (issue 5 item 3).

export const openRecognitionBody = z.strictObject({
  memberId: z.number().int().positive(),
  openedOn: isoDate,
});
export type OpenRecognitionInput = z.infer<typeof openRecognitionBody>;

const votes = z.strictObject({
  members: z.number().int().min(0),
  inFavour: z.number().int().min(0),
  against: z.number().int().min(0),
});

const common = { date: isoDate, version: z.number().int().positive(), notes: z.string().trim().max(2000).nullish() };
const authority = z.enum(['authorized_grassroots_committee', 'superior_standing_committee', 'provincial_standing']);

export const recordRecognitionStepBody = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('self_review'), ...common }),
  z.strictObject({
    kind: z.literal('cell_resolution'),
    ...common,
    resolutionNo: z.string().trim().min(1).max(100),
    proposal: z.enum(['recognize', 'remove']),
    votes,
  }),
  z.strictObject({ kind: z.literal('grassroots_resolution'), ...common, resolutionNo: z.string().trim().min(1).max(100), votes }),
  z.strictObject({
    kind: z.literal('decision'),
    ...common,
    decisionNo: z.string().trim().min(1).max(100),
    authority,
    result: z.enum(['recognized', 'removed']),
    votes,
  }),
]);
export type RecordRecognitionStepInput = z.infer<typeof recordRecognitionStepBody>;

const voteCounts = z.object({ members: z.number(), inFavour: z.number(), against: z.number() }).nullable();

export const recognitionStep = z.object({
  id: z.number(),
  kind: z.enum(RECOGNITION_STEP_KINDS),
  date: z.string(),
  recordedBy: z.number().nullable(),
  decisionNo: z.string().nullable(),
  outcome: z.enum(['done', 'passed', 'failed']),
  votes: voteCounts,
  notes: z.string().nullable(),
  details: z.record(z.string(), z.unknown()),
});

export const recognitionCase = z.object({
  id: z.number(),
  member: z.object({ id: z.number(), fullName: z.string(), birthDate: z.string(), status: z.string() }),
  orgId: z.number(),
  state: z.enum(RECOGNITION_STATES),
  openedOn: z.string(),
  closedOn: z.string().nullable(),
  /** The admission ceremony; probation ends 12 months after it (R-PROB-01). */
  ceremonyDate: z.string(),
  probationEnds: z.string(),
  nextStep: z.enum(RECOGNITION_STEP_KINDS).nullable(),
  deadlines: z.array(z.object({ step: z.enum(RECOGNITION_STEP_KINDS), ruleId: z.string(), due: z.string(), dueWithExtension: z.string().nullable() })),
  selfReviewDate: z.string().nullable(),
  cellResolution: z
    .object({ date: z.string(), resolutionNo: z.string().nullable(), proposal: z.enum(['recognize', 'remove']).nullable(), votes: voteCounts, inconclusiveVotes: z.number() })
    .nullable(),
  grassrootsResolution: z.object({ date: z.string(), resolutionNo: z.string().nullable(), votes: voteCounts, inconclusiveVotes: z.number() }).nullable(),
  decision: z
    .object({ date: z.string(), decisionNo: z.string().nullable(), authority: z.string().nullable(), result: z.enum(['recognized', 'removed']).nullable(), votes: voteCounts })
    .nullable(),
  /** Set on recognition: ceremony + 12 months (R-PROB-03). */
  officialDate: z.string().nullable(),
  version: z.number(),
  steps: z.array(recognitionStep),
  /** R-PROB-07: the documents of the recognition dossier, present by their step or a tagged scan. */
  checklist: z.array(checklistItem),
});
export type RecognitionCase = z.infer<typeof recognitionCase>;

const stateList = new RegExp(`^(${RECOGNITION_STATES.join('|')})(,(${RECOGNITION_STATES.join('|')}))*$`);
export const listRecognitionQuery = z.object({
  state: z.string().regex(stateList, 'Trạng thái không hợp lệ').optional(),
  org: z.coerce.number().int().positive().optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});
export type ListRecognitionQuery = z.infer<typeof listRecognitionQuery>;

export const recognitionList = z.object({ items: z.array(recognitionCase.omit({ steps: true, checklist: true })), total: z.number() });
export type RecognitionList = z.infer<typeof recognitionList>;
