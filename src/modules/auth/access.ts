import { roleCan, type Action, type Resource, type Role } from '../../domain/permissions.js';
import { EMPTY_SCOPE, makeScope, type Scope } from './scope.js';

/** One active role assignment, with the current path of its org ('/' for the whole installation). */
export interface Grant {
  role: Role;
  path: string;
  /** Last day of the assignment; null when it has no end (absent: the CLI's standing rights). */
  validTo?: string | null;
}

/**
 * What a signed-in caller may do, computed once per request from their active assignments.
 * A permission's scope is the union of the subtrees of the assignments whose role holds it;
 * no assignment, or none holding it, gives the empty scope (fail closed).
 */
export interface Access {
  readonly grants: readonly Grant[];
  can(resource: Resource, action: Action): boolean;
  scopeFor(resource: Resource, action: Action): Scope;
}

export function makeAccess(grants: readonly Grant[]): Access {
  const cache = new Map<string, Scope>();
  const scopeFor = (resource: Resource, action: Action): Scope => {
    const key = `${resource}:${action}`;
    let scope = cache.get(key);
    if (!scope) {
      const paths = grants.filter((g) => roleCan(g.role, resource, action)).map((g) => g.path);
      scope = paths.length === 0 ? EMPTY_SCOPE : makeScope(paths);
      cache.set(key, scope);
    }
    return scope;
  };
  return {
    grants,
    scopeFor,
    can: (resource, action) => scopeFor(resource, action).paths.length > 0,
  };
}

export const NO_ACCESS = makeAccess([]);
