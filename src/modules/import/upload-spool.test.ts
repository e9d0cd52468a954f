import { createHash } from 'node:crypto';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppError } from '../../errors.js';
import { withSpooledUpload } from './upload-spool.js';

// An upload on its way in: on disk, hashed, counted against the limit, and gone afterwards.

const body = (bytes: Uint8Array, chunk = 1000) => Readable.from(Array.from({ length: Math.ceil(bytes.length / chunk) }, (_, i) => Buffer.from(bytes.subarray(i * chunk, (i + 1) * chunk))));

describe('a spooled upload', () => {
  let dir: string;
  beforeEach(async () => (dir = await mkdtemp(join(tmpdir(), 'dangvu-spool-test-'))));
  afterEach(() => rm(dir, { recursive: true, force: true }));

  const file = Uint8Array.from({ length: 10_000 }, (_, i) => (i * 31) % 251);

  it('is read back byte for byte with its SHA-256, and removed once used', async () => {
    const seen = await withSpooledUpload(body(file), { maxBytes: file.length, dir }, async (f) => {
      expect(await readdir(dir)).toHaveLength(1);
      return { sha256: f.sha256, size: f.source.size, bytes: await f.source.read(0, f.source.size) };
    });
    expect(seen.sha256).toBe(createHash('sha256').update(file).digest('hex'));
    expect(seen.size).toBe(file.length);
    expect(Buffer.from(seen.bytes).equals(Buffer.from(file))).toBe(true);
    expect(await readdir(dir)).toEqual([]);
  });

  it('is removed when its use fails', async () => {
    await expect(withSpooledUpload(body(file), { maxBytes: file.length, dir }, () => Promise.reject(new Error('no header')))).rejects.toThrow('no header');
    expect(await readdir(dir)).toEqual([]);
  });

  it('is refused with BODY_TOO_LARGE past the limit, as it arrives or as declared, and nothing is left', async () => {
    let used = false;
    const use = async () => void (used = true);
    for (const opts of [{ maxBytes: file.length - 1 }, { maxBytes: file.length, declaredBytes: file.length + 1 }]) {
      const refused = await withSpooledUpload(body(file), { ...opts, dir }, use).catch((e: unknown) => e);
      expect(refused).toBeInstanceOf(AppError);
      expect(refused).toMatchObject({ code: 'BODY_TOO_LARGE', params: { max: '10 KB' } });
    }
    expect(used).toBe(false);
    expect(await readdir(dir)).toEqual([]);
  });
});
