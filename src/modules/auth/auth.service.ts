import { createHash, createHmac, randomBytes } from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';
import type { Kysely } from 'kysely';
import type { Clock } from '../../clock.js';
import type { DB, SessionStage } from '../../db/types.js';
import { AppError } from '../../errors.js';
import { appendAudit } from '../audit/audit.repository.js';
import { PASSWORD_MIN_LENGTH, passwordProblems, type PasswordProblem } from '../../domain/password-policy.js';
import * as repo from './auth.repository.js';
import { insertAssignment } from './access.repository.js';

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

const sessionIdOf = (token: string) => createHash('sha256').update(token).digest('base64url');

/**
 * The anti-forgery token of a session: derived from the session token, which only the browser
 * holding the cookie has, so a forged cross-site request cannot know it. Sent back by the web
 * app in the X-CSRF-Token header on every state-changing request.
 */
export const csrfTokenOf = (token: string) => createHmac('sha256', token).update('dangvu-csrf').digest('base64url');

export async function login(
  db: Kysely<DB>,
  clock: Clock,
  policy: SessionPolicy,
  input: { username: string; password: string; ip: string | null; userAgent: string | null },
): Promise<{ token: string; user: SessionUser }> {
  const user = await repo.findUserByUsername(db, input.username.trim().toLowerCase());
  dummyHash ??= hashPassword(randomBytes(16).toString('hex'));
  const ok = await verify(user?.password_hash ?? (await dummyHash), input.password).catch(() => false);
  const actor = { userId: user?.id ?? null, ip: input.ip };
  if (!user || !ok || user.status !== 'active') {
    await appendAudit(db, actor, {
      action: 'auth.login_failed',
      entityType: 'user',
      entityId: user?.id ?? null,
      orgPath: null,
      after: { username: input.username },
    });
    throw new AppError('BAD_CREDENTIALS');
  }
  const token = randomBytes(32).toString('base64url');
  const now = clock.now();
  const sessionId = sessionIdOf(token);
  await db.transaction().execute(async (tx) => {
    await repo.insertSession(tx, {
      id: sessionId,
      userId: user.id,
      expiresAt: new Date(now.getTime() + policy.absoluteHours * 3600_000),
      ip: input.ip,
      userAgent: input.userAgent,
      now,
    });
    await appendAudit(tx, actor, { action: 'auth.login', entityType: 'user', entityId: user.id, orgPath: null });
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
      stage: 'full',
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

/** Changes one's own password (also the forced change after first sign-in or a reset). */
export async function changePassword(
  db: Kysely<DB>,
  user: SessionUser,
  input: { currentPassword: string; newPassword: string; ip: string | null },
): Promise<void> {
  const row = await repo.findUserByUsername(db, user.username);
  if (!row || !(await verify(row.password_hash, input.currentPassword).catch(() => false))) {
    throw new AppError('BAD_CREDENTIALS', {}, { field: 'currentPassword' });
  }
  const problems = passwordProblems(input.newPassword, user.username);
  if (problems.length > 0) {
    throw new AppError('WEAK_PASSWORD', { reasons: problems.map((p) => problemText[p]).join('; ') }, { field: 'newPassword', problems });
  }
  const passwordHash = await hashPassword(input.newPassword);
  await db.transaction().execute(async (tx) => {
    await repo.setPassword(tx, user.userId, passwordHash, false);
    await appendAudit(tx, { userId: user.userId, ip: input.ip }, { action: 'auth.password_changed', entityType: 'user', entityId: user.userId, orgPath: null });
  });
}
