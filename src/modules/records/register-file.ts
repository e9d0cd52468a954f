import type { Readable } from 'node:stream';
import type { ExportCell, ExportColumn } from '../member/member-export.layout.js';
import { EXPORT_CONTENT_TYPES } from '../member/member-export.schema.js';
import { xlsxStream } from '../member/member-export.xlsx.js';

// One register of R-REC-11 as an Excel file, with the member export's writer: a title, one row
// per entry numbered from 1. The caller reads the rows in scope and writes the audit row.

export interface RegisterColumn<T> {
  readonly header: string;
  readonly width: number;
  readonly value: (row: T, index: number) => ExportCell;
}

export const registerDate = (iso: string | null): ExportCell => (iso === null ? null : { date: iso });

/** "dd/mm/yyyy" of an ISO day, as the register's title prints it. */
export const viDate = (iso: string): string => iso.split('-').reverse().join('/');

export interface RegisterFile {
  filename: string;
  contentType: string;
  body: Readable;
}

export function registerFile<T>(o: { filename: string; title: string[]; columns: readonly RegisterColumn<T>[]; rows: readonly T[] }, onError: (e: unknown) => void): RegisterFile {
  const columns: ExportColumn[] = o.columns.map((c) => ({ header: c.header, width: c.width, field: null, value: () => null }));
  const rows = o.rows;
  const cols = o.columns;
  async function* chunks() {
    yield rows.map((r, i) => cols.map((c) => c.value(r, i + 1)));
  }
  return { filename: o.filename, contentType: EXPORT_CONTENT_TYPES.xlsx, body: xlsxStream({ title: o.title, columns, chunks: chunks() }, onError) };
}
