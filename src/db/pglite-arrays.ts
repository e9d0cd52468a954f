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
  /** The element's bytes, or undefined when it is not plainly of the type. */
  size(v: unknown): number | undefined;
  write(v: unknown, out: Buffer, at: number): void;
};

const INT4_OID = 23;
const INT8_OID = 20;
const TEXT_OID = 25;
const DATE_OID = 1082;
const JSONB_OID = 3802;

const textOf = (v: unknown): string | undefined => (typeof v === 'string' ? v : typeof v === 'number' && Number.isFinite(v) ? String(v) : undefined);

const text: ElementWriter = {
  size: (v) => {
    const s = textOf(v);
    return s === undefined ? undefined : Buffer.byteLength(s, 'utf8');
  },
  write: (v, out, at) => void out.write(textOf(v)!, at, 'utf8'),
};

// jsonb's binary form is a version byte (1) and the JSON text.
const jsonb: ElementWriter = {
  size: (v) => (typeof v === 'string' ? 1 + Buffer.byteLength(v, 'utf8') : undefined),
  write: (v, out, at) => {
    out[at] = 1;
    out.write(v as string, at + 1, 'utf8');
  },
};

const INT32_MIN = -(2 ** 31);
const INT32_MAX = 2 ** 31 - 1;
const intOf = (v: unknown): number | undefined => {
  const n = typeof v === 'number' ? v : typeof v === 'string' && /^-?\d{1,10}$/.test(v) ? Number(v) : NaN;
  return Number.isInteger(n) && n >= INT32_MIN && n <= INT32_MAX ? n : undefined;
};
const int4: ElementWriter = {
  size: (v) => (intOf(v) === undefined ? undefined : 4),
  write: (v, out, at) => void out.writeInt32BE(intOf(v)!, at),
};

const bigOf = (v: unknown): bigint | undefined => {
  if (typeof v === 'number') return Number.isSafeInteger(v) ? BigInt(v) : undefined;
  if (typeof v === 'bigint') return v;
  if (typeof v === 'string' && /^-?\d{1,18}$/.test(v)) return BigInt(v);
  return undefined;
};
const int8: ElementWriter = {
  size: (v) => (bigOf(v) === undefined ? undefined : 8),
  write: (v, out, at) => void out.writeBigInt64BE(bigOf(v)!, at),
};

// date's binary form is days since 2000-01-01. Only 'yyyy-mm-dd' of a real day is written here:
// PostgreSQL's reading of other forms (and its refusal of 2023-02-31) stays its own.
const PG_EPOCH_MS = Date.UTC(2000, 0, 1);
const DAY_MS = 86_400_000;
const daysOf = (v: unknown): number | undefined => {
  if (typeof v !== 'string') return undefined;
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(v);
  if (!m) return undefined;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const day = new Date(Date.UTC(y, mo - 1, d));
  // Date.UTC maps years 0–99 to 1900–1999 and rolls 02-31 over into March: neither is the string.
  if (day.getUTCFullYear() !== y || day.getUTCMonth() !== mo - 1 || day.getUTCDate() !== d) return undefined;
  return (day.getTime() - PG_EPOCH_MS) / DAY_MS;
};
const date: ElementWriter = {
  size: (v) => (daysOf(v) === undefined ? undefined : 4),
  write: (v, out, at) => void out.writeInt32BE(daysOf(v)!, at),
};

/**
 * The binary form of a one-dimensional array (array_send's layout: dimensions, a has-nulls flag,
 * the element type, each dimension's length and lower bound, then each element as its length,
 * -1 for null, and its bytes), or undefined when an element is not plainly of the type.
 */
export function binaryArray(values: unknown, elementOid: number, writer: ElementWriter): Uint8Array | undefined {
  if (!Array.isArray(values)) return undefined;
  const sizes = new Int32Array(values.length);
  let total = values.length === 0 ? 12 : 20;
  let nulls = 0;
  for (let i = 0; i < values.length; i++) {
    const v: unknown = values[i];
    if (v === null || v === undefined) {
      sizes[i] = -1;
      nulls = 1;
      total += 4;
      continue;
    }
    const n = writer.size(v);
    if (n === undefined) return undefined;
    sizes[i] = n;
    total += 4 + n;
  }
  // Unpooled: PGlite copies the view's range out of its buffer, and a pooled one is shared.
  const out = Buffer.allocUnsafeSlow(total);
  out.writeInt32BE(values.length === 0 ? 0 : 1, 0);
  out.writeInt32BE(nulls, 4);
  out.writeInt32BE(elementOid, 8);
  let at = 12;
  if (values.length > 0) {
    out.writeInt32BE(values.length, 12);
    out.writeInt32BE(1, 16);
    at = 20;
  }
  for (let i = 0; i < values.length; i++) {
    const n = sizes[i]!;
    out.writeInt32BE(n, at);
    at += 4;
    if (n < 0) continue;
    writer.write(values[i], out, at);
    at += n;
  }
  return new Uint8Array(out.buffer, out.byteOffset, total);
}

/** Array type OID → its element type and writer. */
const ARRAY_TYPES: Record<number, [number, ElementWriter]> = {
  1007: [INT4_OID, int4],
  1016: [INT8_OID, int8],
  1009: [TEXT_OID, text],
  1182: [DATE_OID, date],
  3807: [JSONB_OID, jsonb],
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
