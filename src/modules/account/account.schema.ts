import { z } from 'zod';
import { ROLES } from '../../domain/permissions.js';
import { isoDate } from '../../http/schemas.js';

// Request and response shapes of /api/users and /api/role-assignments. Bodies are strict: an
// unknown field (a password hash, a status sneaked into an edit) is a validation error.

export const MAX_PAGE_SIZE = 200;

const username = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9][a-z0-9._-]{1,49}$/, 'Tên đăng nhập gồm 2–50 ký tự: chữ thường không dấu, số, dấu chấm, gạch dưới, gạch ngang');
const displayName = z.string().trim().min(1).max(120);
const password = z.string().min(1).max(200);
const orgId = z.number().int().positive();

export const ACCOUNT_STATUSES = ['active', 'locked', 'disabled'] as const;

export const listAccountsQuery = z.object({
  q: z.string().trim().max(100).optional().describe('Tìm trong tên đăng nhập và tên hiển thị'),
  status: z.enum(ACCOUNT_STATUSES).optional(),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(MAX_PAGE_SIZE).default(50),
});
export type ListAccountsQuery = z.infer<typeof listAccountsQuery>;

export const createAccountBody = z.strictObject({
  username,
  displayName,
  orgId: orgId.nullable().describe('Đơn vị của tài khoản; null: toàn hệ thống (chỉ quản trị viên toàn hệ thống)'),
  memberId: z.number().int().positive().nullish().describe('Hồ sơ đảng viên gắn với tài khoản (trong phạm vi của người tạo)'),
  password: password.optional().describe('Mật khẩu tạm; bỏ trống để hệ thống sinh và trả về một lần'),
});
export type CreateAccountInput = z.infer<typeof createAccountBody>;

export const updateAccountBody = z.strictObject({ displayName: displayName.optional(), orgId: orgId.nullable().optional() });
export type UpdateAccountInput = z.infer<typeof updateAccountBody>;

export const resetPasswordBody = z.strictObject({
  password: password.optional().describe('Mật khẩu tạm mới; bỏ trống để hệ thống sinh và trả về một lần'),
});

const orgRef = z.object({ id: z.number(), name: z.string() }).nullable();

export const account = z.object({
  id: z.number(),
  username: z.string(),
  displayName: z.string(),
  status: z.enum(ACCOUNT_STATUSES),
  mustChangePassword: z.boolean(),
  org: orgRef.describe('Đơn vị của tài khoản; null: toàn hệ thống'),
  memberId: z.number().nullable(),
  twoFactorEnabled: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Account = z.infer<typeof account>;

export const accountList = z.object({ items: z.array(account), total: z.number(), page: z.number(), pageSize: z.number() });

export const accountCreated = z.object({
  account,
  temporaryPassword: z.string().nullable().describe('Mật khẩu tạm do hệ thống sinh, chỉ trả về lần này; null nếu người tạo đã đặt'),
});

export const passwordReset = z.object({
  temporaryPassword: z.string().nullable().describe('Mật khẩu tạm do hệ thống sinh, chỉ trả về lần này'),
  sessionsEnded: z.number(),
});

export const sessionsRevoked = z.object({ sessionsEnded: z.number() });

export const twoFactorReset = z.object({
  twoFactorWasEnabled: z.boolean().describe('Tài khoản đã bật xác thực hai lớp trước khi đặt lại'),
  sessionsEnded: z.number(),
});

export const grantBody = z.strictObject({
  userId: z.number().int().positive(),
  role: z.enum(ROLES),
  orgId: orgId.nullable().describe('Tổ chức (cả cây trực thuộc); null: toàn hệ thống'),
  validFrom: isoDate.optional().describe('Mặc định: hôm nay'),
  validTo: isoDate.nullish().describe('Ngày cuối còn hiệu lực; bỏ trống: không thời hạn'),
});
export type GrantInput = z.infer<typeof grantBody>;

export const roleAssignment = z.object({
  id: z.number(),
  userId: z.number(),
  role: z.enum(ROLES),
  org: orgRef.describe('null: toàn hệ thống'),
  validFrom: z.string(),
  validTo: z.string().nullable(),
  grantedBy: z.string().nullable().describe('Tên đăng nhập người cấp; null: dòng lệnh hoặc khởi tạo'),
  grantedAt: z.string(),
  revokedBy: z.string().nullable(),
  revokedAt: z.string().nullable(),
  active: z.boolean().describe('Đang có hiệu lực hôm nay'),
});
export type RoleAssignment = z.infer<typeof roleAssignment>;

export const roleAssignmentList = z.object({ items: z.array(roleAssignment) });
