import type { Transaction } from 'kysely';
import type { DB, OrgRow } from '../../db/types.js';
import { ancestorIds } from '../../db/tree-path.js';
import { wouldCycle } from '../../domain/org-structure.js';
import { AppError } from '../../errors.js';
import { appendAudit } from '../audit/audit.repository.js';
import { moveCounts } from '../rollup/rollup.repository.js';
import type { ServiceContext } from '../service-context.js';
import { checkCanContain, checkEffectiveDate, checkWholeTree, later, liveOrg } from './org-guards.js';
import type { MoveOrgInput } from './org.schema.js';
import * as repo from './org.repository.js';
import * as subtree from './org-subtree.repository.js';

/** Moves an org with its whole subtree under a new parent from `effectiveDate`. */
export async function moveOrg(ctx: ServiceContext, id: number, input: MoveOrgInput): Promise<OrgRow> {
  return ctx.db.transaction().execute((tx) => moveOrgIn(tx, ctx, id, input));
}

/** The same inside the caller's transaction: an import writes a whole tree in one. */
export async function moveOrgIn(tx: Transaction<DB>, ctx: ServiceContext, id: number, input: MoveOrgInput): Promise<OrgRow> {
  await repo.lockTree(tx);
  const org = await liveOrg(tx, ctx.scope, id, 'id');
  const parent = input.newParentId === null ? null : await liveOrg(tx, ctx.scope, input.newParentId, 'newParentId');
  if (parent === null) checkWholeTree(ctx.scope, 'newParentId');
  if (parent && wouldCycle(org.path, parent.path)) throw new AppError('ORG_CYCLE', { name: org.name }, { field: 'newParentId' });
  if ((parent?.id ?? null) === org.parent_id) throw new AppError('ORG_SAME_PARENT', { name: org.name }, { field: 'newParentId' });
  checkCanContain(parent?.org_type ?? null, org.org_type, 'newParentId');
  const last = later(await subtree.lastChangeIn(tx, ctx.scope, [org.path]), parent ? await repo.lastChange(tx, ctx.scope, [parent.id]) : null);
  checkEffectiveDate(input.effectiveDate, ctx.clock.today(), last, org);

  const oldParentPath = org.path.slice(0, org.path.lastIndexOf('/', org.path.length - 2) + 1);
  const newParentPath = parent?.path ?? '/';
  const now = ctx.clock.now();
  const [newPath] = await subtree.repath(tx, ctx.scope, [org.path], oldParentPath, newParentPath, (parent?.level ?? 0) + 1 - org.level, now);
  const moved = await repo.updateOrg(tx, ctx.scope, org.id, { parent_id: parent?.id ?? null, version: org.version + 1, updated_at: now });
  await subtree.rollVersionsIn(tx, ctx.scope, [newPath!], input.effectiveDate);

  // Ancestors both sides share keep their counts; only the two diverging branches change.
  const oldAncestors = ancestorIds(oldParentPath);
  const newAncestors = ancestorIds(newParentPath);
  await moveCounts(
    tx,
    org.id,
    oldAncestors.filter((a) => !newAncestors.includes(a)),
    newAncestors.filter((a) => !oldAncestors.includes(a)),
  );
  await repo.insertEvent(tx, ctx.scope, {
    orgId: org.id,
    kind: 'moved',
    effectiveDate: input.effectiveDate,
    decisionNo: input.decisionNo ?? null,
    details: { fromParentId: org.parent_id, toParentId: parent?.id ?? null },
    createdBy: ctx.actor.userId,
  });
  await appendAudit(tx, ctx.actor, {
    action: 'org.move',
    entityType: 'org',
    entityId: org.id,
    orgPath: moved.path,
    before: { parentId: org.parent_id, path: org.path },
    after: { parentId: moved.parent_id, path: moved.path, effectiveDate: input.effectiveDate, decisionNo: input.decisionNo ?? null },
  });
  return moved;
}
