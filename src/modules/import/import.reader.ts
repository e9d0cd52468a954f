import { CsvRecords, detectDelimiter } from '../../domain/import/csv-records.js';
import { detectEncoding, hasUtf8Bom, textDecoder, type TextEncoding } from '../../domain/import/text-decoding.js';
import type { RawCell } from '../../domain/import/values.js';
import { slices, type ByteSource } from './byte-source.js';
import { xlsxRows } from './xlsx-rows.js';

// The rows of an uploaded file, streamed from its source (byte-source.ts): an .xlsx's first
// worksheet inflated and scanned a chunk at a time (xlsx-rows.ts), a .csv decoded chunk by chunk
// in its detected encoding. Neither holds the file, nor its parsed rows, in memory; rows come
// out one at a time with their 1-based row number in the file.

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
export async function formatOf(source: ByteSource): Promise<ImportFormat> {
  const b = await source.read(0, 4);
  return b[0] === 0x50 && b[1] === 0x4b && b[2] === 0x03 && b[3] === 0x04 ? 'xlsx' : 'csv';
}

const CHUNK = 64 * 1024;

/** The encoding of a .csv, told from its first CHUNK bytes. */
export async function csvEncoding(source: ByteSource): Promise<TextEncoding> {
  return detectEncoding(await source.read(0, CHUNK), { truncated: source.size > CHUNK });
}

async function* csvRows(source: ByteSource, meter?: ReadMeter): AsyncGenerator<SheetRow> {
  const decoder = textDecoder(await csvEncoding(source));
  const from = hasUtf8Bom(await source.read(0, 3)) ? 3 : 0;
  const chunks = slices(source, from, CHUNK);
  const head = await chunks.next();
  const first = decoder.write(head.done ? new Uint8Array() : head.value.bytes);
  const parser = new CsvRecords(detectDelimiter(first));
  let n = 0;
  for (const r of parser.push(first)) yield { n: ++n, cells: r };
  for await (const { at, bytes } of chunks) {
    if (meter) meter.bytesRead = at;
    for (const r of parser.push(decoder.write(bytes))) yield { n: ++n, cells: r };
  }
  if (meter) meter.bytesRead = source.size;
  for (const r of parser.push(decoder.end())) yield { n: ++n, cells: r };
  for (const r of parser.end()) yield { n: ++n, cells: r };
}

export function sheetRows(format: ImportFormat, source: ByteSource, meter?: ReadMeter): AsyncGenerator<SheetRow> {
  return format === 'xlsx' ? xlsxRows(source, meter) : csvRows(source, meter);
}
