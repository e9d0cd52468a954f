import type { Transaction } from 'kysely';
import type { DB, OrgRow } from '../../db/types.js';
import { canContain, type OrgType } from '../../domain/org-type.js';
import { effectiveDateProblem } from '../../domain/org-structure.js';
import { dimKey, ORG_DIMS, type DimCounts } from '../../domain/rollup-dims.js';
import { AppError } from '../../errors.js';
import type { Scope } from '../auth/scope.js';
import { typeLabel } from './org-labels.js';
import * as repo from './org.repository.js';

// Checks every structure change shares. Each one names the request field it is about.

/** A live org in the caller's scope; missing and out-of-scope answer the same. */
export async function liveOrg(tx: Transaction<DB>, scope: Scope, id: number, field: string): Promise<OrgRow> {
  const org = await repo.findOrg(tx, scope, id);
  if (!org) throw new AppError('ORG_NOT_FOUND', { id }, { field });
  if (org.dissolved_on !== null) throw new AppError('ORG_DISSOLVED', { name: org.name }, { field });
  return org;
}

export function checkEffectiveDate(date: string, today: string, lastChange: string | null, org: { name: string }, field = 'effectiveDate'): void {
  const problem = effectiveDateProblem(date, today, lastChange);
  if (problem === 'in_future') throw new AppError('EFFECTIVE_DATE_IN_FUTURE', { date }, { field, today });
  if (problem === 'too_early') throw new AppError('EFFECTIVE_DATE_TOO_EARLY', { date, name: org.name, last: lastChange! }, { field, last: lastChange });
}

export function checkCanContain(parentType: string | null, childType: string, field: string): void {
  if (!canContain(parentType as OrgType | null, childType as OrgType)) {
    throw new AppError(
      'ORG_TYPE_NOT_ALLOWED',
      { childType: typeLabel(childType), parentType: typeLabel(parentType) },
      { field, childType, parentType },
    );
  }
}

/** Roots of the tree may be made or moved only by someone whose scope is the whole tree. */
export function checkWholeTree(scope: Scope, field: string): void {
  if (!(scope.paths.length === 1 && scope.paths[0] === '/')) throw new AppError('FORBIDDEN', {}, { field });
}

/** What a live org adds to its own and its ancestors' org counts. */
export function selfCounts(org: Pick<OrgRow, 'org_type' | 'org_kind'>, sign: 1 | -1): DimCounts {
  const counts: DimCounts = new Map([[dimKey(ORG_DIMS.type, org.org_type), sign]]);
  if (org.org_kind !== null) counts.set(dimKey(ORG_DIMS.kind, org.org_kind), sign);
  return counts;
}

export function later(a: string | null, b: string | null): string | null {
  if (a === null) return b;
  if (b === null) return a;
  return a > b ? a : b;
}
