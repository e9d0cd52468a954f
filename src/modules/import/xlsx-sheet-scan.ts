import type { RawCell } from '../../domain/import/values.js';

// The rows of a worksheet's <sheetData>, scanned from its XML text as it is inflated, chunk by
// chunk. Hand-written rather than a general XML parser because it is the hot loop of an import:
// saxes looks at every character and builds every tag's attribute object, where this jumps
// from '<' to '<' with indexOf and reads only r, t and s (measured in the commit adding it).
// It still reads what a parser would: namespace prefixes (<x:row>), tags and cells without r
// (by position), entities and character references, CDATA, comments and processing
// instructions, '>' inside quoted attribute values, line ends normalised as XML does.

export interface ScannedRow {
  n: number;
  cells: RawCell[];
}

export interface SheetContext {
  shared: readonly string[];
  /** Per cell style: a number in it is a date. */
  dateStyle: readonly boolean[];
  date1904: boolean;
  /** The sheet's declared last row (<dimension ref="A1:Y1000006"/>). */
  onDimension?(lastRow: number): void;
}

const ENTITY = /&(#x[0-9a-fA-F]+|#[0-9]+|lt|gt|amp|quot|apos);/g;
const NAMED: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

/** Text content as XML gives it: line ends normalised, then entities and character references decoded. */
export function xmlText(raw: string): string {
  const s = raw.indexOf('\r') < 0 ? raw : raw.replace(/\r\n?/g, '\n');
  if (s.indexOf('&') < 0) return s;
  return s.replace(ENTITY, (_, e: string) =>
    e.charCodeAt(0) === 35 ? String.fromCodePoint(e.charCodeAt(1) === 120 ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10)) : NAMED[e]!,
  );
}

const ESCAPED = /_x([0-9A-Fa-f]{4})_/g;

/**
 * A string as Excel means it (ECMA-376 ST_Xstring): "_xHHHH_" is the character HHHH, which is how
 * Excel keeps characters XML cannot carry — a carriage return typed in a cell is "_x000D_" — and
 * "_x005F_" the underscore that keeps a literal "_x0041_" from being read so. ExcelJS leaves them
 * as written, and an office's names and addresses then came in with "_x000D_" inside.
 */
export function excelText(s: string): string {
  return s.indexOf('_x') < 0 ? s : s.replace(ESCAPED, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

/** Excel's day number as the instant ExcelJS gives (UTC midnight of the day, plus the time). */
function excelDate(serial: number, date1904: boolean): Date {
  return new Date(Math.round((serial - 25569 + (date1904 ? 1462 : 0)) * 86_400_000));
}

const isSpace = (c: number) => c === 32 || c === 10 || c === 9 || c === 13;

export class SheetScanner {
  /** Text not yet scanned: an unfinished tag or text run at the end of the last chunk. */
  private buf = '';
  private inSheetData = false;
  /** </sheetData> seen: the rest of the part (merged cells, page setup) is of no interest. */
  done = false;

  private rowN = 0;
  private cells: RawCell[] | null = null;
  private col = 0;
  private cellT: string | null = null;
  private cellS = -1;
  private value: string | null = null;
  /** Text is being collected: inside <v>, or a <t> of an inline string outside its phonetic runs. */
  private collecting = false;
  private inIs = false;
  private phonetic = 0;

  // The attributes of the tag just read (indexes into buf for r, to read it without a copy).
  private aRStart = -1;
  private aREnd = -1;
  private aT: string | null = null;
  private aS = -1;
  private aRef: string | null = null;
  private selfClosing = false;

  constructor(private readonly ctx: SheetContext) {}

  /** Scans a chunk of text; the rows it completes are pushed to `out`. */
  push(text: string, out: ScannedRow[]): void {
    // The unfinished token is joined to the start of the new text only, never to all of it: V8
    // would make the whole a rope (a cons string), and reading a rope char by char cost a
    // third more time on every tag of the chunk (measured). Once past the joint the scan goes
    // on in the new text itself.
    let from = 0;
    while (this.buf !== '' && !this.done) {
      if (from >= text.length) return;
      const left = this.buf;
      const take = Math.min(text.length - from, Math.max(4096, left.length));
      const joint = left + text.slice(from, from + take);
      const stop = this.scan(joint, 0, out);
      if (stop >= left.length) {
        from += stop - left.length;
        this.buf = '';
      } else {
        this.buf = joint.slice(stop);
        from += take;
      }
    }
    if (this.done) return;
    const stop = this.scan(text, from, out);
    this.buf = stop >= text.length ? '' : text.slice(stop);
  }

  /** Scans `buf` from `pos`: the index of the first token not all in it (its length if none). */
  private scan(buf: string, pos: number, out: ScannedRow[]): number {
    while (!this.done) {
      // Tags mostly follow one another (</v></c><c …>): no search needed then.
      const lt = buf.charCodeAt(pos) === 60 ? pos : buf.indexOf('<', pos);
      if (lt < 0) break;
      if (lt > pos && this.collecting) this.value += xmlText(buf.slice(pos, lt));
      const c1 = buf.charCodeAt(lt + 1);
      if (c1 !== c1) {
        pos = lt;
        break;
      }
      if (c1 === 33 /* ! */) {
        const end = this.special(buf, lt);
        if (end < 0) {
          pos = lt;
          break;
        }
        pos = end;
        continue;
      }
      if (c1 === 63 /* ? */) {
        const end = buf.indexOf('?>', lt + 2);
        if (end < 0) {
          pos = lt;
          break;
        }
        pos = end + 2;
        continue;
      }
      const closing = c1 === 47; /* / */
      let ns = closing ? lt + 2 : lt + 1;
      let ne = ns;
      let c = buf.charCodeAt(ne);
      while (c === c && c !== 62 && c !== 47 && !isSpace(c)) {
        if (c === 58 /* : */) ns = ne + 1;
        c = buf.charCodeAt(++ne);
      }
      // An end tag has no attributes to read, and </v></c> are half of all tags.
      const gt = closing && c === 62 ? ne : this.tagEnd(buf, ne);
      if (gt < 0) {
        pos = lt;
        break;
      }
      pos = gt + 1;
      if (closing) this.close(buf, ns, ne, out);
      else this.open(buf, ns, ne, out);
    }
    return pos;
  }

  /** The end of the text: what is left must be whitespace or the rest of an ignored part. */
  end(): void {
    if (!this.done && this.cells !== null) throw new Error('xlsx: the worksheet ends inside a row');
  }

  /** <!-- comment -->, <![CDATA[…]]> (text, kept as is), <!DOCTYPE …>: the index after it, or -1 if not all here. */
  private special(buf: string, lt: number): number {
    if (buf.startsWith('<!--', lt)) {
      const e = buf.indexOf('-->', lt + 4);
      return e < 0 ? -1 : e + 3;
    }
    if (buf.startsWith('<![CDATA[', lt)) {
      const e = buf.indexOf(']]>', lt + 9);
      if (e < 0) return -1;
      if (this.collecting) this.value += buf.slice(lt + 9, e);
      return e + 3;
    }
    if (buf.length - lt < 9) return -1;
    const e = buf.indexOf('>', lt);
    return e < 0 ? -1 : e + 1;
  }

  /** Reads the attributes from `i` up to the tag's '>' (or "/>"): its index, or -1 if the tag is not all here. */
  private tagEnd(buf: string, i: number): number {
    const len = buf.length;
    this.aRStart = -1;
    this.aT = null;
    this.aS = -1;
    this.aRef = null;
    for (;;) {
      let c = buf.charCodeAt(i);
      while (isSpace(c)) c = buf.charCodeAt(++i);
      if (c === 62) {
        this.selfClosing = false;
        return i;
      }
      if (c === 47) {
        const n = buf.charCodeAt(i + 1);
        if (n === 62) {
          this.selfClosing = true;
          return i + 1;
        }
        if (n !== n) return -1;
        i++;
        continue;
      }
      if (c !== c) return -1;
      const an = i;
      while (c === c && c !== 61 && !isSpace(c) && c !== 62) c = buf.charCodeAt(++i);
      const ae = i;
      while (isSpace(c)) c = buf.charCodeAt(++i);
      if (c !== 61) {
        if (c !== c) return -1;
        continue; // an attribute without a value: not XML; skipped
      }
      c = buf.charCodeAt(++i);
      while (isSpace(c)) c = buf.charCodeAt(++i);
      if (c !== 34 && c !== 39) return c !== c ? -1 : i;
      const vs = i + 1;
      // Values are short (r="AB12"): a loop is cheaper than a call to indexOf.
      let ve = vs;
      while (ve < len && buf.charCodeAt(ve) !== c) ve++;
      if (ve >= len) return -1;
      if (ae - an === 1) {
        const a = buf.charCodeAt(an);
        if (a === 114 /* r */) {
          this.aRStart = vs;
          this.aREnd = ve;
        } else if (a === 116 /* t */) this.aT = buf.slice(vs, ve);
        else if (a === 115 /* s */) this.aS = parseInt(buf.slice(vs, ve), 10);
      } else if (ae - an === 3 && buf.startsWith('ref', an)) this.aRef = buf.slice(vs, ve);
      i = ve + 1;
    }
  }

  private open(buf: string, ns: number, ne: number, out: ScannedRow[]): void {
    const n = ne - ns;
    const c0 = buf.charCodeAt(ns);
    if (n === 1) {
      if (this.cells === null) return;
      if (c0 === 99 /* c */) {
        this.col = this.aRStart < 0 ? this.col + 1 : columnOf(buf, this.aRStart, this.aREnd);
        this.cellT = this.aT;
        this.cellS = this.aS;
        this.value = null;
        this.inIs = false;
        this.phonetic = 0;
      } else if (c0 === 118 /* v */) {
        this.value = '';
        this.collecting = !this.selfClosing;
      } else if (c0 === 116 /* t */ && this.inIs && this.phonetic === 0) {
        this.collecting = !this.selfClosing;
      }
      return;
    }
    if (n === 3 && c0 === 114 && buf.startsWith('row', ns)) {
      if (!this.inSheetData) return;
      this.rowN = this.aRStart < 0 ? this.rowN + 1 : parseInt(buf.slice(this.aRStart, this.aREnd), 10);
      this.cells = [];
      this.col = 0;
      if (this.selfClosing) this.endRow(out);
    } else if (n === 2 && c0 === 105 && buf.charCodeAt(ns + 1) === 115 /* is */) {
      if (this.cells === null || this.selfClosing) return;
      this.inIs = true;
      this.value = '';
    } else if (n === 3 && c0 === 114 && buf.startsWith('rPh', ns)) {
      if (this.inIs && !this.selfClosing) this.phonetic++;
    } else if (n === 9 && buf.startsWith('sheetData', ns)) {
      this.inSheetData = !this.selfClosing;
      if (this.selfClosing) this.done = true;
    } else if (n === 9 && this.aRef !== null && buf.startsWith('dimension', ns)) {
      const last = /(\d+)$/.exec(this.aRef);
      if (last) this.ctx.onDimension?.(Number(last[1]));
    }
  }

  private close(buf: string, ns: number, ne: number, out: ScannedRow[]): void {
    const n = ne - ns;
    const c0 = buf.charCodeAt(ns);
    if (n === 1) {
      if (c0 === 118 /* v */ || c0 === 116 /* t */) this.collecting = false;
      else if (c0 === 99 /* c */ && this.cells !== null) this.endCell();
    } else if (n === 3 && c0 === 114 && buf.startsWith('row', ns)) {
      if (this.cells !== null) this.endRow(out);
    } else if (n === 2 && c0 === 105 && buf.charCodeAt(ns + 1) === 115 /* is */) {
      this.inIs = false;
      this.collecting = false;
    } else if (n === 3 && c0 === 114 && buf.startsWith('rPh', ns)) {
      if (this.phonetic > 0) this.phonetic--;
    } else if (n === 9 && buf.startsWith('sheetData', ns)) {
      this.done = true;
    }
  }

  private endRow(out: ScannedRow[]): void {
    out.push({ n: this.rowN, cells: this.cells! });
    this.cells = null;
  }

  /**
   * The cell's value as ExcelJS read it — but for Excel's "_xHHHH_" escapes, undone (excelText):
   * a shared or inline string, a formula's cached result,
   * a boolean, an error as null (it still takes its place in the row), a number — a Date when
   * its style shows a date. A cell with no value (only a style) is not in the row.
   */
  private endCell(): void {
    const raw = this.value;
    this.collecting = false;
    this.inIs = false;
    if (raw === null) return;
    let v: RawCell;
    const t = this.cellT;
    if (t === null || t === 'n') {
      const num = parseFloat(raw);
      v = this.cellS >= 0 && this.ctx.dateStyle[this.cellS] === true ? excelDate(num, this.ctx.date1904) : num;
    } else if (t === 's') {
      const text = this.ctx.shared[parseInt(raw, 10)];
      v = text === undefined ? null : excelText(text);
    } else if (t === 'str' || t === 'inlineStr') v = excelText(raw);
    else if (t === 'b') v = parseInt(raw, 10) !== 0;
    else if (t === 'd') v = isoDate(raw);
    else v = null; // 'e': #N/A, #REF! … read as no value
    const cells = this.cells!;
    const k = this.col - 1;
    if (k < 0) return;
    while (cells.length < k) cells.push(null);
    cells[k] = v;
  }
}

/** The column of a cell reference ("AB12" → 28), read in place. */
function columnOf(buf: string, from: number, to: number): number {
  let col = 0;
  for (let i = from; i < to; i++) {
    const c = buf.charCodeAt(i);
    if (c >= 65 && c <= 90) col = col * 26 + c - 64;
    else if (c >= 97 && c <= 122) col = col * 26 + c - 96;
    else break;
  }
  return col;
}

/** A t="d" cell: an ISO 8601 date, taken as UTC when it names no zone (Excel's days have none). */
function isoDate(raw: string): Date | null {
  const s = raw.trim();
  const d = new Date(/[zZ]|[+-]\d\d:?\d\d$/.test(s) || !s.includes('T') ? s : `${s}Z`);
  return Number.isNaN(d.getTime()) ? null : d;
}
