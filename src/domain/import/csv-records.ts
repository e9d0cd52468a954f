// CSV records read incrementally (RFC 4180 quoting; lines ending in CRLF, LF or CR), so a file of
// a million rows is parsed as it arrives and never held whole. The delimiter is the one of comma,
// semicolon and tab that the first lines use most (Excel writes ";" where "," is the decimal mark).

export type Delimiter = ',' | ';' | '\t';

/** The delimiter most used outside quotes in a sample of the first lines; comma when none is. */
export function detectDelimiter(sample: string): Delimiter {
  const counts: Record<Delimiter, number> = { ',': 0, ';': 0, '\t': 0 };
  let quoted = false;
  let lines = 0;
  for (const ch of sample) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && (ch === ',' || ch === ';' || ch === '\t')) counts[ch]++;
    else if (!quoted && ch === '\n' && ++lines >= 30) break;
  }
  const best = (Object.entries(counts) as [Delimiter, number][]).sort((a, b) => b[1] - a[1])[0]!;
  return best[1] > 0 ? best[0] : ',';
}

const QUOTE = 34;
const LF = 10;
const CR = 13;

/** Feed text chunks with push(); each call returns the records completed so far. */
export class CsvRecords {
  private field = '';
  private record: string[] = [];
  private quoted = false;
  /** Just closed a quoted section: a second quote is an escaped quote. */
  private afterQuote = false;
  private lastWasCr = false;

  constructor(private readonly delimiter: Delimiter) {}

  push(text: string): string[][] {
    const out: string[][] = [];
    const d = this.delimiter.charCodeAt(0);
    const n = text.length;
    // A field's text is sliced from the chunk a run at a time, not added a character at a time.
    for (let i = 0; i < n; ) {
      if (this.lastWasCr) {
        this.lastWasCr = false;
        if (text.charCodeAt(i) === LF) {
          i++;
          continue;
        }
      }
      if (this.quoted) {
        const q = text.indexOf('"', i);
        const to = q < 0 ? n : q;
        this.field += text.slice(i, to);
        if (q < 0) break;
        this.quoted = false;
        this.afterQuote = true;
        i = q + 1;
        continue;
      }
      const c = text.charCodeAt(i);
      if (c === QUOTE) {
        // A quote right after a closing quote is a literal quote; at a field's start it opens one.
        if (this.afterQuote) this.field += '"';
        this.quoted = true;
        this.afterQuote = false;
        i++;
        continue;
      }
      this.afterQuote = false;
      if (c === d) {
        this.record.push(this.field);
        this.field = '';
        i++;
      } else if (c === LF || c === CR) {
        this.lastWasCr = c === CR;
        this.record.push(this.field);
        out.push(this.record);
        this.record = [];
        this.field = '';
        i++;
      } else {
        let j = i + 1;
        for (; j < n; j++) {
          const cj = text.charCodeAt(j);
          if (cj === d || cj === LF || cj === CR || cj === QUOTE) break;
        }
        this.field = this.field === '' ? text.slice(i, j) : this.field + text.slice(i, j);
        i = j;
      }
    }
    return out;
  }

  /** The last record when the file does not end with a line break. */
  end(): string[][] {
    if (this.field === '' && this.record.length === 0) return [];
    this.record.push(this.field);
    const last = this.record;
    this.record = [];
    this.field = '';
    return [last];
  }
}
