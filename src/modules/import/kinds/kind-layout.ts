import type { ColumnOverrides } from '../../../domain/import/columns.js';
import { HEADER_SEARCH_ROWS, isColumnNumberingRow } from '../../../domain/import/columns.js';
import { detectKindHeader, KIND_SPECS, type KindLayout } from '../../../domain/import/kind-columns.js';
import { cellText } from '../../../domain/import/values.js';
import { AppError } from '../../../errors.js';
import type { ByteSource } from '../byte-source.js';
import { headerWindow, headRows, previewRows } from '../import.head.js';
import { sheetRows, type ImportFormat, type ReadMeter, type SheetRow } from '../import.reader.js';

// The header of an org or target file and its data rows, through the member import's reader
// (encodings, .xlsx or .csv, title rows above the header). These files are small (a province
// has some thousands of orgs), so their rows are read whole.

export type OtherKind = keyof typeof KIND_SPECS;

const REQUIRED_LABEL: Record<OtherKind, string> = { orgs: 'Tên tổ chức', targets: 'Chỉ tiêu kết nạp' };

export async function readKindLayout(kind: OtherKind, format: ImportFormat, source: ByteSource, overrides: ColumnOverrides) {
  const head = await headRows(format, source);
  const layout = detectKindHeader(KIND_SPECS[kind], headerWindow(head), overrides);
  if (!layout) throw new AppError('IMPORT_NO_HEADER_KIND', { rows: HEADER_SEARCH_ROWS, column: REQUIRED_LABEL[kind] }, { field: 'body' });
  return { layout, preview: previewRows(head, layout) };
}

/** The rows under the header that hold anything, the column numbering row left out. */
export async function dataRows(format: ImportFormat, source: ByteSource, layout: KindLayout, meter?: ReadMeter): Promise<SheetRow[]> {
  const start = layout.row + layout.rows;
  const out: SheetRow[] = [];
  const used = layout.columns.filter((c) => c.field !== null && c.field !== 'rowNo');
  for await (const r of sheetRows(format, source, meter)) {
    if (r.n <= start) continue;
    if (r.n <= start + 1 && isColumnNumberingRow(r.cells)) continue;
    if (used.every((c) => cellText(r.cells[c.index]) === '')) continue;
    out.push(r);
  }
  return out;
}

/** The cell of a field in a row, and the column's header (for the problem's "column"). */
export function fieldCell(layout: KindLayout, row: SheetRow, field: string) {
  const c = layout.columns.find((x) => x.field === field);
  return c ? { cell: row.cells[c.index], header: c.header } : undefined;
}
