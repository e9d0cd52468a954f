import { PassThrough, Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { CSV_BOM, csvLine } from '../../csv.js';
import { vnDateText, type ExportCell, type ExportColumn } from './member-export.layout.js';

// The two file formats of a member list export. Both take the rows as an async iterable of
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

const THIN = { style: 'thin' as const };
const BORDER = { top: THIN, left: THIN, bottom: THIN, right: THIN };

/** Resolves when the stream has room again (or is gone): the next chunk waits for the client. */
function roomIn(out: PassThrough): Promise<void> {
  if (!out.writableNeedDrain || out.destroyed) return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => {
      out.off('drain', done);
      out.off('close', done);
      resolve();
    };
    out.on('drain', done);
    out.on('close', done);
  });
}

/**
 * An .xlsx workbook written row by row with ExcelJS's streaming writer: a merged title block,
 * a bold bordered header row frozen on screen, dates as real dates shown dd/mm/yyyy. Cells are
 * written as values, never formulas, so a text beginning with "=" stays text in Excel.
 */
export function xlsxStream(sheet: Sheet, onError: (e: unknown) => void): Readable {
  const out = new PassThrough();
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  const headerRow = sheet.title.length + 2;
  const ws = workbook.addWorksheet('Danh sách đảng viên', {
    views: [{ state: 'frozen', ySplit: headerRow }],
    pageSetup: { orientation: 'landscape', paperSize: 9, fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
  });
  ws.columns = sheet.columns.map((c) => ({ width: c.width }));
  const last = sheet.columns.length;

  const write = async () => {
    sheet.title.forEach((text, i) => {
      const row = ws.getRow(i + 1);
      row.getCell(1).value = text;
      row.font = { bold: true, size: i === 1 ? 14 : 12 };
      row.alignment = { horizontal: 'center' };
      ws.mergeCells(i + 1, 1, i + 1, last);
      row.commit();
    });
    const header = ws.getRow(headerRow);
    sheet.columns.forEach((c, i) => {
      const cell = header.getCell(i + 1);
      cell.value = c.header;
      cell.font = { bold: true };
      cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
      cell.border = BORDER;
    });
    header.commit();

    let n = headerRow;
    for await (const rows of sheet.chunks) {
      if (out.destroyed) break;
      for (const values of rows) {
        const row = ws.getRow(++n);
        values.forEach((v, i) => {
          const cell = row.getCell(i + 1);
          if (v !== null && typeof v === 'object') {
            cell.value = new Date(`${v.date}T00:00:00Z`);
            cell.numFmt = 'dd/mm/yyyy';
          } else {
            cell.value = v;
          }
          cell.border = BORDER;
        });
        row.commit();
      }
      // Let the zip stream take the rows just committed before judging whether there is room.
      await new Promise((resolve) => setImmediate(resolve));
      await roomIn(out);
    }
    // A client that went away gets no end of file; nothing is wrong on this side.
    if (out.destroyed) return;
    ws.commit();
    await workbook.commit();
  };
  write().catch((e: unknown) => {
    onError(e);
    out.destroy(e instanceof Error ? e : new Error(String(e)));
  });
  return out;
}
