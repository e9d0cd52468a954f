import { HEADER_SEARCH_ROWS, isColumnNumberingRow, isEmptyRow } from '../../domain/import/columns.js';
import { cellText } from '../../domain/import/values.js';
import type { ByteSource } from './byte-source.js';
import { sheetRows, type ImportFormat, type SheetRow } from './import.reader.js';

// The top of an uploaded file, for every kind of import: enough rows to find the header (it may
// sit under title rows) and to preview the first data rows on the mapping screen.

/** The first rows of the file: the header search window and five rows more. */
export async function headRows(format: ImportFormat, source: ByteSource): Promise<SheetRow[]> {
  const head: SheetRow[] = [];
  const rows = sheetRows(format, source);
  for await (const r of rows) {
    head.push(r);
    if (head.length >= HEADER_SEARCH_ROWS + 5) break;
  }
  await rows.return(undefined);
  return head;
}

/** The rows of the header search window, as cells. */
export const headerWindow = (head: readonly SheetRow[]) => head.slice(0, HEADER_SEARCH_ROWS).map((r) => r.cells);

/** Up to five data rows under the header (blank rows and the column numbering row left out), as text per mapped column. */
export function previewRows(head: readonly SheetRow[], layout: { row: number; rows: number; columns: readonly { index: number }[] }): string[][] {
  return head
    .slice(layout.row + layout.rows)
    .filter((r) => !isEmptyRow(r.cells) && !isColumnNumberingRow(r.cells))
    .slice(0, 5)
    .map((r) => layout.columns.map((c) => cellText(r.cells[c.index])));
}
