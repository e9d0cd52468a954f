import type { Kysely } from 'kysely';
import type { Clock } from '../clock.js';
import type { Engine } from '../db/connect.js';
import type { DB } from '../db/types.js';
import type { Actor } from '../modules/audit/audit.repository.js';
import type { SessionPolicy, SessionUser } from '../modules/auth/auth.service.js';
import type { Scope } from '../modules/auth/scope.js';

export interface AppContext {
  db: Kysely<DB>;
  engine: Engine;
  clock: Clock;
  session: SessionPolicy;
  cookieSecure: boolean;
}

declare module 'fastify' {
  interface FastifyInstance {
    ctx: AppContext;
  }
  interface FastifyRequest {
    user: SessionUser | null;
    scope: Scope;
  }
  interface FastifyContextConfig {
    /** Reachable without a session (health, sign-in, docs). */
    public?: boolean;
  }
}

export function actorOf(request: { user: SessionUser | null; ip: string }): Actor {
  return { userId: request.user?.userId ?? null, ip: request.ip };
}
