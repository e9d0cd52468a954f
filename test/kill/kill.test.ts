import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { checkProbe, openProbe, spawnWriter } from './probe.js';

// SIGKILL a process that is committing transactions on the embedded database, three times on
// the same data folder; every write it acknowledged must survive, no transaction may be torn,
// and the folder must reopen (taking over the dead process's lock file).
describe('embedded database survives SIGKILL of its process', () => {
  const dir = mkdtempSync(join(tmpdir(), 'dangvu-kill-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const allAcked: number[] = [];

  for (const round of [1, 2, 3]) {
    it(`round ${round}: acknowledged writes are all present after kill -9`, async () => {
      const writer = spawnWriter(dir);
      const pid = await writer.ready;
      await writer.waitForAcks(200);
      writer.child.kill('SIGKILL');
      const { signal } = await writer.exited;
      expect(signal).toBe('SIGKILL');
      // The dead process's lock file is left behind and must be taken over below.
      expect(readFileSync(join(dir, 'dangvu.lock'), 'utf8')).toBe(String(pid));
      expect(writer.acked.length).toBeGreaterThanOrEqual(200);
      allAcked.push(...writer.acked);

      const database = await openProbe(dir);
      try {
        const check = await checkProbe(database, allAcked);
        expect(check.missing).toEqual([]);
        // Each write is one transaction of two statements: row count and counter never disagree.
        expect(check.counter).toBe(check.rows);
        // At most the one in-flight transaction may have committed without its ack being printed.
        expect(check.rows - allAcked.length).toBeGreaterThanOrEqual(0);
        expect(check.rows - allAcked.length).toBeLessThanOrEqual(round);
        // The application schema is there and answers queries.
        const orgs = await database.db.selectFrom('org').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
        expect(Number(orgs.n)).toBe(0);
      } finally {
        await database.close();
      }
      expect(existsSync(join(dir, 'dangvu.lock'))).toBe(false);
    });
  }
});
