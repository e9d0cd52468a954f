import { z } from 'zod';
import { isoDate } from '../../http/schemas.js';

// Shapes of GET /api/audit. Reading only: the trail has no route that changes it.

export const MAX_PAGE_SIZE = 200;

export const auditQuery = z.object({
  entityType: z.string().trim().max(50).optional().describe('Loại đối tượng: member, org, user, role_assignment …'),
  entityId: z.string().trim().max(50).optional().describe('Mã đối tượng (cùng entityType: lịch sử một hồ sơ)'),
  userId: z.coerce.number().int().positive().optional().describe('Người thực hiện'),
  org: z.coerce.number().int().positive().optional().describe('Chỉ các dòng thuộc tổ chức này và cây trực thuộc'),
  from: isoDate.optional().describe('Từ ngày (giờ Việt Nam), tính cả ngày này'),
  to: isoDate.optional().describe('Đến ngày (giờ Việt Nam), tính cả ngày này'),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(MAX_PAGE_SIZE).default(50),
});
export type AuditQuery = z.infer<typeof auditQuery>;

export const auditRow = z.object({
  id: z.number(),
  at: z.string(),
  userId: z.number().nullable().describe('Người thực hiện; null: dòng lệnh, hệ thống hoặc người chưa đăng nhập'),
  username: z.string().nullable(),
  ip: z.string().nullable().describe('Địa chỉ gửi yêu cầu; "cli" cho dòng lệnh'),
  action: z.string(),
  entityType: z.string(),
  entityId: z.string().nullable(),
  orgId: z.number().nullable().describe('Tổ chức mà dòng này thuộc về (lúc ghi)'),
  before: z.unknown().describe('Giá trị trước (chỉ các trường thay đổi)'),
  after: z.unknown().describe('Giá trị sau (chỉ các trường thay đổi)'),
});

export const auditPage = z.object({ items: z.array(auditRow), total: z.number(), page: z.number(), pageSize: z.number() });
export type AuditPage = z.infer<typeof auditPage>;
