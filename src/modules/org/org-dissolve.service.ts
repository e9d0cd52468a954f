import type { OrgRow } from '../../db/types.js';
import { AppError } from '../../errors.js';
import { appendAudit } from '../audit/audit.repository.js';
import { applyDelta } from '../rollup/rollup.repository.js';
import type { ServiceContext } from '../service-context.js';
import { checkEffectiveDate, liveOrg, selfCounts } from './org-guards.js';
import type { DissolveOrgInput } from './org.schema.js';
import * as repo from './org.repository.js';

/** Dissolves an empty org from `effectiveDate` (R-ORG-16): no members on the rolls, no live children. */
export async function dissolveOrg(ctx: ServiceContext, id: number, input: DissolveOrgInput): Promise<OrgRow> {
  return ctx.db.transaction().execute(async (tx) => {
    await repo.lockTree(tx);
    const org = await liveOrg(tx, ctx.scope, id, 'id');
    const members = await repo.countActiveMembersIn(tx, ctx.scope, org.path);
    if (members > 0) throw new AppError('ORG_HAS_ACTIVE_MEMBERS', { name: org.name, count: members }, { field: 'id', count: members });
    const children = (await repo.liveChildren(tx, ctx.scope, org.id)).length;
    if (children > 0) throw new AppError('ORG_HAS_ACTIVE_CHILDREN', { name: org.name, count: children }, { field: 'id', count: children });
    checkEffectiveDate(input.effectiveDate, ctx.clock.today(), await repo.lastChange(tx, ctx.scope, [org.id]), org);

    const dissolved = await repo.updateOrg(tx, ctx.scope, org.id, {
      dissolved_on: input.effectiveDate,
      dissolution_decision: input.decisionNo ?? null,
      version: org.version + 1,
      updated_at: ctx.clock.now(),
    });
    await repo.endVersion(tx, ctx.scope, org.id, input.effectiveDate);
    await applyDelta(tx, org.path, selfCounts(org, -1));
    await repo.insertEvent(tx, ctx.scope, {
      orgId: org.id,
      kind: 'dissolved',
      effectiveDate: input.effectiveDate,
      decisionNo: input.decisionNo ?? null,
      details: {},
      createdBy: ctx.actor.userId,
    });
    await appendAudit(tx, ctx.actor, {
      action: 'org.dissolve',
      entityType: 'org',
      entityId: org.id,
      orgPath: org.path,
      before: { dissolvedOn: null },
      after: { dissolvedOn: input.effectiveDate, decisionNo: input.decisionNo ?? null },
    });
    return dissolved;
  });
}
