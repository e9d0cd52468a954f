import { z } from 'zod';
import { DEFAULT_LOGIN_THROTTLE, type LoginThrottlePolicy } from './domain/login-throttle.js';
import { ROLES, type Role } from './domain/permissions.js';

/**
 * Proxies on the machine itself or on a private network may say who the client is; anyone else
 * could forge X-Forwarded-For to dodge the per-address sign-in throttle.
 */
export const DEFAULT_TRUST_PROXY = 'loopback, linklocal, uniquelocal';

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
  /**
   * shared_buffers of the embedded database: resident from start (PGlite), so small by default
   * (an import's memory); a large national install may trade memory for cache.
   */
  PGLITE_SHARED_BUFFERS: z
    .string()
    .regex(/^[1-9][0-9]*(kB|MB|GB)$/, 'ví dụ 32MB, 256MB, 1GB')
    .default('32MB'),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  DANGVU_DEMO: bool,
  DANGVU_ADMIN_PASSWORD: z.string().min(10).optional(),
  /**
   * Key sealing TOTP secrets at rest (AES-256-GCM): 64 hex digits or base64 of 32 bytes. Required
   * with DATABASE_URL; the embedded database generates DATA_DIR/totp.key when it is unset.
   */
  DANGVU_TOTP_KEY: z
    .string()
    .optional()
    .transform((v) => (v === undefined || v.trim() === '' ? undefined : v)),
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
  /** Sign-in throttle per account name: failures before waits start, failures that lock, lock length, longest wait. */
  LOGIN_DELAY_AFTER: z.coerce.number().int().min(0).default(DEFAULT_LOGIN_THROTTLE.account.delayAfter),
  LOGIN_LOCK_AFTER: z.coerce.number().int().positive().default(DEFAULT_LOGIN_THROTTLE.account.lockAfter),
  LOGIN_LOCK_MINUTES: z.coerce.number().int().positive().default(DEFAULT_LOGIN_THROTTLE.account.lockMinutes),
  LOGIN_MAX_DELAY_SECONDS: z.coerce.number().int().positive().default(DEFAULT_LOGIN_THROTTLE.account.maxDelaySeconds),
  /** The same per client address (larger: many people may share one gateway). */
  LOGIN_ADDRESS_DELAY_AFTER: z.coerce.number().int().min(0).default(DEFAULT_LOGIN_THROTTLE.address.delayAfter),
  LOGIN_ADDRESS_LOCK_AFTER: z.coerce.number().int().positive().default(DEFAULT_LOGIN_THROTTLE.address.lockAfter),
  /**
   * Which proxies may tell the client's address (X-Forwarded-For): "1"/"true" any, "0"/"false"
   * none, or addresses/ranges/names understood by proxy-addr, comma-separated.
   */
  TRUST_PROXY: z
    .string()
    .optional()
    .transform((v): boolean | string => {
      const t = (v ?? '').trim();
      if (t === '') return DEFAULT_TRUST_PROXY;
      if (t === '1' || t === 'true') return true;
      if (t === '0' || t === 'false') return false;
      return t;
    }),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
}).superRefine((c, ctx) => {
  if (c.LOGIN_LOCK_AFTER <= c.LOGIN_DELAY_AFTER) ctx.addIssue({ code: 'custom', path: ['LOGIN_LOCK_AFTER'], message: 'phải lớn hơn LOGIN_DELAY_AFTER' });
  if (c.LOGIN_ADDRESS_LOCK_AFTER <= c.LOGIN_ADDRESS_DELAY_AFTER) {
    ctx.addIssue({ code: 'custom', path: ['LOGIN_ADDRESS_LOCK_AFTER'], message: 'phải lớn hơn LOGIN_ADDRESS_DELAY_AFTER' });
  }
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

/** The throttle rules the configuration asks for. */
export function loginThrottleOf(c: Config): LoginThrottlePolicy {
  return {
    account: { delayAfter: c.LOGIN_DELAY_AFTER, lockAfter: c.LOGIN_LOCK_AFTER, lockMinutes: c.LOGIN_LOCK_MINUTES, maxDelaySeconds: c.LOGIN_MAX_DELAY_SECONDS },
    address: {
      delayAfter: c.LOGIN_ADDRESS_DELAY_AFTER,
      lockAfter: c.LOGIN_ADDRESS_LOCK_AFTER,
      lockMinutes: c.LOGIN_LOCK_MINUTES,
      maxDelaySeconds: c.LOGIN_MAX_DELAY_SECONDS,
    },
  };
}
