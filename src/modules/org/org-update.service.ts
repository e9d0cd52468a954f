import type { Transaction } from 'kysely';
import type { DB, OrgRow } from '../../db/types.js';
import { dimKey, ORG_DIMS, type DimCounts } from '../../domain/rollup-dims.js';
import { normalizeName } from '../../domain/vn-name.js';
import { AppError } from '../../errors.js';
import { appendAudit, changedFields } from '../audit/audit.repository.js';
import { applyDelta } from '../rollup/rollup.repository.js';
import type { ServiceContext } from '../service-context.js';
import { checkEffectiveDate, liveOrg } from './org-guards.js';
import type { UpdateOrgInput } from './org.schema.js';
import * as repo from './org.repository.js';

/** Renames an org or changes its kind from `effectiveDate`; the old values stay in org_version. */
export async function updateOrg(ctx: ServiceContext, id: number, input: UpdateOrgInput): Promise<OrgRow> {
  return ctx.db.transaction().execute((tx) => updateOrgIn(tx, ctx, id, input));
}

/** The same inside the caller's transaction: an import writes a whole tree in one. */
export async function updateOrgIn(tx: Transaction<DB>, ctx: ServiceContext, id: number, input: UpdateOrgInput): Promise<OrgRow> {
  await repo.lockTree(tx);
  const org = await liveOrg(tx, ctx.scope, id, 'id');
  if (org.version !== input.version) {
    throw new AppError('STALE_VERSION', { current: org.version, given: input.version }, { field: 'version', current: org.version });
  }
  const name = input.name ?? org.name;
  const kind = input.orgKind === undefined ? org.org_kind : input.orgKind;
  if (name === org.name && kind === org.org_kind) return org;
  checkEffectiveDate(input.effectiveDate, ctx.clock.today(), await repo.lastChange(tx, ctx.scope, [org.id]), org);

  const updated = await repo.updateOrg(tx, ctx.scope, org.id, {
    name,
    name_norm: normalizeName(name),
    org_kind: kind,
    version: org.version + 1,
    updated_at: ctx.clock.now(),
  });
  await repo.rollVersion(tx, ctx.scope, org.id, input.effectiveDate);
  const event = { orgId: org.id, effectiveDate: input.effectiveDate, decisionNo: input.decisionNo ?? null, createdBy: ctx.actor.userId };
  if (name !== org.name) await repo.insertEvent(tx, ctx.scope, { ...event, kind: 'renamed', details: { from: org.name, to: name } });
  if (kind !== org.org_kind) {
    await repo.insertEvent(tx, ctx.scope, { ...event, kind: 'changed', details: { orgKind: { from: org.org_kind, to: kind } } });
    await applyDelta(tx, org.path, kindDelta(org.org_kind, kind));
  }
  const diff = changedFields({ name: org.name, orgKind: org.org_kind }, { name, orgKind: kind });
  await appendAudit(tx, ctx.actor, {
    action: 'org.update',
    entityType: 'org',
    entityId: org.id,
    orgPath: org.path,
    before: diff.before,
    after: { ...diff.after, effectiveDate: input.effectiveDate, decisionNo: input.decisionNo ?? null },
  });
  return updated;
}

function kindDelta(from: string | null, to: string | null): DimCounts {
  const delta: DimCounts = new Map();
  if (from !== null) delta.set(dimKey(ORG_DIMS.kind, from), -1);
  if (to !== null) delta.set(dimKey(ORG_DIMS.kind, to), 1);
  return delta;
}
