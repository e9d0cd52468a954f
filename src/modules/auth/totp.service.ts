import { createHash, randomBytes } from 'node:crypto';
import { verify } from '@node-rs/argon2';
import type { Kysely } from 'kysely';
import { Secret, TOTP } from 'otpauth';
import type { Clock } from '../../clock.js';
import type { DB } from '../../db/types.js';
import { AppError } from '../../errors.js';
import type { SecurityPolicy } from '../../http/context.js';
import { appendAudit } from '../audit/audit.repository.js';
import { activeGrants } from './access.repository.js';
import * as repo from './auth.repository.js';
import { rotateSession, type SessionUser } from './auth.service.js';
import { clearAccountCount, throttled, throttleKeys } from './throttle.service.js';

// TOTP (RFC 6238) through `otpauth`: SHA-1, 6 digits, 30 s — the parameters every
// authenticator app understands. A code is accepted one step either side of now (clock drift)
// and never twice: the last accepted step is kept and only a later one is taken.

export const TOTP_ISSUER = 'Đảng vụ';
const PERIOD = 30;
export const RECOVERY_CODE_COUNT = 10;

type Security = Pick<SecurityPolicy, 'twoFactorRoles' | 'loginThrottle' | 'totpBox'>;

function totpOf(secret: string, username: string): TOTP {
  return new TOTP({ issuer: TOTP_ISSUER, label: username, algorithm: 'SHA1', digits: 6, period: PERIOD, secret: Secret.fromBase32(secret) });
}

/** The time step a code belongs to, or null when it matches none within ±1 step of now. */
function matchingStep(secret: string, username: string, code: string, now: Date): number | null {
  const delta = totpOf(secret, username).validate({ token: code, timestamp: now.getTime(), window: 1 });
  return delta === null ? null : TOTP.counter({ period: PERIOD, timestamp: now.getTime() }) + delta;
}

// 12 characters from 32 unambiguous ones (no l, o): 60 bits each, so a fast hash is enough.
const RECOVERY_ALPHABET = 'abcdefghijkmnpqrstuvwxyz23456789';

function newRecoveryCode(): string {
  const chars = [...randomBytes(12)].map((b) => RECOVERY_ALPHABET[b & 31]).join('');
  return `${chars.slice(0, 4)}-${chars.slice(4, 8)}-${chars.slice(8)}`;
}

/** Case, spaces and dashes as typed do not matter. */
const recoveryHash = (code: string) => createHash('sha256').update(code.toLowerCase().replace(/[^a-z0-9]/g, '')).digest('hex');

function audit(db: Kysely<DB>, user: SessionUser, ip: string | null, action: string, after?: Record<string, unknown>) {
  return appendAudit(db, { userId: user.userId, ip }, { action, entityType: 'user', entityId: user.userId, orgPath: null, after: after ?? null });
}

/** The user's row, with the TOTP secret opened (null when there is none). */
async function currentUser(db: Kysely<DB>, security: Security, user: SessionUser) {
  const row = await repo.findUserById(db, user.userId);
  if (!row) throw new AppError('UNAUTHENTICATED');
  return { ...row, totp_secret: row.totp_secret === null ? null : await openSecret(db, security, row.id, row.totp_secret) };
}

/**
 * A stored secret in the clear. One still in plaintext (stored before secrets were sealed, and
 * missed by the start-up pass) is sealed on this first read.
 */
async function openSecret(db: Kysely<DB>, security: Security, userId: number, stored: string): Promise<string> {
  let opened: string | null;
  try {
    opened = security.totpBox.open(stored, userId);
  } catch {
    // Sealed under another key (a restore without DATA_DIR/totp.key, a changed DANGVU_TOTP_KEY)
    // or altered: say so, and how to get back in, rather than fail without a word.
    throw new AppError('TOTP_SECRET_UNREADABLE');
  }
  if (opened !== null) return opened;
  await repo.replaceTotpSecret(db, userId, stored, security.totpBox.seal(stored, userId));
  return stored;
}

/**
 * Seals every TOTP secret still stored in plaintext (run at start-up, once the key is known:
 * a migration cannot, it has no key). Returns how many were sealed.
 */
export async function sealPlaintextSecrets(db: Kysely<DB>, box: SecurityPolicy['totpBox']): Promise<number> {
  let n = 0;
  for (const row of await repo.plaintextTotpSecrets(db)) {
    if (await repo.replaceTotpSecret(db, row.id, row.totp_secret, box.seal(row.totp_secret, row.id))) n++;
  }
  return n;
}

/** Step 1 of enrolment: a new secret, kept (sealed) as pending until a code from it is confirmed. */
export async function startSetup(
  db: Kysely<DB>,
  clock: Clock,
  security: Security,
  user: SessionUser,
  ip: string | null,
): Promise<{ secret: string; uri: string }> {
  const secret = new Secret({ size: 20 }).base32;
  if (!(await repo.setPendingTotp(db, user.userId, security.totpBox.seal(secret, user.userId), clock.now()))) throw new AppError('TOTP_ALREADY_ENABLED');
  await audit(db, user, ip, 'auth.totp_setup_started');
  return { secret, uri: totpOf(secret, user.username).toString() };
}

/**
 * Checks a TOTP code under the sign-in throttle: a wrong or replayed code counts as a failed
 * sign-in on the account and the address, and is audited with `failedAction`.
 */
async function checkCode(
  db: Kysely<DB>,
  clock: Clock,
  security: Security,
  user: SessionUser,
  secret: string,
  code: string,
  ip: string | null,
  failedAction: string,
): Promise<void> {
  const now = clock.now();
  const keys = throttleKeys(user.username, ip);
  await throttled(db, now, security.loginThrottle, keys, { actor: { userId: user.userId, ip }, username: user.username, step: 'totp' }, async () => {
    const step = matchingStep(secret, user.username, code, now);
    const reason = step === null ? 'wrong_code' : (await repo.claimTotpStep(db, user.userId, step)) ? null : 'reused_code';
    if (reason === null) return { ok: true as const, value: undefined };
    await audit(db, user, ip, failedAction, { reason });
    return { ok: false as const, error: new AppError('BAD_TOTP_CODE') };
  });
}

/**
 * Step 2 of enrolment: a code from the pending secret turns TOTP on and yields the recovery
 * codes, shown this once (only their hashes are kept). A session waiting for enrolment becomes full.
 */
export async function enable(
  db: Kysely<DB>,
  clock: Clock,
  security: Security,
  user: SessionUser,
  code: string,
  ip: string | null,
): Promise<{ recoveryCodes: string[]; stage: SessionUser['stage']; token: string }> {
  const row = await currentUser(db, security, user);
  if (row.totp_enabled_at) throw new AppError('TOTP_ALREADY_ENABLED');
  if (!row.totp_secret) throw new AppError('TOTP_NOT_SET_UP');
  await checkCode(db, clock, security, user, row.totp_secret, code, ip, 'auth.totp_enable_failed');
  const recoveryCodes = Array.from({ length: RECOVERY_CODE_COUNT }, newRecoveryCode);
  const stage = user.stage === 'totp_setup' ? 'full' : user.stage;
  const token = await db.transaction().execute(async (tx) => {
    await repo.enableTotp(tx, user.userId, clock.now());
    await repo.replaceRecoveryCodes(tx, user.userId, recoveryCodes.map(recoveryHash));
    const rotated = await rotateSession(tx, user, stage);
    await audit(tx, user, ip, 'auth.totp_enabled', { recoveryCodes: RECOVERY_CODE_COUNT, sessionRotated: true });
    return rotated;
  });
  return { recoveryCodes, stage, token };
}

/** Completes a sign-in waiting for its second factor, with a TOTP code or an unused recovery code. */
export async function verifySecondFactor(
  db: Kysely<DB>,
  clock: Clock,
  security: Security,
  user: SessionUser,
  input: { code?: string; recoveryCode?: string },
  ip: string | null,
): Promise<{ recoveryCodesLeft: number | null; token: string }> {
  if (user.stage !== 'password') throw new AppError('SECOND_FACTOR_NOT_PENDING');
  const row = await currentUser(db, security, user);
  if (!row.totp_enabled_at || !row.totp_secret) throw new AppError('TOTP_NOT_ENABLED');
  const keys = throttleKeys(user.username, ip);
  let recoveryCodesLeft: number | null = null;
  if (input.code !== undefined) {
    await checkCode(db, clock, security, user, row.totp_secret, input.code, ip, 'auth.second_factor_failed');
  } else {
    const recoveryCode = input.recoveryCode ?? '';
    const now = clock.now();
    await throttled(db, now, security.loginThrottle, keys, { actor: { userId: user.userId, ip }, username: user.username, step: 'totp' }, async () => {
      if (await repo.useRecoveryCode(db, user.userId, recoveryHash(recoveryCode), now)) return { ok: true as const, value: undefined };
      await audit(db, user, ip, 'auth.second_factor_failed', { reason: 'wrong_recovery_code' });
      return { ok: false as const, error: new AppError('BAD_TOTP_CODE') };
    });
    recoveryCodesLeft = await repo.countUnusedRecoveryCodes(db, user.userId);
  }
  await clearAccountCount(db, keys);
  const token = await db.transaction().execute(async (tx) => {
    const rotated = await rotateSession(tx, user, 'full');
    await audit(tx, user, ip, 'auth.second_factor_passed', input.code !== undefined ? { method: 'totp' } : { method: 'recovery_code', recoveryCodesLeft });
    return rotated;
  });
  return { recoveryCodesLeft, token };
}

/**
 * Turns TOTP off, with the password and a current code; refused while a role in force requires
 * it. The recovery codes go with it.
 */
export async function disable(
  db: Kysely<DB>,
  clock: Clock,
  security: Security,
  user: SessionUser,
  input: { password: string; code: string },
  ip: string | null,
): Promise<void> {
  const grants = await activeGrants(db, user.userId, clock.today());
  const requiring = [...new Set(grants.map((g) => g.role).filter((r) => security.twoFactorRoles.includes(r)))];
  if (requiring.length > 0) throw new AppError('TOTP_REQUIRED_FOR_ROLE', { roles: requiring.join(', ') }, { roles: requiring });
  const row = await currentUser(db, security, user);
  if (!row.totp_enabled_at || !row.totp_secret) throw new AppError('TOTP_NOT_ENABLED');
  const now = clock.now();
  const keys = throttleKeys(user.username, ip);
  await throttled(db, now, security.loginThrottle, keys, { actor: { userId: user.userId, ip }, username: user.username, step: 'password' }, async () => {
    if (await verify(row.password_hash, input.password).catch(() => false)) return { ok: true as const, value: undefined };
    await audit(db, user, ip, 'auth.totp_disable_failed', { reason: 'bad_password' });
    return { ok: false as const, error: new AppError('BAD_CREDENTIALS', {}, { field: 'password' }) };
  });
  await checkCode(db, clock, security, user, row.totp_secret, input.code, ip, 'auth.totp_disable_failed');
  await db.transaction().execute(async (tx) => {
    await repo.disableTotp(tx, user.userId, now);
    await repo.deleteRecoveryCodes(tx, user.userId);
    await audit(tx, user, ip, 'auth.totp_disabled');
  });
}
