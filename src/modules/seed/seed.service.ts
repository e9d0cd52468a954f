import { setImmediate as nextTick } from 'node:timers/promises';
import { Worker } from 'node:worker_threads';
import type { Database } from '../../db/connect.js';
import { fillNameTokens } from '../member/member-token.repository.js';
import { SEED_TABLES, SEED_TABLE_NAMES, type SeedTable } from './seed.csv.js';
import { dayOf, isoOf, todayInVietnam } from './seed.dates.js';
import { generateSeed, seedTotals, type GenerateOptions, type SeedBatch } from './seed.generator.js';
import { REFORM_DAY, type SeedScale } from './seed.plan.js';
import {
  addForeignKey,
  analyze,
  BULK_TABLES,
  createIndex,
  dropBulkSchema,
  enableTriggers,
  orgTableIsEmpty,
  readBulkSchema,
  resetIdentities,
  vacuum,
  type BulkSchema,
} from './seed.repository.js';

export type { SeedScale } from './seed.plan.js';

export interface SeedOptions {
  scale: SeedScale;
  /** PRNG seed; the same seed (and `today`) gives the same rows. Default 1. */
  seed?: number;
  onProgress?: (done: number, total: number, phase: string) => void;
  /** 'YYYY-MM-DD'; default: today in Việt Nam. Ages, probation and exits are relative to it. */
  today?: string;
}

export interface SeedResult {
  orgs: number;
  /** Member rows written: those on the rolls and the historical ones (deceased, transferred, removed). */
  members: number;
  ms: number;
}

/** Progress phases, in order: 'members' counts members written; the others report done = total. */
export type SeedPhase = 'members' | 'indexes' | 'constraints' | 'analyze';

const SCALES: readonly SeedScale[] = ['demo', 'province', 'national'];

/**
 * Fills an empty database with a generated tree and its members (rules.md R-ORG-*, R-SCALE-*),
 * roll-ups included. Refuses when the org table already has rows. Demo rows have is_demo = true.
 */
export async function seedDatabase(database: Database, opts: SeedOptions): Promise<SeedResult> {
  return runSeed(database, opts, { bulk: opts.scale !== 'demo' });
}

/**
 * seedDatabase with the load strategy chosen by the caller (tests run the bulk path at demo size).
 * Bulk: secondary indexes and foreign keys off during the load, generation on a worker thread,
 * and on PostgreSQL one concurrent COPY per table.
 * @internal
 */
export async function runSeed(database: Database, opts: SeedOptions, strategy: { bulk: boolean }): Promise<SeedResult> {
  const started = performance.now();
  if (!SCALES.includes(opts.scale)) throw new Error(`seed: unknown scale '${String(opts.scale)}' (demo, province, national)`);
  const seed = opts.seed ?? 1;
  if (!Number.isSafeInteger(seed)) throw new Error(`seed: the seed must be an integer, got ${seed}`);
  const today = opts.today ?? todayInVietnam(new Date());
  if (dayOf(today) <= REFORM_DAY) throw new Error(`seed: today (${today}) must be after ${isoOf(REFORM_DAY)}, when the post-2025 tree starts`);
  if (!(await orgTableIsEmpty(database.db))) {
    throw new Error('seed: the database already has organizations; seed only into an empty database');
  }

  const gen = { scale: opts.scale, seed, today };
  const totals = seedTotals(gen);
  const progress = (done: number, phase: SeedPhase) => opts.onProgress?.(done, totals.members, phase);
  progress(0, 'members');

  // Large loads go without secondary indexes and foreign keys, which are rebuilt in one pass each
  // at the end; the demo loads into the schema as it is.
  const { bulk } = strategy;
  const schema: BulkSchema | null = bulk ? await readBulkSchema(database.db, BULK_TABLES) : null;
  if (schema) await dropBulkSchema(database.db, schema);
  let loaded = false;
  try {
    const genOpts = { ...gen, batchMembers: database.engine === 'pglite' ? 50_000 : 10_000 };
    // Large scales generate on a worker thread, overlapping the load; the demo is too small to bother.
    const batches = bulk ? await workerBatches(genOpts) ?? syncBatches(genOpts) : syncBatches(genOpts);
    if (bulk && database.engine === 'postgres') await loadConcurrently(database, batches, (d) => progress(d, 'members'));
    else await loadInOrder(database, batches, (d) => progress(d, 'members'));
    loaded = true;
  } finally {
    // Put the schema back even after a failure, so the database is never left without them;
    // a failed load's own error wins over one from restoring.
    if (schema) await restoreSchema(database, schema, (phase) => progress(totals.members, phase)).catch((e) => {
      if (loaded) throw e;
    });
  }
  await resetIdentities(database.db);
  progress(totals.members, 'analyze');
  await analyze(database.db, BULK_TABLES);
  if (bulk) await vacuum(database.db, 'member_name_token');
  return { orgs: totals.orgs, members: totals.members, ms: Math.round(performance.now() - started) };
}

async function restoreSchema(database: Database, schema: BulkSchema, phase: (p: SeedPhase) => void): Promise<void> {
  const mem = database.engine === 'pglite' ? '256MB' : '512MB';
  phase('indexes');
  // Two builds at a time on PostgreSQL (one per core here); PGlite has one connection.
  const width = database.engine === 'postgres' ? 2 : 1;
  // The search tokens are written from the loaded members, then indexed: one job, in a lane of
  // its own while the other builds the members' indexes.
  const tokenIndexes = schema.indexes.filter((ix) => ix.table === 'member_name_token');
  const tokens = async () => {
    await fillNameTokens(database.db);
    for (const ix of tokenIndexes) await createIndex(database.db, ix, mem);
  };
  const builds = [...schema.indexes].filter((ix) => ix.table !== 'member_name_token').sort((a, b) => indexCost(b.sql) - indexCost(a.sql));
  const queue: (() => Promise<void>)[] = [tokens, ...builds.map((ix) => () => createIndex(database.db, ix, mem))];
  await Promise.all(
    Array.from({ length: width }, async () => {
      for (let job = queue.shift(); job; job = queue.shift()) await job();
    }),
  );
  phase('constraints');
  for (const fk of schema.foreignKeys) await addForeignKey(database.db, fk, mem);
  await enableTriggers(database.db, schema.triggers);
}

// Longest builds first, so the two lanes end together: trigram and word GIN indexes dominate.
function indexCost(def: string): number {
  if (/gin_trgm_ops/.test(def)) return 3;
  if (/using gin/i.test(def)) return 2;
  return 1;
}

async function* syncBatches(opts: GenerateOptions): AsyncGenerator<SeedBatch> {
  yield* generateSeed(opts);
}

/**
 * Batches from a worker thread, the next one being generated while the caller loads this one.
 * Undefined when no worker can run here (e.g. TypeScript sources without a loader for workers).
 */
async function workerBatches(opts: GenerateOptions): Promise<AsyncGenerator<SeedBatch> | undefined> {
  const here = import.meta.url;
  let worker: Worker;
  try {
    if (here.endsWith('.ts')) {
      // Running from sources (tsx): the worker registers tsx's loader before importing the .ts file.
      const file = new URL('./seed.worker.ts', here).href;
      const boot = `import('tsx/esm/api').then((m) => { m.register(); return import(${JSON.stringify(file)}); })`;
      worker = new Worker(boot, { eval: true, workerData: opts });
    } else {
      worker = new Worker(new URL('./seed.worker.js', here), { workerData: opts });
    }
  } catch {
    return undefined;
  }
  const pending: { resolve: (b: SeedBatch | null) => void; reject: (e: unknown) => void }[] = [];
  let failed: unknown;
  worker.on('message', (b: SeedBatch | null) => pending.shift()?.resolve(b));
  worker.on('error', (e) => {
    failed = e;
    for (const p of pending.splice(0)) p.reject(e);
  });
  worker.on('exit', (code) => {
    const e = failed ?? new Error(`seed worker exited (${code})`);
    for (const p of pending.splice(0)) p.reject(e);
  });
  const request = () =>
    new Promise<SeedBatch | null>((resolve, reject) => {
      if (failed) return reject(failed);
      pending.push({ resolve, reject });
      worker.postMessage('next');
    });
  // The first batch proves the worker runs; if it cannot even start, generate here instead.
  let first: SeedBatch | null;
  try {
    first = await request();
  } catch {
    await worker.terminate();
    return undefined;
  }
  return (async function* () {
    try {
      let next: Promise<SeedBatch | null> | null = first ? request() : null;
      if (first) yield first;
      while (next) {
        const b = await next;
        if (!b) break;
        next = request();
        yield b;
      }
    } finally {
      await worker.terminate();
    }
  })();
}

/** One COPY per table per batch, tables in dependency order (PGlite's single connection; demo). */
async function loadInOrder(database: Database, batches: AsyncIterable<SeedBatch>, progress: (done: number) => void): Promise<void> {
  for await (const batch of batches) {
    for (const table of SEED_TABLE_NAMES) {
      const chunks = batch.csv[table];
      if (chunks.length === 0) continue;
      await database.bulk.copyCsv(table, [...SEED_TABLES[table]], iterate(chunks));
    }
    progress(batch.membersDone);
  }
}

async function* iterate(chunks: readonly string[]): AsyncGenerator<string> {
  for (const c of chunks) yield c;
}

/**
 * PostgreSQL: one COPY per table, all running at once on their own connections and fed from
 * bounded queues, so the server's backends load while this process generates the next rows.
 */
async function loadConcurrently(database: Database, batches: AsyncIterable<SeedBatch>, progress: (done: number) => void): Promise<void> {
  const channels = new Map<SeedTable, Channel>(SEED_TABLE_NAMES.map((t) => [t, new Channel()]));
  let failure: unknown;
  const copies = SEED_TABLE_NAMES.map((t) =>
    database.bulk.copyCsv(t, [...SEED_TABLES[t]], (channels.get(t) as Channel).drain()).catch((e: unknown) => {
      failure ??= e;
      for (const c of channels.values()) c.abort();
    }),
  );
  try {
    for await (const batch of batches) {
      if (failure) break;
      for (const t of SEED_TABLE_NAMES) for (const chunk of batch.csv[t]) (channels.get(t) as Channel).push(chunk);
      progress(batch.membersDone);
      for (const c of channels.values()) await c.belowLimit();
      await nextTick(); // let the sockets take what is queued
    }
  } finally {
    for (const c of channels.values()) c.close();
    await Promise.all(copies);
  }
  if (failure) throw failure;
}

const CHANNEL_LIMIT = 48 << 20; // characters queued per table before the generator waits

/** A bounded single-consumer queue of CSV chunks. */
class Channel {
  private queue: string[] = [];
  private size = 0;
  private closed = false;
  private aborted = false;
  private wakeConsumer: (() => void) | undefined;
  private wakeProducer: (() => void) | undefined;

  push(chunk: string): void {
    if (this.aborted) return;
    this.queue.push(chunk);
    this.size += chunk.length;
    this.wakeConsumer?.();
  }

  close(): void {
    this.closed = true;
    this.wakeConsumer?.();
  }

  abort(): void {
    this.aborted = true;
    this.queue = [];
    this.size = 0;
    this.close();
    this.wakeProducer?.();
  }

  async belowLimit(): Promise<void> {
    while (this.size > CHANNEL_LIMIT && !this.aborted) {
      await new Promise<void>((resolve) => (this.wakeProducer = resolve));
      this.wakeProducer = undefined;
    }
  }

  async *drain(): AsyncGenerator<string> {
    for (;;) {
      const chunk = this.queue.shift();
      if (chunk !== undefined) {
        this.size -= chunk.length;
        if (this.size <= CHANNEL_LIMIT) this.wakeProducer?.();
        yield chunk;
        continue;
      }
      if (this.closed) return;
      await new Promise<void>((resolve) => (this.wakeConsumer = resolve));
      this.wakeConsumer = undefined;
    }
  }
}
