import { grantOutlivesGranter, grantRefusal } from '../../domain/grant-rules.js';
import { roleLabels } from '../../i18n/vi.js';
import { AppError, Refusal } from '../../errors.js';
import { appendAudit } from '../audit/audit.repository.js';
import { insertAssignment } from '../auth/access.repository.js';
import type { ServiceContext } from '../service-context.js';
import * as accounts from './account.repository.js';
import * as repo from './role-assignment.repository.js';
import type { GrantInput, RoleAssignment } from './account.schema.js';

// Granting and revoking roles (issue 3 item 5). The decision is grantRefusal in src/domain; here
// it gets its facts: the caller's assignments in force, the target org's path, and whether the
// target account is visible at all. ctx.scope is the scope of the route's role_assignment
// permission; the target account must lie in the caller's account:read scope.

const iso = (d: Date | string) => new Date(d).toISOString();

function present(a: repo.AssignmentRow, today: string): RoleAssignment {
  return {
    id: a.id,
    userId: a.user_id,
    role: a.role,
    org: a.org_id === null ? null : { id: a.org_id, name: a.org_name ?? '' },
    validFrom: a.valid_from,
    validTo: a.valid_to,
    grantedBy: a.granted_by,
    grantedAt: iso(a.granted_at),
    revokedBy: a.revoked_by,
    revokedAt: a.revoked_at === null ? null : iso(a.revoked_at),
    active: a.revoked_at === null && a.valid_from <= today && (a.valid_to === null || a.valid_to >= today),
  };
}

const orgLabel = (org: { name: string } | null) => (org ? `"${org.name}"` : 'toàn hệ thống');

export async function listRoles(ctx: ServiceContext, userId: number): Promise<{ items: RoleAssignment[] }> {
  const user = await accounts.findAccount(ctx.db, ctx.access.scopeFor('account', 'read'), userId);
  if (!user) throw new AppError('USER_NOT_FOUND', { id: userId });
  const rows = await repo.assignmentsOf(ctx.db, ctx.scope, userId);
  const today = ctx.clock.today();
  return { items: rows.map((r) => present(r, today)) };
}

export async function grantRole(ctx: ServiceContext, input: GrantInput): Promise<RoleAssignment> {
  const today = ctx.clock.today();
  const validFrom = input.validFrom ?? today;
  const validTo = input.validTo ?? null;
  if (validTo !== null && validTo < validFrom) {
    throw new AppError('DATE_ORDER', { field: 'Ngày hết hiệu lực', value: validTo, other: 'ngày bắt đầu', otherValue: validFrom }, { field: 'validTo' });
  }
  return ctx.db.transaction().execute(async (tx) => {
    let org: { id: number; name: string; path: string } | null = null;
    if (input.orgId !== null) {
      org = (await accounts.findOrg(tx, ctx.scope, input.orgId)) ?? null;
      if (!org) throw new AppError('ORG_NOT_FOUND', { id: input.orgId }, { field: 'orgId' });
    }
    const refusal = grantRefusal(ctx.actor.userId, ctx.access.grants, { userId: input.userId, role: input.role, path: org?.path ?? '/' });
    if (refusal) throw new Refusal(refusal, { role: roleLabels[input.role], org: orgLabel(org) });
    const cap = grantOutlivesGranter(ctx.access.grants, { role: input.role, path: org?.path ?? '/', validTo });
    if (cap !== null) throw new AppError('GRANT_OUTLIVES_GRANTER', { role: roleLabels[input.role], until: cap }, { field: 'validTo', until: cap });
    const user = await accounts.findAccount(tx, ctx.access.scopeFor('account', 'read'), input.userId);
    if (!user) throw new AppError('USER_NOT_FOUND', { id: input.userId }, { field: 'userId' });
    const held = await repo.overlappingAssignment(tx, { userId: user.id, role: input.role, orgId: org?.id ?? null, validFrom, validTo });
    if (held) throw new AppError('ROLE_ALREADY_ASSIGNED', { username: user.username, role: roleLabels[input.role], org: orgLabel(org), id: held.id });
    const { id } = await insertAssignment(tx, { userId: user.id, role: input.role, orgId: org?.id ?? null, validFrom, validTo, grantedBy: ctx.actor.userId });
    await appendAudit(tx, ctx.actor, {
      action: 'role.grant',
      entityType: 'role_assignment',
      entityId: id,
      orgPath: org?.path ?? null,
      after: { userId: user.id, username: user.username, role: input.role, orgId: org?.id ?? null, validFrom, validTo },
    });
    return present((await repo.findAssignment(tx, ctx.scope, id))!, today);
  });
}

/** Ends an assignment now. The same rule as granting it: the caller must have been able to. */
export async function revokeRole(ctx: ServiceContext, id: number): Promise<RoleAssignment> {
  const today = ctx.clock.today();
  return ctx.db.transaction().execute(async (tx) => {
    const a = await repo.findAssignment(tx, ctx.scope, id, { forUpdate: true });
    if (!a || !(await accounts.findAccount(tx, ctx.access.scopeFor('account', 'read'), a.user_id))) {
      throw new AppError('ROLE_ASSIGNMENT_NOT_FOUND', { id });
    }
    const org = a.org_id === null ? null : { name: a.org_name ?? '' };
    const refusal = grantRefusal(ctx.actor.userId, ctx.access.grants, { userId: a.user_id, role: a.role, path: a.org_path ?? '/' });
    if (refusal) throw new Refusal(refusal, { role: roleLabels[a.role], org: orgLabel(org) });
    if (a.revoked_at !== null) throw new AppError('ROLE_ASSIGNMENT_REVOKED', { id });
    const now = ctx.clock.now();
    await repo.revokeAssignment(tx, ctx.scope, id, ctx.actor.userId, now);
    await appendAudit(tx, ctx.actor, {
      action: 'role.revoke',
      entityType: 'role_assignment',
      entityId: id,
      orgPath: a.org_path,
      before: { revokedAt: null },
      after: { revokedAt: iso(now), userId: a.user_id, role: a.role, orgId: a.org_id },
    });
    return present((await repo.findAssignment(tx, ctx.scope, id))!, today);
  });
}
