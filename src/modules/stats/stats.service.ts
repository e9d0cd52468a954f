import { AppError } from '../../errors.js';
import { shapeFigures, type DimRow, type StatsFigures } from '../../domain/stats-figures.js';
import type { ServiceContext } from '../service-context.js';
import * as repo from './stats.repository.js';

// Statistics of a subtree (R-STAT-04), from one of three sources:
//  - 'rollup'  today's figures from org_rollup: one indexed query, the default;
//  - 'recount' today's figures recounted from the base tables, to check the roll-ups against;
//  - 'history' a past date's figures from the dated tables (org_version, member_placement,
//              member_status_period); always used when asOf is before today.

export type StatsSource = 'rollup' | 'recount' | 'history';

export interface StatsQuery {
  /** 'YYYY-MM-DD'; today when absent. */
  asOf?: string;
  /** Only for today's figures: read the roll-ups (default) or recount. */
  source?: 'rollup' | 'recount';
}

export interface StatsResult extends StatsFigures {
  /** null for the figures over the caller's whole scope. */
  orgId: number | null;
  asOf: string;
  source: StatsSource;
  /**
   * Member attributes (sex, ethnicity, levels, …) are current values even for a past asOf: the
   * schema keeps history only of placement and status. Age bands use the asOf year.
   */
  attributesAsOf: 'current';
}

function plan(ctx: ServiceContext, q: StatsQuery): { asOf: string; source: StatsSource } {
  const today = ctx.clock.today();
  const asOf = q.asOf ?? today;
  if (asOf > today) throw new AppError('AS_OF_IN_FUTURE', { date: asOf, today }, { field: 'asOf' });
  if (asOf < today) return { asOf, source: 'history' };
  return { asOf, source: q.source ?? 'rollup' };
}

function result(orgId: number | null, asOf: string, source: StatsSource, rows: DimRow[]): StatsResult {
  return { orgId, asOf, source, attributesAsOf: 'current', ...shapeFigures(rows, Number(asOf.slice(0, 4))) };
}

/** Figures for the org's whole subtree. Missing and out-of-scope orgs are both ORG_NOT_FOUND. */
export async function orgStats(ctx: ServiceContext, orgId: number, q: StatsQuery = {}): Promise<StatsResult> {
  const { asOf, source } = plan(ctx, q);
  if (source === 'rollup') {
    const rows = await repo.rollupRowsOfOrg(ctx.db, ctx.scope, orgId);
    if (!rows) throw new AppError('ORG_NOT_FOUND', { id: orgId });
    return result(orgId, asOf, source, rows);
  }
  const org = await repo.findOrgInScope(ctx.db, ctx.scope, orgId);
  if (!org) throw new AppError('ORG_NOT_FOUND', { id: orgId });
  if (source === 'recount') return result(orgId, asOf, source, await repo.recountRows(ctx.db, ctx.scope, [org.path]));
  const paths = await repo.pathsAsOf(ctx.db, ctx.scope, [org.id], asOf);
  return result(orgId, asOf, source, paths.length ? await repo.historyRows(ctx.db, ctx.scope, paths, asOf) : []);
}

/**
 * Figures summed over the caller's scope roots: each subtree of the scope, or every root org
 * when the scope is the whole tree ('/'). An empty scope gives zeros.
 */
export async function scopeStats(ctx: ServiceContext, q: StatsQuery = {}): Promise<StatsResult> {
  const { asOf, source } = plan(ctx, q);
  const whole = ctx.scope.paths.includes('/');
  if (source === 'rollup') return result(null, asOf, source, await repo.rollupRowsOfScope(ctx.db, ctx.scope));
  if (source === 'recount') {
    const paths = whole ? null : (await repo.scopeRootOrgs(ctx.db, ctx.scope)).map((o) => o.path);
    return result(null, asOf, source, await repo.recountRows(ctx.db, ctx.scope, paths));
  }
  if (whole) return result(null, asOf, source, await repo.historyRows(ctx.db, ctx.scope, null, asOf));
  const roots = await repo.scopeRootOrgs(ctx.db, ctx.scope);
  const paths = await repo.pathsAsOf(
    ctx.db,
    ctx.scope,
    roots.map((o) => o.id),
    asOf,
  );
  return result(null, asOf, source, paths.length ? await repo.historyRows(ctx.db, ctx.scope, paths, asOf) : []);
}
