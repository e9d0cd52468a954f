import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { backupEmbedded, postgresBackupInstructions, restoreEmbedded } from './backup.js';
import { connect } from './connect.js';
import { migrateToLatest } from './migrate.js';

const root = mkdtempSync(join(tmpdir(), 'dangvu-backup-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('embedded backup and restore', () => {
  it('backs up an open database while transactions run; the restore has every committed row and no torn transaction', async () => {
    const source = join(root, 'source');
    const database = await connect({ dataDir: source });
    let stop = false;
    let committed = 0;
    try {
      await migrateToLatest(database.db);
      await sql`create table bk (id int primary key, name text not null)`.execute(database.db);
      await sql`create table bk_count (k int primary key, n int not null)`.execute(database.db);
      await sql`insert into bk_count values (1, 0)`.execute(database.db);
      await sql`insert into bk select g, 'Đảng viên ' || g from generate_series(1, 500) g`.execute(database.db);
      await sql`update bk_count set n = 500`.execute(database.db);

      // Writers keep committing two-statement transactions while the backup is taken.
      const writer = (async () => {
        for (let id = 1001; !stop; id++) {
          await database.db.transaction().execute(async (tx) => {
            await sql`insert into bk values (${id}, ${'ghi ' + id})`.execute(tx);
            await new Promise((r) => setTimeout(r, 1));
            await sql`update bk_count set n = n + 1`.execute(tx);
          });
          committed++;
        }
      })();
      while (committed < 5) await new Promise((r) => setTimeout(r, 5));
      const out = join(root, 'backup.tar.gz');
      const committedBefore = committed; // all of these must be in the copy
      const result = await backupEmbedded(database, out);
      expect(result.pausedMs).toBeLessThan(10_000);
      stop = true;
      await writer;
      expect(result.bytes).toBe(statSync(out).size);
      expect(result.bytes).toBeGreaterThan(0);
      expect(readdirSync(root).filter((f) => f.endsWith('.tmp'))).toEqual([]);
      // The source is still usable after the backup.
      expect((await sql<{ n: number }>`select count(*)::int as n from bk`.execute(database.db)).rows[0]!.n).toBe(500 + committed);

      const target = join(root, 'restored');
      await restoreEmbedded(out, target);
      expect(existsSync(join(target, 'pglite.restoring'))).toBe(false);
      expect(existsSync(join(target, 'dangvu.lock'))).toBe(false);
      const restored = await connect({ dataDir: target });
      try {
        const { rows } = await sql<{ rows: number; n: number; first: string }>`
          select (select count(*)::int from bk) as rows, (select n from bk_count) as n, (select name from bk where id = 1) as first`.execute(
          restored.db,
        );
        expect(rows[0]!.rows).toBe(rows[0]!.n); // no half transaction in the copy
        expect(rows[0]!.rows).toBeGreaterThanOrEqual(500 + committedBefore);
        expect(rows[0]!.rows).toBeLessThanOrEqual(500 + committed);
        expect(rows[0]!.first).toBe('Đảng viên 1');
        // The application schema came along and the restored copy takes writes.
        expect(await migrateToLatest(restored.db)).toEqual([]);
        await sql`insert into bk values (999999, 'sau khôi phục')`.execute(restored.db);
        // pg_trgm (created by the migration) still works.
        const sim = await sql<{ s: number }>`select similarity('Nguyễn Văn A', 'Nguyen Van A') as s`.execute(restored.db);
        expect(sim.rows[0]!.s).toBeGreaterThan(0);
      } finally {
        await restored.close();
      }
    } finally {
      stop = true;
      await database.close();
    }
  });

  it('refuses to restore over an existing database, and a locked folder', async () => {
    const out = join(root, 'backup.tar.gz');
    await expect(restoreEmbedded(out, join(root, 'restored'))).rejects.toThrow(/đã có cơ sở dữ liệu/);
    const busy = join(root, 'busy');
    const database = await connect({ dataDir: busy });
    try {
      await expect(restoreEmbedded(out, join(root, 'busy'))).rejects.toMatchObject({ code: 'DATA_DIR_LOCKED' });
    } finally {
      await database.close();
    }
  });

  it('a corrupt tarball leaves no partial database behind', async () => {
    const target = join(root, 'from-bad');
    mkdirSync(target, { recursive: true });
    const plain = join(root, 'bad.tar');
    writeFileSync(plain, 'not a tarball');
    await expect(restoreEmbedded(plain, target)).rejects.toThrow(/không phải tệp sao lưu hợp lệ/);
    const gz = join(root, 'bad.tar.gz');
    writeFileSync(gz, Buffer.concat([Buffer.from([0x1f, 0x8b]), Buffer.from('garbage')]));
    await expect(restoreEmbedded(gz, target)).rejects.toThrow();
    // A truncated backup: PGlite fails to open it, and nothing is left behind.
    const good = readFileSync(join(root, 'backup.tar.gz'));
    const cut = join(root, 'cut.tar.gz');
    writeFileSync(cut, gzipSync(gunzipSync(good).subarray(0, 64 * 1024)));
    await expect(restoreEmbedded(cut, target)).rejects.toThrow(/không phải tệp sao lưu hợp lệ/);
    expect(readdirSync(target)).toEqual([]);
  });

  it('backupEmbedded refuses a PostgreSQL database', async () => {
    const fake = { engine: 'postgres' } as Parameters<typeof backupEmbedded>[0];
    await expect(backupEmbedded(fake, join(root, 'x'))).rejects.toThrow(/pg_dump/);
  });
});

describe('postgresBackupInstructions', () => {
  it('gives pg_dump / pg_restore commands in Vietnamese and English without the password', () => {
    const text = postgresBackupInstructions('postgres://dangvu:s3cret@db.example.vn:5433/dangvu_prod');
    expect(text).toContain('Sao lưu PostgreSQL');
    expect(text).toContain('PostgreSQL backup');
    expect(text).toContain('pg_dump --format=custom');
    expect(text).toContain('pg_restore');
    expect(text).toContain('postgres://dangvu@db.example.vn:5433/dangvu_prod');
    expect(text).toContain('PGPASSWORD');
    expect(text).not.toContain('s3cret');
    expect(text).toContain('dangvu_prod-$(date');
  });

  it('does not echo a connection string it cannot parse', () => {
    const text = postgresBackupInstructions('host=x password=hunter2');
    expect(text).not.toContain('hunter2');
    expect(text).toContain('"$DATABASE_URL"');
  });
});
