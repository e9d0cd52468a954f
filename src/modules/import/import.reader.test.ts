import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { readShare, sheetRows, type ReadMeter } from './import.reader.js';
import { memorySource } from './byte-source.js';

// Reading long files: no letter is broken where the reader's chunks meet, and the meter follows.

const NAME = 'Chi bộ Văn phòng Tỉnh ủy';

async function workbook(rows: number, sharedStrings: boolean): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('DS');
  ws.addRow(['Họ và tên', 'Chi bộ']);
  for (let i = 0; i < rows; i++) ws.addRow([`Nguyễn Thị Hương ${i}`, NAME]);
  return new Uint8Array(await wb.xlsx.writeBuffer({ useSharedStrings: sharedStrings } as ExcelJS.XlsxWriteOptions));
}

describe('import reader', () => {
  it.each([true, false])('reads every Vietnamese letter of a long .xlsx whole (shared strings: %s)', async (shared) => {
    const bytes = await workbook(20_000, shared);
    const broken: number[] = [];
    let n = 0;
    for await (const r of sheetRows('xlsx', memorySource(bytes))) {
      n++;
      if (r.n > 1 && (r.cells[1] !== NAME || String(r.cells[0]).includes('\uFFFD'))) broken.push(r.n);
    }
    expect(n).toBe(20_001);
    expect(broken).toEqual([]);
  });

  it('measures how far into the file a reading is: an .xlsx by the rows its sheet declares, a .csv by bytes', async () => {
    const csv = new TextEncoder().encode('Họ và tên,Chi bộ\r\n' + `Nguyễn Thị Hương,${NAME}\r\n`.repeat(20_000));
    for (const [format, bytes] of [['xlsx', await workbook(20_000, true)], ['csv', csv]] as const) {
      const meter: ReadMeter = { bytesRead: 0, totalBytes: bytes.length };
      const seen: number[] = [];
      for await (const r of sheetRows(format, memorySource(bytes), meter)) if (r.n % 1000 === 0) seen.push(readShare(meter));
      expect(seen.length, format).toBe(20);
      expect(seen, format).toEqual([...seen].sort((a, b) => a - b));
      expect(new Set(seen).size, format).toBeGreaterThan(10);
      expect(seen[0], format).toBeLessThan(0.2);
      expect(readShare(meter), format).toBe(1);
    }
  });
});
