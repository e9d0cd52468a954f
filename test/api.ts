import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import type { Kysely } from 'kysely';
import { afterAll, beforeAll } from 'vitest';
import { buildApp } from '../src/app.js';
import { fixedClock, vnDate, type Clock } from '../src/clock.js';
import type { Database, Engine } from '../src/db/connect.js';
import type { DB } from '../src/db/types.js';
import type { Role } from '../src/domain/permissions.js';
import type { SecurityPolicy } from '../src/http/context.js';
import { insertAssignment } from '../src/modules/auth/access.repository.js';
import { createUser } from '../src/modules/auth/auth.service.js';
import { setUserOrgAndMember } from '../src/modules/auth/auth.repository.js';
import { describeEachEngine } from './engines.js';
import { secretBox } from '../src/modules/auth/secret-box.js';

/** The TOTP sealing key of every test app (a fixed one: tests may open what they stored). */
export const TEST_TOTP_BOX = secretBox(Buffer.alloc(32, 7));

export const ADMIN = { username: 'admin', password: 'mat-khau-thu-nghiem-1' };

/** A signed-in browser: its cookie and the headers every request of it carries. */
export interface Session {
  cookie: string;
  csrfToken: string;
  /** cookie + X-CSRF-Token, as the web app sends them. */
  headers: Record<string, string>;
}

export interface ApiHarness {
  app: FastifyInstance;
  database: Database;
  engine: Engine;
  /** Session cookie of the administrator (signed in once per block). */
  cookie: string;
  /** The administrator's request headers (cookie and anti-forgery token). */
  headers: Record<string, string>;
  clock: Clock;
}

export async function signIn(app: FastifyInstance, username: string, password: string): Promise<Session> {
  const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });
  if (res.statusCode !== 200) throw new Error(`sign-in failed: ${res.statusCode} ${res.body}`);
  const cookie = res.cookies.find((c) => c.name === 'dangvu_session');
  if (!cookie) throw new Error('no session cookie');
  const csrfToken = (res.json() as { csrfToken: string }).csrfToken;
  const pair = `dangvu_session=${cookie.value}`;
  return { cookie: pair, csrfToken, headers: { cookie: pair, 'x-csrf-token': csrfToken } };
}

/** A user holding the given roles (org id null: the whole installation), valid from 2000. */
export async function userWithRoles(
  db: Kysely<DB>,
  username: string,
  password: string,
  roles: { role: Role; orgId: number | null }[],
  extra: { memberId?: number } = {},
): Promise<number> {
  const u = await createUser(db, { username, displayName: username, password, mustChangePassword: false });
  if (extra.memberId !== undefined) await setUserOrgAndMember(db, u.id, null, extra.memberId);
  for (const r of roles) await insertAssignment(db, { userId: u.id, role: r.role, orgId: r.orgId, validFrom: '2000-01-01', grantedBy: null });
  return u.id;
}

/**
 * The app on each engine, on a fresh database, with an administrator signed in who also keeps
 * the records of the whole tree (admin + org_staff on the whole installation).
 */
export function describeApi(name: string, body: (h: () => ApiHarness) => void, opts: { today?: string } = {}): void {
  describeEachEngine(name, (getDb, engine) => {
    let harness: ApiHarness | undefined;
    beforeAll(async () => {
      const database = getDb();
      const clock = opts.today ? fixedClock(`${opts.today}T03:00:00Z`) : fixedClock('2026-11-20T03:00:00Z');
      const app = await buildApp({
        db: database.db,
        engine,
        clock,
        session: { idleMinutes: 30, absoluteHours: 12 },
        cookieSecure: false,
        security: { allowedOrigins: [], twoFactorRoles: [], totpBox: TEST_TOTP_BOX },
      });
      await userWithRoles(database.db, ADMIN.username, ADMIN.password, [
        { role: 'admin', orgId: null },
        { role: 'org_staff', orgId: null },
      ]);
      const session = await signIn(app, ADMIN.username, ADMIN.password);
      harness = { app, database, engine, cookie: session.cookie, headers: session.headers, clock };
    });
    afterAll(async () => {
      await harness?.app.close();
    });
    body(() => {
      if (!harness) throw new Error('harness not ready');
      return harness;
    });
  });
}

export function json<T = unknown>(res: LightMyRequestResponse): T {
  return res.json() as T;
}

/** A clock the test moves forward, for expiry and throttle tests. */
export interface MovableClock extends Clock {
  advance(ms: number): void;
  set(iso: string): void;
}

export function movableClock(iso: string): MovableClock {
  let t = new Date(iso).getTime();
  return {
    now: () => new Date(t),
    today: () => vnDate(new Date(t)),
    advance: (ms) => {
      t += ms;
    },
    set: (to) => {
      t = new Date(to).getTime();
    },
  };
}

/** An app on a test database with the given clock and security policy (no one signed in). */
export function buildTestApp(database: Database, engine: Engine, clock: Clock, security: Partial<SecurityPolicy> = {}): Promise<FastifyInstance> {
  return buildApp({
    db: database.db,
    engine,
    clock,
    session: { idleMinutes: 30, absoluteHours: 12 },
    cookieSecure: false,
    security: { allowedOrigins: [], twoFactorRoles: [], totpBox: TEST_TOTP_BOX, ...security },
  });
}

/** Signs in from a given client address; the raw response, for tests that look at refusals. */
export function loginFrom(app: FastifyInstance, address: string, username: string, password: string) {
  return app.inject({ method: 'POST', url: '/api/auth/login', remoteAddress: address, payload: { username, password } });
}

/** The browser headers of a successful login response. */
export function sessionOf(res: LightMyRequestResponse): Session {
  const cookie = res.cookies.find((c) => c.name === 'dangvu_session');
  if (res.statusCode !== 200 || !cookie) throw new Error(`sign-in failed: ${res.statusCode} ${res.body}`);
  const csrfToken = (res.json() as { csrfToken: string }).csrfToken;
  const pair = `dangvu_session=${cookie.value}`;
  return { cookie: pair, csrfToken, headers: { cookie: pair, 'x-csrf-token': csrfToken } };
}
