import { closeSync, existsSync, fsyncSync, openSync, readdirSync, readFileSync, renameSync, rmSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { gunzipSync, gzip } from 'node:zlib';
import { PGlite } from '@electric-sql/pglite';
import { pgliteDataPath, pgliteExtensions, type Database } from './connect.js';
import { lockDataDir } from './data-dir-lock.js';

const gzipAsync = promisify(gzip);

// Backups of the embedded database, and instructions for PostgreSQL (whose own pg_dump is the
// right tool there).
//
// The embedded backup is PGlite's dumpDataDir(): a tar of the whole PGDATA folder (WAL included),
// gzipped here. It is taken holding the connection lock, so it is a transaction boundary (no
// transaction half-way), right after a CHECKPOINT, so the data files are current. (Even a copy
// taken mid-transaction would restore consistently: PostgreSQL's crash recovery drops the
// uncommitted part — checked by hand.) Only the checkpoint and the uncompressed dump hold the
// lock (≈0.2–0.8 s for a fresh 40 MB PGDATA on a loaded 2-core machine); gzip runs after.
// The whole tarball is built in memory (PGlite's API): fine for the installs the embedded engine
// is meant for, not for a national database (that one is on PostgreSQL: pg_dump).

export interface BackupResult {
  file: string;
  bytes: number;
  /** How long queries were held off while the copy was taken. */
  pausedMs: number;
}

/** Writes a consistent copy of the open embedded database to outFile (a .tar.gz), atomically. */
export async function backupEmbedded(database: Database, outFile: string): Promise<BackupResult> {
  if (database.engine !== 'pglite' || !database.embedded) {
    throw new Error('backupEmbedded: chỉ dùng cho cơ sở dữ liệu nhúng (PGlite); với PostgreSQL hãy dùng pg_dump — see postgresBackupInstructions()');
  }
  let pausedMs = 0;
  const tarball = await database.embedded.exclusive(async (pglite) => {
    const t0 = performance.now();
    await pglite.query('checkpoint');
    // Uncompressed under the lock (PGlite gzips on the same thread); compressed after releasing it.
    const blob = await pglite.dumpDataDir('none');
    pausedMs = performance.now() - t0;
    return blob;
  });
  const bytes = await gzipAsync(new Uint8Array(await tarball.arrayBuffer()));
  writeFileAtomic(outFile, bytes);
  return { file: outFile, bytes: bytes.byteLength, pausedMs: Math.round(pausedMs) };
}

/** Never leaves a half-written file under the final name: temp file, fsync, rename, fsync the folder. */
function writeFileAtomic(file: string, data: Uint8Array): void {
  const tmp = join(dirname(file), `.${basename(file)}.${process.pid}.tmp`);
  const fd = openSync(tmp, 'w');
  try {
    let off = 0;
    while (off < data.byteLength) off += writeSync(fd, data, off);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(tmp, file);
  try {
    const dirFd = openSync(dirname(file), 'r');
    try {
      fsyncSync(dirFd);
    } finally {
      closeSync(dirFd);
    }
  } catch {
    // Some platforms (Windows) cannot fsync a folder; the rename is still atomic.
  }
}

/**
 * Restores a backup made by backupEmbedded into dataDir, which must not already hold a database.
 * The folder is locked meanwhile; the files appear under their final name only once PGlite has
 * opened (and so validated) the restored copy.
 */
export async function restoreEmbedded(tarFile: string, dataDir: string): Promise<void> {
  const lock = lockDataDir(dataDir);
  const target = pgliteDataPath(dataDir);
  const staging = `${target}.restoring`;
  try {
    if (existsSync(target) && readdirSync(target).length > 0) {
      throw new Error(
        `Thư mục ${target} đã có cơ sở dữ liệu; hãy khôi phục vào thư mục trống. / ${target} already holds a database; restore into an empty folder.`,
      );
    }
    rmSync(staging, { recursive: true, force: true });
    const file = new File([readTarball(tarFile)], 'pgdata.tar', { type: 'application/x-tar' });
    const pglite = await PGlite.create(staging, { loadDataDir: file, extensions: pgliteExtensions });
    try {
      await pglite.query('select 1');
    } finally {
      await pglite.close();
    }
    rmSync(target, { recursive: true, force: true }); // an empty folder, checked above
    renameSync(staging, target);
  } catch (e) {
    rmSync(staging, { recursive: true, force: true });
    throw e;
  } finally {
    lock.release();
  }
}

/** The uncompressed tar, checked to be one: PGlite's own gunzip reports a bad file as an unhandled error. */
function readTarball(tarFile: string): Uint8Array<ArrayBuffer> {
  let data = readFileSync(tarFile);
  if (data[0] === 0x1f && data[1] === 0x8b) data = gunzipSync(data);
  const magic = Buffer.from(data.subarray(257, 262)).toString('latin1');
  // A whole tar ends with two zero blocks; a cut-off copy does not.
  const complete = data.length % 512 === 0 && data.length >= 2048 && data.subarray(data.length - 1024).every((b) => b === 0);
  if (magic !== 'ustar' || !complete) {
    throw new Error(`${tarFile} không phải tệp sao lưu hợp lệ (tar/tar.gz). / ${tarFile} is not a valid backup (tar/tar.gz).`);
  }
  return new Uint8Array(data.buffer as ArrayBuffer, data.byteOffset, data.byteLength);
}

/** What to tell an operator of a PostgreSQL install (Vietnamese, then English). The password is never echoed. */
export function postgresBackupInstructions(databaseUrl: string): string {
  let target = '"$DATABASE_URL"';
  let dbName = 'dangvu';
  let hasPassword = false;
  try {
    const url = new URL(databaseUrl);
    hasPassword = url.password !== '';
    url.password = '';
    dbName = decodeURIComponent(url.pathname.replace(/^\//, '')) || dbName;
    target = `"${url.toString()}"`;
  } catch {
    // Not a URL (e.g. a key=value string): refer to the variable instead of echoing it.
  }
  const stamp = '$(date +%Y%m%d-%H%M)';
  const file = `${dbName}-${stamp}.dump`;
  const pw = hasPassword;
  return [
    '== Sao lưu PostgreSQL (tiếng Việt) ==',
    'Cơ sở dữ liệu chạy trên PostgreSQL được sao lưu bằng pg_dump; có thể chạy trong lúc hệ thống đang hoạt động (pg_dump đọc một ảnh chụp nhất quán).',
    'Dùng pg_dump cùng phiên bản chính hoặc mới hơn máy chủ PostgreSQL.',
    pw ? 'Mật khẩu không in ra đây: đặt biến PGPASSWORD hoặc dùng tệp ~/.pgpass.' : '',
    '',
    '  # Sao lưu (định dạng custom, đã nén):',
    `  pg_dump --format=custom --no-owner --file=${file} ${target}`,
    '  # Kiểm tra tệp sao lưu đọc được:',
    `  pg_restore --list ${dbName}-YYYYMMDD-HHMM.dump > /dev/null`,
    '  # Khôi phục vào một cơ sở dữ liệu trống mới:',
    `  createdb ${dbName}_restored && pg_restore --no-owner --exit-on-error --dbname=<URL của ${dbName}_restored> ${dbName}-YYYYMMDD-HHMM.dump`,
    '  # Dữ liệu lớn: --format=directory --jobs=4 cho cả pg_dump và pg_restore.',
    'Lưu bản sao lưu ở máy khác, giữ nhiều thế hệ, và định kỳ thử khôi phục.',
    '',
    '== PostgreSQL backup (English) ==',
    'A PostgreSQL-backed install is backed up with pg_dump; it may run while the system is in use (pg_dump reads one consistent snapshot).',
    'Use a pg_dump of the same or a newer major version than the server.',
    pw ? 'The password is not printed here: set PGPASSWORD or use ~/.pgpass.' : '',
    '',
    '  # Back up (custom format, compressed):',
    `  pg_dump --format=custom --no-owner --file=${file} ${target}`,
    '  # Check the backup is readable:',
    `  pg_restore --list ${dbName}-YYYYMMDD-HHMM.dump > /dev/null`,
    '  # Restore into a new, empty database:',
    `  createdb ${dbName}_restored && pg_restore --no-owner --exit-on-error --dbname=<URL of ${dbName}_restored> ${dbName}-YYYYMMDD-HHMM.dump`,
    '  # Large data: --format=directory --jobs=4 for both pg_dump and pg_restore.',
    'Keep backups on another machine, keep several generations, and test a restore regularly.',
  ]
    .filter((line, i, all) => line !== '' || all[i - 1] !== '')
    .join('\n');
}
