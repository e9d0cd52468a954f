import { linkSync, mkdirSync, readFileSync, renameSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { AppError } from '../errors.js';

// The embedded database is a set of files that only one PGlite instance may open. A second
// process would corrupt it, so the data folder carries a lock file holding the owner's pid.
export interface DataDirLock {
  release(): void;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function readPid(file: string): number | undefined {
  try {
    const pid = Number.parseInt(readFileSync(file, 'utf8'), 10);
    return Number.isFinite(pid) ? pid : undefined;
  } catch {
    return undefined;
  }
}

export function lockDataDir(dir: string): DataDirLock {
  mkdirSync(dir, { recursive: true });
  const lockFile = join(dir, 'dangvu.lock');
  const mine = join(dir, `dangvu.lock.${process.pid}`);
  writeFileSync(mine, String(process.pid));
  try {
    for (let attempt = 0; attempt < 3; attempt++) {
      try {
        linkSync(mine, lockFile); // atomic: fails when a lock file exists
        return {
          release: () => {
            if (readPid(lockFile) === process.pid) unlinkSync(lockFile);
          },
        };
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      }
      const owner = readPid(lockFile);
      if (owner !== undefined && owner !== process.pid && isAlive(owner)) {
        throw new AppError('DATA_DIR_LOCKED', { dir, pid: owner });
      }
      // Stale lock of a dead process: move it aside under a unique name, then check that what we
      // moved really was the dead one's (another starter may have replaced it meanwhile).
      const aside = join(dir, `dangvu.lock.stale.${process.pid}`);
      try {
        renameSync(lockFile, aside);
      } catch {
        continue;
      }
      const moved = readPid(aside);
      if (moved !== undefined && moved !== owner && isAlive(moved)) {
        renameSync(aside, lockFile);
        throw new AppError('DATA_DIR_LOCKED', { dir, pid: moved });
      }
      unlinkSync(aside);
    }
    throw new AppError('DATA_DIR_LOCKED', { dir, pid: readPid(lockFile) ?? '?' });
  } finally {
    unlinkSync(mine);
  }
}
