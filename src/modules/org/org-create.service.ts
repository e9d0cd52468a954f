import type { Transaction } from 'kysely';
import type { DB, OrgRow } from '../../db/types.js';
import { childPath } from '../../db/tree-path.js';
import { normalizeName } from '../../domain/vn-name.js';
import { AppError } from '../../errors.js';
import { appendAudit } from '../audit/audit.repository.js';
import { applyDelta } from '../rollup/rollup.repository.js';
import type { ServiceContext } from '../service-context.js';
import { checkCanContain, checkEffectiveDate, checkWholeTree, liveOrg, selfCounts } from './org-guards.js';
import type { CreateOrgInput } from './org.schema.js';
import * as repo from './org.repository.js';

/** Founds an org under a live parent (or as a root), from `foundedOn`. */
export async function createOrg(ctx: ServiceContext, input: CreateOrgInput): Promise<OrgRow> {
  return ctx.db.transaction().execute((tx) => createOrgIn(tx, ctx, input));
}

/** The same inside the caller's transaction: an import writes a whole tree in one. */
export async function createOrgIn(tx: Transaction<DB>, ctx: ServiceContext, input: CreateOrgInput): Promise<OrgRow> {
  await repo.lockTree(tx);
  const parent = input.parentId === null ? null : await liveOrg(tx, ctx.scope, input.parentId, 'parentId').catch(parentNotFound);
  if (parent === null) checkWholeTree(ctx.scope, 'parentId');
  checkCanContain(parent?.org_type ?? null, input.orgType, 'orgType');
  // The parent's current shape must already hold on the founding day, or the tree as of
  // that day would show the child under a parent that did not yet look like this.
  checkEffectiveDate(input.foundedOn, ctx.clock.today(), parent ? await repo.lastChange(tx, ctx.scope, [parent.id]) : null, parent ?? { name: input.name }, 'foundedOn');
  if (await repo.codeTaken(tx, input.code)) {
    throw new AppError('DUPLICATE_ORG_CODE', { code: input.code, value: input.code }, { field: 'code' });
  }

  const id = await repo.nextOrgId(tx);
  const path = childPath(parent?.path ?? null, id);
  const org = await repo.insertOrg(tx, ctx.scope, {
    id,
    code: input.code,
    name: input.name,
    name_norm: normalizeName(input.name),
    org_type: input.orgType,
    org_kind: input.orgKind ?? null,
    parent_id: parent?.id ?? null,
    path,
    level: parent ? parent.level + 1 : 1,
    founded_on: input.foundedOn,
    founding_decision: input.foundingDecision ?? null,
    created_at: ctx.clock.now(),
    updated_at: ctx.clock.now(),
  });
  await repo.insertVersion(tx, ctx.scope, org);
  await repo.insertEvent(tx, ctx.scope, {
    orgId: id,
    kind: 'founded',
    effectiveDate: input.foundedOn,
    decisionNo: input.foundingDecision ?? null,
    details: { parentId: org.parent_id, code: org.code, name: org.name },
    createdBy: ctx.actor.userId,
  });
  await applyDelta(tx, path, selfCounts(org, 1));
  await appendAudit(tx, ctx.actor, {
    action: 'org.create',
    entityType: 'org',
    entityId: id,
    orgPath: path,
    after: {
      code: org.code,
      name: org.name,
      orgType: org.org_type,
      orgKind: org.org_kind,
      parentId: org.parent_id,
      foundedOn: org.founded_on,
      foundingDecision: org.founding_decision,
    },
  });
  return org;
}

// On create the parent is a field of the body, not the resource, so a missing one is a 400.
function parentNotFound(e: unknown): never {
  if (e instanceof AppError && e.code === 'ORG_NOT_FOUND') throw new AppError('PARENT_NOT_FOUND', e.params, e.details);
  throw e;
}
