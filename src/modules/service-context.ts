import type { Kysely } from 'kysely';
import type { Clock } from '../clock.js';
import type { DB } from '../db/types.js';
import type { FastifyRequest } from 'fastify';
import type { Actor } from './audit/audit.repository.js';
import type { Scope } from './auth/scope.js';

/** What every use case receives: the database, a clock, who acts, and what they may see. */
export interface ServiceContext {
  db: Kysely<DB>;
  clock: Clock;
  actor: Actor;
  scope: Scope;
}

export function serviceContext(request: FastifyRequest): ServiceContext {
  const { db, clock } = request.server.ctx;
  return { db, clock, actor: { userId: request.user?.userId ?? null, ip: request.ip }, scope: request.scope };
}
