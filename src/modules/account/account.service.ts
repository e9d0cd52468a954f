import { randomBytes } from 'node:crypto';
import type { Transaction } from 'kysely';
import type { DB } from '../../db/types.js';
import { manageRefusal } from '../../domain/grant-rules.js';
import { passwordProblems } from '../../domain/password-policy.js';
import { AppError, Refusal } from '../../errors.js';
import { appendAudit, changedFields } from '../audit/audit.repository.js';
import { hashPassword, problemText } from '../auth/auth.service.js';
import type { Scope } from '../auth/scope.js';
import { findMember } from '../member/member.repository.js';
import type { ServiceContext } from '../service-context.js';
import * as repo from './account.repository.js';
import type { Account, CreateAccountInput, ListAccountsQuery, UpdateAccountInput } from './account.schema.js';

// Use cases of account administration (issue 3 item 8). Each change is one transaction with its
// audit row (org_path = the account's unit, so the unit's auditors see it). ctx.scope is the
// scope of the route's account permission.

type Tx = Transaction<DB>;

const iso = (d: Date | string) => new Date(d).toISOString();

export function presentAccount(a: repo.AccountRow): Account {
  return {
    id: a.id,
    username: a.username,
    displayName: a.display_name,
    status: a.status,
    mustChangePassword: a.must_change_password,
    org: a.org_id === null ? null : { id: a.org_id, name: a.org_name ?? '' },
    memberId: a.member_id,
    twoFactorEnabled: a.two_factor,
    createdAt: iso(a.created_at),
    updatedAt: iso(a.updated_at),
  };
}

/** A temporary password the policy accepts; shown once to the administrator, never stored. */
export function generatePassword(username: string): string {
  for (;;) {
    const pw = randomBytes(12).toString('base64url');
    if (passwordProblems(pw, username).length === 0) return pw;
  }
}

function assertAcceptable(password: string, username: string): void {
  const problems = passwordProblems(password, username);
  if (problems.length > 0) {
    throw new AppError('WEAK_PASSWORD', { reasons: problems.map((p) => problemText[p]).join('; ') }, { field: 'password', problems });
  }
}

async function lockedAccount(tx: Tx, scope: Scope, id: number): Promise<repo.AccountRow> {
  const row = await repo.findAccount(tx, scope, id, { forUpdate: true });
  if (!row) throw new AppError('USER_NOT_FOUND', { id });
  return row;
}

async function assertMayManage(ctx: ServiceContext, tx: Tx, row: repo.AccountRow): Promise<void> {
  const roles = await repo.standingRoles(tx, row.id, ctx.clock.today());
  const refusal = manageRefusal(ctx.actor.userId, ctx.access.grants, { userId: row.id, roles });
  if (refusal) throw new Refusal(refusal, { username: row.username });
}

/** The unit an account is placed in: an org within the scope, or none for a whole-tree caller. */
async function unitFor(tx: Tx, scope: Scope, orgId: number | null) {
  if (orgId === null) {
    if (!repo.isWholeTree(scope)) throw new Refusal('installation_wide_account');
    return null;
  }
  const org = await repo.findOrg(tx, scope, orgId);
  if (!org) throw new AppError('ORG_NOT_FOUND', { id: orgId }, { field: 'orgId' });
  return org;
}

function audit(tx: Tx, ctx: ServiceContext, action: string, a: { id: number; orgPath: string | null }, before: Record<string, unknown> | null, after: Record<string, unknown> | null) {
  return appendAudit(tx, ctx.actor, { action, entityType: 'user', entityId: a.id, orgPath: a.orgPath, before, after });
}

export async function listAccounts(ctx: ServiceContext, q: ListAccountsQuery) {
  const { rows, total } = await repo.listAccounts(ctx.db, ctx.scope, {
    q: q.q || undefined,
    status: q.status,
    limit: q.pageSize,
    offset: (q.page - 1) * q.pageSize,
  });
  return { items: rows.map(presentAccount), total, page: q.page, pageSize: q.pageSize };
}

export async function getAccount(ctx: ServiceContext, id: number): Promise<Account> {
  const row = await repo.findAccount(ctx.db, ctx.scope, id);
  if (!row) throw new AppError('USER_NOT_FOUND', { id });
  return presentAccount(row);
}

/** Looks an account up by username within the scope (the CLI names accounts by username). */
export async function accountByUsername(ctx: ServiceContext, username: string): Promise<Account> {
  const row = await repo.findAccountByUsername(ctx.db, ctx.scope, username.trim().toLowerCase());
  if (!row) throw new AppError('USER_NOT_FOUND', { id: username });
  return presentAccount(row);
}

/** An org named by id or code within the scope (the CLI's --org). */
export async function orgByRef(ctx: ServiceContext, ref: string): Promise<{ id: number; name: string }> {
  const org = await repo.findOrgByIdOrCode(ctx.db, ctx.scope, ref.trim());
  if (!org) throw new AppError('ORG_NOT_FOUND', { id: ref });
  return { id: org.id, name: org.name };
}

/**
 * A new account that must change its password at first sign-in. The temporary password is the
 * one given, or one generated and returned once. A linked member record must lie in the
 * caller's member scope and have no other account.
 */
export async function createAccount(ctx: ServiceContext, input: CreateAccountInput): Promise<{ account: Account; temporaryPassword: string | null }> {
  const username = input.username.trim().toLowerCase();
  if (input.password !== undefined) assertAcceptable(input.password, username);
  const password = input.password ?? generatePassword(username);
  const passwordHash = await hashPassword(password);
  const memberId = input.memberId ?? null;
  const id = await ctx.db.transaction().execute(async (tx) => {
    const org = await unitFor(tx, ctx.scope, input.orgId);
    if (memberId !== null) {
      const member = await findMember(tx, ctx.access.scopeFor('member', 'read'), memberId);
      if (!member) throw new AppError('MEMBER_NOT_FOUND', { id: memberId }, { field: 'memberId' });
      const other = await repo.accountOfMember(tx, ctx.scope, memberId, null);
      if (other?.visible) throw new AppError('MEMBER_ALREADY_LINKED', { id: memberId, username: other.username }, { field: 'memberId' });
      if (other) throw new AppError('MEMBER_LINKED_ELSEWHERE', { id: memberId }, { field: 'memberId' });
    }
    if (await repo.usernameTaken(tx, username)) throw new AppError('DUPLICATE_USERNAME', { value: username }, { field: 'username' });
    const newId = await repo.insertAccount(tx, { username, displayName: input.displayName, passwordHash, orgId: org?.id ?? null, memberId, now: ctx.clock.now() });
    await audit(tx, ctx, 'user.create', { id: newId, orgPath: org?.path ?? null }, null, {
      username,
      displayName: input.displayName,
      orgId: org?.id ?? null,
      memberId,
      mustChangePassword: true,
    });
    return newId;
  });
  const created = await repo.findAccount(ctx.db, ctx.scope, id);
  return { account: presentAccount(created!), temporaryPassword: input.password === undefined ? password : null };
}

export async function updateAccount(ctx: ServiceContext, id: number, input: UpdateAccountInput): Promise<Account> {
  return ctx.db.transaction().execute(async (tx) => {
    const row = await lockedAccount(tx, ctx.scope, id);
    await assertMayManage(ctx, tx, row);
    let orgPath = row.org_path;
    let orgId = row.org_id;
    if (input.orgId !== undefined && input.orgId !== row.org_id) {
      const org = await unitFor(tx, ctx.scope, input.orgId);
      orgId = org?.id ?? null;
      orgPath = org?.path ?? null;
    }
    const diff = changedFields(
      { displayName: row.display_name, orgId: row.org_id },
      { displayName: input.displayName ?? row.display_name, orgId },
    );
    if (Object.keys(diff.after).length === 0) return presentAccount(row);
    await repo.updateAccount(tx, ctx.scope, id, { display_name: input.displayName ?? row.display_name, org_id: orgId }, ctx.clock.now());
    await audit(tx, ctx, 'user.update', { id, orgPath }, diff.before, diff.after);
    return presentAccount((await repo.findAccount(tx, ctx.scope, id))!);
  });
}

/**
 * A new temporary password (the one given, or generated and returned once) that must be changed
 * at the next sign-in; every session of the account ends, so whoever was using it is out.
 */
export async function resetPassword(ctx: ServiceContext, id: number, input: { password?: string }): Promise<{ temporaryPassword: string | null; sessionsEnded: number }> {
  return ctx.db.transaction().execute(async (tx) => {
    const row = await lockedAccount(tx, ctx.scope, id);
    await assertMayManage(ctx, tx, row);
    if (input.password !== undefined) assertAcceptable(input.password, row.username);
    const password = input.password ?? generatePassword(row.username);
    await repo.updateAccount(tx, ctx.scope, id, { password_hash: await hashPassword(password), must_change_password: true }, ctx.clock.now());
    const sessionsEnded = await repo.deleteSessions(tx, id);
    await audit(tx, ctx, 'user.password_reset', { id, orgPath: row.org_path }, { mustChangePassword: row.must_change_password }, { mustChangePassword: true, sessionsEnded });
    return { temporaryPassword: input.password === undefined ? password : null, sessionsEnded };
  });
}

const STATUS_AFTER = { lock: 'locked', unlock: 'active', disable: 'disabled' } as const;

/**
 * Lock (temporarily, e.g. a suspected compromise), unlock (also forgets failed sign-ins counted
 * against the name, so the throttle does not keep the account shut) or disable (left the unit).
 * Locking and disabling end every session at once rather than at the next request.
 */
export async function setStatus(ctx: ServiceContext, id: number, action: keyof typeof STATUS_AFTER): Promise<Account> {
  return ctx.db.transaction().execute(async (tx) => {
    const row = await lockedAccount(tx, ctx.scope, id);
    await assertMayManage(ctx, tx, row);
    const status = STATUS_AFTER[action];
    if (status !== row.status) await repo.updateAccount(tx, ctx.scope, id, { status }, ctx.clock.now());
    const sessionsEnded = status === 'active' ? 0 : await repo.deleteSessions(tx, id);
    const throttleCleared = action === 'unlock' ? await repo.clearLoginThrottle(tx, row.username) : 0;
    if (status !== row.status || sessionsEnded > 0 || throttleCleared > 0) {
      const after: Record<string, unknown> = { status };
      if (sessionsEnded > 0) after.sessionsEnded = sessionsEnded;
      if (throttleCleared > 0) after.failedSignInsCleared = true;
      await audit(tx, ctx, `user.${action}`, { id, orgPath: row.org_path }, { status: row.status }, after);
    }
    return presentAccount((await repo.findAccount(tx, ctx.scope, id))!);
  });
}

/**
 * A lost authenticator: the account's second factor is forgotten (secret and recovery codes) and
 * every session ends. At the next sign-in the user enrols again when a role requires it, or signs
 * in with the password alone when none does. The same rule as a password reset decides who may.
 */
export async function resetTwoFactor(ctx: ServiceContext, id: number): Promise<{ twoFactorWasEnabled: boolean; sessionsEnded: number }> {
  return ctx.db.transaction().execute(async (tx) => {
    const row = await lockedAccount(tx, ctx.scope, id);
    await assertMayManage(ctx, tx, row);
    const cleared = await repo.clearTwoFactor(tx, ctx.scope, id, ctx.clock.now());
    const sessionsEnded = await repo.deleteSessions(tx, id);
    await audit(
      tx,
      ctx,
      'user.two_factor_reset',
      { id, orgPath: row.org_path },
      { twoFactorEnabled: row.two_factor },
      { twoFactorEnabled: false, secretCleared: cleared, sessionsEnded },
    );
    return { twoFactorWasEnabled: row.two_factor, sessionsEnded };
  });
}

/** Signs the account out everywhere (a lost phone, a shared computer). */
export async function revokeSessions(ctx: ServiceContext, id: number): Promise<{ sessionsEnded: number }> {
  return ctx.db.transaction().execute(async (tx) => {
    const row = await lockedAccount(tx, ctx.scope, id);
    await assertMayManage(ctx, tx, row);
    const sessionsEnded = await repo.deleteSessions(tx, id);
    await audit(tx, ctx, 'user.sessions_revoked', { id, orgPath: row.org_path }, null, { sessionsEnded });
    return { sessionsEnded };
  });
}
