import { z } from 'zod';
import { DUE_STATUSES } from '../../domain/due/due-status.js';

export const listDueQuery = z.object({
  org: z.coerce.number().int().positive().optional(),
  show: z
    .enum(['attention', 'overdue', 'all'])
    .default('attention')
    .describe('attention (mặc định): quá hạn, đang gia hạn và sắp đến hạn; overdue: đã quá hạn cuối cùng; all: mọi việc đang mở'),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});

export const dueSummaryQuery = z.object({ org: z.coerce.number().int().positive().optional() });

export const dueItem = z.object({
  id: z.number(),
  caseKind: z.string().describe('admission, recognition, transfer, removal, exemption: hồ sơ của việc; record_update: phiếu bổ sung sau chuyển sinh hoạt chính thức (caseId là hồ sơ chuyển sinh hoạt)'),
  caseId: z.number(),
  step: z.string().describe('bước phải làm xong trước hạn'),
  ruleId: z.string(),
  dueOn: z.string(),
  dueWithExtension: z.string().nullable(),
  status: z.enum(DUE_STATUSES),
  subjectName: z.string(),
  memberId: z.number().nullable().describe('đảng viên của việc (phiếu bổ sung sau chuyển sinh hoạt, tự kiểm điểm …)'),
  orgId: z.number(),
  orgName: z.string(),
});

export const dueList = z.object({ items: z.array(dueItem), total: z.number(), today: z.string() });
export const dueSummary = z.object({ overdue: z.number(), inExtension: z.number(), soon: z.number(), total: z.number(), today: z.string() });
