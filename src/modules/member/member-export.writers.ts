import { Readable } from 'node:stream';
import { CSV_BOM, csvLine } from '../../csv.js';
import { vnDateText, type ExportCell, type ExportColumn } from './member-export.layout.js';

// The file formats of a member list export (.csv here, .xlsx in member-export.xlsx.ts). Both take the rows as an async iterable of
// chunks and pull the next chunk only when the previous one has left for the client, so a
// million-row list goes out in flat memory whatever the speed of the client.

export interface Sheet {
  title: string[];
  columns: ExportColumn[];
  /** Rows of printed cells, chunk by chunk; STT already in place. */
  chunks: AsyncIterable<ExportCell[][]>;
}

const csvCell = (c: ExportCell): string | number | null => (c !== null && typeof c === 'object' ? vnDateText(c.date) : c);

/** UTF-8 with BOM: the title lines (padded to the width of the table), headers, then rows. */
export function csvStream(sheet: Sheet): Readable {
  const width = sheet.columns.length;
  const pad = (text: string) => [text, ...Array<null>(width - 1).fill(null)];
  async function* lines(): AsyncGenerator<string> {
    yield CSV_BOM + sheet.title.map((t) => csvLine(pad(t))).join('') + csvLine(pad('')) + csvLine(sheet.columns.map((c) => c.header));
    for await (const rows of sheet.chunks) yield rows.map((r) => csvLine(r.map(csvCell))).join('');
  }
  // Readable.from pulls from the generator only as the consumer reads: that is the backpressure.
  return Readable.from(lines(), { objectMode: false });
}
