import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { AppError } from '../../errors.js';
import { fileSource, type FileSource } from './byte-source.js';

// An uploaded file on its way in: written to a temporary file as it arrives (counted against the
// limit and hashed on the way), so that the server never holds it whole (issue 6: ≤ 700 MiB for a
// million-row file of 80–170 MB), then read from there a range at a time, and removed.

export interface SpooledUpload {
  source: FileSource;
  sha256: string;
}

/** Refused as Fastify refuses a body over a route's limit (error-handler.ts), and in the same words. */
const tooLarge = (maxBytes: number) => new AppError('BODY_TOO_LARGE', { max: `${Math.round(maxBytes / 1024)} KB` }, { field: 'body' });

/**
 * Spools `body` to a temporary file and runs `use` on it; the file is removed afterwards, whatever
 * happens. A body that declares (content-length) or turns out to have more than `maxBytes` is
 * refused before or as soon as it goes past the limit.
 */
export async function withSpooledUpload<T>(
  body: Readable,
  opts: { maxBytes: number; declaredBytes?: number; /** Where the temporary file goes: os.tmpdir() unless told. */ dir?: string },
  use: (file: SpooledUpload) => Promise<T>,
): Promise<T> {
  if ((opts.declaredBytes ?? 0) > opts.maxBytes) throw tooLarge(opts.maxBytes);
  const dir = await mkdtemp(join(opts.dir ?? tmpdir(), 'dangvu-upload-'));
  try {
    const path = join(dir, 'file');
    const hash = createHash('sha256');
    let size = 0;
    const count = new Transform({
      transform(chunk: Buffer, _enc, done) {
        size += chunk.length;
        if (size > opts.maxBytes) return done(tooLarge(opts.maxBytes));
        hash.update(chunk);
        done(null, chunk);
      },
    });
    await pipeline(body, count, createWriteStream(path));
    const source = await fileSource(path);
    try {
      return await use({ source, sha256: hash.digest('hex') });
    } finally {
      await source.close();
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
