import type { OrgRow } from '../../db/types.js';
import { ancestorIds } from '../../db/tree-path.js';
import { holdsMembers, type OrgType } from '../../domain/org-type.js';
import { AppError } from '../../errors.js';
import { appendAudit } from '../audit/audit.repository.js';
import { applyDelta, moveCounts } from '../rollup/rollup.repository.js';
import type { ServiceContext } from '../service-context.js';
import { checkCanContain, checkEffectiveDate, later, liveOrg, selfCounts } from './org-guards.js';
import type { MergeOrgInput } from './org.schema.js';
import * as repo from './org.repository.js';
import * as subtree from './org-subtree.repository.js';

export interface MergeResult {
  source: OrgRow;
  target: OrgRow;
  movedChildren: number;
  movedMembers: number;
}

/**
 * Merges an org into another from `effectiveDate`: its live children move under the target,
 * its members on the rolls are placed in the target, and it ends as dissolved into the target.
 */
export async function mergeOrg(ctx: ServiceContext, id: number, input: MergeOrgInput): Promise<MergeResult> {
  return ctx.db.transaction().execute(async (tx) => {
    await repo.lockTree(tx);
    const source = await liveOrg(tx, ctx.scope, id, 'id');
    const target = await liveOrg(tx, ctx.scope, input.targetId, 'targetId');
    if (target.path.startsWith(source.path)) throw new AppError('MERGE_INTO_SELF', {}, { field: 'targetId' });
    const children = await repo.liveChildren(tx, ctx.scope, source.id);
    for (const c of children) checkCanContain(target.org_type, c.org_type, 'targetId');
    const members = await repo.countActiveMembersOf(tx, ctx.scope, source.id);
    if (members > 0 && !holdsMembers(target.org_type as OrgType)) {
      throw new AppError('MERGE_TARGET_HOLDS_NO_MEMBERS', { name: target.name, count: members }, { field: 'targetId', count: members });
    }
    const last = [
      await subtree.lastChangeIn(tx, ctx.scope, [source.path]),
      await repo.lastChange(tx, ctx.scope, [target.id]),
      await subtree.lastPlacementStart(tx, ctx.scope, source.id),
    ].reduce(later, null);
    checkEffectiveDate(input.effectiveDate, ctx.clock.today(), last, source);

    const now = ctx.clock.now();
    const d = input.effectiveDate;
    const decisionNo = input.decisionNo ?? null;
    // The source row first: its lock makes a concurrent placement into it wait, then see it dissolved.
    const merged = await repo.updateOrg(tx, ctx.scope, source.id, {
      dissolved_on: d,
      dissolution_decision: decisionNo,
      merged_into_id: target.id,
      version: source.version + 1,
      updated_at: now,
    });
    await repo.endVersion(tx, ctx.scope, source.id, d);
    if (children.length > 0) {
      await subtree.reparentLiveChildren(tx, ctx.scope, source.id, target.id, now);
      const newPaths = await subtree.repath(tx, ctx.scope, children.map((c) => c.path), source.path, target.path, target.level - source.level, now);
      await subtree.rollVersionsIn(tx, ctx.scope, newPaths, d);
      await subtree.insertMovedEvents(tx, ctx.scope, children.map((c) => c.id), {
        fromParentId: source.id,
        toParentId: target.id,
        effectiveDate: d,
        decisionNo,
        createdBy: ctx.actor.userId,
      });
    }
    const movedMembers = members > 0 ? await subtree.replaceMembers(tx, ctx.scope, source.id, target, d, now, ctx.actor) : 0;
    await subtree.reassignCases(tx, ctx.scope, source.id, target);

    // Everything the source counted moves to the target's branch, except the source itself.
    await moveCounts(tx, source.id, ancestorIds(source.path).slice(0, -1), ancestorIds(target.path));
    await applyDelta(tx, target.path, selfCounts(source, -1));
    await subtree.dropRollups(tx, ctx.scope, source.id);

    const details = { movedChildren: children.length, movedMembers };
    await repo.insertEvent(tx, ctx.scope, { orgId: source.id, kind: 'merged_into', effectiveDate: d, decisionNo, details: { targetId: target.id, ...details }, createdBy: ctx.actor.userId });
    await repo.insertEvent(tx, ctx.scope, { orgId: target.id, kind: 'absorbed', effectiveDate: d, decisionNo, details: { sourceId: source.id, ...details }, createdBy: ctx.actor.userId });
    await appendAudit(tx, ctx.actor, {
      action: 'org.merge',
      entityType: 'org',
      entityId: source.id,
      orgPath: source.path,
      before: { dissolvedOn: null, mergedIntoId: null },
      after: { dissolvedOn: d, mergedIntoId: target.id, decisionNo, movedChildIds: children.map((c) => c.id), movedMembers },
    });
    return { source: merged, target, movedChildren: children.length, movedMembers };
  });
}
