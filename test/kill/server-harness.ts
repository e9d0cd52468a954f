import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';

// Crash-test helpers for the real HTTP server: start `dangvu serve` as a child process (the node
// process itself, not an npx/tsx wrapper, so SIGKILL hits the process that holds the database),
// wait for /api/health, and talk to the API with a session cookie.

export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const CLI_SCRIPT = fileURLToPath(new URL('../../src/cli/main.ts', import.meta.url));

export interface ExitStatus {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export interface ServerChild {
  child: ChildProcess;
  /** The pid of the node process that opened the database (the one the lock file names). */
  pid: number;
  url: string;
  /** Milliseconds from spawn to the first healthy /api/health answer. */
  startMs: number;
  exited: Promise<ExitStatus>;
  output(): string;
}

export interface StartOptions {
  dataDir: string;
  adminPassword: string;
  demo?: boolean;
  timeoutMs?: number;
  env?: Record<string, string>;
}

/** Every child started here and not yet exited; killAllServers() is the afterAll safety net. */
const live = new Set<ChildProcess>();

export function killAllServers(): void {
  for (const child of live) {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  }
  live.clear();
}

// Should the test process itself go away without running afterAll, do not leave servers behind.
process.once('exit', killAllServers);

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      srv.close(() => (port ? resolve(port) : reject(new Error('no port'))));
    });
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** `node --import tsx src/cli/main.ts serve` on dataDir; resolves once /api/health answers 200. */
export async function startServerChild(opts: StartOptions): Promise<ServerChild> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const t0 = performance.now();
  const child = spawn(process.execPath, ['--import', 'tsx', CLI_SCRIPT, 'serve'], {
    cwd: REPO_ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...process.env,
      NODE_OPTIONS: '',
      DATABASE_URL: '',
      DATA_DIR: opts.dataDir,
      PORT: String(port),
      HOST: '127.0.0.1',
      DANGVU_ADMIN_PASSWORD: opts.adminPassword,
      DANGVU_DEMO: opts.demo ? '1' : '0',
      LOG_LEVEL: 'warn',
      // The crash tests sign in with a password only; two-factor sign-in has its own tests.
      TWO_FACTOR_ROLES: 'none',
      ...opts.env,
    },
  });
  live.add(child);
  let out = '';
  child.stdout!.setEncoding('utf8').on('data', (d: string) => (out += d));
  child.stderr!.setEncoding('utf8').on('data', (d: string) => (out += d));
  const exited = new Promise<ExitStatus>((resolve) =>
    child.on('close', (code, signal) => {
      live.delete(child);
      resolve({ code, signal });
    }),
  );
  let gone: ExitStatus | undefined;
  void exited.then((s) => (gone = s));

  const deadline = t0 + (opts.timeoutMs ?? 90_000);
  for (;;) {
    if (gone) throw new Error(`server exited during start-up (code ${gone.code}, signal ${gone.signal}):\n${out}`);
    if (performance.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`server not healthy after ${opts.timeoutMs ?? 90_000} ms:\n${out}`);
    }
    try {
      const res = await fetch(`${url}/api/health`, { signal: AbortSignal.timeout(5000) });
      await res.arrayBuffer();
      if (res.status === 200) break;
    } catch {
      // not listening yet
    }
    await sleep(100);
  }
  return { child, pid: child.pid!, url, startMs: Math.round(performance.now() - t0), exited, output: () => out };
}

export interface ApiResponse<T> {
  status: number;
  body: T;
}

/** A signed-in API client. Network failures (server gone) reject; HTTP errors resolve with their status. */
export class Api {
  cookie = '';
  csrfToken = '';

  constructor(readonly base: string) {}

  static async signIn(base: string, password: string, username = 'admin'): Promise<Api> {
    const api = new Api(base);
    const res = await fetch(`${base}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, password }),
      signal: AbortSignal.timeout(30_000),
    });
    const text = await res.text();
    if (res.status !== 200) throw new Error(`login failed: ${res.status} ${text}`);
    const session = res.headers.getSetCookie().find((c) => c.startsWith('dangvu_session='));
    if (!session) throw new Error('login set no dangvu_session cookie');
    api.cookie = session.split(';')[0]!;
    api.csrfToken = (JSON.parse(text) as { csrfToken: string }).csrfToken;
    return api;
  }

  withBase(base: string): Api {
    const api = new Api(base);
    api.cookie = this.cookie;
    api.csrfToken = this.csrfToken;
    return api;
  }

  async call<T = unknown>(method: string, path: string, body?: unknown, timeoutMs = 30_000): Promise<ApiResponse<T>> {
    const headers: Record<string, string> = { cookie: this.cookie, 'x-csrf-token': this.csrfToken };
    if (body !== undefined) headers['content-type'] = 'application/json';
    const res = await fetch(`${this.base}${path}`, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(timeoutMs),
    });
    // The whole body must arrive before a response counts as an answer.
    const text = await res.text();
    return { status: res.status, body: (text ? JSON.parse(text) : null) as T };
  }

  async get<T = unknown>(path: string): Promise<T> {
    const r = await this.call<T>('GET', path);
    if (r.status !== 200) throw new Error(`GET ${path}: ${r.status} ${JSON.stringify(r.body)}`);
    return r.body;
  }
}

/** Runs fn over items with at most `limit` in flight. */
export async function mapLimit<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}
