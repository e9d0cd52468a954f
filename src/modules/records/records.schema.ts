import { z } from 'zod';
import { isoDate } from '../../http/schemas.js';
import { patchMemberBody } from '../member/member.schema.js';
import { dossierWhereabouts } from './dossier.schema.js';

// Shapes of member records and party cards (issue 5 item 7): record-number blocks and numbers
// (R-REC-09), the card of a member from request to end (R-REC-01/02/04/05) and the monthly batch.

const text = (max: number) => z.string().trim().min(1).max(max);
const orgFilter = z.coerce.number().int().positive().optional().describe('Chỉ tổ chức này và cấp dưới (trong phạm vi của người dùng)');
const version = z.number().int().positive();

export const memberIdParam = z.object({ memberId: z.coerce.number().int().positive() });

// ---- record numbers ------------------------------------------------------------------------

export const blocksQuery = z.object({ org: orgFilter });

export const recordNoBlock = z.object({
  id: z.number(),
  province: z.object({ id: z.number(), name: z.string() }),
  holder: z.object({ id: z.number(), name: z.string() }),
  code: z.string(),
  firstNo: z.number(),
  lastNo: z.number(),
  nextNo: z.number(),
  /** Numbers not given yet. */
  remaining: z.number(),
  /** "000101HN – 000200HN". */
  range: z.string(),
  decisionNo: z.string().nullable(),
  grantedOn: z.string(),
});
export type RecordNoBlockItem = z.infer<typeof recordNoBlock>;
export const blockList = z.object({ items: z.array(recordNoBlock) });

export const createBlockBody = z.strictObject({
  holderOrgId: z.number().int().positive().describe('Đảng bộ cấp trên trực tiếp cơ sở nhận khối số'),
  code: z.string().trim().max(3).optional().describe('Mã 2–3 chữ cái của tỉnh; mặc định mã của đảng bộ tỉnh'),
  firstNo: z.number().int(),
  lastNo: z.number().int(),
  decisionNo: text(100).optional(),
  grantedOn: isoDate,
});
export type CreateBlockInput = z.infer<typeof createBlockBody>;

export const assignRecordNoBody = z.strictObject({
  formFiledOn: isoDate.describe('Ngày đảng viên lập phiếu đảng viên (chỉ cấp số cho đảng viên đã lập phiếu)'),
});
export type AssignRecordNoInput = z.infer<typeof assignRecordNoBody>;

// ---- party cards ---------------------------------------------------------------------------

export const CARD_STATUSES = ['requested', 'decided', 'handed_over', 'recovered', 'kept_by_family', 'lost', 'damaged', 'cancelled'] as const;
export const CARD_CLOSINGS = ['recovered', 'kept_by_family', 'lost', 'damaged'] as const;

export const partyCard = z.object({
  id: z.number(),
  member: z.object({ id: z.number(), fullName: z.string(), birthDate: z.string(), status: z.string() }),
  orgId: z.number(),
  orgName: z.string(),
  reason: z.enum(['new', 'reissue']),
  requestedOn: z.string(),
  /** The monthly batch sent to the provincial board (R-REC-02), "YYYY-MM". */
  requestMonth: z.string(),
  status: z.enum(CARD_STATUSES),
  cardNo: z.string().nullable(),
  model: z.enum(['legacy', 'qd347']).nullable(),
  decisionNo: z.string().nullable(),
  decisionDate: z.string().nullable(),
  decidedBy: z.object({ id: z.number(), name: z.string() }).nullable(),
  handedOverOn: z.string().nullable(),
  closedOn: z.string().nullable(),
  closeNote: z.string().nullable(),
  lastCheckedOn: z.string().nullable(),
  replacesId: z.number().nullable(),
  version: z.number(),
});
export type PartyCardItem = z.infer<typeof partyCard>;

export const cardsQuery = z.object({
  org: orgFilter,
  month: z.string().regex(/^[0-9]{4}-(0[1-9]|1[0-2])$/, 'Tháng dạng YYYY-MM').optional().describe('Đợt đề nghị của tháng (YYYY-MM)'),
  status: z.enum(CARD_STATUSES).optional(),
  memberId: z.coerce.number().int().positive().optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});
export type CardsQuery = z.infer<typeof cardsQuery>;
export const exportBatchQuery = z.object({ org: orgFilter, month: z.string().regex(/^[0-9]{4}-(0[1-9]|1[0-2])$/, 'Tháng dạng YYYY-MM') });
export type ExportBatchQuery = z.infer<typeof exportBatchQuery>;
export const registerQuery = z.object({ org: orgFilter });
export type RegisterQuery = z.infer<typeof registerQuery>;
export const cardList = z.object({ items: z.array(partyCard), total: z.number() });

export const uncheckedQuery = z.object({ org: orgFilter, year: z.coerce.number().int().min(2000).max(2100).optional().describe('Năm kiểm tra; mặc định năm nay') });
export type UncheckedQuery = z.infer<typeof uncheckedQuery>;
export const uncheckedList = z.object({ year: z.number(), items: z.array(partyCard) });

export const requestCardBody = z.strictObject({
  memberId: z.number().int().positive(),
  requestedOn: isoDate,
});
export type RequestCardInput = z.infer<typeof requestCardBody>;

export const decideCardBody = z.strictObject({
  decisionNo: text(100),
  decisionDate: isoDate,
  cardNo: z.string().trim().max(20).optional().describe('Số thẻ theo mẫu cũ (trước 02/09/2025); theo mẫu QĐ 347 là số định danh cá nhân, không cần nhập'),
  version,
});
export type DecideCardInput = z.infer<typeof decideCardBody>;

export const cardDateBody = z.strictObject({ date: isoDate, version });
export type CardDateInput = z.infer<typeof cardDateBody>;

export const closeCardBody = z.strictObject({
  closing: z.enum(CARD_CLOSINGS),
  date: isoDate,
  note: text(2000).optional(),
  version,
});
export type CloseCardInput = z.infer<typeof closeCardBody>;
export const closedCard = z.object({ card: partyCard, reissue: partyCard.nullable() });

// ---- a member's record facts ---------------------------------------------------------------

export const memberRecordFacts = z.object({
  memberId: z.number(),
  recordNo: z.string().nullable(),
  formFiledOn: z.string().nullable(),
  recordNoAssignedOn: z.string().nullable(),
  /** The open card (requested, decided or in hand), if any. */
  card: partyCard.nullable(),
  cards: z.array(partyCard),
  /** Where the member's dossier is now (R-REC-06/11), null when the register has no line of it. */
  dossier: dossierWhereabouts,
});
export type MemberRecordFacts = z.infer<typeof memberRecordFacts>;

// ---- yearly record update (phiếu bổ sung, R-REC-07) ------------------------------------------

const fieldsSchema = patchMemberBody.pick({ otherNames: true, residence: true, religion: true, occupation: true, positions: true, generalEducation: true, professionalLevel: true, theoryLevel: true, phone: true });

export const UPDATE_STAGES = ['cell', 'grassroots', 'superior', 'approved', 'returned'] as const;

export const recordUpdate = z.object({
  id: z.number(),
  member: z.object({ id: z.number(), fullName: z.string(), status: z.string() }),
  orgId: z.number(),
  orgName: z.string(),
  year: z.number(),
  occasion: z.enum(['yearly', 'transfer']),
  /** Only the changed fields, each with the record's value when filed and the new one; every other field is "K". */
  changes: z.array(z.object({ field: z.string(), before: z.unknown(), after: z.unknown() })),
  /** Fields hidden from a caller without the right to see sensitive fields. */
  redactedFields: z.array(z.string()),
  stage: z.enum(UPDATE_STAGES),
  /** The levels this phiếu passes (chi bộ cơ sở: no đảng ủy cơ sở). */
  levels: z.array(z.enum(UPDATE_STAGES)),
  submittedOn: z.string(),
  decidedOn: z.string().nullable(),
  returnReason: z.string().nullable(),
  version: z.number(),
});
export type RecordUpdateItem = z.infer<typeof recordUpdate>;

export const updatesQuery = z.object({
  org: orgFilter,
  year: z.coerce.number().int().min(2000).max(2100).optional(),
  stage: z.enum(UPDATE_STAGES).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});
export type UpdatesQuery = z.infer<typeof updatesQuery>;
export const updateList = z.object({ items: z.array(recordUpdate), total: z.number() });

export const filingQuery = z.object({
  org: z.coerce.number().int().positive().describe('Tổ chức (chi bộ, đảng bộ …) trong phạm vi của người dùng'),
  year: z.coerce.number().int().min(2000).max(2100).optional().describe('Năm; mặc định năm nay'),
  filed: z.enum(['yes', 'no']).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  offset: z.coerce.number().int().min(0).default(0),
});
export type FilingQuery = z.infer<typeof filingQuery>;
export const filingList = z.object({
  year: z.number(),
  filed: z.number(),
  notFiled: z.number(),
  items: z.array(z.object({ memberId: z.number(), fullName: z.string(), orgName: z.string(), updateId: z.number().nullable(), stage: z.enum(UPDATE_STAGES).nullable() })),
  total: z.number(),
});
export type FilingList = z.infer<typeof filingList>;

export const submitUpdateBody = z.strictObject({
  memberId: z.number().int().positive(),
  year: z.number().int().min(2000).max(2100),
  occasion: z.enum(['yearly', 'transfer']).default('yearly'),
  submittedOn: isoDate,
  changes: fieldsSchema.describe('Chỉ các trường thay đổi; trường không gửi là "K" (không thay đổi)'),
});
export type SubmitUpdateInput = z.infer<typeof submitUpdateBody>;

/** A member's own phiếu (self-service): the same form without a member, who is the one of the account. */
export const ownUpdateBody = submitUpdateBody.omit({ memberId: true });
export type OwnUpdateInput = z.infer<typeof ownUpdateBody>;

export const updateStepBody = z.strictObject({ date: isoDate, version });
export type UpdateStepInput = z.infer<typeof updateStepBody>;
export const returnUpdateBody = z.strictObject({ date: isoDate, reason: text(2000), version });
export type ReturnUpdateInput = z.infer<typeof returnUpdateBody>;
