import { parentPort, workerData } from 'node:worker_threads';
import { RowValidator, validatedBatches } from './import.rows.js';
import type { RowsJob, ToReader, FromReader } from './import.rows.thread.js';

// The worker thread's side of import.rows.thread.ts: reads and validates the file, posting a
// batch at a time, never more than the main thread has asked for (its memory stays bounded).

const job = workerData as RowsJob;
const port = parentPort!;
let credits = 0;
let wake: (() => void) | null = null;
port.on('message', (m: ToReader) => {
  if (m.type === 'more') {
    credits += m.batches;
    wake?.();
    wake = null;
  }
});

async function run() {
  const validator = new RowValidator(job.layout, job.target, job.orgs, job.maxProblems);
  for await (const batch of validatedBatches(validator, job.format, job.bytes, { stopAtError: job.stopAtError })) {
    while (credits === 0) await new Promise<void>((resolve) => (wake = resolve));
    credits--;
    port.postMessage({ type: 'batch', batch } satisfies FromReader);
  }
  port.postMessage({ type: 'done' } satisfies FromReader);
}

run().catch((e: unknown) => port.postMessage({ type: 'error', message: e instanceof Error ? (e.stack ?? e.message) : String(e) } satisfies FromReader));
