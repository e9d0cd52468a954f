import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../../../db/types.js';
import { subtreeUpperBound } from '../../../db/tree-path.js';
import { inScope, type Scope } from '../../auth/scope.js';

// SQL of the org and target imports. Orgs are read within the import's subtree as the caller
// sees it; a code is also looked up nationally (codes are unique everywhere), answering only
// whether it lies in that subtree, so a code held elsewhere stops its row without being shown.

type Db = Kysely<DB> | Transaction<DB>;

export interface KindOrg {
  id: number;
  code: string;
  name: string;
  name_norm: string;
  path: string;
  parent_id: number | null;
  org_type: string;
  org_kind: string | null;
  founded_on: string;
  dissolved_on: string | null;
  version: number;
}

const within = (scope: Scope, rootPath: string, column: string) =>
  sql<boolean>`(${sql.ref(column)} >= ${rootPath} and ${sql.ref(column)} < ${subtreeUpperBound(rootPath)} and ${inScope(scope, column)})`;

/** Every org of the subtree rooted at `rootPath` that the caller may see, dissolved ones included. */
export function subtreeOrgs(db: Db, scope: Scope, rootPath: string): Promise<KindOrg[]> {
  return db
    .selectFrom('org')
    .select(['id', 'code', 'name', 'name_norm', 'path', 'parent_id', 'org_type', 'org_kind', 'founded_on', 'dissolved_on', 'version'])
    .where('path', '>=', rootPath)
    .where('path', '<', subtreeUpperBound(rootPath))
    .where(inScope(scope, 'path'))
    .execute() as Promise<KindOrg[]>;
}

/** Which of these codes (compared lower case) exist anywhere: only the code, never the org. */
export async function takenCodes(db: Db, codes: readonly string[]): Promise<Set<string>> {
  if (codes.length === 0) return new Set();
  const rows = await db
    .selectFrom('org')
    .select(sql<string>`lower(code)`.as('c'))
    .where(sql<boolean>`lower(code) in (${sql.join([...new Set(codes.map((c) => c.toLowerCase()))])})`)
    .execute();
  return new Set(rows.map((r) => r.c));
}

/** Codes that start with `prefix` anywhere (lower case): where a made-up code must not land. */
export async function codesLike(db: Db, prefix: string): Promise<Set<string>> {
  const p = prefix.toLowerCase();
  const rows = await db
    .selectFrom('org')
    .select(sql<string>`lower(code)`.as('c'))
    .where(sql<boolean>`lower(code) >= ${p} and lower(code) < ${p + '\uffff'}`)
    .execute();
  return new Set(rows.map((r) => r.c));
}

/** The latest open version start of each org: no change of it may be dated earlier. */
export async function lastChanges(db: Db, scope: Scope, rootPath: string, orgIds: readonly number[]): Promise<Map<number, string>> {
  if (orgIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('org_version as v')
    .innerJoin('org as o', 'o.id', 'v.org_id')
    .select(['v.org_id', (eb) => eb.fn.max('v.valid_from').as('d')])
    .where('v.org_id', 'in', [...new Set(orgIds)])
    .where('v.valid_to', 'is', null)
    .where(within(scope, rootPath, 'o.path'))
    .groupBy('v.org_id')
    .execute();
  return new Map(rows.map((r) => [Number(r.org_id), String(r.d)]));
}

/** The targets already set for these orgs (within the subtree in scope) and years. */
export function targetsOf(db: Db, scope: Scope, rootPath: string, orgIds: readonly number[], years: readonly number[]) {
  if (orgIds.length === 0 || years.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('admission_target as t')
    .innerJoin('org as o', 'o.id', 't.org_id')
    .select(['t.org_id', 't.year', 't.target', 't.note', 't.version'])
    .where('t.org_id', 'in', [...new Set(orgIds)])
    .where('t.year', 'in', [...new Set(years)])
    .where(within(scope, rootPath, 'o.path'))
    .execute();
}
