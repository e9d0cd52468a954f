import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { exportColumns, type ExportCell } from './member-export.layout.js';
import { EXCEL_MAX_ROWS, excelDate, sheetName, xlsxStream, xmlText } from './member-export.xlsx.js';

// The .xlsx writer alone, on rows made here (the export's own tests read files made from the
// database on both engines). Read back with ExcelJS, as Excel would show the cells.

const columns = exportColumns(true);
const TITLE = ['ĐẢNG BỘ XÃ ĐÔNG HƯNG', 'DANH SÁCH ĐẢNG VIÊN', '(Tính đến ngày 20/11/2026)'];
const NAMES = ['Nguyễn Thị Hương', 'Đặng Văn Ưng', 'Phạm Ỷ Lan', 'Trần Quốc Tuấn', 'Lê Thị Ngọc Ánh'];
const ROWS = 2_500;

/** Row i of the list: the name, dates, empty and awkward cells, in the export's 18 columns. */
function row(i: number): ExportCell[] {
  const awkward = ['=HYPERLINK("http://x.example","bấm")', '+84 912 345 678', 'A & B <c> "d"', '  hai đầu  ', 'mã _x0041_ giữ nguyên'];
  return columns.map((c, j) => {
    if (j === 0) return i + 1;
    if (c.header === 'Họ và tên') return `${NAMES[i % NAMES.length]} ${i}`;
    if (c.header === 'Ngày sinh') return { date: `19${50 + (i % 50)}-0${1 + (i % 9)}-1${i % 10}` };
    if (c.header === 'Ngày chính thức') return i % 3 === 0 ? null : { date: '2000-02-29' };
    if (c.header === 'Nghề nghiệp') return awkward[i % awkward.length]!;
    if (c.header === 'Chức vụ') return i % 2 === 0 ? null : `Bí thư chi bộ\u0007 ${i}`;
    return c.header === 'Chi bộ' ? 'Chi bộ Thôn Đông' : `${c.header} ${i % 4}`;
  });
}

async function* chunks(size: number): AsyncGenerator<ExportCell[][]> {
  for (let at = 0; at < ROWS; at += size) yield Array.from({ length: Math.min(size, ROWS - at) }, (_, k) => row(at + k));
}

async function workbook(chunkSize: number, maxRows?: number, rows = ROWS): Promise<ExcelJS.Workbook> {
  async function* some(): AsyncGenerator<ExportCell[][]> {
    for await (const c of chunks(chunkSize)) {
      const left = rows - (c[0]![0] as number) + 1;
      if (left <= 0) return;
      yield c.slice(0, left);
    }
  }
  const body = xlsxStream({ title: TITLE, columns, chunks: some() }, (e) => {
    throw e;
  }, { maxRows });
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.concat(await body.toArray()) as unknown as ArrayBuffer);
  return wb;
}

const written = async (chunkSize: number) => (await workbook(chunkSize)).worksheets[0]!;

describe('member list .xlsx writer', () => {
  it('writes every row of many chunks back as given: text, numbers, real dates, empty cells', async () => {
    const ws = await written(7);
    expect(ws.name).toBe('Danh sách đảng viên');
    expect(ws.rowCount).toBe(TITLE.length + 2 + ROWS);
    for (let i = 0; i < ROWS; i++) {
      const cells = ws.getRow(TITLE.length + 3 + i);
      row(i).forEach((v, j) => {
        const cell = cells.getCell(j + 1);
        if (v !== null && typeof v === 'object') {
          expect(cell.value, `${i}:${j}`).toEqual(new Date(`${v.date}T00:00:00Z`));
          expect(cell.numFmt).toBe('dd/mm/yyyy');
        } else if (typeof v === 'string') {
          // Characters XML cannot carry are dropped; everything else arrives, a formula as text.
          // (ExcelJS does not undo Excel's "_xHHHH_" escape, which Excel itself reads back.)
          expect(cell.value, `${i}:${j}`).toBe(v.replace('\u0007', '').replace('_x0041_', '_x005F_x0041_'));
          expect(cell.type).toBe(ExcelJS.ValueType.String);
        } else {
          expect(cell.value ?? null, `${i}:${j}`).toBe(v);
        }
        expect(cell.border?.left?.style, `${i}:${j}`).toBe('thin');
      });
    }
  });

  it('keeps the layout: merged title block, bold bordered header frozen on screen, column widths', async () => {
    const ws = await written(500);
    expect([1, 2, 3].map((r) => ws.getRow(r).getCell(1).value)).toEqual(TITLE);
    expect(ws.model.merges).toEqual(['A1:R1', 'A2:R2', 'A3:R3']);
    expect(ws.getRow(2).getCell(1).font).toMatchObject({ bold: true, size: 14 });
    expect(ws.getRow(1).getCell(1).alignment).toMatchObject({ horizontal: 'center' });
    const header = ws.getRow(5);
    expect(columns.map((_, j) => header.getCell(j + 1).value)).toEqual(columns.map((c) => c.header));
    expect(header.getCell(2).font).toMatchObject({ bold: true });
    expect(header.getCell(2).border).toMatchObject({ top: { style: 'thin' }, bottom: { style: 'thin' } });
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 5, topLeftCell: 'A6' });
    expect(ws.columns.map((c) => c.width)).toEqual(columns.map((c) => c.width));
    expect(ws.pageSetup).toMatchObject({ orientation: 'landscape', paperSize: 9, fitToWidth: 1, fitToHeight: 0 });
  });

  it('writes a list with no one on it as a valid file with its headers', async () => {
    async function* none(): AsyncGenerator<ExportCell[][]> {}
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.concat(await xlsxStream({ title: TITLE, columns, chunks: none() }, () => {}).toArray()) as unknown as ArrayBuffer);
    expect(wb.worksheets[0]!.rowCount).toBe(5);
  });

  it('continues a list longer than a worksheet on further worksheets, each with the title and header, the rows in order', async () => {
    const maxRows = 100;
    const perSheet = maxRows - (TITLE.length + 2);
    const wb = await workbook(40, maxRows);
    const sheets = Math.ceil(ROWS / perSheet);
    expect(wb.worksheets.map((w) => w.name)).toEqual(Array.from({ length: sheets }, (_, i) => sheetName(i + 1, sheets)));
    expect(wb.worksheets[1]!.name).toBe('Danh sách đảng viên - phần 2');
    let next = 1;
    for (const ws of wb.worksheets) {
      expect([1, 2, 3].map((r) => ws.getRow(r).getCell(1).value)).toEqual(TITLE);
      expect(columns.map((_, j) => ws.getRow(5).getCell(j + 1).value)).toEqual(columns.map((c) => c.header));
      expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 5 });
      expect(ws.rowCount).toBeLessThanOrEqual(maxRows);
      for (let r = 6; r <= ws.rowCount; r++) {
        // The STT runs on across worksheets, and each row is the one given, whole.
        expect(ws.getRow(r).getCell(1).value).toBe(next);
        expect(ws.getRow(r).getCell(2).value).toBe(row(next - 1)[1]);
        next++;
      }
    }
    expect(next - 1).toBe(ROWS);
    expect(wb.worksheets.at(-1)!.rowCount).toBe(5 + (ROWS - (sheets - 1) * perSheet));
  });

  it('opens no empty worksheet when the rows fill the last one exactly, and keeps one worksheet under the limit', async () => {
    const perSheet = 100 - (TITLE.length + 2);
    const full = await workbook(30, 100, 2 * perSheet);
    expect(full.worksheets.map((w) => w.rowCount)).toEqual([100, 100]);
    const one = await workbook(30, 100, perSheet - 1);
    expect(one.worksheets.map((w) => w.name)).toEqual(['Danh sách đảng viên']);
    expect(EXCEL_MAX_ROWS).toBe(2 ** 20);
  });

  it('escapes text for XML and for Excel, and counts dates in Excel serial days', () => {
    expect(xmlText('Nguyễn Văn A')).toBe('Nguyễn Văn A');
    expect(xmlText('a<b>&c')).toBe('a&lt;b&gt;&amp;c');
    expect(xmlText('x\u0000y\u001Fz\uFFFE')).toBe('xyz');
    expect(xmlText('tab\tline\nreturn\r')).toBe('tab\tline\nreturn\r');
    expect(xmlText('_x000D_ and _xABCD_')).toBe('_x005F_x000D_ and _x005F_xABCD_');
    expect(xmlText('_x12 and x_')).toBe('_x12 and x_');
    expect(excelDate('1970-01-01')).toBe(25569);
    expect(excelDate('1900-03-01')).toBe(61);
    expect(excelDate('2026-11-20')).toBe(46346);
  });
});
