import { z } from 'zod';
import { AGE_BANDS } from '../../domain/age-band.js';
import { PROFESSIONAL_LEVELS, THEORY_LEVELS } from '../../domain/education.js';
import { MEMBER_STATUSES } from '../../domain/member-status.js';
import { ETHNIC_GROUPS } from '../../domain/stats-figures.js';
import { isoDate } from '../../http/schemas.js';

// Request and response shapes of /api/members. Field rules that need today's date or several
// fields at once (R-REC-10) live in src/domain/member-validation.ts and run in the service, so
// that their errors carry their own codes (INVALID_CITIZEN_ID …) rather than a generic one.
// Write bodies are strict: an unknown (misspelt) field is a VALIDATION error naming it, not silently dropped.

export const MAX_PAGE_SIZE = 200;
export const MAX_PHOTO_BYTES = 2 * 1024 * 1024;
export const PHOTO_TYPES = ['image/jpeg', 'image/png'] as const;

const text = (max: number) => z.string().max(max).nullish();
// Codes rather than free text, so statistics can group by them (R-STAT-04).
const code = z.string().regex(/^[a-z][a-z0-9_]{1,39}$/, 'Mã chỉ gồm chữ thường không dấu, số và dấu gạch dưới');
const optionalDate = isoDate.nullish();

// The citizen ID and card number arrive as typed (spaces allowed); the service strips them and
// the domain rules decide, so a bad one answers INVALID_CITIZEN_ID / INVALID_PARTY_CARD.
const editable = {
  fullName: z.string().trim().min(2).max(120),
  otherNames: text(200),
  sex: z.enum(['male', 'female']),
  birthDate: isoDate,
  birthplace: text(300),
  hometown: text(300),
  residence: text(300),
  ethnicity: code,
  religion: code,
  citizenId: text(30),
  partyCardNo: text(30),
  admissionDate: optionalDate,
  officialDate: optionalDate,
  youthUnionDate: optionalDate,
  generalEducation: text(10),
  professionalLevel: z.enum(PROFESSIONAL_LEVELS).nullish(),
  theoryLevel: z.enum(THEORY_LEVELS),
  occupation: text(200),
  positions: text(500),
  phone: z
    .string()
    .regex(/^\+?[0-9 .-]{6,20}$/, 'Số điện thoại chỉ gồm chữ số (có thể có +, dấu cách, dấu chấm, gạch ngang)')
    .nullish(),
};

export const createMemberBody = z.strictObject({
  ...editable,
  ethnicity: code.optional(),
  religion: code.optional(),
  theoryLevel: z.enum(THEORY_LEVELS).optional(),
  // A record starts on the rolls; other statuses are reached through /status (capability 2).
  status: z.enum(['probationary', 'official']),
  statusSince: isoDate,
  orgId: z.number().int().positive(),
});
export type CreateMemberInput = z.infer<typeof createMemberBody>;

// Status and org change only through their own endpoints, which keep the dated intervals;
// a strict object turns an attempt to send them here into a validation error naming the field.
const notHere = (endpoint: string) => z.never({ error: `Không sửa qua PATCH; dùng ${endpoint}` }).optional();

export const patchMemberBody = z
  .strictObject(editable)
  .partial()
  .extend({
    version: z.number().int().positive(),
    status: notHere('POST /api/members/{id}/status'),
    statusSince: notHere('POST /api/members/{id}/status'),
    orgId: notHere('POST /api/members/{id}/placement'),
  });
export type PatchMemberInput = z.infer<typeof patchMemberBody>;

export const statusChangeBody = z.strictObject({
  status: z.enum(MEMBER_STATUSES),
  effectiveDate: isoDate,
  decisionNo: z.string().trim().max(100).nullish(),
  version: z.number().int().positive(),
});
export type StatusChangeInput = z.infer<typeof statusChangeBody>;

export const placementChangeBody = z.strictObject({
  orgId: z.number().int().positive(),
  effectiveDate: isoDate,
  decisionNo: z.string().trim().max(100).nullish(),
  version: z.number().int().positive(),
});
export type PlacementChangeInput = z.infer<typeof placementChangeBody>;

export const MEMBER_SORTS = ['name', '-name', 'birthDate', '-birthDate', 'admissionDate', '-admissionDate'] as const;
export type MemberSort = (typeof MEMBER_SORTS)[number];

/** A comma-separated list of codes from `codes`, as ?status=official,probationary spells it. */
const codeList = (codes: readonly string[], what: string) =>
  z.string().regex(new RegExp(`^(${codes.join('|')})(,(${codes.join('|')}))*$`), `Danh sách ${what}, cách nhau bởi dấu phẩy: ${codes.join(', ')}`);

export const listMembersQuery = z.object({
  q: z.string().max(100).optional(),
  mode: z.enum(['word', 'anywhere']).default('word'),
  org: z.coerce.number().int().positive().optional(),
  status: codeList(MEMBER_STATUSES, 'trạng thái').optional(),
  sex: z.enum(['male', 'female']).optional(),
  /** Age bands of the statistics forms, by year of birth as of this year (as the dashboard counts). */
  ageBand: codeList(AGE_BANDS, 'độ tuổi').optional().describe('Độ tuổi như biểu thống kê (tính theo năm sinh, năm nay)'),
  theoryLevel: codeList(THEORY_LEVELS, 'trình độ lý luận chính trị').optional(),
  /** Ethnicity is sensitive: only callers who may read it where they list may filter by it. */
  ethnicGroup: z.enum(ETHNIC_GROUPS).optional().describe('kinh: dân tộc Kinh; minority: dân tộc thiểu số. Cần quyền xem thông tin nhạy cảm'),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(MAX_PAGE_SIZE).default(50),
  sort: z.enum(MEMBER_SORTS).default('name'),
  /** nextCursor of the previous page: the page starts right after it and `page` is ignored. */
  after: z.string().min(1).max(600).optional().describe('nextCursor của trang trước: trang bắt đầu ngay sau đó, bỏ qua page'),
});
export type ListMembersQuery = z.infer<typeof listMembersQuery>;

export const asOfQuery = z.object({ date: isoDate });

const nullableString = z.string().nullable();
const orgRef = z.object({ id: z.number(), code: z.string(), name: z.string() });

export const memberRecord = z.object({
  id: z.number(),
  fullName: z.string(),
  otherNames: nullableString,
  sex: z.enum(['male', 'female']),
  birthDate: z.string(),
  birthplace: nullableString,
  hometown: nullableString,
  residence: nullableString,
  ethnicity: nullableString,
  religion: nullableString,
  citizenId: nullableString,
  partyCardNo: nullableString,
  admissionDate: nullableString,
  officialDate: nullableString,
  youthUnionDate: nullableString,
  generalEducation: nullableString,
  professionalLevel: nullableString,
  theoryLevel: z.string(),
  occupation: nullableString,
  positions: nullableString,
  phone: nullableString,
  status: z.string(),
  statusSince: z.string(),
  orgId: z.number(),
  org: orgRef,
  /** The org's ancestors and itself, from the root down: the breadcrumb the form shows. */
  breadcrumb: z.array(orgRef),
  hasPhoto: z.boolean(),
  /** Party age today, net of the periods out of the party (R-AGE-01…04); null without an admission date. */
  partyAge: z
    .object({
      since: z.string(),
      months: z.number(),
      years: z.number(),
      monthsOver: z.number(),
      asOf: z.string(),
      gaps: z.array(z.object({ from: z.string(), to: z.string() })),
    })
    .nullable()
    .describe('Tuổi đảng tính đến hôm nay, đã trừ thời gian không sinh hoạt đảng (R-AGE-01…04)'),
  /** Sensitive fields hidden from this caller (set to null); empty when everything is shown. */
  redactedFields: z.array(z.string()).describe('Các trường nhạy cảm bị ẩn với người xem này (giá trị null)'),
  version: z.number(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type MemberRecord = z.infer<typeof memberRecord>;

export const memberListItem = z.object({
  id: z.number(),
  fullName: z.string(),
  sex: z.string(),
  birthDate: z.string(),
  status: z.string(),
  orgId: z.number(),
  orgName: z.string(),
  orgCode: z.string(),
  partyCardNo: nullableString,
  admissionDate: nullableString,
  officialDate: nullableString,
  theoryLevel: z.string(),
  version: z.number(),
});
export type MemberListItem = z.infer<typeof memberListItem>;

/** Counts that are not free stop here: beyond it a list says "more than 1,000". */
export const TOTAL_CAP = 1000;

export const memberList = z.object({
  items: z.array(memberListItem),
  total: z.number(),
  /** Present (true) when total stopped at TOTAL_CAP and the real number is larger. */
  totalIsLowerBound: z.literal(true).optional().describe('Có (true) khi chỉ đếm đến 1.000: tổng thực tế lớn hơn'),
  /** Present when a next page exists: pass it as `after` to read that page. */
  nextCursor: z.string().optional().describe('Có khi còn trang sau: gửi lại làm after'),
});
export type MemberList = z.infer<typeof memberList>;

export const memberOnDate = z.object({
  memberId: z.number(),
  date: z.string(),
  /** Null when no status period covers the date (before the record begins). */
  status: nullableString,
  statusFrom: nullableString,
  orgId: z.number().nullable(),
  orgCode: nullableString,
  /** The org's name in force on that date. */
  orgName: nullableString,
  placedFrom: nullableString,
});
export type MemberOnDate = z.infer<typeof memberOnDate>;

export const memberHistory = z.object({
  statusPeriods: z.array(
    z.object({ status: z.string(), validFrom: z.string(), validTo: nullableString, decisionNo: nullableString }),
  ),
  placements: z.array(
    z.object({ orgId: z.number(), orgCode: z.string(), orgName: z.string(), validFrom: z.string(), validTo: nullableString }),
  ),
  audit: z.array(
    z.object({
      id: z.number(),
      at: z.string(),
      action: z.string(),
      userId: z.number().nullable(),
      username: nullableString,
      before: z.record(z.string(), z.unknown()).nullable(),
      after: z.record(z.string(), z.unknown()).nullable(),
    }),
  ),
});
export type MemberHistory = z.infer<typeof memberHistory>;

/** Vietnamese names of the form's fields, for messages that name a field. */
export const FIELD_LABELS: Record<string, string> = {
  fullName: 'Họ và tên',
  otherNames: 'Tên gọi khác',
  sex: 'Giới tính',
  birthDate: 'Ngày sinh',
  birthplace: 'Nơi sinh',
  hometown: 'Quê quán',
  residence: 'Nơi ở hiện nay',
  ethnicity: 'Dân tộc',
  religion: 'Tôn giáo',
  citizenId: 'Số CCCD',
  partyCardNo: 'Số thẻ đảng',
  admissionDate: 'Ngày vào Đảng',
  officialDate: 'Ngày chính thức',
  youthUnionDate: 'Ngày vào Đoàn',
  generalEducation: 'Giáo dục phổ thông',
  professionalLevel: 'Chuyên môn nghiệp vụ',
  theoryLevel: 'Lý luận chính trị',
  occupation: 'Nghề nghiệp',
  positions: 'Chức vụ',
  phone: 'Điện thoại',
  status: 'Trạng thái',
  statusSince: 'Ngày bắt đầu trạng thái',
  effectiveDate: 'Ngày hiệu lực',
};

/** Vietnamese names of the statuses, for messages. */
export const STATUS_LABELS: Record<string, string> = {
  probationary: 'dự bị',
  official: 'chính thức',
  exempt: 'miễn công tác và sinh hoạt',
  transferred: 'đã chuyển sinh hoạt đi',
  removed: 'đã xóa tên',
  expelled: 'đã khai trừ',
  withdrawn: 'đã ra khỏi Đảng',
  deceased: 'đã từ trần',
};
