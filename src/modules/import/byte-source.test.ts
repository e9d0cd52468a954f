import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { encodeTcvn3, encodeWindows1258 } from '../../domain/import/text-decoding.js';
import { fileSource, memorySource, partsSource, type ByteSource } from './byte-source.js';
import { headRows } from './import.head.js';
import { csvEncoding, formatOf, readShare, sheetRows, type ImportFormat, type ReadMeter } from './import.reader.js';

// The readers read a file by ranges, from wherever it is kept: the rows, their numbers, the
// dates, the encodings and the progress must not depend on how the file is cut.

/** The file kept in parts of `partBytes`, as import_file keeps it in parts of 1 MiB; the parts loaded, counted. */
function inParts(bytes: Uint8Array, partBytes: number) {
  const loads: number[] = [];
  const source = partsSource(bytes.length, partBytes, async (i) => {
    loads.push(i);
    return bytes.slice(i * partBytes, (i + 1) * partBytes);
  });
  return { source, loads };
}

/** Every row, and the meter's share after each (the progress a job shows). */
async function readAll(format: ImportFormat, source: ByteSource) {
  const meter: ReadMeter = { bytesRead: 0, totalBytes: source.size };
  const rows: unknown[] = [];
  const shares: number[] = [];
  for await (const r of sheetRows(format, source, meter)) {
    rows.push([r.n, r.cells]);
    shares.push(readShare(meter));
  }
  return { rows, shares, end: { ...meter } };
}

async function workbook(): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('DS');
  ws.getRow(1).values = ['DANH SÁCH ĐẢNG VIÊN'];
  ws.getRow(3).values = ['STT', 'Họ và tên', 'Ngày sinh', 'Chi bộ'];
  for (let i = 0; i < 3000; i++) {
    const row = ws.getRow(4 + i + (i >= 1500 ? 2 : 0));
    row.values = [i + 1, `Nguyễn Thị Hương ${i}`, new Date(Date.UTC(1970 + (i % 40), i % 12, 1 + (i % 28))), 'Chi bộ Văn phòng Tỉnh ủy'];
    row.getCell(3).numFmt = 'dd/mm/yyyy';
  }
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

const csvText = 'Họ và tên;Ngày sinh;Quê quán\r\n' + Array.from({ length: 4000 }, (_, i) => `"Trần Thị Ánh Tuyết ${i}";0${1 + (i % 9)}/02/1980;"Xã Đông Hưng; Thái Bình"\r\n`).join('');
const FILES: [string, ImportFormat, () => Promise<Uint8Array>][] = [
  ['an .xlsx with shared strings, styles and dates, rows missing in the sheet', 'xlsx', workbook],
  ['a UTF-8 .csv with a BOM and semicolons', 'csv', async () => new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode(csvText)])],
  ['a Windows-1258 .csv', 'csv', async () => encodeWindows1258(csvText)],
  ['a TCVN3 .csv', 'csv', async () => encodeTcvn3(csvText)],
];

describe('reading a file through a byte source', () => {
  it.each(FILES)('reads %s in parts of a few bytes exactly as whole: rows, numbers, format, encoding, head and progress', async (_name, format, make) => {
    const bytes = await make();
    const whole = memorySource(bytes);
    const expected = await readAll(format, whole);
    expect(expected.rows.length).toBeGreaterThan(3000);
    for (const partBytes of [1, 7, 4096]) {
      const { source } = inParts(bytes, partBytes);
      expect(await formatOf(source)).toBe(format);
      if (format === 'csv') expect(await csvEncoding(source)).toBe(await csvEncoding(whole));
      expect(await headRows(format, source)).toEqual(await headRows(format, whole));
      expect(await readAll(format, source), `parts of ${partBytes} bytes`).toEqual(expected);
    }
  });

  it('loads only the parts a range spans, keeps a few, and cuts a range at the end of the file', async () => {
    const bytes = Uint8Array.from({ length: 100 }, (_, i) => i);
    const { source, loads } = inParts(bytes, 10);
    expect([...(await source.read(15, 10))]).toEqual(Array.from({ length: 10 }, (_, i) => 15 + i));
    expect(loads).toEqual([1, 2]);
    await source.read(22, 3);
    expect(loads).toEqual([1, 2]);
    expect([...(await source.read(95, 50))]).toEqual([95, 96, 97, 98, 99]);
    expect(await source.read(100, 5)).toHaveLength(0);
    // Three parts are kept: part 1, the least recently read, goes for part 5, and is loaded again.
    await source.read(55, 1);
    expect(loads).toEqual([1, 2, 9, 5]);
    await source.read(10, 1);
    expect(loads).toEqual([1, 2, 9, 5, 1]);
  });

  it('answers bytes of its own, which a reader may keep or move: never a view of what it keeps', async () => {
    const bytes = new Uint8Array(64).fill(7);
    for (const source of [memorySource(bytes), memorySource(Buffer.from(bytes)), inParts(bytes, 16).source]) {
      const a = await source.read(0, 16);
      a.fill(0);
      expect((await source.read(0, 16)).every((b) => b === 7)).toBe(true);
    }
  });

  it('reads a file on disk by ranges, as the CLI and a spooled upload are read', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'dangvu-source-test-'));
    try {
      const bytes = await workbook();
      await writeFile(join(dir, 'ds.xlsx'), bytes);
      const source = await fileSource(join(dir, 'ds.xlsx'));
      try {
        expect(source.size).toBe(bytes.length);
        expect(await readAll('xlsx', source)).toEqual(await readAll('xlsx', memorySource(bytes)));
      } finally {
        await source.close();
      }
      expect(await readdir(dir)).toEqual(['ds.xlsx']);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
