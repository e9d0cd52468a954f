// Child process for the kill test: `node --import tsx test/kill/writer-main.ts <dataDir> [count]`.
// Opens the embedded database, then writes probe rows one transaction at a time, printing
// `ack <id>` only after each commit resolved, until killed (or `count` writes are done).
import { nextProbeId, openProbe, writeLoop } from './probe.js';

const [dataDir, countArg] = process.argv.slice(2);
if (!dataDir) {
  console.error('usage: writer-main.ts <dataDir> [count]');
  process.exit(2);
}
const database = await openProbe(dataDir);
const from = await nextProbeId(database);
// Writes to a pipe are synchronous on Linux, so a printed ack is in the parent's pipe before the next write starts.
process.stdout.write(`ready ${process.pid}\n`);
await writeLoop(database, from, (id) => process.stdout.write(`ack ${id}\n`), countArg ? Number(countArg) : Infinity);
await database.close();
