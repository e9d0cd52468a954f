import { existsSync, linkSync, mkdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { AppError } from '../errors.js';

// The embedded database is a set of files that only one PGlite instance may open. A second
// process would corrupt it, so the data folder carries a lock file holding the owner's pid.
//
// Protocol (no OS file locks in Node, so built from atomic link(2)):
// - A lock file is only ever *created* with link(), which fails if it exists, and its content is
//   complete from the first instant (written to a private file first).
// - A stale lock file (its pid is dead) is only *removed* by whoever holds the short-lived
//   `dangvu.lock.break` file, after re-reading it under that guard; so two starters can never
//   both break a lock, and nobody ever removes a lock that a live starter has just created.
// - A lock file naming this very process is stale only if this process does not hold it (a
//   previous incarnation with the same pid, common for pid 1 in containers); a second open of
//   the same folder in one process is refused like any other.
export interface DataDirLock {
  release(): void;
}

const LOCK_FILE = 'dangvu.lock';
const BREAK_FILE = 'dangvu.lock.break';
const ATTEMPTS = 50;

// Shared by every copy of this module in the process (e.g. src and dist both loaded).
const HELD_KEY = Symbol.for('dangvu.dataDirLocks');
const held: Set<string> = ((globalThis as Record<symbol, unknown>)[HELD_KEY] as Set<string> | undefined) ?? new Set<string>();
(globalThis as Record<symbol, unknown>)[HELD_KEY] = held;

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function readContent(file: string): string | undefined {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}

function parsePid(content: string | undefined): number | undefined {
  if (content === undefined || !/^\d+$/.test(content.trim())) return undefined;
  const pid = Number.parseInt(content, 10);
  return pid > 0 ? pid : undefined;
}

function sleepSync(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

function tryUnlink(file: string): void {
  try {
    unlinkSync(file);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
  }
}

/** Creates `file` containing our pid iff it does not exist; atomic, and never visible half-written. */
function createExclusive(file: string): boolean {
  const mine = `${file}.${process.pid}.tmp`;
  writeFileSync(mine, String(process.pid));
  try {
    linkSync(mine, file);
    return true;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    return false;
  } finally {
    tryUnlink(mine);
  }
}

/** Is the lock file with this content held by a live process other than a holder in this process? */
function isLiveOwner(content: string | undefined, dir: string): boolean {
  const pid = parsePid(content);
  if (pid === undefined) return false; // unreadable or garbage: nobody can own it
  if (pid === process.pid) return held.has(dir);
  return isAlive(pid);
}

/** Removes the lock file if it still has `staleContent`, under the break guard; false if someone else is breaking. */
function breakStale(dir: string, staleContent: string | undefined): boolean {
  const lockFile = join(dir, LOCK_FILE);
  const breakFile = join(dir, BREAK_FILE);
  if (!createExclusive(breakFile)) {
    const breaker = parsePid(readContent(breakFile));
    // A breaker that died inside its few-microsecond window leaves the guard behind.
    if (breaker === undefined || (breaker !== process.pid && !isAlive(breaker))) tryUnlink(breakFile);
    return false;
  }
  try {
    const now = readContent(lockFile);
    if (now !== undefined && now === staleContent && !isLiveOwner(now, dir)) tryUnlink(lockFile);
    return true;
  } finally {
    tryUnlink(breakFile);
  }
}

export function lockDataDir(dirArg: string): DataDirLock {
  const dir = resolve(dirArg);
  if (held.has(dir)) throw new AppError('DATA_DIR_LOCKED', { dir: dirArg, pid: process.pid });
  mkdirSync(dir, { recursive: true });
  const lockFile = join(dir, LOCK_FILE);
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    if (createExclusive(lockFile)) {
      held.add(dir);
      let released = false;
      return {
        release: () => {
          if (released) return;
          released = true;
          held.delete(dir);
          if (parsePid(readContent(lockFile)) === process.pid) tryUnlink(lockFile);
        },
      };
    }
    const content = readContent(lockFile);
    if (content === undefined && !existsSync(lockFile)) continue; // released meanwhile: try again
    if (isLiveOwner(content, dir)) {
      throw new AppError('DATA_DIR_LOCKED', { dir: dirArg, pid: parsePid(content) ?? '?' });
    }
    if (!breakStale(dir, content)) sleepSync(5 + Math.random() * 10);
  }
  throw new AppError('DATA_DIR_LOCKED', { dir: dirArg, pid: parsePid(readContent(lockFile)) ?? '?' });
}
