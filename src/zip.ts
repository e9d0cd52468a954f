import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { crc32, createDeflateRaw } from 'node:zlib';

// A zip archive written as a stream (PKWARE APPNOTE 6.3), enough for an .xlsx package: small
// parts given whole and one large part given as a stream of pieces, each deflated once on its
// way out. Hand-written rather than taken from a library: the ones at hand either deflate on
// the main thread and cannot write entries over 4 GiB (fflate), or are an old major held only
// by ExcelJS with a JavaScript CRC (archiver 5 / zip-stream 4). Here deflate and CRC-32 are
// Node's own zlib: native, and the deflate runs on libuv's thread pool beside the JavaScript
// that builds the rows. Zip64 records are written only for an entry or archive that needs them
// (Excel is known to refuse packages that use them needlessly).

export interface ZipEntry {
  /** Path inside the archive, '/'-separated. */
  name: string;
  /** The whole content, or its pieces in order (read only as the archive's reader asks). */
  data: string | Uint8Array | AsyncIterable<Uint8Array>;
}

export interface ZipOptions {
  /** zlib level, 1 (fastest) … 9 (smallest). */
  level?: number;
  /** Modification time stamped on every entry. */
  date?: Date;
}

const U32 = 0xffffffff;
/** Bit 3: sizes and CRC follow the data (a streamed entry); bit 11: names are UTF-8. */
const FLAGS = 0x0008 | 0x0800;
const DEFLATE = 8;

interface Written {
  name: Buffer;
  crc: number;
  compressed: number;
  size: number;
  offset: number;
}

function dosTime(d: Date): { time: number; date: number } {
  return {
    time: (d.getHours() << 11) | (d.getMinutes() << 5) | Math.floor(d.getSeconds() / 2),
    date: (Math.max(0, d.getFullYear() - 1980) << 9) | ((d.getMonth() + 1) << 5) | d.getDate(),
  };
}

function localHeader(name: Buffer, stamp: { time: number; date: number }): Buffer {
  const h = Buffer.alloc(30);
  h.writeUInt32LE(0x04034b50, 0);
  h.writeUInt16LE(20, 4); // version needed: 2.0 (deflate)
  h.writeUInt16LE(FLAGS, 6);
  h.writeUInt16LE(DEFLATE, 8);
  h.writeUInt16LE(stamp.time, 10);
  h.writeUInt16LE(stamp.date, 12);
  // CRC and sizes are zero here and follow in the data descriptor (bit 3).
  h.writeUInt16LE(name.length, 26);
  return Buffer.concat([h, name]);
}

function dataDescriptor(e: Written): Buffer {
  const zip64 = e.compressed >= U32 || e.size >= U32;
  const d = Buffer.alloc(zip64 ? 24 : 16);
  d.writeUInt32LE(0x08074b50, 0);
  d.writeUInt32LE(e.crc, 4);
  if (zip64) {
    d.writeBigUInt64LE(BigInt(e.compressed), 8);
    d.writeBigUInt64LE(BigInt(e.size), 16);
  } else {
    d.writeUInt32LE(e.compressed, 8);
    d.writeUInt32LE(e.size, 12);
  }
  return d;
}

function centralHeader(e: Written, stamp: { time: number; date: number }): Buffer {
  // Any value that does not fit in 32 bits moves to the Zip64 extra field, in this order.
  const big = [e.size, e.compressed, e.offset].filter((v) => v >= U32);
  const extra = Buffer.alloc(big.length > 0 ? 4 + 8 * big.length : 0);
  if (big.length > 0) {
    extra.writeUInt16LE(0x0001, 0);
    extra.writeUInt16LE(8 * big.length, 2);
    big.forEach((v, i) => extra.writeBigUInt64LE(BigInt(v), 4 + 8 * i));
  }
  const h = Buffer.alloc(46);
  h.writeUInt32LE(0x02014b50, 0);
  h.writeUInt16LE(big.length > 0 ? 45 : 20, 4); // made by
  h.writeUInt16LE(big.length > 0 ? 45 : 20, 6); // needed: 4.5 for Zip64
  h.writeUInt16LE(FLAGS, 8);
  h.writeUInt16LE(DEFLATE, 10);
  h.writeUInt16LE(stamp.time, 12);
  h.writeUInt16LE(stamp.date, 14);
  h.writeUInt32LE(e.crc, 16);
  h.writeUInt32LE(Math.min(e.compressed, U32), 20);
  h.writeUInt32LE(Math.min(e.size, U32), 24);
  h.writeUInt16LE(e.name.length, 28);
  h.writeUInt16LE(extra.length, 30);
  h.writeUInt32LE(Math.min(e.offset, U32), 42);
  return Buffer.concat([h, e.name, extra]);
}

function endRecords(count: number, cdOffset: number, cdSize: number): Buffer {
  const parts: Buffer[] = [];
  if (count >= 0xffff || cdOffset >= U32 || cdSize >= U32) {
    const z = Buffer.alloc(56);
    z.writeUInt32LE(0x06064b50, 0);
    z.writeBigUInt64LE(44n, 4); // size of the rest of this record
    z.writeUInt16LE(45, 12);
    z.writeUInt16LE(45, 14);
    z.writeBigUInt64LE(BigInt(count), 24);
    z.writeBigUInt64LE(BigInt(count), 32);
    z.writeBigUInt64LE(BigInt(cdSize), 40);
    z.writeBigUInt64LE(BigInt(cdOffset), 48);
    const locator = Buffer.alloc(20);
    locator.writeUInt32LE(0x07064b50, 0);
    locator.writeBigUInt64LE(BigInt(cdOffset + cdSize), 8);
    locator.writeUInt32LE(1, 16); // disks
    parts.push(z, locator);
  }
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(Math.min(count, 0xffff), 8);
  end.writeUInt16LE(Math.min(count, 0xffff), 10);
  end.writeUInt32LE(Math.min(cdSize, U32), 12);
  end.writeUInt32LE(Math.min(cdOffset, U32), 16);
  parts.push(end);
  return Buffer.concat(parts);
}

async function* pieces(data: ZipEntry['data']): AsyncGenerator<Uint8Array> {
  if (typeof data === 'string') yield Buffer.from(data, 'utf8');
  else if (data instanceof Uint8Array) yield data;
  else yield* data;
}

/**
 * The deflated bytes of one entry, counting size and CRC of what goes in. The source is read
 * by the deflate stream as it has room, and the deflate stream as the archive's reader asks.
 */
async function* deflated(data: ZipEntry['data'], level: number, into: Written): AsyncGenerator<Buffer> {
  const source = async function* () {
    for await (const piece of pieces(data)) {
      into.crc = crc32(piece, into.crc);
      into.size += piece.length;
      yield piece;
    }
  };
  const deflate = createDeflateRaw({ level, chunkSize: 64 * 1024 });
  const feeding = pipeline(Readable.from(source(), { objectMode: false }), deflate);
  // An early stop (the reader went away) destroys the deflate stream; its pipeline then rejects
  // with that, which is no error of ours. A real failure reaches us through the loop below.
  feeding.catch(() => {});
  for await (const out of deflate as AsyncIterable<Buffer>) {
    into.compressed += out.length;
    yield out;
  }
  await feeding;
}

/** The archive as a byte stream: entries in order, then the central directory. */
export function zipStream(entries: Iterable<ZipEntry>, opts: ZipOptions = {}): Readable {
  const level = opts.level ?? 6;
  const stamp = dosTime(opts.date ?? new Date());
  async function* bytes(): AsyncGenerator<Buffer> {
    let offset = 0;
    const written: Written[] = [];
    for (const entry of entries) {
      const e: Written = { name: Buffer.from(entry.name, 'utf8'), crc: 0, compressed: 0, size: 0, offset };
      const header = localHeader(e.name, stamp);
      yield header;
      for await (const out of deflated(entry.data, level, e)) yield out;
      const descriptor = dataDescriptor(e);
      yield descriptor;
      offset += header.length + e.compressed + descriptor.length;
      written.push(e);
    }
    const directory = Buffer.concat(written.map((e) => centralHeader(e, stamp)));
    yield Buffer.concat([directory, endRecords(written.length, offset, directory.length)]);
  }
  return Readable.from(bytes(), { objectMode: false });
}
