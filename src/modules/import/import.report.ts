import { PassThrough, type Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import type { HeaderLayout } from '../../domain/import/columns.js';
import type { ByteSource } from './byte-source.js';
import { sheetRows, type ImportFormat } from './import.reader.js';
import type { ImportProblem } from './import.schema.js';

// The dry run's report as the office reads it: their own file, row for row, with one more
// column that says what is wrong with each row (issue 6 item 3). Streamed out.

export const REPORT_COLUMN = 'Lỗi cần sửa';

export function reportWorkbook(format: ImportFormat, source: ByteSource, layout: HeaderLayout | null, problems: readonly ImportProblem[], onError: (e: unknown) => void): Readable {
  const byRow = new Map<number, string[]>();
  for (const p of problems) byRow.set(p.row, [...(byRow.get(p.row) ?? []), `${p.severity === 'warning' ? '(Lưu ý) ' : ''}${p.message}`]);
  const out = new PassThrough();
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  const ws = workbook.addWorksheet('Kết quả kiểm tra');
  const headerRow = layout ? layout.row + layout.rows : 0;
  const width = layout ? Math.max(...layout.columns.map((c) => c.index + 1), 1) : 1;
  const write = async () => {
    for await (const r of sheetRows(format, source)) {
      const row = ws.getRow(r.n);
      r.cells.forEach((v, i) => {
        if (v !== null && v !== undefined && v !== '') row.getCell(i + 1).value = v;
      });
      const errorCell = row.getCell(Math.max(width, r.cells.length) + 1);
      if (r.n === headerRow) {
        errorCell.value = REPORT_COLUMN;
        errorCell.font = { bold: true, color: { argb: 'FFC00000' } };
      } else if (byRow.has(r.n)) {
        errorCell.value = byRow.get(r.n)!.join('\n');
        errorCell.font = { color: { argb: 'FFC00000' } };
        errorCell.alignment = { wrapText: true, vertical: 'top' };
      }
      row.commit();
    }
    ws.commit();
    await workbook.commit();
  };
  write().catch((e: unknown) => {
    onError(e);
    out.destroy(e as Error);
  });
  return out;
}
