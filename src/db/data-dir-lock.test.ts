import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { AppError } from '../errors.js';
import { connect } from './connect.js';
import { lockDataDir } from './data-dir-lock.js';

const root = mkdtempSync(join(tmpdir(), 'dangvu-lock-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
let n = 0;
const freshDir = () => join(root, `d${++n}`);
const lockFileOf = (dir: string) => join(dir, 'dangvu.lock');
const srcDir = fileURLToPath(new URL('.', import.meta.url));

/** A pid that certainly belonged to a process that has exited. */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
  return Number(child.stdout);
}

/** Runs an ES module snippet in a fresh `node --import tsx` process; resolves with its stdout lines. */
function runNode(code: string, opts: { onLine?: (line: string) => void } = {}) {
  const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', code], {
    stdio: ['pipe', 'pipe', 'pipe'],
    env: { ...process.env, NODE_OPTIONS: '' },
  });
  let out = '';
  let err = '';
  child.stdout.setEncoding('utf8').on('data', (d: string) => {
    out += d;
    if (opts.onLine) for (const line of d.split('\n').filter(Boolean)) opts.onLine(line);
  });
  child.stderr.setEncoding('utf8').on('data', (d: string) => (err += d));
  const done = new Promise<{ code: number | null; lines: string[]; stderr: string }>((resolve) =>
    child.on('close', (code) => resolve({ code, lines: out.split('\n').filter(Boolean), stderr: err })),
  );
  return { child, done };
}

const imports = `
import { connect } from ${JSON.stringify(join(srcDir, 'connect.ts'))};
import { lockDataDir } from ${JSON.stringify(join(srcDir, 'data-dir-lock.ts'))};
const report = (e) => console.log(JSON.stringify({ code: e.code ?? null, message: e.message, pid: e.params?.pid ?? null }));
`;

function expectLocked(fn: () => unknown, pid: number): void {
  let error: unknown;
  try {
    fn();
  } catch (e) {
    error = e;
  }
  expect(error).toBeInstanceOf(AppError);
  expect((error as AppError).code).toBe('DATA_DIR_LOCKED');
  expect((error as AppError).message).toContain(String(pid));
}

describe('data dir lock (in process)', () => {
  it('writes our pid, and release removes the lock file (twice is harmless)', () => {
    const dir = freshDir();
    const lock = lockDataDir(dir);
    expect(readFileSync(lockFileOf(dir), 'utf8')).toBe(String(process.pid));
    lock.release();
    expect(existsSync(lockFileOf(dir))).toBe(false);
    lock.release();
    expect(readdirSync(dir)).toEqual([]); // no temp files left behind either
  });

  it('refuses a second open of the same folder by the same process', () => {
    const dir = freshDir();
    const lock = lockDataDir(dir);
    expectLocked(() => lockDataDir(dir), process.pid);
    expectLocked(() => lockDataDir(join(dir, '.')), process.pid); // same folder, other spelling
    lock.release();
    lockDataDir(dir).release();
  });

  it('takes over a stale lock of a dead pid', () => {
    const dir = freshDir();
    mkdirSync(dir, { recursive: true });
    const dead = deadPid();
    writeFileSync(lockFileOf(dir), String(dead));
    const lock = lockDataDir(dir);
    expect(readFileSync(lockFileOf(dir), 'utf8')).toBe(String(process.pid));
    lock.release();
    expect(existsSync(lockFileOf(dir))).toBe(false);
  });

  it('takes over a lock naming our own pid that this process does not hold (pid reuse after a crash)', () => {
    const dir = freshDir();
    mkdirSync(dir, { recursive: true });
    writeFileSync(lockFileOf(dir), String(process.pid));
    lockDataDir(dir).release();
  });

  it('takes over a lock file with garbage content, and a break guard left by a dead process', () => {
    const dir = freshDir();
    mkdirSync(dir, { recursive: true });
    writeFileSync(lockFileOf(dir), 'not a pid');
    writeFileSync(join(dir, 'dangvu.lock.break'), String(deadPid()));
    const lock = lockDataDir(dir);
    expect(readFileSync(lockFileOf(dir), 'utf8')).toBe(String(process.pid));
    lock.release();
  });

  it('release does not remove a lock file that is no longer ours', () => {
    const dir = freshDir();
    const lock = lockDataDir(dir);
    writeFileSync(lockFileOf(dir), '999999999');
    lock.release();
    expect(readFileSync(lockFileOf(dir), 'utf8')).toBe('999999999');
  });
});

describe('data dir lock (across processes)', () => {
  it('a second process cannot open the embedded database while the first holds it; the first is intact', async () => {
    const dir = freshDir();
    const first = await connect({ dataDir: dir });
    try {
      await sql`create table keep (id int primary key, v text)`.execute(first.db);
      await sql`insert into keep values (1, 'một'), (2, 'hai')`.execute(first.db);

      const { code, lines, stderr } = await runNode(`${imports}
        try { const d = await connect({ dataDir: ${JSON.stringify(dir)} }); console.log('opened'); await d.close(); }
        catch (e) { report(e); }`).done;
      expect(stderr).toBe('');
      expect(code).toBe(0);
      const result = JSON.parse(lines.at(-1)!) as { code: string; message: string; pid: number };
      expect(result.code).toBe('DATA_DIR_LOCKED');
      expect(result.pid).toBe(process.pid);
      expect(result.message).toContain(`tiến trình ${process.pid}`);
      expect(result.message).toContain(dir);

      // The first process still owns the lock and its data.
      expect(readFileSync(lockFileOf(dir), 'utf8')).toBe(String(process.pid));
      await sql`insert into keep values (3, 'ba')`.execute(first.db);
      const rows = await sql<{ id: number; v: string }>`select id, v from keep order by id`.execute(first.db);
      expect(rows.rows).toEqual([
        { id: 1, v: 'một' },
        { id: 2, v: 'hai' },
        { id: 3, v: 'ba' },
      ]);
    } finally {
      await first.close();
    }
    expect(existsSync(lockFileOf(dir))).toBe(false);
    // After the first closed, a new open sees everything.
    const again = await connect({ dataDir: dir });
    try {
      expect((await sql<{ n: number }>`select count(*)::int as n from keep`.execute(again.db)).rows).toEqual([{ n: 3 }]);
    } finally {
      await again.close();
    }
  });

  it('this process is refused while another live process holds the folder, and gets in after it exits', async () => {
    const dir = freshDir();
    let holderPid = 0;
    let gotLock!: () => void;
    const locked = new Promise<void>((r) => (gotLock = r));
    const holder = runNode(
      `${imports}
       const lock = lockDataDir(${JSON.stringify(dir)});
       console.log('held ' + process.pid);
       process.stdin.once('data', () => { lock.release(); process.exit(0); });`,
      {
        onLine: (line) => {
          if (line.startsWith('held ')) {
            holderPid = Number(line.slice(5));
            gotLock();
          }
        },
      },
    );
    await locked;
    expectLocked(() => lockDataDir(dir), holderPid);
    await expect(connect({ dataDir: dir })).rejects.toMatchObject({ code: 'DATA_DIR_LOCKED', params: { pid: holderPid } });
    holder.child.stdin.write('go\n');
    await holder.done;
    lockDataDir(dir).release();
  });

  it('of several processes starting at once on a folder with a stale lock, exactly one gets it', async () => {
    const dir = freshDir();
    mkdirSync(dir, { recursive: true });
    writeFileSync(lockFileOf(dir), String(deadPid()));
    let reported = 0;
    let allReported!: () => void;
    const everyoneTried = new Promise<void>((r) => (allReported = r));
    const count = 4;
    // Each child says when it is loaded; the parent then gives all of them the same start instant.
    let loaded = 0;
    const go = () => `${Date.now() + 300}\n`;
    const children = Array.from({ length: count }, () => {
      const c = runNode(
        `${imports}
        console.log('loaded');
        const startAt = await new Promise((r) => process.stdin.once('data', (d) => r(Number(String(d)))));
        while (Date.now() < startAt);
        let lock;
        try { lock = lockDataDir(${JSON.stringify(dir)}); console.log('ok'); } catch (e) { report(e); }
        // Hold until every contender has tried, so a late starter cannot win legitimately.
        process.stdin.once('data', () => { lock?.release(); process.exit(0); });`,
        {
          onLine: (line) => {
            if (line === 'loaded' && ++loaded === count) {
              const at = go();
              for (const x of children) x.child.stdin.write(at);
            } else if (line !== 'loaded' && ++reported === count) allReported();
          },
        },
      );
      return c;
    });
    await everyoneTried;
    for (const c of children) c.child.stdin.write('release\n');
    const results = await Promise.all(children.map((c) => c.done));
    expect(results.map((r) => r.stderr).join('')).toBe('');
    const winners = results.filter((r) => r.lines.includes('ok'));
    expect(winners).toHaveLength(1);
    for (const r of results.filter((x) => !x.lines.includes('ok'))) {
      expect(JSON.parse(r.lines.at(-1)!)).toMatchObject({ code: 'DATA_DIR_LOCKED' });
    }
    expect(existsSync(lockFileOf(dir))).toBe(false);
    expect(readdirSync(dir)).toEqual([]);
  });
});
