import { createHash, createHmac, randomBytes } from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';
import type { Kysely } from 'kysely';
import type { Clock } from '../../clock.js';
import type { DB, SessionStage } from '../../db/types.js';
import { AppError } from '../../errors.js';
import { appendAudit } from '../audit/audit.repository.js';
import { PASSWORD_MIN_LENGTH, passwordProblems, type PasswordProblem } from '../../domain/password-policy.js';
import * as repo from './auth.repository.js';
import { activeGrants, insertAssignment } from './access.repository.js';
import type { SecurityPolicy } from '../../http/context.js';
import type { Role } from '../../domain/permissions.js';
import { clearAccountCount, normalizeUsername, sweepThrottle, throttled, throttleKeys } from './throttle.service.js';

export interface SessionPolicy {
  idleMinutes: number;
  absoluteHours: number;
}

export interface SessionUser {
  sessionId: string;
  userId: number;
  username: string;
  displayName: string;
  mustChangePassword: boolean;
  memberId: number | null;
  /** 'full' once every step of sign-in is done (see app_session.stage). */
  stage: SessionStage;
}

// argon2id with the library's defaults (OWASP-level memory cost).
export const hashPassword = (password: string) => hash(password);

// Verifying against a real hash for unknown users keeps their timing the same as a wrong password.
let dummyHash: Promise<string> | undefined;

export const sessionIdOf = (token: string) => createHash('sha256').update(token).digest('base64url');

/**
 * The anti-forgery token of a session: derived from the session token, which only the browser
 * holding the cookie has, so a forged cross-site request cannot know it. Sent back by the web
 * app in the X-CSRF-Token header on every state-changing request.
 */
export const csrfTokenOf = (token: string) => createHmac('sha256', token).update('dangvu-csrf').digest('base64url');

/** A new session token and the id it is stored under (only the hash is kept). */
export function newSessionToken(): { token: string; sessionId: string } {
  const token = randomBytes(32).toString('base64url');
  return { token, sessionId: sessionIdOf(token) };
}

/**
 * Session fixation: whenever a session gains rights (a step of sign-in is passed, the password
 * changes) it gets a new token and the old one stops working, so a token planted in or read
 * from the browser before that step is worth nothing after it. Returns the new token.
 */
export async function rotateSession(db: Kysely<DB>, user: SessionUser, stage: SessionStage): Promise<string> {
  const next = newSessionToken();
  if (!(await repo.rotateSession(db, user.sessionId, next.sessionId, stage))) throw new AppError('UNAUTHENTICATED');
  return next.token;
}

export type LoginFailure = 'unknown_user' | 'bad_password' | 'locked' | 'disabled';

/** What the caller must do next after a password was accepted. */
export type NextStep = 'totp_verify' | 'totp_setup' | 'password_change' | null;

export function nextStepOf(user: Pick<SessionUser, 'stage' | 'mustChangePassword'>): NextStep {
  if (user.stage === 'password') return 'totp_verify';
  if (user.stage === 'totp_setup') return 'totp_setup';
  return user.mustChangePassword ? 'password_change' : null;
}

/** Does one of the user's roles in force today require a second factor? */
export async function secondFactorRequired(db: Kysely<DB>, today: string, userId: number, twoFactorRoles: readonly Role[]): Promise<boolean> {
  const grants = await activeGrants(db, userId, today);
  return grants.some((g) => twoFactorRoles.includes(g.role));
}

/**
 * Password sign-in, under the throttle (see throttle.service). Unknown name, wrong password and
 * a locked or disabled account answer alike; only the audit row says which it was. The session
 * starts at the stage sign-in has reached: 'password' when the account has TOTP, 'totp_setup'
 * when a role requires TOTP not yet enrolled, 'full' otherwise.
 */
export async function login(
  db: Kysely<DB>,
  clock: Clock,
  policy: SessionPolicy,
  security: Pick<SecurityPolicy, 'twoFactorRoles' | 'loginThrottle'>,
  input: { username: string; password: string; ip: string | null; userAgent: string | null },
): Promise<{ token: string; user: SessionUser }> {
  const username = normalizeUsername(input.username);
  const now = clock.now();
  const keys = throttleKeys(username, input.ip);
  const refusal = { actor: { userId: null, ip: input.ip }, username: input.username, step: 'password' as const };
  const user = await throttled(db, now, security.loginThrottle, keys, refusal, async () => {
    const found = await repo.findUserByUsername(db, username);
    dummyHash ??= hashPassword(randomBytes(16).toString('hex'));
    const ok = await verify(found?.password_hash ?? (await dummyHash), input.password).catch(() => false);
    const reason: LoginFailure | null = !found ? 'unknown_user' : !ok ? 'bad_password' : found.status !== 'active' ? found.status : null;
    if (reason === null && found) return { ok: true as const, value: found };
    await appendAudit(db, { userId: found?.id ?? null, ip: input.ip }, {
      action: 'auth.login_failed',
      entityType: 'user',
      entityId: found?.id ?? null,
      orgPath: null,
      after: { username: input.username, reason },
    });
    return { ok: false as const, error: new AppError('BAD_CREDENTIALS') };
  });

  const stage: SessionStage = user.totp_enabled_at
    ? 'password'
    : (await secondFactorRequired(db, clock.today(), user.id, security.twoFactorRoles))
      ? 'totp_setup'
      : 'full';
  // With TOTP on, the count is cleared only once the code is accepted: otherwise knowing the
  // password would reset the guesses at the code.
  if (stage !== 'password') await clearAccountCount(db, keys);
  const { token, sessionId } = newSessionToken();
  await db.transaction().execute(async (tx) => {
    await repo.deleteExpiredSessions(tx, now, policy.idleMinutes);
    await sweepThrottle(tx, now);
    await repo.insertSession(tx, {
      id: sessionId,
      userId: user.id,
      expiresAt: new Date(now.getTime() + policy.absoluteHours * 3600_000),
      ip: input.ip,
      userAgent: input.userAgent,
      now,
      stage,
    });
    await appendAudit(tx, { userId: user.id, ip: input.ip }, { action: 'auth.login', entityType: 'user', entityId: user.id, orgPath: null, after: { stage } });
  });
  return {
    token,
    user: {
      sessionId,
      userId: user.id,
      username: user.username,
      displayName: user.display_name,
      mustChangePassword: user.must_change_password,
      memberId: user.member_id,
      stage,
    },
  };
}

/** The signed-in user behind a session token, or null when absent, expired or idle too long. */
export async function authenticate(db: Kysely<DB>, clock: Clock, policy: SessionPolicy, token: string | undefined): Promise<SessionUser | null> {
  if (!token) return null;
  const sessionId = sessionIdOf(token);
  const s = await repo.findSessionWithUser(db, sessionId);
  if (!s) return null;
  const now = clock.now();
  const idleLimit = new Date(s.last_seen_at).getTime() + policy.idleMinutes * 60_000;
  if (now >= new Date(s.expires_at) || now.getTime() > idleLimit || s.status !== 'active') {
    await repo.deleteSession(db, sessionId);
    return null;
  }
  // Refresh the idle clock at most once a minute to keep reads from writing on every request.
  if (now.getTime() - new Date(s.last_seen_at).getTime() > 60_000) await repo.touchSession(db, sessionId, now);
  return {
    sessionId,
    userId: s.user_id,
    username: s.username,
    displayName: s.display_name,
    mustChangePassword: s.must_change_password,
    memberId: s.member_id,
    stage: s.stage,
  };
}

export async function logout(db: Kysely<DB>, user: SessionUser, ip: string | null): Promise<void> {
  await db.transaction().execute(async (tx) => {
    await repo.deleteSession(tx, user.sessionId);
    await appendAudit(tx, { userId: user.userId, ip }, { action: 'auth.logout', entityType: 'user', entityId: user.userId, orgPath: null });
  });
}

/** "Sign out everywhere": every session of the caller, this one included. */
export async function logoutEverywhere(db: Kysely<DB>, user: SessionUser, ip: string | null): Promise<number> {
  return db.transaction().execute(async (tx) => {
    const ended = await repo.deleteUserSessions(tx, user.userId);
    await appendAudit(tx, { userId: user.userId, ip }, {
      action: 'auth.logout_all',
      entityType: 'user',
      entityId: user.userId,
      orgPath: null,
      after: { sessionsEnded: ended },
    });
    return ended;
  });
}

export async function createUser(
  db: Kysely<DB>,
  input: { username: string; displayName: string; password: string; mustChangePassword: boolean },
) {
  const passwordHash = await hashPassword(input.password);
  return db.transaction().execute(async (tx) => {
    const created = await repo.insertUser(tx, {
      username: input.username.trim().toLowerCase(),
      displayName: input.displayName,
      passwordHash,
      mustChangePassword: input.mustChangePassword,
    });
    await appendAudit(tx, { userId: null, ip: null }, {
      action: 'user.create',
      entityType: 'user',
      entityId: created.id,
      orgPath: null,
      after: { username: created.username, displayName: created.display_name },
    });
    return created;
  });
}

/** First start on an empty database: an administrator `admin` with the given or a random password. */
export async function ensureFirstAdmin(db: Kysely<DB>, password: string | undefined): Promise<{ created: boolean; password?: string }> {
  if ((await repo.countUsers(db)) > 0) return { created: false };
  const pw = password ?? randomBytes(12).toString('base64url');
  const admin = await createUser(db, { username: 'admin', displayName: 'Quản trị hệ thống', password: pw, mustChangePassword: !password });
  // Accounts and configuration over the whole installation; member data only if another
  // administrator (or `dangvu user grant`) adds an assignment for it.
  await insertAssignment(db, { userId: admin.id, role: 'admin', orgId: null, validFrom: '2000-01-01', grantedBy: null });
  return { created: true, password: password ? undefined : pw };
}

export const problemText: Record<PasswordProblem, string> = {
  too_short: `cần ít nhất ${PASSWORD_MIN_LENGTH} ký tự`,
  same_as_username: 'không được chứa tên đăng nhập',
  too_common: 'quá phổ biến, dễ đoán',
};

/**
 * Changes one's own password (also the forced change after first sign-in or a reset). Every
 * other session of the user ends: whoever might have learnt the old password is signed out.
 * This one continues under a new token (returned), see rotateSession.
 */
export async function changePassword(
  db: Kysely<DB>,
  clock: Clock,
  security: Pick<SecurityPolicy, 'loginThrottle'>,
  user: SessionUser,
  input: { currentPassword: string; newPassword: string; ip: string | null },
): Promise<{ token: string }> {
  // A stolen session must not become a way to guess the password: wrong guesses are throttled.
  const keys = throttleKeys(user.username, input.ip);
  const refusal = { actor: { userId: user.userId, ip: input.ip }, username: user.username, step: 'password' as const };
  await throttled(db, clock.now(), security.loginThrottle, keys, refusal, async () => {
    const row = await repo.findUserById(db, user.userId);
    if (row && (await verify(row.password_hash, input.currentPassword).catch(() => false))) return { ok: true as const, value: undefined };
    await appendAudit(db, refusal.actor, { action: 'auth.password_change_failed', entityType: 'user', entityId: user.userId, orgPath: null, after: { reason: 'bad_password' } });
    return { ok: false as const, error: new AppError('BAD_CREDENTIALS', {}, { field: 'currentPassword' }) };
  });
  const problems = passwordProblems(input.newPassword, user.username);
  if (problems.length > 0) {
    throw new AppError('WEAK_PASSWORD', { reasons: problems.map((p) => problemText[p]).join('; ') }, { field: 'newPassword', problems });
  }
  const passwordHash = await hashPassword(input.newPassword);
  return db.transaction().execute(async (tx) => {
    await repo.setPassword(tx, user.userId, passwordHash, false, clock.now());
    const ended = await repo.deleteUserSessions(tx, user.userId, user.sessionId);
    const token = await rotateSession(tx, user, user.stage);
    await appendAudit(tx, { userId: user.userId, ip: input.ip }, {
      action: 'auth.password_changed',
      entityType: 'user',
      entityId: user.userId,
      orgPath: null,
      after: { otherSessionsEnded: ended, sessionRotated: true },
    });
    return { token };
  });
}
