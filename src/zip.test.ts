import { Buffer } from 'node:buffer';
import { crc32, inflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { zipStream } from './zip.js';

// Reads an archive the way an unzip tool does, by its central directory, and checks each
// entry's CRC and sizes against what was inflated (ExcelJS's reader does not check CRCs).
function unzip(bytes: Buffer): Map<string, Buffer> {
  const end = bytes.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  expect(end).toBeGreaterThan(0);
  const count = bytes.readUInt16LE(end + 10);
  let at = bytes.readUInt32LE(end + 16);
  expect(at + bytes.readUInt32LE(end + 12)).toBe(end);
  const files = new Map<string, Buffer>();
  for (let i = 0; i < count; i++) {
    expect(bytes.readUInt32LE(at)).toBe(0x02014b50);
    const crc = bytes.readUInt32LE(at + 16);
    const compressed = bytes.readUInt32LE(at + 20);
    const size = bytes.readUInt32LE(at + 24);
    const nameLength = bytes.readUInt16LE(at + 28);
    const skip = nameLength + bytes.readUInt16LE(at + 30) + bytes.readUInt16LE(at + 32);
    const offset = bytes.readUInt32LE(at + 42);
    const name = bytes.subarray(at + 46, at + 46 + nameLength).toString('utf8');
    expect(bytes.readUInt32LE(offset)).toBe(0x04034b50);
    const dataAt = offset + 30 + bytes.readUInt16LE(offset + 26) + bytes.readUInt16LE(offset + 28);
    const data = inflateRawSync(bytes.subarray(dataAt, dataAt + compressed));
    expect(data.length, name).toBe(size);
    expect(crc32(data), name).toBe(crc);
    // The data descriptor after the data repeats the CRC and sizes.
    expect(bytes.readUInt32LE(dataAt + compressed)).toBe(0x08074b50);
    expect(bytes.readUInt32LE(dataAt + compressed + 4)).toBe(crc);
    files.set(name, data);
    at += 46 + skip;
  }
  return files;
}

describe('zip stream', () => {
  it('writes entries whole and streamed that unzip to their bytes, CRCs and sizes right', async () => {
    const words = ['Nguyễn', 'Thị', 'Đặng', 'Hương', 'Ưng', 'Ỷ', 'Lan'];
    const pieces: string[] = [];
    // Pieces whose boundaries fall inside multi-byte characters once encoded, and ~4 MB in all.
    for (let i = 0; i < 20_000; i++) pieces.push(`${words[i % words.length]!.repeat(1 + (i % 13))} ${i};`);
    async function* streamed() {
      for (const p of pieces) {
        const bytes = Buffer.from(p, 'utf8');
        const cut = Math.min(1, bytes.length);
        yield bytes.subarray(0, cut);
        yield bytes.subarray(cut);
      }
    }
    const body = zipStream([
      { name: 'a.txt', data: 'một hai ba' },
      { name: 'thư mục/b.bin', data: new Uint8Array([0, 1, 2, 255]) },
      { name: 'big.txt', data: streamed() },
      { name: 'empty.txt', data: '' },
    ]);
    const files = unzip(Buffer.concat(await body.toArray()));
    expect([...files.keys()]).toEqual(['a.txt', 'thư mục/b.bin', 'big.txt', 'empty.txt']);
    expect(files.get('a.txt')!.toString('utf8')).toBe('một hai ba');
    expect([...files.get('thư mục/b.bin')!]).toEqual([0, 1, 2, 255]);
    expect(files.get('big.txt')!.toString('utf8')).toBe(pieces.join(''));
    expect(files.get('empty.txt')!.length).toBe(0);
  });

  it('fails the stream when a streamed entry fails', async () => {
    async function* broken() {
      yield Buffer.from('đầu');
      throw new Error('mất kết nối');
    }
    await expect(zipStream([{ name: 'x', data: broken() }]).toArray()).rejects.toThrow('mất kết nối');
  });
});
