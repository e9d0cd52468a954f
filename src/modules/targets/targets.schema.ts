import { z } from 'zod';

// Shapes of yearly admission targets and their achievement (issue 5 item 8).

const year = z.coerce.number().int().min(1930).max(2100);

export const achievementQuery = z.object({
  org: z.coerce.number().int().positive().optional().describe('Tổ chức cần xem; mặc định là tổ chức cao nhất trong phạm vi của người dùng'),
  year: year.optional().describe('Năm; mặc định năm nay'),
});
export type AchievementQuery = z.infer<typeof achievementQuery>;

export const targetParams = z.object({ orgId: z.coerce.number().int().positive(), year });

export const setTargetBody = z.strictObject({
  target: z.number().int().min(0).max(10_000_000),
  note: z.string().trim().max(2000).nullish(),
  version: z.number().int().positive().optional().describe('Phiên bản chỉ tiêu đang sửa; bỏ trống khi đặt lần đầu'),
});
export type SetTargetInput = z.infer<typeof setTargetBody>;

const n = z.number().int();

const figures = {
  admitted: n,
  /** Of whom Youth Union members, women, ethnic minorities (R-STAT-04). */
  youthUnion: n,
  women: n,
  ethnicMinority: n,
  ownTarget: n.nullable(),
  childrenTargetSum: n.nullable(),
  target: n.nullable(),
  targetSource: z.enum(['own', 'children']).nullable(),
  percent: z.number().nullable(),
  met: z.boolean().nullable(),
};

export const achievementOrg = z.object({
  orgId: n,
  name: z.string(),
  code: z.string(),
  orgType: z.string(),
  dissolvedOn: z.string().nullable(),
  hasChildren: z.boolean(),
  note: z.string().nullable(),
  /** The version of the org's own target row; null when none is set. */
  version: n.nullable(),
  ...figures,
});
export type AchievementOrg = z.infer<typeof achievementOrg>;

export const achievementBody = z.object({
  year: n,
  /** The in-scope ancestors of the node, root first. */
  breadcrumb: z.array(z.object({ orgId: n, name: z.string() })),
  node: achievementOrg,
  children: z.array(achievementOrg),
});
export type AchievementBody = z.infer<typeof achievementBody>;

export const target = z.object({
  orgId: n,
  year: n,
  target: n,
  note: z.string().nullable(),
  setBy: n.nullable(),
  setAt: z.string(),
  version: n,
});
export type Target = z.infer<typeof target>;
