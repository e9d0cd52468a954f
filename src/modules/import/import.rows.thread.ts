import { Worker } from 'node:worker_threads';
import type { HeaderLayout } from '../../domain/import/columns.js';
import type { ImportFormat, ReadMeter } from './import.reader.js';
import type { SubtreeOrg } from './import.repository.js';
import { AppError } from '../../errors.js';
import { ownsBuffer, type ByteSource } from './byte-source.js';
import { RowValidator, validatedBatches, type RowTarget, type ValidatedBatch } from './import.rows.js';

// A large file's rows are read and validated in a worker thread (issue 6 targets: a million
// rows in a minute on a two-core server): while the main thread waits on the database for one
// batch's look-ups and staging, the worker reads the next ones. The same RowValidator runs
// there as in the main thread, so the report is the same either way (import.rows.test.ts).

/** Files from this size on are read in a worker: below it, starting one costs more than it saves. */
export const WORKER_MIN_BYTES = 2 * 1024 * 1024;

/** Batches the worker may run ahead of the main thread. */
const AHEAD = 3;

/**
 * The worker's heap (MiB): bounded, it is collected before it grows past the server's share of
 * memory (issue 6: ≤ 700 MiB) instead of when V8 pleases. The file's keys, for its duplicates,
 * live outside it in typed arrays (~100 MiB at a million rows), bounded by KEY_BYTES_CAP.
 */
export const WORKER_HEAP_MIB = 512;

export interface RowsJob {
  format: ImportFormat;
  source: ByteSource;
  layout: HeaderLayout;
  target: RowTarget;
  orgs: readonly SubtreeOrg[];
  maxProblems: number;
  stopAtError: boolean;
}

/** The job as the worker receives it: the file's size, its bytes asked for by range (`read`). */
export type WorkerJob = Omit<RowsJob, 'source'> & { size: number };

export type ToReader = { type: 'more'; batches: number } | { type: 'bytes'; id: number; bytes: Uint8Array } | { type: 'unreadable'; id: number; message: string };
export type FromReader =
  | { type: 'batch'; batch: ValidatedBatch }
  | { type: 'done' }
  | { type: 'error'; message: string; outOfMemory?: boolean }
  | { type: 'read'; id: number; offset: number; length: number };

export type ReadingThread = 'auto' | 'worker' | 'main';

/**
 * The worker. Built, its entry is the .js beside this file. Run from source (tests, `npm run
 * dev`) it is the .ts, which the worker loads after registering tsx's ESM hooks in itself (a
 * worker does not share its parent's loader, and tsx given as the worker's --import does not
 * register there).
 */
function startWorker(job: RowsJob, heapMiB: number): Worker {
  const here = import.meta.url;
  const { source, ...rest } = job;
  const workerData: WorkerJob = { ...rest, size: source.size };
  const options = { workerData, resourceLimits: { maxOldGenerationSizeMb: heapMiB } };
  if (!here.endsWith('.ts')) return new Worker(new URL('./import.rows.worker.js', here), options);
  const entry = new URL('./import.rows.worker.ts', here).href;
  const tsxApi = import.meta.resolve('tsx/esm/api');
  const boot = `import(${JSON.stringify(tsxApi)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(entry)}); })
    .catch((e) => require('node:worker_threads').parentPort.postMessage({ type: 'error', message: String((e && e.stack) || e) }));`;
  return new Worker(boot, { eval: true, ...options });
}

/**
 * The validated batches of a file, read in this thread or in a worker. The worker asks this
 * thread for the file a range at a time (it never has the whole of it): the source's answers
 * move there, they are not copied.
 */
export function readBatches(job: RowsJob, opts: { meter?: ReadMeter; thread?: ReadingThread; heapMiB?: number }): AsyncGenerator<ValidatedBatch> {
  const thread = opts.thread ?? 'auto';
  if (thread === 'main' || (thread === 'auto' && job.source.size < WORKER_MIN_BYTES)) {
    const validator = new RowValidator(job.layout, job.target, job.orgs, job.maxProblems);
    return validatedBatches(validator, job.format, job.source, { meter: opts.meter, stopAtError: job.stopAtError });
  }
  return inWorker(job, opts.heapMiB ?? WORKER_HEAP_MIB);
}

async function* inWorker(job: RowsJob, heapMiB: number): AsyncGenerator<ValidatedBatch> {
  const worker = startWorker(job, heapMiB);
  let rowsRead = 0;
  const queue: Exclude<FromReader, { type: 'read' }>[] = [];
  let wake: (() => void) | null = null;
  const push = (m: Exclude<FromReader, { type: 'read' }>) => {
    queue.push(m);
    wake?.();
    wake = null;
  };
  // Ranges of the file are answered at once, not queued behind the batches: the worker waits on them.
  const serve = (m: Extract<FromReader, { type: 'read' }>) =>
    job.source.read(m.offset, m.length).then(
      (bytes) => worker.postMessage({ type: 'bytes', id: m.id, bytes } satisfies ToReader, ownsBuffer(bytes) ? [bytes.buffer as ArrayBuffer] : []),
      (e: unknown) => worker.postMessage({ type: 'unreadable', id: m.id, message: e instanceof Error ? e.message : String(e) } satisfies ToReader),
    );
  worker.on('message', (m: FromReader) => (m.type === 'read' ? void serve(m) : push(m)));
  worker.on('error', (e) => push({ type: 'error', message: e.stack ?? e.message, outOfMemory: (e as { code?: string }).code === 'ERR_WORKER_OUT_OF_MEMORY' }));
  worker.on('exit', (code) => push(code === 0 ? { type: 'done' } : { type: 'error', message: `import reader exited with code ${code}` }));
  try {
    worker.postMessage({ type: 'more', batches: AHEAD } satisfies ToReader);
    for (;;) {
      while (queue.length === 0) await new Promise<void>((resolve) => (wake = resolve));
      const m = queue.shift()!;
      if (m.type === 'done') return;
      if (m.type === 'error') {
        if (m.outOfMemory) throw new AppError('IMPORT_FILE_TOO_MANY_ROWS', { rows: rowsRead }, { field: 'body' });
        throw new Error(`import reader: ${m.message}`);
      }
      worker.postMessage({ type: 'more', batches: 1 } satisfies ToReader);
      rowsRead += m.batch.rowsRead;
      yield m.batch;
    }
  } finally {
    await worker.terminate();
  }
}
