import { parentPort, workerData } from 'node:worker_threads';
import { AppError } from '../../errors.js';
import { RowValidator, validatedBatches } from './import.rows.js';
import { askedSource } from './byte-source.js';
import type { WorkerJob, ToReader, FromReader } from './import.rows.thread.js';

// The worker thread's side of import.rows.thread.ts: reads and validates the file, asking the
// main thread for it a range at a time, and posts a batch at a time, never more than the main
// thread has asked for (its memory stays bounded).

const job = workerData as WorkerJob;
const port = parentPort!;
const file = askedSource(job.size, (id, offset, length) => port.postMessage({ type: 'read', id, offset, length } satisfies FromReader));
let credits = 0;
let wake: (() => void) | null = null;
port.on('message', (m: ToReader) => {
  if (m.type === 'bytes') file.answer(m.id, m.bytes);
  else if (m.type === 'unreadable') file.fail(m.id, m.message);
  else if (m.type === 'more') {
    credits += m.batches;
    wake?.();
    wake = null;
  }
});

async function run() {
  const validator = new RowValidator(job.layout, job.target, job.orgs, job.maxProblems);
  for await (const batch of validatedBatches(validator, job.format, file.source, { stopAtError: job.stopAtError })) {
    while (credits === 0) await new Promise<void>((resolve) => (wake = resolve));
    credits--;
    port.postMessage({ type: 'batch', batch } satisfies FromReader);
  }
  port.postMessage({ type: 'done' } satisfies FromReader);
}

// A file whose keys outgrow their cap is refused as one outgrowing the heap is.
const tooManyRows = (e: unknown) => e instanceof AppError && e.code === 'IMPORT_FILE_TOO_MANY_ROWS';
run().catch((e: unknown) => port.postMessage({ type: 'error', message: e instanceof Error ? (e.stack ?? e.message) : String(e), outOfMemory: tooManyRows(e) } satisfies FromReader));
