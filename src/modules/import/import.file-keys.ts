// The keys of a file's rows, for its duplicates: a million-row file remembers a million of each
// (citizen ID, card number, name and date of birth), which as Maps of strings and boxed numbers
// kept ~220 MiB alive in the reading thread. Here each key lives in typed arrays — a number in a
// Float64Array, a text's characters in one byte buffer — and is compared whole, so a key is
// never taken for another (no "duplicate in the file" by a hash's accident).

/** The first row of each key; rows are numbered from 1 (0 marks a free slot). */
export interface FirstRows<K> {
  /** The row that already holds `key`, or undefined after recording `row` as its first. */
  firstOrSet(key: K, row: number): number | undefined;
  /** Bytes of typed arrays held (outside the JS heap, so outside a worker's heap cap). */
  readonly bytes: number;
}

const MAX_LOAD = 0.75;

/** Murmur3's finalizer: the bits of a 32-bit value spread over the slots. */
function mix(h: number): number {
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

/** Integer keys up to 2^53, open addressing over typed arrays (12 bytes a slot). */
export class RowsByNumber implements FirstRows<number> {
  private keys: Float64Array;
  private rows: Int32Array;
  private mask: number;
  private size = 0;

  constructor(slots = 1024) {
    this.keys = new Float64Array(slots);
    this.rows = new Int32Array(slots);
    this.mask = slots - 1;
  }

  get bytes(): number {
    return this.keys.byteLength + this.rows.byteLength;
  }

  private slotOf(key: number): number {
    // Low and high 32 bits of the integer, mixed.
    const h = mix((key >>> 0) ^ Math.imul(Math.floor(key / 4294967296) | 0, 0x9e3779b1));
    return h & this.mask;
  }

  firstOrSet(key: number, row: number): number | undefined {
    let i = this.slotOf(key);
    for (;;) {
      const r = this.rows[i]!;
      if (r === 0) break;
      if (this.keys[i] === key) return r;
      i = (i + 1) & this.mask;
    }
    this.keys[i] = key;
    this.rows[i] = row;
    if (++this.size > this.rows.length * MAX_LOAD) this.grow();
    return undefined;
  }

  private grow(): void {
    const { keys, rows } = this;
    this.keys = new Float64Array(rows.length * 2);
    this.rows = new Int32Array(rows.length * 2);
    this.mask = rows.length * 2 - 1;
    for (let j = 0; j < rows.length; j++) {
      if (rows[j] === 0) continue;
      let i = this.slotOf(keys[j]!);
      while (this.rows[i] !== 0) i = (i + 1) & this.mask;
      this.keys[i] = keys[j]!;
      this.rows[i] = rows[j]!;
    }
  }
}

/**
 * Text keys, their characters kept in one byte buffer (a normalized name is plain ASCII: about
 * a byte a character instead of a string object each). A text with a character above 255 is
 * kept in a Map beside: rare, and exact either way.
 */
export class RowsByText implements FirstRows<string> {
  private chars = new Uint8Array(64 * 1024);
  private used = 0;
  /** Per entry (numbered from 1): where its text starts and ends in `chars`, its hash, its row. */
  private starts = new Int32Array(1024);
  private hashes = new Int32Array(1024);
  private rows = new Int32Array(1024);
  private entries = 0;
  /** Open addressing: an entry number per slot, 0 when free. */
  private slots = new Int32Array(2048);
  private readonly wide = new Map<string, number>();

  firstOrSet(key: string, row: number): number | undefined {
    let h = 0x811c9dc5;
    for (let k = 0; k < key.length; k++) {
      const c = key.charCodeAt(k);
      if (c > 255) return this.wideFirstOrSet(key, row);
      h = Math.imul(h ^ c, 0x01000193);
    }
    h = mix(h) | 0;
    const mask = this.slots.length - 1;
    let i = h & mask;
    for (;;) {
      const e = this.slots[i]!;
      if (e === 0) break;
      if (this.hashes[e] === h && this.equals(e, key)) return this.rows[e];
      i = (i + 1) & mask;
    }
    const e = ++this.entries;
    if (e + 1 >= this.rows.length) this.growEntries();
    if (this.used + key.length > this.chars.length) {
      const bigger = new Uint8Array(Math.max(this.chars.length * 2, this.used + key.length));
      bigger.set(this.chars.subarray(0, this.used));
      this.chars = bigger;
    }
    this.starts[e] = this.used;
    for (let k = 0; k < key.length; k++) this.chars[this.used++] = key.charCodeAt(k);
    this.starts[e + 1] = this.used;
    this.hashes[e] = h;
    this.rows[e] = row;
    this.slots[i] = e;
    if (e > this.slots.length * MAX_LOAD) this.growSlots();
    return undefined;
  }

  get bytes(): number {
    return this.chars.byteLength + this.starts.byteLength * 3 + this.slots.byteLength;
  }

  private equals(e: number, key: string): boolean {
    const from = this.starts[e]!;
    if (this.starts[e + 1]! - from !== key.length) return false;
    for (let k = 0; k < key.length; k++) if (this.chars[from + k] !== key.charCodeAt(k)) return false;
    return true;
  }

  private wideFirstOrSet(key: string, row: number): number | undefined {
    const first = this.wide.get(key);
    if (first === undefined) this.wide.set(key, row);
    return first;
  }

  private growEntries(): void {
    const n = this.rows.length * 2;
    for (const name of ['starts', 'hashes', 'rows'] as const) {
      const bigger = new Int32Array(n);
      bigger.set(this[name]);
      this[name] = bigger;
    }
  }

  private growSlots(): void {
    this.slots = new Int32Array(this.slots.length * 2);
    const mask = this.slots.length - 1;
    for (let e = 1; e <= this.entries; e++) {
      let i = this.hashes[e]! & mask;
      while (this.slots[i] !== 0) i = (i + 1) & mask;
      this.slots[i] = e;
    }
  }
}
