import type { Transaction } from 'kysely';
import type { AdmissionTargetRow, DB } from '../../db/types.js';
import { achievement } from '../../domain/targets/achievement.js';
import { AppError } from '../../errors.js';
import { appendAudit, changedFields } from '../audit/audit.repository.js';
import type { ServiceContext } from '../service-context.js';
import * as repo from './targets.repository.js';
import type { AchievementBody, AchievementOrg, AchievementQuery, SetTargetInput, Target } from './targets.schema.js';

// Yearly admission targets and their achievement (issue 5 item 8: "kết nạp 1.395 đảng viên, đạt
// trên 124% chỉ tiêu"). A target is set per org and year; the percentages are computed by
// src/domain/targets/achievement.ts from figures counted live by the repository.

type Tx = Transaction<DB>;

function toOrg(r: repo.AchievementRow): AchievementOrg {
  return {
    orgId: r.id,
    name: r.name,
    code: r.code,
    orgType: r.org_type,
    dissolvedOn: r.dissolved_on,
    hasChildren: r.has_children,
    note: r.note,
    version: r.version,
    admitted: r.admitted,
    youthUnion: r.youth_union,
    women: r.women,
    ethnicMinority: r.ethnic_minority,
    ...achievement(r.admitted, r.target, r.children_target_sum),
  };
}

/** The node (default: the top of the caller's scope) and its children, for one year. */
export async function getAchievement(ctx: ServiceContext, q: AchievementQuery): Promise<AchievementBody> {
  const year = q.year ?? Number(ctx.clock.today().slice(0, 4));
  const rows = await repo.achievementRows(ctx.db, ctx.scope, q.org ?? null, year);
  const node = rows.find((r) => r.role === 'node');
  if (!node) throw new AppError('ORG_NOT_FOUND', { id: q.org ?? 0 }, { field: 'org' });
  return {
    year,
    breadcrumb: rows.filter((r) => r.role === 'ancestor').map((r) => ({ orgId: r.id, name: r.name })),
    node: toOrg(node),
    children: rows.filter((r) => r.role === 'child').map(toOrg),
  };
}

function toTarget(t: AdmissionTargetRow): Target {
  return {
    orgId: Number(t.org_id),
    year: t.year,
    target: t.target,
    note: t.note,
    setBy: t.set_by === null ? null : Number(t.set_by),
    setAt: new Date(t.set_at).toISOString(),
    version: t.version,
  };
}

export interface TargetRow {
  orgId: number;
  target: number;
  note?: string | null;
  /** The version being changed; absent: set whatever is there (an import, a first target). */
  version?: number;
}

/** Sets one target inside the caller's transaction (an import sets many in one), with its audit row. */
export async function setTargetIn(tx: Tx, ctx: ServiceContext, year: number, row: TargetRow, rowNo?: number): Promise<Target> {
  const at = (field: string) => (rowNo === undefined ? { field } : { field, row: rowNo });
  const org = await repo.findOrg(tx, ctx.scope, row.orgId, { forShare: true });
  if (!org) throw new AppError('ORG_NOT_FOUND', { id: row.orgId }, at('orgId'));
  // A target for a year the org did not live through cannot be met by anyone.
  if (org.dissolved_on !== null && org.dissolved_on <= `${year}-01-01`) throw new AppError('ORG_DISSOLVED', { name: org.name }, at('orgId'));
  const before = await repo.findTarget(tx, ctx.scope, org.id, year, { forUpdate: true });
  if (row.version !== undefined && row.version !== (before?.version ?? 0)) {
    throw new AppError('STALE_VERSION', { current: before?.version ?? 0, given: row.version }, { ...at('version'), current: before?.version ?? 0 });
  }
  const values = { org_id: org.id, year, target: row.target, note: row.note ?? null, set_by: ctx.actor.userId, set_at: ctx.clock.now() };
  let after: AdmissionTargetRow;
  if (before) {
    const n = await repo.updateTargetAtVersion(tx, ctx.scope, values, before.version);
    if (n === 0) throw new AppError('STALE_VERSION', { current: before.version + 1, given: before.version }, at('version'));
    after = { ...before, ...values, version: before.version + 1 };
  } else {
    const inserted = await repo.insertTarget(tx, ctx.scope, values);
    // Someone set a first target between our read and our insert.
    if (!inserted) throw new AppError('STALE_VERSION', { current: 1, given: 0 }, at('version'));
    after = inserted;
  }
  const fields = (t: AdmissionTargetRow | undefined) => (t ? { target: t.target, note: t.note, version: t.version } : {});
  const diff = changedFields(fields(before), fields(after));
  await appendAudit(tx, ctx.actor, {
    action: before ? 'admission_target.update' : 'admission_target.create',
    entityType: 'admission_target',
    entityId: `${org.id}/${year}`,
    orgPath: org.path,
    before: before ? diff.before : null,
    after: { year, ...diff.after },
  });
  return toTarget(after);
}

/** PUT /api/admission-targets/:orgId/:year: set or change one target (409 on a stale version). */
export async function setTarget(ctx: ServiceContext, orgId: number, year: number, input: SetTargetInput): Promise<Target> {
  return ctx.db.transaction().execute((tx) => setTargetIn(tx, ctx, year, { orgId, target: input.target, note: input.note ?? null, version: input.version }));
}

/**
 * Sets many targets of one year in one transaction (the import calls it): all or nothing, an
 * error names its row (1-based). An org listed twice is refused rather than the last one winning.
 */
export async function setTargets(ctx: ServiceContext, year: number, rows: readonly TargetRow[]): Promise<Target[]> {
  const seen = new Map<number, number>();
  rows.forEach((r, i) => {
    const first = seen.get(r.orgId);
    if (first !== undefined) throw new AppError('DUPLICATE_TARGET_ROW', { id: r.orgId, year, first, row: i + 1 }, { field: 'orgId', row: i + 1 });
    seen.set(r.orgId, i + 1);
  });
  return ctx.db.transaction().execute(async (tx) => {
    const out: Target[] = [];
    for (const [i, r] of rows.entries()) out.push(await setTargetIn(tx, ctx, year, r, i + 1));
    return out;
  });
}
