import type { Kysely } from 'kysely';
import type { Clock } from '../clock.js';
import type { DB } from '../db/types.js';
import type { FastifyRequest } from 'fastify';
import type { Actor } from './audit/audit.repository.js';
import { makeAccess, type Access } from './auth/access.js';
import { makeScope, type Scope } from './auth/scope.js';

/** What every use case receives: the database, a clock, who acts, and what they may see. */
export interface ServiceContext {
  db: Kysely<DB>;
  clock: Clock;
  actor: Actor;
  /** The subtrees where the route's permission holds. */
  scope: Scope;
  /** Everything the caller may do, for use cases that need a second permission (sensitive fields). */
  access: Access;
}

export function serviceContext(request: FastifyRequest): ServiceContext {
  const { db, clock } = request.server.ctx;
  return { db, clock, actor: { userId: request.user?.userId ?? null, ip: request.ip }, scope: request.scope, access: request.access };
}

/**
 * A context for trusted callers that act outside any request (the CLI, scripts, tests): an
 * organization-commission role over the given subtrees, acting as nobody in particular.
 */
export function staffContext(db: Kysely<DB>, clock: Clock, paths: readonly string[] = ['/']): ServiceContext {
  return {
    db,
    clock,
    actor: { userId: null, ip: null },
    scope: makeScope(paths),
    access: makeAccess(paths.map((path) => ({ role: 'org_staff', path }))),
  };
}

/**
 * The operator at the server's shell (the `dangvu` CLI): whoever can run it can already open the
 * database, so they act with administrator and commission-staff rights over the whole tree. They
 * are nobody (user null), so the no-self-grant rule never applies; every change is still audited,
 * from the address 'cli'.
 */
export function operatorContext(db: Kysely<DB>, clock: Clock): ServiceContext {
  return {
    db,
    clock,
    actor: { userId: null, ip: 'cli' },
    scope: makeScope(['/']),
    access: makeAccess([
      { role: 'admin', path: '/' },
      { role: 'org_staff', path: '/' },
    ]),
  };
}
