import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { describeEachEngine } from '../../test/engines.js';
import { connect } from './connect.js';
import { writeUtf8 } from './pglite-arrays.js';

// The binary array parameters of PGlite (pglite-arrays.ts). The oracle is the server itself: the
// bytes written must be those of array_send, PostgreSQL's own binary writer, for the same values
// sent as JSON; and on both engines an array parameter must read back as the values given. Values that the binary
// writer leaves to PGlite's own serializer must meet the same answer, or the same refusal.

const nasty = ['', 'a', 'NULL', 'null', '"quoted"', 'back\\slash', 'a,b', '{braces}', ' spaced ', 'Nguyễn Văn Hùng', 'Đảng bộ xã', '😀 emoji', "it's"];

const cases: { name: string; type: string; values: unknown[]; text: (string | null)[] }[] = [
  { name: 'text with every character an array literal escapes', type: 'text', values: [...nasty, null], text: [...nasty, null] },
  { name: 'long text and lone surrogates', type: 'text', values: ['Ấp '.repeat(40), 'a\uD800b', '\uDC00', 'x\uD83D'], text: ['Ấp '.repeat(40), 'a\uFFFDb', '\uFFFD', 'x\uFFFD'] },
  { name: 'numbers as text', type: 'text', values: [1, -2.5, 0], text: ['1', '-2.5', '0'] },
  { name: 'an empty array', type: 'text', values: [], text: [] },
  { name: 'only nulls', type: 'text', values: [null, undefined], text: [null, null] },
  { name: 'int4 at its limits', type: 'int', values: [0, -1, 2 ** 31 - 1, -(2 ** 31), '42', null], text: ['0', '-1', '2147483647', '-2147483648', '42', null] },
  { name: 'int8 past the safe integers', type: 'bigint', values: [1, '9007199254740993', '-123456789012345678', null], text: ['1', '9007199254740993', '-123456789012345678', null] },
  { name: 'dates around the epochs', type: 'date', values: ['2000-01-01', '1999-12-31', '1970-01-01', '1900-02-28', '2026-11-23', '2024-02-29', null], text: ['2000-01-01', '1999-12-31', '1970-01-01', '1900-02-28', '2026-11-23', '2024-02-29', null] },
  { name: 'dates of the first and last years, and leap days', type: 'date', values: ['0001-01-01', '0099-03-01', '0400-02-29', '1600-02-29', '2000-02-29', '2100-02-28', '9999-12-31'], text: ['0001-01-01', '0099-03-01', '0400-02-29', '1600-02-29', '2000-02-29', '2100-02-28', '9999-12-31'] },
  { name: 'date forms left to PGlite', type: 'date', values: ['20261123', '2026-1-2', ' 2026-11-23'], text: ['2026-11-23', '2026-01-02', '2026-11-23'] },
  { name: 'jsonb', type: 'jsonb', values: ['{"b": [1, "x"], "a": null}', null, '"Đảng"'], text: ['{"a": null, "b": [1, "x"]}', null, '"Đảng"'] },
];

describeEachEngine('array parameters', (get) => {
  for (const c of cases) {
    it(`${c.name}: read back as given`, async () => {
      const { db } = get();
      const r = await sql<{ t: (string | null)[]; n: number }>`
        select array(select x::text from unnest(${sql.val(c.values)}::${sql.raw(c.type)}[]) x) as t,
               cardinality(${sql.val(c.values)}::${sql.raw(c.type)}[]) as n`.execute(db);
      expect(r.rows[0]!.t).toEqual(c.text);
      expect(Number(r.rows[0]!.n)).toBe(c.values.length);
    });
  }

  for (const day of ['2023-02-31', '2100-02-29', '2026-13-01', '2026-00-10', '2026-04-31']) {
    it(`refuses ${day}, a day that does not exist, with PostgreSQL's own error`, async () => {
      const { db } = get();
      await expect(sql`select ${sql.val(['2026-01-01', day])}::date[]`.execute(db)).rejects.toMatchObject({ code: '22008' });
    });
  }

  it('bytea elements: stored and read back unchanged', async () => {
    const { db } = get();
    const parts = [Uint8Array.of(0, 1, 255), new Uint8Array(0), null, Uint8Array.from({ length: 300 }, (_, i) => i % 256)];
    const r = await sql<{ b: Uint8Array | null }>`select b from unnest(${sql.val(parts)}::bytea[]) with ordinality as e(b, i) order by i`.execute(db);
    expect(r.rows.map((x) => (x.b === null ? null : [...x.b]))).toEqual(parts.map((p) => (p === null ? null : [...p])));
  });

  it('leaves nested arrays to the text form', async () => {
    const { db } = get();
    const r = await sql<{ n: number }>`select array_ndims(${sql.val([['a', 'b'], ['c', 'd']])}::text[]) as n`.execute(db);
    expect(Number(r.rows[0]!.n)).toBe(2);
  });
});

describe('PGlite array serializers', () => {
  it('encode UTF-8 as Buffer does', () => {
    const samples = ['', 'abc', 'Nguyễn Văn Hùng', 'Đ', '€', '😀', 'a\uD800', '\uDFFF\uD800', 'ǅ'.repeat(70), `${'x'.repeat(63)}😀`];
    for (const s of samples) {
      const out = Buffer.alloc(3 * s.length + 1);
      const n = writeUtf8(s, out, 1);
      expect(out.subarray(1, 1 + n).equals(Buffer.from(s, 'utf8')), JSON.stringify(s)).toBe(true);
    }
  });

  it('write what array_send writes, in place of the text literal', async () => {
    const database = await connect({ memory: true });
    try {
      // JSON carries no lone surrogate; the forms left to PGlite are not written here.
      for (const c of cases.filter((x) => !x.name.includes('left to PGlite') && !x.name.includes('surrogates'))) {
        const oid = Number((await sql<{ oid: number }>`select ${sql.raw(`'${c.type}[]'`)}::regtype::oid as oid`.execute(database.db)).rows[0]!.oid);
        // The same values reach the server as JSON, not through the serializer under test.
        const json = JSON.stringify(c.values.map((v) => (v === undefined ? null : typeof v === 'number' && c.type === 'text' ? String(v) : v)));
        const sent = (
          await sql<{ b: Uint8Array }>`
            select array_send(array(select x::${sql.raw(c.type)} from jsonb_array_elements_text(${json}::jsonb) with ordinality as e(x, i) order by i)) as b`.execute(database.db)
        ).rows[0]!.b;
        const written = await database.embedded!.exclusive(async (p) => p.serializers[oid]!(c.values) as unknown);
        // Binary, so PGlite neither builds nor measures a literal.
        expect(written, c.name).toBeInstanceOf(Uint8Array);
        // jsonb is sent as the server normalises it; its binary input is the text as given.
        if (c.type !== 'jsonb') expect(Buffer.from(written as Uint8Array).equals(Buffer.from(sent)), c.name).toBe(true);
      }
    } finally {
      await database.close();
    }
  });
});
