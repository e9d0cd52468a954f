import { z } from 'zod';
import { isoDate } from '../../http/schemas.js';
import { ADMISSION_STATES, ADMISSION_STEP_KINDS } from '../../domain/admission/admission-case.js';
import { BALLOT_METHODS } from '../../domain/admission/ballot.js';
import { BACKGROUND_RELATIONS, BACKGROUND_RESULTS, BACKGROUND_SKIP_GROUNDS } from '../../domain/admission/background-check.js';
import { COMMENT_SOURCES } from '../../domain/admission/comments.js';
import { ADMISSION_DOCUMENT_KINDS, DOCUMENT_KINDS } from '../../domain/admission/dossier-checklist.js';

// Shapes of the candidate register and the admission case (issue 5 item 2).

const citizenId = z
  .string()
  .transform((s) => s.replace(/\s+/g, ''))
  .pipe(z.string().regex(/^\d{12}$/, 'Số CCCD phải gồm đúng 12 chữ số'));

export const createCandidateBody = z.strictObject({
  fullName: z.string().trim().min(2).max(120),
  sex: z.enum(['male', 'female']),
  birthDate: isoDate,
  citizenId,
  orgId: z.number().int().positive(),
  youthUnionMember: z.boolean().default(false),
  courseCertificateDate: isoDate.nullish(),
});
export type CreateCandidateInput = z.infer<typeof createCandidateBody>;

export const candidate = z.object({
  id: z.number(),
  fullName: z.string(),
  sex: z.enum(['male', 'female']),
  birthDate: z.string(),
  citizenId: z.string(),
  orgId: z.number(),
  youthUnionMember: z.boolean(),
  courseCertificateDate: z.string().nullable(),
  version: z.number(),
});
export type Candidate = z.infer<typeof candidate>;

export const listCandidatesQuery = z.object({
  org: z.coerce.number().int().positive().optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});
export type ListCandidatesQuery = z.infer<typeof listCandidatesQuery>;
export const candidateList = z.object({ items: z.array(candidate), total: z.number() });

export const openCaseBody = z.strictObject({
  candidateId: z.number().int().positive(),
  openedOn: isoDate,
});
export type OpenCaseInput = z.infer<typeof openCaseBody>;

const votes = z.strictObject({
  members: z.number().int().min(0),
  inFavour: z.number().int().min(0),
  against: z.number().int().min(0),
});

const sponsor = z.strictObject({
  memberId: z.number().int().positive(),
  togetherSince: isoDate.nullable(),
  togetherBy: z.enum(['work', 'study', 'residence']),
  isReplacement: z.boolean().default(false),
});

const text = (max: number) => z.string().trim().min(1).max(max);

/** R-ADM-11/12/13: one person whose lý lịch is checked, or skipped on a confirmed ground. */
const backgroundSubject = z.strictObject({
  relation: z.enum(BACKGROUND_RELATIONS),
  fullName: text(120),
  birthYear: z.number().int().min(1900).max(2100).nullable(),
  checkedAt: text(300),
  abroad: z.boolean().default(false),
  check: z.strictObject({ checkerName: text(120), checkerPosition: text(200), letterDate: isoDate }).nullable(),
  skip: z.strictObject({ ground: z.enum(BACKGROUND_SKIP_GROUNDS), confirmedBy: text(300), confirmedOn: isoDate }).nullable(),
});

const backgroundReply = z.strictObject({ subjectIndex: z.number().int().min(0), replyDate: isoDate, result: z.enum(BACKGROUND_RESULTS) });

/** R-ADM-15: one written comment (Mẫu 5A/5B). */
const comment = z.strictObject({ from: z.enum(COMMENT_SOURCES), date: isoDate, summary: text(2000) });

/** R-ADM-34: how the meeting voted; when the ratio was not reached, the day the result went up. */
const ballot = z.strictObject({ method: z.enum(BALLOT_METHODS), reportedUpOn: isoDate.nullish().transform((v) => v ?? null) });

const common = { date: isoDate, version: z.number().int().positive(), notes: z.string().trim().max(2000).nullish() };

export const recordStepBody = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('course_certificate'), ...common }),
  z.strictObject({
    kind: z.literal('sponsors'),
    ...common,
    sponsors: z.array(sponsor).min(1).max(2),
    resolutionBy: z.enum(['youth_union', 'trade_union']).nullish(),
    youthUnionOrgExists: z.boolean().default(false),
    tradeUnionOrgExists: z.boolean().default(false),
    isYouthUnionCadre: z.boolean().default(false),
  }),
  z.strictObject({
    kind: z.literal('background_check_requested'),
    ...common,
    abroad: z.boolean().default(false),
    subjects: z.array(backgroundSubject).min(1).max(30),
  }),
  z.strictObject({ kind: z.literal('background_check_replied'), ...common, replies: z.array(backgroundReply).max(30) }),
  z.strictObject({
    kind: z.literal('comments'),
    ...common,
    organizations: z.array(z.enum(COMMENT_SOURCES).exclude(['residence'])).max(5).default([]),
    comments: z.array(comment).max(10),
    summary: z.string().trim().max(4000).nullable(),
  }),
  z.strictObject({ kind: z.literal('cell_resolution'), ...common, resolutionNo: z.string().trim().min(1).max(100), votes, ballot }),
  z.strictObject({ kind: z.literal('grassroots_resolution'), ...common, resolutionNo: z.string().trim().min(1).max(100), votes, ballot }),
  z.strictObject({
    kind: z.literal('decision'),
    ...common,
    decisionNo: z.string().trim().min(1).max(100),
    authority: z.enum(['authorized_grassroots_committee', 'superior_standing_committee', 'provincial_standing']),
    votes,
    ballot,
  }),
  z.strictObject({ kind: z.literal('ceremony'), ...common, superiorConsent: z.boolean().default(false) }),
  z.strictObject({ kind: z.literal('member_forms'), ...common }),
]);
export type RecordStepInput = z.infer<typeof recordStepBody>;

const voteCounts = z.object({ members: z.number(), inFavour: z.number(), against: z.number() }).nullable();

export const admissionStep = z.object({
  id: z.number(),
  kind: z.enum(ADMISSION_STEP_KINDS),
  date: z.string(),
  recordedBy: z.number().nullable(),
  decisionNo: z.string().nullable(),
  outcome: z.enum(['done', 'passed', 'failed']),
  votes: voteCounts,
  notes: z.string().nullable(),
  details: z.record(z.string(), z.unknown()),
});

/** R-ADM-33 / R-PROB-07: one document of a dossier and what shows it. */
export const checklistItem = z.object({
  document: z.enum(DOCUMENT_KINDS),
  form: z.string(),
  step: z.string().nullable(),
  required: z.boolean(),
  stepRecorded: z.boolean(),
  attachmentIds: z.array(z.number()),
  present: z.boolean(),
});

export const admissionDocumentKind = z.enum(ADMISSION_DOCUMENT_KINDS);

export const admissionCase = z.object({
  id: z.number(),
  candidate: z.object({ id: z.number(), fullName: z.string(), citizenId: z.string(), birthDate: z.string() }),
  orgId: z.number(),
  state: z.enum(ADMISSION_STATES),
  openedOn: z.string(),
  closedOn: z.string().nullable(),
  nextStep: z.enum(ADMISSION_STEP_KINDS).nullable(),
  deadlines: z.array(z.object({ step: z.enum(ADMISSION_STEP_KINDS), ruleId: z.string(), due: z.string(), dueWithExtension: z.string().nullable() })),
  cellResolution: z.object({ date: z.string(), resolutionNo: z.string().nullable(), votes: voteCounts }).nullable(),
  decision: z.object({ date: z.string(), decisionNo: z.string().nullable(), authority: z.string().nullable(), votes: voteCounts }).nullable(),
  ceremonyDate: z.string().nullable(),
  memberId: z.number().nullable(),
  version: z.number(),
  steps: z.array(admissionStep),
  checklist: z.array(checklistItem),
  /** R-ADM-33: the documents a decision would rest on that are not there yet (a warning). */
  dossierMissing: z.array(admissionDocumentKind),
});
export type AdmissionCase = z.infer<typeof admissionCase>;

const stateList = new RegExp(`^(${ADMISSION_STATES.join('|')})(,(${ADMISSION_STATES.join('|')}))*$`);
export const listCasesQuery = z.object({
  state: z.string().regex(stateList, 'Trạng thái không hợp lệ').optional(),
  org: z.coerce.number().int().positive().optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});
export type ListCasesQuery = z.infer<typeof listCasesQuery>;

export const caseList = z.object({ items: z.array(admissionCase.omit({ steps: true, checklist: true, dossierMissing: true })), total: z.number() });
export type CaseList = z.infer<typeof caseList>;
