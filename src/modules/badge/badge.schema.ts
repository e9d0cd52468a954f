import { z } from 'zod';
import { MEMBER_DISCIPLINE_FORMS } from '../../domain/discipline.js';
import { isoDate } from '../../http/schemas.js';

// Shapes of party badges (issue 5 item 6): the batches of a year, the candidates of one batch, the
// badge facts of a member, the register and its changes.

const year = z.coerce.number().int().min(1930).max(2100);
const badgeClass = z.coerce.number().int().min(30).max(90);
const text = (max: number) => z.string().trim().min(1).max(max);

export const ceremoniesQuery = z.object({ year: year.optional().describe('Năm; mặc định năm nay') });

export const ceremonies = z.object({
  year: z.number(),
  /** R-BADGE-06: the four ceremony dates of the year. */
  items: z.array(z.object({ date: z.string(), from: z.string().describe('Ngày đầu của đợt (đạt tuổi đảng từ ngày này)') })),
});

export const candidatesQuery = z.object({
  ceremony: isoDate.describe('Ngày trao của đợt: 3/2, 19/5, 2/9 hoặc 7/11 (R-BADGE-06)'),
  org: z.coerce.number().int().positive().optional().describe('Chỉ tổ chức này và cấp dưới (trong phạm vi của người dùng)'),
  badgeClass: badgeClass.optional(),
  outcome: z.enum(['eligible', 'deferred']).optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
  offset: z.coerce.number().int().min(0).default(0),
});
export type CandidatesQuery = z.infer<typeof candidatesQuery>;

export const badgeCandidate = z.object({
  memberId: z.number(),
  fullName: z.string(),
  birthDate: z.string(),
  orgId: z.number(),
  orgName: z.string(),
  badgeClass: z.number(),
  /** Party age in completed months on the ceremony date. */
  partyAgeMonths: z.number(),
  /** The day the class's party age is reached (R-BADGE-02). */
  reachedOn: z.string(),
  outcome: z.enum(['eligible', 'deferred']),
  /** R-BADGE-03: awarded before the age is reached, for serious illness. */
  early: z.boolean(),
  /** Listed at a later batch than the one of the day reached (deferral ended, or illness flagged late). */
  carriedOver: z.boolean(),
  /** R-BADGE-05: why deferred, and until when (null: until the chi bộ recognises improvement). */
  deferral: z.object({ form: z.enum(MEMBER_DISCIPLINE_FORMS), decisionDate: z.string(), until: z.string().nullable() }).nullable(),
});
export type BadgeCandidateItem = z.infer<typeof badgeCandidate>;

export const candidateList = z.object({
  ceremony: z.string(),
  /** The first day of the batch: members reaching the age from this day to the ceremony. */
  from: z.string(),
  items: z.array(badgeCandidate),
  total: z.number(),
  /** How many of each class, all pages. */
  byClass: z.array(z.object({ badgeClass: z.number(), eligible: z.number(), deferred: z.number() })),
});
export type CandidateList = z.infer<typeof candidateList>;

export const memberIdParam = z.object({ memberId: z.coerce.number().int().positive() });

export const setConsiderationBody = z.strictObject({
  seriouslyIll: z.boolean().describe('Đảng viên ốm nặng: được xét trao sớm (R-BADGE-03)'),
  discipline: z
    .strictObject({
      form: z.enum(MEMBER_DISCIPLINE_FORMS),
      decisionDate: isoDate,
      decisionNo: z.string().trim().max(100).nullish(),
      improvementRecognisedOn: isoDate.nullish().describe('Ngày chi bộ công nhận đảng viên đã tiến bộ (R-BADGE-05)'),
    })
    .nullable()
    .describe('Kỷ luật đang có hiệu lực; null nếu không có'),
  note: z.string().trim().max(2000).nullish(),
  version: z.number().int().positive().optional().describe('Phiên bản đang sửa; bỏ trống khi ghi lần đầu'),
});
export type SetConsiderationInput = z.infer<typeof setConsiderationBody>;

export const consideration = z.object({
  seriouslyIll: z.boolean(),
  discipline: z
    .object({ form: z.enum(MEMBER_DISCIPLINE_FORMS), decisionDate: z.string(), decisionNo: z.string().nullable(), improvementRecognisedOn: z.string().nullable() })
    .nullable(),
  note: z.string().nullable(),
  version: z.number(),
});

export const badgeAward = z.object({
  id: z.number(),
  member: z.object({ id: z.number(), fullName: z.string(), birthDate: z.string(), status: z.string() }),
  orgId: z.number(),
  orgName: z.string(),
  badgeClass: z.number(),
  ceremonyDate: z.string(),
  reachedOn: z.string(),
  decisionNo: z.string(),
  decisionDate: z.string(),
  province: z.object({ id: z.number(), code: z.string(), name: z.string() }),
  /** R-BADGE-08: the number within the province's range of the class. */
  serial: z.string(),
  /** Province code and serial, as printed in the register. */
  badgeNo: z.string(),
  status: z.enum(['awarded', 'returned', 'reissued']),
  early: z.boolean(),
  returnedOn: z.string().nullable(),
  returnReason: z.string().nullable(),
  reissuedOn: z.string().nullable(),
  reissueReason: z.string().nullable(),
  version: z.number(),
});
export type BadgeAwardItem = z.infer<typeof badgeAward>;

export const memberBadges = z.object({
  memberId: z.number(),
  partyAgeMonths: z.number().nullable(),
  /** The next class and the day it is reached (null: none, or not while out of the party). */
  next: z.object({ badgeClass: z.number(), reachedOn: z.string().nullable() }).nullable(),
  consideration: consideration.nullable(),
  awards: z.array(badgeAward),
});
export type MemberBadges = z.infer<typeof memberBadges>;

export const awardBody = z.strictObject({
  ceremonyDate: isoDate,
  decisionNo: text(100),
  decisionDate: isoDate,
  items: z
    .array(z.strictObject({ memberId: z.number().int().positive(), badgeClass: z.number().int().min(30).max(90) }))
    .min(1)
    .max(1000),
});
export type AwardInput = z.infer<typeof awardBody>;

export const awardsQuery = z.object({
  org: z.coerce.number().int().positive().optional(),
  year: year.optional(),
  ceremony: isoDate.optional(),
  badgeClass: badgeClass.optional(),
  status: z.enum(['awarded', 'returned', 'reissued']).optional(),
  memberId: z.coerce.number().int().positive().optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});
export type AwardsQuery = z.infer<typeof awardsQuery>;
export const exportAwardsQuery = awardsQuery.omit({ limit: true, offset: true });
export type ExportAwardsQuery = z.infer<typeof exportAwardsQuery>;

export const awardList = z.object({ items: z.array(badgeAward), total: z.number() });
export const awardedList = z.object({ items: z.array(badgeAward) });

export const changeAwardBody = z.strictObject({
  date: isoDate,
  reason: text(2000),
  version: z.number().int().positive(),
});
export type ChangeAwardInput = z.infer<typeof changeAwardBody>;
