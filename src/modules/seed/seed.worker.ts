import { parentPort, workerData } from 'node:worker_threads';
import { generateSeed, type GenerateOptions } from './seed.generator.js';

// Generates seed batches on a worker thread, one per 'next' request, so that generating the next
// rows overlaps loading the current ones (PGlite runs its COPY on the main thread).
const batches = generateSeed(workerData as GenerateOptions);

parentPort?.on('message', (msg: unknown) => {
  if (msg !== 'next') return;
  const r = batches.next();
  parentPort?.postMessage(r.done ? null : r.value);
});
