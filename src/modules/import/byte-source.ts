import { open } from 'node:fs/promises';

// Where an import's file is read from, a range at a time (issue 6: the server's memory ≤ 700 MiB
// for a million-row file, which is 80–170 MB on its own). The readers ask for what they need —
// a .csv from its start, an .xlsx's directory from its end, then each entry's range — so the
// file is never whole in memory, whether it sits in memory (tests, small files), on disk (an
// upload being spooled, the CLI's path) or in the database's parts (import_file).

export interface ByteSource {
  readonly size: number;
  /**
   * The bytes of [offset, offset + length), cut at the end of the file. The answer belongs to
   * the caller (a copy or a buffer nobody else holds): it may move it to another thread.
   */
  read(offset: number, length: number): Promise<Uint8Array>;
}

/** How much a sequential reading asks a source for at a time. */
export const READ_BYTES = 1024 * 1024;

export function memorySource(bytes: Uint8Array): ByteSource {
  // Uint8Array's slice copies; a Buffer's own slice would answer a view of the caller's bytes.
  return { size: bytes.length, read: async (offset, length) => Uint8Array.prototype.slice.call(bytes, offset, offset + length) };
}

export interface FileSource extends ByteSource {
  close(): Promise<void>;
}

export async function fileSource(path: string): Promise<FileSource> {
  const fh = await open(path, 'r');
  try {
    const { size } = await fh.stat();
    return {
      size,
      async read(offset, length) {
        const out = new Uint8Array(Math.max(0, Math.min(length, size - offset)));
        for (let at = 0; at < out.length; ) {
          const { bytesRead } = await fh.read(out, at, out.length - at, offset + at);
          if (bytesRead === 0) throw new Error(`${path}: shorter than ${size} bytes`);
          at += bytesRead;
        }
        return out;
      },
      close: () => fh.close(),
    };
  } catch (e) {
    await fh.close();
    throw e;
  }
}

/** Parts kept after their reading: a range that straddles two parts, and the next range's. */
const KEPT_PARTS = 3;

/**
 * A file kept in parts of `partBytes` (the last may be shorter), read part by part: a range
 * loads only the parts it spans, and only the last few loaded stay in memory.
 */
export function partsSource(size: number, partBytes: number, loadPart: (part: number) => Promise<Uint8Array>): ByteSource {
  const kept = new Map<number, Promise<Uint8Array>>();
  const part = (i: number) => {
    let p = kept.get(i);
    if (p) {
      kept.delete(i);
    } else {
      p = loadPart(i);
      // A failed load is not kept: the next reading tries again.
      p.catch(() => kept.get(i) === p && kept.delete(i));
    }
    kept.set(i, p);
    while (kept.size > KEPT_PARTS) kept.delete(kept.keys().next().value!);
    return p;
  };
  return {
    size,
    async read(offset, length) {
      const end = Math.min(size, offset + length);
      const out = new Uint8Array(Math.max(0, end - offset));
      for (let at = offset; at < end; ) {
        const i = Math.floor(at / partBytes);
        const data = await part(i);
        const from = at - i * partBytes;
        const to = Math.min(data.length, end - i * partBytes);
        if (to <= from) throw new Error(`part ${i} of the file holds ${data.length} bytes, short of byte ${at}`);
        out.set(data.subarray(from, to), at - offset);
        at += to - from;
      }
      return out;
    },
  };
}

/** Ranges a sequential reading asks for ahead of the one it uses: the reading worker's answers wait behind the main thread's statements. */
const AHEAD = 2;

/**
 * A sequential reading from `from` on, in slices of `slice` bytes (the last may be shorter),
 * asked of the source READ_BYTES at a time, the next AHEAD ranges read while this one is used.
 */
export async function* slices(source: ByteSource, from: number, slice: number, end = source.size): AsyncGenerator<{ at: number; bytes: Uint8Array }> {
  const block = Math.max(slice, Math.floor(READ_BYTES / slice) * slice);
  let asked = from;
  const pending: Promise<Uint8Array>[] = [];
  const askMore = () => {
    while (pending.length <= AHEAD && asked < end) {
      const p = source.read(asked, Math.min(block, end - asked));
      // A read ahead that fails after the reader stopped must not surface as an unhandled rejection.
      p.catch(() => undefined);
      pending.push(p);
      asked += block;
    }
  };
  askMore();
  for (let at = from; pending.length > 0; at += block) {
    const bytes = await pending.shift()!;
    askMore();
    for (let s = 0; s < bytes.length; s += slice) yield { at: at + s, bytes: bytes.subarray(s, s + slice) };
  }
}

/**
 * A source in another thread, asked by message: `ask` sends the request (its id, offset and
 * length), and the owner of the bytes answers with `answer` or `fail`. The reading worker reads
 * the job's parts this way, through the main thread, which holds the database connection.
 */
export function askedSource(size: number, ask: (id: number, offset: number, length: number) => void) {
  const waiting = new Map<number, { resolve: (b: Uint8Array) => void; reject: (e: Error) => void }>();
  let ids = 0;
  const source: ByteSource = {
    size,
    read(offset, length) {
      const id = ids++;
      return new Promise<Uint8Array>((resolve, reject) => {
        waiting.set(id, { resolve, reject });
        ask(id, offset, length);
      });
    },
  };
  const settle = (id: number) => {
    const w = waiting.get(id);
    waiting.delete(id);
    return w;
  };
  return {
    source,
    answer: (id: number, bytes: Uint8Array) => settle(id)?.resolve(bytes),
    fail: (id: number, message: string) => settle(id)?.reject(new Error(message)),
  };
}

/** Whether the bytes are the whole of their buffer, which can then move to another thread instead of being copied. */
export const ownsBuffer = (b: Uint8Array): boolean => b.byteOffset === 0 && b.byteLength === b.buffer.byteLength && b.buffer instanceof ArrayBuffer;
