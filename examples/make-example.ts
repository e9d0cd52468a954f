// The sample member list of examples/ (issue 6 item 9), in the layout an office keeps: title
// rows, a two-row merged header in Vietnamese ("Ngày sinh" over Nam | Nữ, "Ngày vào Đảng" over
// Dự bị | Chính thức), a row numbering the columns, dates typed in several ways, and five bad
// rows. Deterministic; the tests build the same workbook (and its corrected version) from here.
//
//   npx tsx examples/make-example.ts     → examples/danh-sach-dang-vien.xlsx and
//                                          examples/danh-sach-dang-vien-tcvn3.csv

import { writeFile } from 'node:fs/promises';
import { fileURLToPath, pathToFileURL } from 'node:url';
import ExcelJS from 'exceljs';
import { encodeTcvn3 } from '../src/domain/import/text-decoding.js';

/** The orgs the sample's rows name: a commune's party committee and three grassroots cells. */
export const EXAMPLE_ORGS = {
  province: 'Đảng bộ tỉnh Thái Bình',
  commune: 'Đảng bộ xã Đông Hưng',
  cells: ['Chi bộ Thôn Đông', 'Chi bộ Thôn Tây', 'Chi bộ Trường Tiểu học Đông Hưng'],
} as const;

const FAMILY = ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Hoàng', 'Vũ', 'Đặng', 'Bùi', 'Đỗ', 'Hồ', 'Ngô', 'Dương'];
const MIDDLE_M = ['Văn', 'Đức', 'Minh', 'Quang', 'Hữu', 'Xuân'];
const MIDDLE_F = ['Thị', 'Thu', 'Ngọc', 'Thanh', 'Thị Thu', 'Mỹ'];
const GIVEN_M = ['Hùng', 'Dũng', 'Thắng', 'Cường', 'Tuấn', 'Quý', 'Hải', 'Long', 'Khánh', 'Lộc'];
const GIVEN_F = ['Hương', 'Lan', 'Hằng', 'Nguyệt', 'Thảo', 'Ánh', 'Yến', 'Huyền', 'Phượng', 'Trâm'];
const HOMETOWNS = ['Xã Đông Hưng, Thái Bình', 'Phường Trần Lãm, Thái Bình', 'Xã Vũ Thư, Thái Bình', 'Xã Kiến Xương, Thái Bình', 'Phường Kỳ Bá, Thái Bình'];
const THEORY = ['Sơ cấp', 'Trung cấp', 'Cao cấp', 'Cử nhân', 'Sơ cấp', ''];

export interface ExampleRow {
  name: string;
  sex: 'male' | 'female';
  birth: string | Date;
  ethnicity: string;
  religion: string;
  hometown: string;
  citizenId: string;
  admission: string | Date;
  official: string | Date | null;
  card: string;
  theory: string;
  cell: string;
  note: string;
}

const dmy = (y: number, m: number, d: number) => `${String(d).padStart(2, '0')}/${String(m).padStart(2, '0')}/${y}`;

/** Forty members; `fixed` corrects the five bad rows (rows 5, 12, 19, 26 and 33 of the list). */
export function exampleRows(fixed = false): ExampleRow[] {
  const rows: ExampleRow[] = [];
  for (let i = 0; i < 40; i++) {
    const female = i % 3 === 1;
    const y = 1955 + ((i * 7) % 45);
    const m = 1 + ((i * 5) % 12);
    const d = 1 + ((i * 11) % 28);
    const ay = Math.max(y + 20, 1985 + (i % 30));
    const am = 1 + ((i * 3) % 12);
    const probationary = i % 10 === 9;
    const name = `${FAMILY[i % FAMILY.length]} ${(female ? MIDDLE_F : MIDDLE_M)[i % 6]} ${(female ? GIVEN_F : GIVEN_M)[(i * 7) % 10]}`;
    rows.push({
      name,
      sex: female ? 'female' : 'male',
      // Dates as offices type them: a real date cell, text dd/mm/yyyy, or d/m/yy.
      birth: i % 4 === 0 ? new Date(Date.UTC(y, m - 1, d)) : i % 4 === 3 ? `${d}/${m}/${String(y).slice(2)}` : dmy(y, m, d),
      ethnicity: i % 9 === 4 ? 'Tày' : i % 13 === 6 ? 'Mường' : 'Kinh',
      religion: i % 11 === 7 ? 'Công giáo' : i % 8 === 5 ? 'Phật giáo' : 'Không',
      hometown: HOMETOWNS[i % HOMETOWNS.length]!,
      citizenId: `034${female ? '1' : '0'}${String(y).slice(2)}${String(100_001 + i * 37).padStart(6, '0')}`,
      admission: i % 5 === 2 ? `tháng ${am} năm ${ay}` : i % 5 === 4 ? new Date(Date.UTC(ay, am - 1, 19)) : dmy(ay, am, 19),
      official: probationary ? null : dmy(ay + 1, am, 19),
      card: String(72_000_100 + i * 13),
      theory: THEORY[i % THEORY.length]!,
      cell: EXAMPLE_ORGS.cells[i % 3]!,
      note: '',
    });
  }
  if (!fixed) {
    rows[4] = { ...rows[4]!, citizenId: '03407500123', note: 'Số CCCD thiếu một chữ số' };
    rows[11] = { ...rows[11]!, birth: '31/02/1980', note: 'Ngày sinh không tồn tại' };
    rows[18] = { ...rows[18]!, cell: 'Chi bộ Thôn Nam', note: 'Chi bộ không có trong đảng bộ' };
    rows[25] = { ...rows[25]!, citizenId: rows[2]!.citizenId, note: 'Trùng CCCD với dòng 3' };
    rows[32] = { ...rows[32]!, admission: '19/05/2020', official: '19/05/2018', note: 'Ngày chính thức trước ngày vào Đảng' };
  }
  return rows;
}

const THIN = { style: 'thin' as const };
const BORDER = { top: THIN, left: THIN, bottom: THIN, right: THIN };

/** The workbook, as a buffer. */
export async function exampleWorkbook(opts: { fixed?: boolean } = {}): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('DS đảng viên');
  ws.columns = [6, 24, 11, 11, 8, 10, 26, 15, 12, 12, 12, 12, 30, 22].map((width) => ({ width }));
  ws.mergeCells('A1:F1');
  ws.getCell('A1').value = EXAMPLE_ORGS.province.toLocaleUpperCase('vi');
  ws.mergeCells('A2:F2');
  ws.getCell('A2').value = `${EXAMPLE_ORGS.commune.toLocaleUpperCase('vi')}`;
  ws.mergeCells('H1:N1');
  ws.getCell('H1').value = 'ĐẢNG CỘNG SẢN VIỆT NAM';
  ws.mergeCells('A4:N4');
  ws.getCell('A4').value = 'DANH SÁCH ĐẢNG VIÊN';
  ws.mergeCells('A5:N5');
  ws.getCell('A5').value = '(Tính đến ngày 30 tháng 10 năm 2026)';
  for (const a of ['A1', 'A2', 'H1', 'A4', 'A5']) ws.getCell(a).font = { bold: true, size: a === 'A4' ? 14 : 12 };

  const top = ['STT', 'Họ và tên', 'Ngày sinh', '', 'Dân tộc', 'Tôn giáo', 'Quê quán', 'Số CCCD', 'Ngày vào Đảng', '', 'Số thẻ đảng viên', 'Trình độ LLCT', 'Chi bộ', 'Ghi chú'];
  const sub = ['', '', 'Nam', 'Nữ', '', '', '', '', 'Dự bị', 'Chính thức', '', '', '', ''];
  ws.getRow(7).values = top;
  ws.getRow(8).values = sub;
  ws.mergeCells('C7:D7');
  ws.mergeCells('I7:J7');
  for (const c of ['A', 'B', 'E', 'F', 'G', 'H', 'K', 'L', 'M', 'N']) ws.mergeCells(`${c}7:${c}8`);
  ws.getRow(9).values = top.map((_, i) => `(${i + 1})`);
  for (const r of [7, 8, 9]) {
    ws.getRow(r).eachCell({ includeEmpty: true }, (cell) => {
      cell.font = { bold: r !== 9, italic: r === 9 };
      cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
      cell.border = BORDER;
    });
  }
  exampleRows(opts.fixed).forEach((m, i) => {
    const row = ws.getRow(10 + i);
    row.values = [
      i + 1,
      m.name,
      m.sex === 'male' ? m.birth : null,
      m.sex === 'female' ? m.birth : null,
      m.ethnicity,
      m.religion,
      m.hometown,
      m.citizenId,
      m.admission,
      m.official,
      m.card,
      m.theory,
      m.cell,
      m.note || null,
    ];
    for (const c of [3, 4, 9, 10]) if (row.getCell(c).value instanceof Date) row.getCell(c).numFmt = 'dd/mm/yyyy';
    row.eachCell({ includeEmpty: true }, (cell) => (cell.border = BORDER));
  });
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** The same list as a CSV in the legacy TCVN3 (ABC) encoding, one-row header, dates as text. */
export function exampleTcvn3Csv(opts: { fixed?: boolean } = {}): Uint8Array {
  const date = (v: string | Date | null) => (v instanceof Date ? dmy(v.getUTCFullYear(), v.getUTCMonth() + 1, v.getUTCDate()) : (v ?? ''));
  // TCVN3 has no upper-case toned letters: capitals are written as the ABC fonts' users did.
  const lines = [
    ['STT', 'Ho va ten', 'Gioi tinh', 'Ngay sinh', 'Dân tộc', 'Quê quán', 'Số CCCD', 'Ngày vào Đảng', 'Ngày chính thức', 'Chi bộ'],
    ...exampleRows(opts.fixed).map((m, i) => [
      String(i + 1),
      m.name,
      m.sex === 'male' ? 'Nam' : 'Nữ',
      date(m.birth),
      m.ethnicity,
      m.hometown,
      m.citizenId,
      date(m.admission),
      date(m.official),
      m.cell,
    ]),
  ];
  const text = lines.map((l) => l.map((f) => (/[",]/.test(f) ? `"${f.replaceAll('"', '""')}"` : f)).join(',')).join('\r\n') + '\r\n';
  return encodeTcvn3(text.replace(/Ánh/g, 'ánh'));
}

async function main() {
  const dir = fileURLToPath(new URL('.', import.meta.url));
  await writeFile(`${dir}danh-sach-dang-vien.xlsx`, await exampleWorkbook());
  await writeFile(`${dir}danh-sach-dang-vien-tcvn3.csv`, exampleTcvn3Csv());
  console.log(`Đã ghi ${dir}danh-sach-dang-vien.xlsx và danh-sach-dang-vien-tcvn3.csv`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await main();
