import { z } from 'zod';
import { ROLES, type Role } from './domain/permissions.js';

const bool = z
  .enum(['0', '1', 'true', 'false', ''])
  .optional()
  .transform((v) => v === '1' || v === 'true');

const list = z
  .string()
  .optional()
  .transform((v) => (v ?? '').split(',').map((x) => x.trim()).filter(Boolean));

const schema = z.object({
  DATABASE_URL: z.string().url().optional().or(z.literal('').transform(() => undefined)),
  DATA_DIR: z.string().min(1).default('./data'),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  DANGVU_DEMO: bool,
  DANGVU_ADMIN_PASSWORD: z.string().min(10).optional(),
  SESSION_IDLE_MINUTES: z.coerce.number().int().positive().default(30),
  SESSION_ABSOLUTE_HOURS: z.coerce.number().int().positive().default(12),
  COOKIE_SECURE: bool,
  /** Other origins allowed to send state-changing requests (comma-separated), e.g. a separate web host. */
  ALLOWED_ORIGINS: list,
  /** Roles that must sign in with a second factor (comma-separated; "none" for nobody). */
  TWO_FACTOR_ROLES: z
    .string()
    .optional()
    .transform((v, ctx) => {
      // Unset: the server decides (TWO_FACTOR_ROLES_DEFAULT, or nobody on the demo).
      if (v === undefined || v.trim() === '') return undefined;
      if (v.trim() === 'none') return [];
      const roles = v.split(',').map((x) => x.trim());
      const bad = roles.filter((r) => !(ROLES as readonly string[]).includes(r));
      if (bad.length) ctx.addIssue({ code: 'custom', message: `vai trò không tồn tại: ${bad.join(', ')} (có: ${ROLES.join(', ')})` });
      return roles as Role[];
    }),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

export type Config = z.infer<typeof schema>;

// Read once at start-up; every problem is listed, not just the first.
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`Cấu hình không hợp lệ (biến môi trường):\n${lines.join('\n')}`);
  }
  return parsed.data;
}
