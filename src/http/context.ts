import type { Kysely } from 'kysely';
import type { Clock } from '../clock.js';
import type { Engine } from '../db/connect.js';
import type { DB } from '../db/types.js';
import type { Actor } from '../modules/audit/audit.repository.js';
import type { SessionPolicy, SessionUser } from '../modules/auth/auth.service.js';
import type { Scope } from '../modules/auth/scope.js';
import type { Access } from '../modules/auth/access.js';
import type { LoginThrottlePolicy } from '../domain/login-throttle.js';
import type { Action, Resource, Role } from '../domain/permissions.js';
import type { SessionStage } from '../db/types.js';
import type { SecretBox } from '../modules/auth/secret-box.js';

export interface AppContext {
  db: Kysely<DB>;
  engine: Engine;
  clock: Clock;
  session: SessionPolicy;
  cookieSecure: boolean;
  security: SecurityPolicy;
}

export interface SecurityPolicy {
  /** Origins besides the server's own that may send state-changing requests (a separate web host). */
  allowedOrigins: readonly string[];
  /** Roles whose holders must sign in with a second factor. */
  twoFactorRoles: readonly Role[];
  /** Sign-in throttle rules; DEFAULT_LOGIN_THROTTLE when absent. */
  loginThrottle?: LoginThrottlePolicy;
  /** Seals TOTP secrets at rest (secret-box.ts); there is no way to run without one. */
  totpBox: SecretBox;
}

declare module 'fastify' {
  interface FastifyInstance {
    ctx: AppContext;
  }
  interface FastifyRequest {
    user: SessionUser | null;
    /** What the caller may do (their active role assignments). */
    access: Access;
    /** The subtrees where the route's permission holds; empty for public and self routes. */
    scope: Scope;
  }
  interface FastifyContextConfig {
    /** Reachable without a session (health, sign-in, docs). */
    public?: boolean;
    /** Any signed-in caller, acting on themself (me, sign-out, password, second factor). */
    self?: boolean;
    /** The permission the route needs; its scope becomes request.scope. */
    permission?: { resource: Resource; action: Action };
    /**
     * Reachable before sign-in is complete (forced password change, second factor): `true` in
     * every unfinished stage, or only in the stages listed.
     */
    signInStep?: true | readonly SessionStage[];
  }
}

export function actorOf(request: { user: SessionUser | null; ip: string }): Actor {
  return { userId: request.user?.userId ?? null, ip: request.ip };
}
