import { sql, type Expression, type SqlBool } from 'kysely';
import { subtreeUpperBound } from '../../db/tree-path.js';

// The caller's scope: the org subtrees they may see, computed once per request. Repositories
// that touch scoped data take it as a required argument, so forgetting it does not compile.
declare const scopeBrand: unique symbol;
export interface Scope {
  readonly [scopeBrand]: true;
  readonly paths: readonly string[];
}

/** Removes paths already covered by another path in the list. */
function minimize(paths: readonly string[]): string[] {
  const sorted = [...new Set(paths)].sort();
  const out: string[] = [];
  for (const p of sorted) if (!out.some((q) => p.startsWith(q))) out.push(p);
  return out;
}

export function makeScope(paths: readonly string[]): Scope {
  return { paths: minimize(paths) } as unknown as Scope;
}

export const EMPTY_SCOPE = makeScope([]);

/** SQL predicate: `column` (a path collated "C") lies within the scope. Empty scope → false. */
export function inScope(scope: Scope, column: string): Expression<SqlBool> {
  if (scope.paths.length === 0) return sql<SqlBool>`false`;
  const parts = scope.paths.map(
    (p) => sql`(${sql.ref(column)} >= ${p} and ${sql.ref(column)} < ${subtreeUpperBound(p)})`,
  );
  return sql<SqlBool>`(${sql.join(parts, sql` or `)})`;
}

export function pathInScope(scope: Scope, path: string): boolean {
  return scope.paths.some((p) => path.startsWith(p));
}

/**
 * The part of the scope inside the subtree of `path`: that subtree when the scope covers it,
 * else the scope's own subtrees that lie under it (none: nothing). Lets a query state one set of
 * subtrees instead of the scope and a filter, whose ranges the planner would multiply as if
 * independent and so underestimate.
 */
export function narrowScope(scope: Scope, path: string): Scope {
  if (pathInScope(scope, path)) return makeScope([path]);
  return makeScope(scope.paths.filter((p) => p.startsWith(path)));
}
