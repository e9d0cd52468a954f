import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { describeEachEngine } from '../../test/engines.js';
import { parseBytea, serializeBytea } from './pglite-bytea.js';

// Every byte value, a view with an offset, an empty value, and a large one (4 MiB: PGlite's own
// per-byte codec took about a second and hundreds of MiB for it).
const allBytes = Uint8Array.from({ length: 256 }, (_, i) => i);
const large = new Uint8Array(4 * 2 ** 20).map((_, i) => (i * 7919) % 251);
const samples: [string, Uint8Array][] = [
  ['empty', new Uint8Array(0)],
  ['one byte', Uint8Array.of(0)],
  ['every byte value', allBytes],
  ['a view into a larger buffer', new Uint8Array(allBytes.buffer, 10, 5)],
  ['4 MiB', large],
];

describe('PGlite bytea codec', () => {
  it('sends the bytes themselves, as a binary parameter', () => {
    const view = new Uint8Array(allBytes.buffer, 254, 2);
    expect(serializeBytea(view)).toBe(view);
  });

  it('reads into a Uint8Array that owns its buffer', () => {
    const b = parseBytea('\\x00ff7f');
    expect(b).toBeInstanceOf(Uint8Array);
    expect([...b]).toEqual([0, 255, 127]);
    expect(b.buffer.byteLength).toBe(3);
  });

  it('refuses what is not bytes, as PGlite does', () => {
    expect(() => serializeBytea('abc')).toThrow('Invalid input for bytea type');
  });
});

describeEachEngine('bytea round trip', (get) => {
  for (const [name, bytes] of samples) {
    it(`${name}: stored and read back unchanged`, async () => {
      const { db } = get();
      const r = await sql<{ b: Uint8Array; n: number }>`select ${bytes}::bytea as b, length(${bytes}::bytea) as n`.execute(db);
      const { b, n } = r.rows[0]!;
      expect(Number(n)).toBe(bytes.length);
      expect(b).toBeInstanceOf(Uint8Array);
      expect(Buffer.compare(Buffer.from(b), Buffer.from(bytes))).toBe(0);
    });
  }
});
