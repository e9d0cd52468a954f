import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { sql, type Kysely } from 'kysely';
import { connect, type Database } from '../../src/db/connect.js';
import type { DB } from '../../src/db/types.js';
import { migrateToLatest } from '../../src/db/migrate.js';

// Crash-test helpers, reusable by other kill tests (e.g. one that kills the real HTTP server).
//
// Protocol of a writer child on stdout, one message a line:
//   ready <pid>     the database is open and migrated
//   ack <id>        the transaction that inserted <id> has COMMITTED (printed only after commit resolved)
// Each write inserts one kill_probe row and bumps kill_probe_counter in the same transaction, so a
// torn transaction after a crash shows up as count(kill_probe) <> kill_probe_counter.n.

export type ProbeTables = {
  kill_probe: { id: number; payload: string };
  kill_probe_counter: { k: number; n: number };
};

export function probeDb(database: Database): Kysely<DB & ProbeTables> {
  return database.db.withTables<ProbeTables>();
}

export async function createProbeTables(database: Database): Promise<void> {
  await sql`create table if not exists kill_probe (id int primary key, payload text not null)`.execute(database.db);
  await sql`create table if not exists kill_probe_counter (k int primary key, n int not null)`.execute(database.db);
  await sql`insert into kill_probe_counter (k, n) values (1, 0) on conflict (k) do nothing`.execute(database.db);
}

/** Opens (and migrates) the embedded database in dataDir and makes sure the probe tables exist. */
export async function openProbe(dataDir: string): Promise<Database> {
  const database = await connect({ dataDir });
  try {
    await migrateToLatest(database.db);
    await createProbeTables(database);
    return database;
  } catch (e) {
    await database.close();
    throw e;
  }
}

/** One committed write: a row with this id plus the counter bump, in one transaction. */
export async function writeProbe(database: Database, id: number): Promise<void> {
  const db = probeDb(database);
  await db.transaction().execute(async (tx) => {
    // A payload of a few kB so WAL records span pages now and then.
    await tx.insertInto('kill_probe').values({ id, payload: `probe-${id}-`.padEnd(2000 + (id % 7) * 300, 'x') }).execute();
    await tx.updateTable('kill_probe_counter').set({ n: sql`n + 1` }).where('k', '=', 1).execute();
  });
}

export async function nextProbeId(database: Database): Promise<number> {
  const row = await probeDb(database)
    .selectFrom('kill_probe')
    .select(sql<number>`coalesce(max(id), 0) + 1`.as('next'))
    .executeTakeFirstOrThrow();
  return Number(row.next);
}

/**
 * The writer loop: writes ids from `from` upward forever (or `count` of them), calling onAck(id)
 * only after each commit has resolved.
 */
export async function writeLoop(database: Database, from: number, onAck: (id: number) => void, count = Infinity): Promise<void> {
  for (let id = from; id < from + count; id++) {
    await writeProbe(database, id);
    onAck(id);
  }
}

export interface ProbeCheck {
  rows: number;
  counter: number;
  missing: number[];
}

/** Which acknowledged ids are missing, and whether row count and counter agree. */
export async function checkProbe(database: Database, acked: readonly number[]): Promise<ProbeCheck> {
  const db = probeDb(database);
  const present = new Set((await db.selectFrom('kill_probe').select('id').execute()).map((r) => Number(r.id)));
  const counter = await db.selectFrom('kill_probe_counter').select('n').where('k', '=', 1).executeTakeFirstOrThrow();
  return { rows: present.size, counter: Number(counter.n), missing: acked.filter((id) => !present.has(id)) };
}

export const WRITER_SCRIPT = fileURLToPath(new URL('./writer-main.ts', import.meta.url));

export interface WriterChild {
  child: ChildProcess;
  /** Resolves with the child's pid once it printed `ready`. */
  ready: Promise<number>;
  /** Every id the child acknowledged so far, in order. */
  acked: number[];
  /** Resolves when `n` ids have been acknowledged (rejects if the child exits first). */
  waitForAcks(n: number): Promise<void>;
  /** Resolves with the exit code / signal once the child's stdout is drained (every ack read). */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  stderr(): string;
}

/** Starts `node --import tsx <script> <dataDir>`; the script speaks the protocol above. */
export function spawnWriter(dataDir: string, script = WRITER_SCRIPT, extraArgs: string[] = []): WriterChild {
  const child = spawn(process.execPath, ['--import', 'tsx', script, dataDir, ...extraArgs], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, NODE_OPTIONS: '' },
  });
  const acked: number[] = [];
  let err = '';
  child.stderr!.setEncoding('utf8').on('data', (d: string) => (err += d));
  const waiters: { n: number; resolve: () => void; reject: (e: Error) => void }[] = [];
  let resolveReady!: (pid: number) => void;
  let rejectReady!: (e: Error) => void;
  const ready = new Promise<number>((res, rej) => ((resolveReady = res), (rejectReady = rej)));
  ready.catch(() => {});
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('close', (code, signal) => {
      const e = new Error(`writer exited (code ${code}, signal ${signal}) after ${acked.length} acks: ${err}`);
      rejectReady(e);
      for (const w of waiters.splice(0)) w.reject(e);
      resolve({ code, signal });
    }),
  );
  createInterface({ input: child.stdout! }).on('line', (line) => {
    const [kind, value] = line.split(' ');
    if (kind === 'ready') resolveReady(Number(value));
    else if (kind === 'ack') {
      acked.push(Number(value));
      for (let i = waiters.length - 1; i >= 0; i--) {
        const w = waiters[i]!;
        if (acked.length >= w.n) {
          waiters.splice(i, 1);
          w.resolve();
        }
      }
    }
  });
  return {
    child,
    ready,
    acked,
    exited,
    stderr: () => err,
    waitForAcks: (n) =>
      acked.length >= n ? Promise.resolve() : new Promise<void>((resolve, reject) => waiters.push({ n, resolve, reject })),
  };
}
