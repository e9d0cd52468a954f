// The sample org and admission-target files of examples/ (issue 6 item 6), in an office's
// layout: title rows above the header, a row numbering the columns, Vietnamese headers, and a
// few bad rows. Deterministic; the tests build the same files (and their corrected versions)
// from here. They fit the tree of the member sample: "Đảng bộ xã Đông Hưng" (code XA-DH) with
// its cells DH-CB1, DH-CB2 and DH-CB3.
//
//   npx tsx examples/make-kind-examples.ts  → examples/to-chuc-dang.xlsx,
//                                             examples/to-chuc-dang-thut-le.csv,
//                                             examples/chi-tieu-ket-nap.xlsx

import { writeFile } from 'node:fs/promises';
import { fileURLToPath, pathToFileURL } from 'node:url';
import ExcelJS from 'exceljs';

export const KIND_EXAMPLE_ROOT = { code: 'XA-DH', name: 'Đảng bộ xã Đông Hưng' } as const;

export interface OrgExampleRow {
  code: string;
  name: string;
  parent: string;
  type: string;
  kind: string;
  founded: string;
  note: string;
}

/**
 * Eleven orgs; the first data row (sheet row 8) is list row 1. Unfixed, rows 8, 9, 10 and 11
 * of the list are bad: an unknown parent code, a code used twice in the file, a date that does
 * not exist, and a chi bộ cơ sở put under another chi bộ cơ sở (R-ORG-03).
 */
export function orgExampleRows(fixed = false): OrgExampleRow[] {
  const row = (code: string, name: string, parent: string, type = '', kind = '', founded = '', note = ''): OrgExampleRow => ({ code, name, parent, type, kind, founded, note });
  return [
    row('DH-DB1', 'Đảng bộ Công ty May Đông Hưng', 'XA-DH', 'Đảng bộ cơ sở', 'Doanh nghiệp ngoài nhà nước', '15/03/2010'),
    row('DH-DB1-CB1', 'Chi bộ Phân xưởng 1', 'DH-DB1', 'Chi bộ', '', '20/03/2010'),
    row('DH-DB1-CB2', 'Chi bộ Phân xưởng 2', 'DH-DB1', 'Chi bộ', '', '20/03/2010'),
    row('DH-DB1-CB3', 'Chi bộ Văn phòng Công ty', 'DH-DB1', '', '', '20/03/2010', 'loại suy từ tên'),
    row('DH-CB4', 'Chi bộ Thôn Bắc', 'XA-DH', 'Chi bộ cơ sở', 'Thôn, tổ dân phố', '02/09/2008'),
    row('DH-CB4-T1', 'Tổ đảng Xóm 1', 'DH-CB4', 'Tổ đảng', '', '02/09/2010'),
    row('DH-CB1', 'Chi bộ Thôn Đông', 'XA-DH', 'Chi bộ cơ sở', '', '', 'đã có, không đổi'),
    fixed ? row('DH-CB5', 'Chi bộ Thôn Nam', 'XA-DH', 'Chi bộ cơ sở') : row('DH-CB5', 'Chi bộ Thôn Nam', 'DH-XX', 'Chi bộ cơ sở'),
    fixed ? row('DH-DB1-CB4', 'Chi bộ Phân xưởng 3', 'DH-DB1', 'Chi bộ') : row('DH-DB1-CB1', 'Chi bộ Phân xưởng 3', 'DH-DB1', 'Chi bộ'),
    row('DH-CB6', 'Chi bộ Trạm Y tế xã', 'XA-DH', 'Chi bộ cơ sở', 'Đơn vị sự nghiệp', fixed ? '28/02/2015' : '31/02/2015'),
    row('DH-CB7', 'Chi bộ Bưu điện xã', fixed ? 'XA-DH' : 'DH-CB4', 'Chi bộ cơ sở'),
  ];
}

const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFD9E1F2' } };

function titleRows(ws: ExcelJS.Worksheet, title: string, width: number) {
  ws.addRow(['ĐẢNG BỘ TỈNH THÁI BÌNH']);
  ws.addRow([KIND_EXAMPLE_ROOT.name.toUpperCase()]);
  ws.addRow([]);
  ws.addRow([title]);
  ws.mergeCells(4, 1, 4, width);
  ws.getCell(4, 1).font = { bold: true, size: 14 };
  ws.getCell(4, 1).alignment = { horizontal: 'center' };
  ws.addRow([]);
}

/** The org list: header on sheet row 6, column numbers on row 7, data from row 8. */
export async function orgExampleWorkbook(opts: { fixed?: boolean } = {}): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Tổ chức đảng');
  const header = ['STT', 'Mã tổ chức', 'Tên tổ chức đảng', 'Mã cấp trên', 'Loại tổ chức', 'Loại hình', 'Ngày thành lập', 'Ghi chú'];
  titleRows(ws, 'DANH SÁCH TỔ CHỨC ĐẢNG TRỰC THUỘC', header.length);
  ws.addRow(header).eachCell((c) => {
    c.font = { bold: true };
    c.fill = HEADER_FILL;
  });
  ws.addRow(header.map((_, i) => `(${i + 1})`));
  orgExampleRows(opts.fixed).forEach((r, i) => ws.addRow([i + 1, r.code, r.name, r.parent, r.type, r.kind, r.founded, r.note]));
  ws.columns.forEach((c, i) => (c.width = [5, 14, 34, 14, 16, 26, 15, 18][i]));
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** A tree by numbering in one name column, no codes (they are made from the parent's code). */
export function orgIndentedCsv(): string {
  return [
    'Danh sách tổ chức đảng (theo cấp)',
    '',
    'STT;Tên tổ chức đảng;Loại hình;Ngày thành lập',
    '1;1. Đảng bộ Trường THCS Đông Hưng;Đơn vị sự nghiệp;01/09/2012',
    '2;1.1. Chi bộ Giáo viên;;01/09/2012',
    '3;1.2. Chi bộ Hành chính;;01/09/2012',
    '4;2. Chi bộ Thôn Tây Nam;Thôn;05/05/2000',
    '5;2.1. Tổ đảng Xóm Trại;;05/05/2001',
    '',
  ].join('\r\n');
}

export interface TargetExampleRow {
  code: string;
  name: string;
  year: string | number;
  target: string | number;
  note: string;
}

/**
 * Eight targets; data from sheet row 9 (list row 1). Unfixed, list rows 5 to 8 are bad: an
 * unknown code, the same org and year twice, a year of two digits, a number that is not one.
 */
export function targetExampleRows(fixed = false): TargetExampleRow[] {
  const row = (code: string, name: string, year: string | number, target: string | number, note = ''): TargetExampleRow => ({ code, name, year, target, note });
  return [
    row('XA-DH', KIND_EXAMPLE_ROOT.name, 2026, 8, 'chỉ tiêu của cả đảng bộ'),
    row('DH-CB1', 'Chi bộ Thôn Đông', 2026, 3),
    row('DH-CB2', 'Chi bộ Thôn Tây', 2026, 2),
    row('', 'Chi bộ Trường Tiểu học Đông Hưng', 2026, 1, 'ghi theo tên'),
    fixed ? row('DH-CB1', 'Chi bộ Thôn Đông', 2025, 2) : row('DH-CB9', 'Chi bộ không có', 2026, 1),
    fixed ? row('DH-CB2', 'Chi bộ Thôn Tây', 2025, 1) : row('DH-CB1', 'Chi bộ Thôn Đông', 2026, 4),
    row('DH-CB3', 'Chi bộ Trường Tiểu học Đông Hưng', fixed ? 2025 : '25', 1),
    row('XA-DH', KIND_EXAMPLE_ROOT.name, 2025, fixed ? 6 : 'sáu'),
  ];
}

/** Targets under a two-row header: "Tổ chức đảng" merged over "Mã" | "Tên"; header rows 6–7. */
export async function targetExampleWorkbook(opts: { fixed?: boolean } = {}): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Chỉ tiêu');
  titleRows(ws, 'CHỈ TIÊU KẾT NẠP ĐẢNG VIÊN', 6);
  ws.addRow(['STT', 'Tổ chức đảng', '', 'Năm', 'Chỉ tiêu kết nạp', 'Ghi chú']);
  ws.addRow(['', 'Mã', 'Tên', '', '', '']);
  ws.mergeCells(6, 2, 6, 3);
  for (const c of [1, 4, 5, 6]) ws.mergeCells(6, c, 7, c);
  for (const r of [6, 7]) ws.getRow(r).eachCell((c) => {
    c.font = { bold: true };
    c.fill = HEADER_FILL;
  });
  ws.addRow(['(1)', '(2)', '(3)', '(4)', '(5)', '(6)']);
  targetExampleRows(opts.fixed).forEach((r, i) => ws.addRow([i + 1, r.code, r.name, r.year, r.target, r.note]));
  ws.columns.forEach((c, i) => (c.width = [5, 12, 34, 8, 16, 26][i]));
  return Buffer.from(await wb.xlsx.writeBuffer());
}

async function main() {
  const dir = fileURLToPath(new URL('.', import.meta.url));
  await writeFile(`${dir}to-chuc-dang.xlsx`, await orgExampleWorkbook());
  await writeFile(`${dir}to-chuc-dang-thut-le.csv`, orgIndentedCsv());
  await writeFile(`${dir}chi-tieu-ket-nap.xlsx`, await targetExampleWorkbook());
  console.log('examples/to-chuc-dang.xlsx, examples/to-chuc-dang-thut-le.csv, examples/chi-tieu-ket-nap.xlsx');
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await main();
