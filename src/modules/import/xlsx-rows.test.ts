import zlib from 'node:zlib';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import type { RawCell } from '../../domain/import/values.js';
import { isDateFormat } from './xlsx-parts.js';
import { xlsxRows } from './xlsx-rows.js';
import { excelText, SheetScanner, type ScannedRow } from './xlsx-sheet-scan.js';
import { memorySource } from './byte-source.js';

// The .xlsx row reader: workbooks as ExcelJS writes them, and hand-made ones for what it does
// not write (cells without r, namespace prefixes, inline strings, stored entries, zip64).

async function rowsOf(bytes: Uint8Array): Promise<[number, RawCell[]][]> {
  const out: [number, RawCell[]][] = [];
  for await (const r of xlsxRows(memorySource(bytes))) out.push([r.n, r.cells]);
  return out;
}

const day = (y: number, m: number, d: number) => new Date(Date.UTC(y, m - 1, d));

/** A zip archive, written here so that stored entries and zip64 records can be made on purpose. */
function zip(files: Record<string, string>, opts: { stored?: boolean; zip64?: boolean } = {}): Uint8Array {
  const enc = new TextEncoder();
  const parts: Buffer[] = [];
  const central: Buffer[] = [];
  let at = 0;
  for (const [name, text] of Object.entries(files)) {
    const raw = enc.encode(text);
    const data = opts.stored ? Buffer.from(raw) : zlib.deflateRawSync(raw);
    const n = Buffer.from(name);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6);
    local.writeUInt16LE(opts.stored ? 0 : 8, 8);
    local.writeUInt32LE(zlib.crc32(raw), 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(raw.length, 22);
    local.writeUInt16LE(n.length, 26);
    const c = Buffer.alloc(46);
    c.writeUInt32LE(0x02014b50, 0);
    c.writeUInt16LE(45, 4);
    c.writeUInt16LE(20, 6);
    c.writeUInt16LE(0x0800, 8);
    c.writeUInt16LE(opts.stored ? 0 : 8, 10);
    c.writeUInt32LE(zlib.crc32(raw), 16);
    c.writeUInt32LE(data.length, 20);
    c.writeUInt32LE(raw.length, 24);
    c.writeUInt16LE(n.length, 28);
    let extra = Buffer.alloc(0);
    if (opts.zip64) {
      // The offset moved to the zip64 extra field, as a writer does past 4 GiB.
      c.writeUInt32LE(0xffffffff, 42);
      extra = Buffer.alloc(12);
      extra.writeUInt16LE(1, 0);
      extra.writeUInt16LE(8, 2);
      extra.writeBigUInt64LE(BigInt(at), 4);
    } else c.writeUInt32LE(at, 42);
    c.writeUInt16LE(extra.length, 30);
    parts.push(local, n, data);
    central.push(c, n, extra);
    at += 30 + n.length + data.length;
  }
  const cd = Buffer.concat(central);
  const count = Object.keys(files).length;
  const tail: Buffer[] = [];
  if (opts.zip64) {
    const rec = Buffer.alloc(56);
    rec.writeUInt32LE(0x06064b50, 0);
    rec.writeBigUInt64LE(44n, 4);
    rec.writeBigUInt64LE(BigInt(count), 24);
    rec.writeBigUInt64LE(BigInt(count), 32);
    rec.writeBigUInt64LE(BigInt(cd.length), 40);
    rec.writeBigUInt64LE(BigInt(at), 48);
    const loc = Buffer.alloc(20);
    loc.writeUInt32LE(0x07064b50, 0);
    loc.writeBigUInt64LE(BigInt(at + cd.length), 8);
    loc.writeUInt32LE(1, 16);
    tail.push(rec, loc);
  }
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(opts.zip64 ? 0xffff : count, 8);
  end.writeUInt16LE(opts.zip64 ? 0xffff : count, 10);
  end.writeUInt32LE(opts.zip64 ? 0xffffffff : cd.length, 12);
  end.writeUInt32LE(opts.zip64 ? 0xffffffff : at, 16);
  return new Uint8Array(Buffer.concat([...parts, cd, ...tail, end]));
}

const NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const RELS_NS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const TYPE = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

/** A minimal workbook: its first sheet (in workbook order) is xl/worksheets/ds.xml, the second sheet1.xml. */
function handMade(sheet: string, more: { shared?: string; styles?: string; workbookPr?: string } = {}): Record<string, string> {
  const rel = (id: string, type: string, target: string) => `<Relationship Id="${id}" Type="${TYPE}/${type}" Target="${target}"/>`;
  return {
    '[Content_Types].xml': '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>',
    '_rels/.rels': `<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${rel('rId1', 'officeDocument', 'xl/workbook.xml')}</Relationships>`,
    'xl/workbook.xml': `<?xml version="1.0"?><x:workbook xmlns:x="${NS}" xmlns:rel="${RELS_NS}">${more.workbookPr ?? ''}<x:sheets><x:sheet name="DS" sheetId="2" rel:id="rId7"/><x:sheet name="Khác" sheetId="1" rel:id="rId1"/></x:sheets></x:workbook>`,
    'xl/_rels/workbook.xml.rels': `<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${rel('rId1', 'worksheet', 'worksheets/sheet1.xml')}${rel('rId7', 'worksheet', '/xl/worksheets/ds.xml')}${more.shared ? rel('rId3', 'sharedStrings', 'strings.xml') : ''}${more.styles ? rel('rId4', 'styles', 'styles.xml') : ''}</Relationships>`,
    'xl/worksheets/sheet1.xml': `<worksheet xmlns="${NS}"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>không phải trang này</t></is></c></row></sheetData></worksheet>`,
    'xl/worksheets/ds.xml': sheet,
    ...(more.shared ? { 'xl/strings.xml': more.shared } : {}),
    ...(more.styles ? { 'xl/styles.xml': more.styles } : {}),
  };
}

const PREFIXED = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<x:worksheet xmlns:x="${NS}"><x:dimension ref="A1:D4"/><x:sheetData>
<x:row><x:c t="inlineStr"><x:is><x:t xml:space="preserve"> Họ &amp; tên </x:t></x:is></x:c><x:c t="inlineStr"><x:is><x:r><x:t>Chi </x:t></x:r><x:r><x:rPr><x:b/></x:rPr><x:t>bộ</x:t></x:r><x:rPh sb="0" eb="1"><x:t>チブ</x:t></x:rPh></x:is></x:c></x:row>
<x:row><x:c><x:v>42</x:v></x:c><x:c t="b"><x:v>1</x:v></x:c><x:c t="e"><x:v>#N/A</x:v></x:c><x:c t="str"><x:f>A2&amp;"x"</x:f><x:v>42x</x:v></x:c></x:row>
<!-- a comment, <row> inside it is not a row -->
<x:row r="4" spans="1:3"><x:c r="C4" t="inlineStr"><x:is><x:t><![CDATA[a <b> & c]]></x:t></x:is></x:c><x:c t="inlineStr"><x:is><x:t>&#7899;&#x1EA1;&lt;&gt;&quot;&apos; dòng 1&#13;
dòng 2
dòng 3</x:t></x:is></x:c></x:row>
<x:row r="5" attr='say "x>y"'/>
</x:sheetData><x:mergeCells count="1"><x:mergeCell ref="A1:B1"/></x:mergeCells></x:worksheet>`;

const PREFIXED_ROWS: [number, RawCell[]][] = [
  [1, [' Họ & tên ', 'Chi bộ']],
  [2, [42, true, null, '42x']],
  [3, []],
  [4, [null, null, 'a <b> & c', 'ớạ<>"\' dòng 1\r\ndòng 2\ndòng 3']],
  [5, []],
];

describe('xlsx rows', () => {
  it('reads a workbook as ExcelJS writes it: the first sheet in workbook order, styles, dates, rich text, formulas, gaps', async () => {
    for (const shared of [true, false]) {
      const wb = new ExcelJS.Workbook();
      wb.addWorksheet('Ghi chú').addRow(['không phải trang này']);
      const ws = wb.addWorksheet('DS đảng viên');
      // Second added, first in order: it is written as sheet2.xml.
      (ws as ExcelJS.Worksheet & { orderNo: number }).orderNo = 0;
      ws.getCell('A1').value = 'DANH SÁCH ĐẢNG VIÊN';
      ws.mergeCells('A1:D1');
      ws.getRow(3).values = ['STT', 'Họ và tên', 'Ngày sinh', 'Đảng viên', 'Hệ số', 'Tổ', 'Ghi chú', 'Lỗi', 'Giờ', 'Thời lượng'];
      ws.getRow(4).values = [
        1,
        'Nguyễn Thị Hương',
        day(1975, 3, 5),
        true,
        { formula: 'A4*2.5', result: 2.5 },
        { richText: [{ text: 'Tổ ' }, { text: 'Một', font: { bold: true } }] },
        { formula: 'B4&"!"', result: 'Nguyễn Thị Hương!' },
        { error: '#N/A' },
        0.5,
        1.25,
      ];
      ws.getCell('C4').numFmt = 'dd/mm/yyyy';
      ws.getCell('I4').numFmt = 'hh:mm';
      ws.getCell('J4').numFmt = '[h]:mm';
      ws.getRow(5).values = ['a', null, 'c & <d>'];
      ws.getCell('F5').style = { font: { bold: true } }; // styled, empty: not in the row
      ws.getRow(6).values = [{ formula: 'C4+1', result: 27459 }, day(2024, 2, 29)];
      ws.getCell('A6').numFmt = 'mm-dd-yy'; // built-in 14
      const bytes = new Uint8Array(await wb.xlsx.writeBuffer({ useSharedStrings: shared } as ExcelJS.XlsxWriteOptions));
      expect(await rowsOf(bytes), `shared strings: ${shared}`).toEqual([
        [1, ['DANH SÁCH ĐẢNG VIÊN']],
        [2, []],
        [3, ['STT', 'Họ và tên', 'Ngày sinh', 'Đảng viên', 'Hệ số', 'Tổ', 'Ghi chú', 'Lỗi', 'Giờ', 'Thời lượng']],
        [4, [1, 'Nguyễn Thị Hương', day(1975, 3, 5), true, 2.5, 'Tổ Một', 'Nguyễn Thị Hương!', null, new Date(Date.UTC(1899, 11, 30, 12)), 1.25]],
        [5, ['a', null, 'c & <d>']],
        [6, [day(1975, 3, 6), day(2024, 2, 29)]],
      ]);
    }
  });

  it('reads Vietnamese text whole across inflate chunks: long cells and many rows', async () => {
    const long = 'Nguyễn Thị Hương, Chi bộ Văn phòng Tỉnh ủy; '.repeat(3000); // ~140 KB of UTF-8
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('DS');
    ws.addRow([long, 'đầu']);
    for (let i = 0; i < 5000; i++) ws.addRow([`Đặng Văn Hùng ${i}`, i]);
    ws.addRow(['cuối', long]);
    for (const shared of [true, false]) {
      const rows = await rowsOf(new Uint8Array(await wb.xlsx.writeBuffer({ useSharedStrings: shared } as ExcelJS.XlsxWriteOptions)));
      expect(rows.length).toBe(5002);
      expect(rows[0]).toEqual([1, [long, 'đầu']]);
      expect(rows[5001]).toEqual([5002, ['cuối', long]]);
      expect(rows.filter(([n, c]) => n > 1 && n < 5002 && c[0] !== `Đặng Văn Hùng ${n - 2}`)).toEqual([]);
    }
  });

  it('reads cells and rows without r, namespace prefixes, inline rich text without its phonetic runs, entities, CDATA, comments', async () => {
    for (const opts of [{}, { stored: true }, { zip64: true }]) {
      expect(await rowsOf(zip(handMade(PREFIXED), opts)), JSON.stringify(opts)).toEqual(PREFIXED_ROWS);
    }
  });

  it('reads shared strings (rich text joined, phonetic runs left out), date styles and the 1904 date system', async () => {
    const sheet = `<worksheet xmlns="${NS}"><sheetData><row r="2"><c r="B2" t="s"><v>1</v></c><c r="C2" t="s"><v>0</v></c><c r="D2" s="1"><v>0</v></c><c r="E2" s="2"><v>1.5</v></c><c r="F2" s="3"><v>2</v></c><c r="G2" t="d"><v>2024-05-01</v></c></row></sheetData></worksheet>`;
    const shared = `<sst xmlns="${NS}"><si><t>Chi bộ 1</t></si><si><r><t>Đảng </t></r><r><rPr><i/></rPr><t xml:space="preserve">bộ </t></r><rPh><t>とう</t></rPh><phoneticPr fontId="1"/></si></sst>`;
    const styles = `<styleSheet xmlns="${NS}"><numFmts count="2"><numFmt numFmtId="164" formatCode="d&quot;/&quot;m&quot;/&quot;yyyy"/><numFmt numFmtId="165" formatCode="[h]:mm:ss"/></numFmts><cellStyleXfs count="1"><xf numFmtId="14"/></cellStyleXfs><cellXfs count="4"><xf numFmtId="0"/><xf numFmtId="164"/><xf numFmtId="165"/><xf numFmtId="4"/></cellXfs></styleSheet>`;
    const rows = await rowsOf(zip(handMade(sheet, { shared, styles, workbookPr: '<x:workbookPr date1904="1"/>' })));
    expect(rows).toEqual([
      [1, []],
      [2, [null, 'Đảng bộ ', 'Chi bộ 1', day(1904, 1, 1), 1.5, 2, day(2024, 5, 1)]],
    ]);
  });

  it("undoes Excel's _xHHHH_ escapes in shared, inline and formula strings, a literal one kept by _x005F_", async () => {
    const sheet = `<worksheet xmlns="${NS}"><sheetData><row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="inlineStr"><is><t>Thôn 3_x000D_
xã Đông</t></is></c><c r="C1" t="str"><f>A1</f><v>a_x0009_b</v></c><c r="D1" t="s"><v>1</v></c><c r="E1"><v>12</v></c></row></sheetData></worksheet>`;
    const shared = `<sst xmlns="${NS}"><si><t>Nguyễn_x000D_ Văn A</t></si><si><t>mã _x005F_x0041_ và _x12_ và _X0041_</t></si></sst>`;
    expect(await rowsOf(zip(handMade(sheet, { shared })))).toEqual([[1, ['Nguyễn\r Văn A', 'Thôn 3\r\nxã Đông', 'a\tb', 'mã _x0041_ và _x12_ và _X0041_', 12]]]);
    expect(excelText('_x005F_x005F_')).toBe('_x005F_');
    expect(excelText('không có gì')).toBe('không có gì');
  });

  it('scans the same rows however the text is cut into chunks', () => {
    const ctx = { shared: [], dateStyle: [], date1904: false };
    const whole: ScannedRow[] = [];
    new SheetScanner(ctx).push(PREFIXED, whole);
    expect(whole.map((r) => [r.n, r.cells])).toEqual(PREFIXED_ROWS.filter(([n]) => n !== 3));
    for (let cut = 1; cut < PREFIXED.length; cut++) {
      const rows: ScannedRow[] = [];
      const s = new SheetScanner(ctx);
      s.push(PREFIXED.slice(0, cut), rows);
      s.push(PREFIXED.slice(cut), rows);
      s.end();
      if (JSON.stringify(rows) !== JSON.stringify(whole)) expect({ cut, rows }).toEqual({ cut, rows: whole });
    }
    for (const size of [1, 3, 7, 64]) {
      const rows: ScannedRow[] = [];
      const s = new SheetScanner(ctx);
      for (let at = 0; at < PREFIXED.length; at += size) s.push(PREFIXED.slice(at, at + size), rows);
      s.end();
      expect(rows, `pieces of ${size}`).toEqual(whole);
    }
  });

  it('knows date formats from numbers and durations', () => {
    for (const f of ['dd/mm/yyyy', 'd-mmm-yy', '[$-42A]dd/mm/yyyy', 'yyyy', 'hh:mm', 'd"/"m"/"yyyy', '[Red]dd.mm.yy']) expect(isDateFormat(f), f).toBe(true);
    for (const f of ['0.00', '#,##0', '@', 'General', '[h]:mm:ss', '[mm]:ss', '"ngày"0', '0\\d', '[Red]0.0']) expect(isDateFormat(f), f).toBe(false);
  });

  it('refuses a file that is not a zip archive or names no worksheet', async () => {
    await expect(rowsOf(new TextEncoder().encode('PK\x03\x04 not really'))).rejects.toThrow(/zip/);
    const files = handMade(PREFIXED);
    delete files['xl/worksheets/ds.xml'];
    await expect(rowsOf(zip(files))).rejects.toThrow(/worksheet/);
  });
});
