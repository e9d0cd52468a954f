import { roleMayGrant, type Role } from './permissions.js';

// Who may hand out (or take back) a role where, and whose account an administrator may manage
// (issue 3 item 5: nobody grants a role on an org outside their own scope or a role stronger
// than their own). Paths are org paths ('/1/23/'); '/' is the whole installation, which only a
// whole-installation assignment covers.

/** One of the granter's assignments in force, or one of the target's, with its org path. */
export interface HeldRole {
  role: Role;
  path: string;
  /** Last day of the assignment ('YYYY-MM-DD'); null or absent when it has no end. */
  validTo?: string | null;
}

export interface GrantTarget {
  /** The account that would receive (or lose) the role. */
  userId: number;
  role: Role;
  /** The assignment's org path; '/' for the whole installation. */
  path: string;
}

export type GrantRefusal = 'self_grant' | 'role_too_strong' | 'org_outside_scope';

const covers = (holder: string, path: string) => path.startsWith(holder);

/**
 * Why the granter may not give (or revoke) `target`, or null when they may. A grant needs one
 * assignment of the granter that both may grant the role and covers the org. Checked in this
 * order so the answer names the first thing the granter could not fix by choosing another org:
 * a self-grant never passes (scope is never widened by its own holder), then the role, then the
 * org. `granterId` is null for the operator at the server's shell (the CLI), who is nobody.
 */
export function grantRefusal(granterId: number | null, granterRoles: readonly HeldRole[], target: GrantTarget): GrantRefusal | null {
  if (granterId !== null && granterId === target.userId) return 'self_grant';
  const able = granterRoles.filter((g) => roleMayGrant(g.role, target.role));
  if (able.length === 0) return 'role_too_strong';
  if (!able.some((g) => covers(g.path, target.path))) return 'org_outside_scope';
  return null;
}

/**
 * The last day a grant of `target` by this granter may run to: the latest end among the granter's
 * assignments that could make the grant (may grant the role, cover the org); null when one of
 * them has no end. undefined when none could make it (grantRefusal says why).
 *
 * Issue 3 (no widening of scope): a grant may not outlive the granter's own assignment, or an
 * assignment the granter lost would live on through the people it was handed to.
 */
export function grantEndCap(granterRoles: readonly HeldRole[], target: Omit<GrantTarget, 'userId'>): string | null | undefined {
  const able = granterRoles.filter((g) => roleMayGrant(g.role, target.role) && covers(g.path, target.path));
  if (able.length === 0) return undefined;
  if (able.some((g) => g.validTo === undefined || g.validTo === null)) return null;
  return able.map((g) => g.validTo!).sort().at(-1)!;
}

/**
 * The cap a grant running to `validTo` (null: no end) would exceed, or null when it stays within
 * the granter's own assignment (refusal, not clipping: the granter sees the date they must pick).
 */
export function grantOutlivesGranter(
  granterRoles: readonly HeldRole[],
  target: Omit<GrantTarget, 'userId'> & { validTo: string | null },
): string | null {
  const cap = grantEndCap(granterRoles, target);
  if (cap === undefined || cap === null) return null;
  return target.validTo === null || target.validTo > cap ? cap : null;
}

export type ManageRefusal = 'self_administration' | 'target_stronger';

/**
 * Whether the caller may administer another account (reset its password, lock, edit it): only
 * if they could have granted every role it holds. Otherwise a scoped administrator could reset
 * the password of a stronger account whose unit lies in their subtree and sign in as it. One's
 * own account is changed through the self-service routes (password, sign out), not here.
 */
export function manageRefusal(
  callerId: number | null,
  callerRoles: readonly HeldRole[],
  target: { userId: number; roles: readonly HeldRole[] },
): ManageRefusal | null {
  if (callerId !== null && callerId === target.userId) return 'self_administration';
  const weaker = target.roles.every((t) => callerRoles.some((g) => roleMayGrant(g.role, t.role) && covers(g.path, t.path)));
  return weaker ? null : 'target_stronger';
}
