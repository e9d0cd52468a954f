import { CsvRecords, detectDelimiter } from '../../domain/import/csv-records.js';
import { detectEncoding, hasUtf8Bom, textDecoder, type TextEncoding } from '../../domain/import/text-decoding.js';
import type { RawCell } from '../../domain/import/values.js';
import { xlsxRows } from './xlsx-rows.js';

// The rows of an uploaded file, streamed: an .xlsx's first worksheet inflated and scanned a
// chunk at a time (xlsx-rows.ts), a .csv decoded chunk by chunk in its detected encoding.
// Neither holds the parsed file in memory; rows come out one at a time with their 1-based row
// number in the file.

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

export function sheetRows(format: ImportFormat, bytes: Uint8Array, meter?: ReadMeter): AsyncGenerator<SheetRow> {
  return format === 'xlsx' ? xlsxRows(bytes, meter) : csvRows(bytes, meter);
}
