import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll } from 'vitest';
import { buildApp } from '../src/app.js';
import { fixedClock, type Clock } from '../src/clock.js';
import type { Database, Engine } from '../src/db/connect.js';
import { createUser } from '../src/modules/auth/auth.service.js';
import { describeEachEngine } from './engines.js';

export const ADMIN = { username: 'admin', password: 'mat-khau-thu-nghiem-1' };

export interface ApiHarness {
  app: FastifyInstance;
  database: Database;
  engine: Engine;
  /** Session cookie of the administrator (signed in once per block). */
  cookie: string;
  clock: Clock;
}

export async function signIn(app: FastifyInstance, username: string, password: string): Promise<string> {
  const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });
  if (res.statusCode !== 200) throw new Error(`sign-in failed: ${res.statusCode} ${res.body}`);
  const cookie = res.cookies.find((c) => c.name === 'dangvu_session');
  if (!cookie) throw new Error('no session cookie');
  return `dangvu_session=${cookie.value}`;
}

/** The app on each engine, on a fresh database, with an administrator signed in. */
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
      });
      await createUser(database.db, { username: ADMIN.username, displayName: 'Quản trị', password: ADMIN.password, mustChangePassword: false });
      const cookie = await signIn(app, ADMIN.username, ADMIN.password);
      harness = { app, database, engine, cookie, clock };
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
