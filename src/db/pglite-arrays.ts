// Array parameters on PGlite, sent in PostgreSQL's binary array format instead of as text.
//
// PGlite writes an array parameter as an array literal built in JavaScript ('{"a","b"}', two
// regular expressions per element to escape it), then measures the literal's UTF-8 length one
// character at a time and encodes it. The import's dry run stages 2,000 rows per statement as one
// array per column (import.staging.repository.ts); on the embedded database, whose thread is the
// dry run's slower half, that JavaScript was about a quarter of the thread's CPU (profile of a
// 200,000-row dry run: 5.3 of 20 s). The binary format is length-prefixed: each element is its
// length and its bytes, written natively (Buffer), and PGlite passes a Uint8Array through as it is.
//
// Only one-dimensional arrays of the element types below whose every element is plainly of that
// type are written here; anything else (nested arrays, Date objects, a date string PostgreSQL
// would refuse or read otherwise) goes to PGlite's own serializer, so the answer, or the error,
// is PostgreSQL's as before.

type ElementWriter = {
  /** At most how many bytes the element takes, or undefined when it is not plainly of the type. */
  bound(v: unknown): number | undefined;
  /** Writes the element (bound said it can) and answers how many bytes it took. */
  write(v: unknown, out: Buffer, at: number): number;
};

const INT4_OID = 23;
const INT8_OID = 20;
const TEXT_OID = 25;
const DATE_OID = 1082;
const JSONB_OID = 3802;
const BYTEA_OID = 17;

const textOf = (v: unknown): string | undefined => (typeof v === 'string' ? v : typeof v === 'number' && Number.isFinite(v) ? String(v) : undefined);

/**
 * UTF-8 of a string as Buffer writes it (a lone surrogate becomes U+FFFD). Short strings, nearly
 * every value staged, are encoded here: a native call per element cost ~200 ns, more than the
 * encoding of a name.
 */
export function writeUtf8(s: string, out: Buffer, at: number): number {
  if (s.length > 64) return out.write(s, at, 'utf8');
  let p = at;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) out[p++] = c;
    else if (c < 0x800) {
      out[p++] = 0xc0 | (c >> 6);
      out[p++] = 0x80 | (c & 0x3f);
    } else if (c < 0xd800 || c > 0xdfff) {
      out[p++] = 0xe0 | (c >> 12);
      out[p++] = 0x80 | ((c >> 6) & 0x3f);
      out[p++] = 0x80 | (c & 0x3f);
    } else {
      const low = s.charCodeAt(i + 1);
      if (c < 0xdc00 && low >= 0xdc00 && low <= 0xdfff) {
        const cp = 0x10000 + ((c - 0xd800) << 10) + (low - 0xdc00);
        out[p++] = 0xf0 | (cp >> 18);
        out[p++] = 0x80 | ((cp >> 12) & 0x3f);
        out[p++] = 0x80 | ((cp >> 6) & 0x3f);
        out[p++] = 0x80 | (cp & 0x3f);
        i++;
      } else {
        out[p++] = 0xef;
        out[p++] = 0xbf;
        out[p++] = 0xbd;
      }
    }
  }
  return p - at;
}

// A UTF-16 unit takes at most three bytes in UTF-8 (a pair, four for two units): measuring each
// string exactly first would be a second pass over it.
const text: ElementWriter = {
  bound: (v) => {
    const s = textOf(v);
    return s === undefined ? undefined : 3 * s.length;
  },
  write: (v, out, at) => writeUtf8(textOf(v)!, out, at),
};

// jsonb's binary form is a version byte (1) and the JSON text.
const jsonb: ElementWriter = {
  bound: (v) => (typeof v === 'string' ? 1 + 3 * v.length : undefined),
  write: (v, out, at) => {
    out[at] = 1;
    return 1 + writeUtf8(v as string, out, at + 1);
  },
};

// bytea's binary form is the bytes (and PGlite's own bytea[] writer would put the binary
// parameter of pglite-bytea.ts into a text literal).
const bytea: ElementWriter = {
  bound: (v) => (v instanceof Uint8Array ? v.byteLength : undefined),
  write: (v, out, at) => {
    out.set(v as Uint8Array, at);
    return (v as Uint8Array).byteLength;
  },
};

const INT32_MIN = -(2 ** 31);
const INT32_MAX = 2 ** 31 - 1;
const intOf = (v: unknown): number | undefined => {
  const n = typeof v === 'number' ? v : typeof v === 'string' && /^-?\d{1,10}$/.test(v) ? Number(v) : NaN;
  return Number.isInteger(n) && n >= INT32_MIN && n <= INT32_MAX ? n : undefined;
};
const int4: ElementWriter = {
  bound: (v) => (intOf(v) === undefined ? undefined : 4),
  write: (v, out, at) => out.writeInt32BE(intOf(v)!, at) - at,
};

const bigOf = (v: unknown): bigint | undefined => {
  if (typeof v === 'number') return Number.isSafeInteger(v) ? BigInt(v) : undefined;
  if (typeof v === 'bigint') return v;
  if (typeof v === 'string' && /^-?\d{1,18}$/.test(v)) return BigInt(v);
  return undefined;
};
const int8: ElementWriter = {
  bound: (v) => (bigOf(v) === undefined ? undefined : 8),
  write: (v, out, at) => out.writeBigInt64BE(bigOf(v)!, at) - at,
};

// date's binary form is days since 2000-01-01. Only 'yyyy-mm-dd' of a real day of years 1–9999
// is written here: PostgreSQL's reading of other forms (and its refusal of 2023-02-31) stays its
// own. Worked out on the digits (days from the civil date, proleptic Gregorian as PostgreSQL's
// date2j): a Date and a regular expression per element took 1.7 µs, a fifth of the columns staged.
const digitsAt = (s: string, from: number, n: number): number => {
  let v = 0;
  for (let i = from; i < from + n; i++) {
    const c = s.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return -1;
    v = v * 10 + c;
  }
  return v;
};
const DAYS_1970_TO_2000 = 10_957;
const daysOf = (v: unknown): number | undefined => {
  if (typeof v !== 'string' || v.length !== 10 || v.charCodeAt(4) !== 45 || v.charCodeAt(7) !== 45) return undefined;
  const y = digitsAt(v, 0, 4);
  const m = digitsAt(v, 5, 2);
  const d = digitsAt(v, 8, 2);
  if (y < 1 || m < 1 || m > 12 || d < 1) return undefined;
  const leap = y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0);
  if (d > (m === 2 ? (leap ? 29 : 28) : m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31)) return undefined;
  // Days since 1970-01-01 of the civil date (years counted from March, so the leap day is last).
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (m > 2 ? m - 3 : m + 9) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146_097 + doe - 719_468 - DAYS_1970_TO_2000;
};
const date: ElementWriter = {
  bound: (v) => (daysOf(v) === undefined ? undefined : 4),
  write: (v, out, at) => out.writeInt32BE(daysOf(v)!, at) - at,
};

/**
 * The binary form of a one-dimensional array (array_send's layout: dimensions, a has-nulls flag,
 * the element type, each dimension's length and lower bound, then each element as its length,
 * -1 for null, and its bytes), or undefined when an element is not plainly of the type.
 */
export function binaryArray(values: unknown, elementOid: number, writer: ElementWriter): Uint8Array | undefined {
  if (!Array.isArray(values)) return undefined;
  let bound = values.length === 0 ? 12 : 20;
  let nulls = 0;
  for (const v of values as unknown[]) {
    if (v === null || v === undefined) {
      nulls = 1;
      bound += 4;
      continue;
    }
    const n = writer.bound(v);
    if (n === undefined) return undefined;
    bound += 4 + n;
  }
  // Unpooled: PGlite copies the view's range out of its buffer, and a pooled one is shared.
  const out = Buffer.allocUnsafeSlow(bound);
  out.writeInt32BE(values.length === 0 ? 0 : 1, 0);
  out.writeInt32BE(nulls, 4);
  out.writeInt32BE(elementOid, 8);
  let at = 12;
  if (values.length > 0) {
    out.writeInt32BE(values.length, 12);
    out.writeInt32BE(1, 16);
    at = 20;
  }
  for (const v of values as unknown[]) {
    if (v === null || v === undefined) {
      at = out.writeInt32BE(-1, at);
      continue;
    }
    const n = writer.write(v, out, at + 4);
    out.writeInt32BE(n, at);
    at += 4 + n;
  }
  return new Uint8Array(out.buffer, out.byteOffset, at);
}

/** Array type OID → its element type and writer. */
const ARRAY_TYPES: Record<number, [number, ElementWriter]> = {
  1007: [INT4_OID, int4],
  1016: [INT8_OID, int8],
  1009: [TEXT_OID, text],
  1182: [DATE_OID, date],
  3807: [JSONB_OID, jsonb],
  1001: [BYTEA_OID, bytea],
};

type Serializer = (v: unknown) => unknown;

/**
 * Puts the binary writers in front of an instance's array serializers (after PGlite.create: the
 * instance sets its array serializers while it starts), keeping its own for what they refuse.
 */
export function useBinaryArrays(serializers: Record<number, Serializer>): void {
  for (const [oid, [elementOid, writer]] of Object.entries(ARRAY_TYPES)) {
    const own = serializers[Number(oid)];
    if (!own) throw new Error(`PGlite has no serializer for array type ${oid}`);
    serializers[Number(oid)] = (v) => binaryArray(v, elementOid, writer) ?? own(v);
  }
}
