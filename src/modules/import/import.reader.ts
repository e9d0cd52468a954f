import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { CsvRecords, detectDelimiter } from '../../domain/import/csv-records.js';
import { detectEncoding, hasUtf8Bom, textDecoder, type TextEncoding } from '../../domain/import/text-decoding.js';
import type { RawCell } from '../../domain/import/values.js';

// The rows of an uploaded file, streamed: an .xlsx through ExcelJS's streaming reader (first
// worksheet), a .csv decoded chunk by chunk in its detected encoding. Neither holds the parsed
// file in memory; rows come out one at a time with their 1-based row number in the file.

export type ImportFormat = 'xlsx' | 'csv';

/** How far a reading has got into the file: the progress of a long dry run or commit. */
export interface ReadMeter {
  bytesRead: number;
  totalBytes: number;
  /** Rows of the worksheet read, and how many it declares (its <dimension>): an .xlsx only. */
  rowsRead?: number;
  totalRows?: number;
}

/** The share of the file read, 0 to 1: by rows when the worksheet declares them, else by bytes. */
export function readShare(m: ReadMeter): number {
  if (m.totalRows !== undefined && m.totalRows > 0) return Math.min(1, (m.rowsRead ?? 0) / m.totalRows);
  return m.totalBytes === 0 ? 0 : Math.min(1, m.bytesRead / m.totalBytes);
}

export interface SheetRow {
  /** 1-based, as the spreadsheet numbers it. */
  n: number;
  cells: RawCell[];
}

/** An .xlsx is a zip archive ("PK\x03\x04"); anything else is read as CSV text. */
export function formatOf(bytes: Uint8Array): ImportFormat {
  return bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04 ? 'xlsx' : 'csv';
}

const CHUNK = 64 * 1024;

export function csvEncoding(bytes: Uint8Array): TextEncoding {
  return detectEncoding(bytes.subarray(0, CHUNK), { truncated: bytes.length > CHUNK });
}

async function* csvRows(bytes: Uint8Array, meter?: ReadMeter): AsyncGenerator<SheetRow> {
  const decoder = textDecoder(csvEncoding(bytes));
  let start = hasUtf8Bom(bytes) ? 3 : 0;
  const first = decoder.write(bytes.subarray(start, start + CHUNK));
  start += CHUNK;
  const parser = new CsvRecords(detectDelimiter(first));
  let n = 0;
  for (const r of parser.push(first)) yield { n: ++n, cells: r };
  for (; start < bytes.length; start += CHUNK) {
    if (meter) meter.bytesRead = start;
    for (const r of parser.push(decoder.write(bytes.subarray(start, start + CHUNK)))) yield { n: ++n, cells: r };
  }
  if (meter) meter.bytesRead = bytes.length;
  for (const r of parser.push(decoder.end())) yield { n: ++n, cells: r };
  for (const r of parser.end()) yield { n: ++n, cells: r };
}

/** A cell as ExcelJS gives it, reduced to a value: rich text joined, a formula's result, a link's text. */
function plain(v: unknown): RawCell {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' || v instanceof Date) return v;
  if (typeof v === 'object') {
    const o = v as { richText?: { text: string }[]; result?: unknown; text?: unknown; error?: unknown };
    if (Array.isArray(o.richText)) return o.richText.map((t) => t.text).join('');
    if ('result' in o) return plain(o.result);
    if ('text' in o) return plain(o.text);
    if ('error' in o) return null;
  }
  return String(v);
}

// ExcelJS 4.4's streaming reader turns each inflated chunk of a worksheet and of the shared
// strings into text on its own (utils/parse-sax.js, browser-buffer-decode.js), so a Vietnamese
// letter whose UTF-8 bytes straddle two chunks becomes "\uFFFD\uFFFD" — in a list of a few
// thousand rows, some cell somewhere. Its private steps are wrapped here to hand it text decoded
// across chunk boundaries (its parser takes strings as they are). Checked by import.reader.test.ts.
type ExcelReaderSteps = {
  _parseSharedStrings(entry: NodeJS.ReadableStream): AsyncGenerator<unknown>;
  _parseWorksheet(chunks: AsyncIterable<unknown>, sheetNo: string): AsyncGenerator<unknown>;
};
const steps = ExcelJS.stream.xlsx.WorkbookReader.prototype as unknown as ExcelReaderSteps;
if (typeof steps._parseSharedStrings !== 'function' || typeof steps._parseWorksheet !== 'function') {
  throw new Error('exceljs: the streaming reader changed; review the UTF-8 fix in import.reader.ts');
}

/**
 * The worksheet's text decoded across chunks; its declared size (<dimension ref="A1:N1000010"/>,
 * near the top, written by Excel though not by every writer) noted on the meter on the way.
 */
async function* utf8Text(chunks: AsyncIterable<unknown>, meter: ReadMeter | undefined): AsyncGenerator<string> {
  const decoder = new TextDecoder('utf-8');
  let head = meter ? '' : null;
  for await (const c of chunks) {
    const text = typeof c === 'string' ? c : decoder.decode(c as Uint8Array, { stream: true });
    if (head !== null && meter) {
      head += text;
      const dim = /<dimension\s+ref="[A-Z]+\d+:[A-Z]+(\d+)"/.exec(head);
      if (dim) meter.totalRows = Number(dim[1]);
      if (dim || head.includes('<sheetData') || head.length > 4096) head = null;
    }
    yield text;
  }
  const rest = decoder.decode();
  if (rest !== '') yield rest;
}

/** The meter of a reader's reading (the wrapped steps see only the reader). */
const meters = new WeakMap<object, ReadMeter>();

const parseSharedStrings = steps._parseSharedStrings;
steps._parseSharedStrings = function (this: unknown, entry) {
  // A stream with an encoding emits whole characters.
  (entry as NodeJS.ReadableStream & { setEncoding(e: string): unknown }).setEncoding('utf8');
  return parseSharedStrings.call(this, entry);
};
const parseWorksheet = steps._parseWorksheet;
steps._parseWorksheet = function (this: object, chunks, sheetNo) {
  return parseWorksheet.call(this, utf8Text(chunks, meters.get(this)), sheetNo);
};

/**
 * The file fed to the unzipper in slices (a view, no copy), counting what it has taken: the
 * reader pulls as it parses, so the bytes taken measure how far into the worksheet it is.
 */
function* slices(bytes: Uint8Array, meter?: ReadMeter): Generator<Buffer> {
  const whole = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  for (let at = 0; at < whole.length; at += CHUNK) {
    if (meter) meter.bytesRead = at;
    yield whole.subarray(at, at + CHUNK);
  }
  if (meter) meter.bytesRead = whole.length;
}

async function* xlsxRows(bytes: Uint8Array, meter?: ReadMeter): AsyncGenerator<SheetRow> {
  // Styles are read so that date cells come out as dates, not day numbers (both are accepted).
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from(slices(bytes, meter), { objectMode: false }), {
    worksheets: 'emit',
    sharedStrings: 'cache',
    styles: 'cache',
    hyperlinks: 'ignore',
    entries: 'ignore',
  });
  if (meter) meters.set(reader, meter);
  for await (const sheet of reader) {
    let expected = 1;
    for await (const row of sheet) {
      if (meter) meter.rowsRead = row.number;
      // Rows the sheet does not store are empty rows: they keep their numbers.
      for (; expected < row.number; expected++) yield { n: expected, cells: [] };
      const values = row.values as unknown[];
      const cells: RawCell[] = [];
      for (let i = 1; i < values.length; i++) cells.push(plain(values[i]));
      yield { n: row.number, cells };
      expected = row.number + 1;
    }
    // Only the first worksheet holds the list.
    return;
  }
}

export function sheetRows(format: ImportFormat, bytes: Uint8Array, meter?: ReadMeter): AsyncGenerator<SheetRow> {
  return format === 'xlsx' ? xlsxRows(bytes, meter) : csvRows(bytes, meter);
}
