import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command } from 'commander';
import ExcelJS from 'exceljs';
import { afterAll, afterEach, beforeAll, expect, it, vi } from 'vitest';
import { describeEachEngine } from '../../test/engines.js';
import { insertTestOrg, type TestOrg } from '../../test/factories.js';
import type { Database } from '../db/connect.js';
import { registerImportExportCommands } from './import-export.js';

// `dangvu import members` and `dangvu export members` in process, against each engine: a file
// with an error writes nothing and says so (exit code 2), a clean file is written all at once and
// audited, the same file again changes nothing, and the export holds what was imported.

describeEachEngine('dangvu import / export members', (getDb) => {
  let dir: string;
  let commune: TestOrg;
  let out: string[] = [];
  const CODE = 'XA-CLI';

  const dangvu = async (...args: string[]) => {
    const program = new Command().exitOverride();
    registerImportExportCommands(program, (fn) => fn(getDb() as Database));
    out = [];
    const log = vi.spyOn(console, 'log').mockImplementation((...a: unknown[]) => void out.push(a.join(' ')));
    // The progress bar draws on stderr.
    const err = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      await program.parseAsync(['node', 'dangvu', ...args]);
    } finally {
      log.mockRestore();
      err.mockRestore();
    }
    return out.join('\n');
  };

  const csv = (rows: string[]) =>
    'Họ và tên,Giới tính,Ngày sinh,Số CCCD,Quê quán,Ngày vào Đảng,Ngày chính thức,Mã chi bộ\r\n' + rows.join('\r\n') + '\r\n';
  const good = [
    'Vi Văn Dòng,Nam,03/04/1979,001079004411,Xã Một,01/01/2005,01/01/2006,CLI-CB1',
    'Lò Thị Ánh,Nữ,12/11/1988,001188004412,Xã Hai,02/09/2012,02/09/2013,CLI-CB1',
    'Hà Quang Bình,Nam,30/06/1965,001065004413,Xã Ba,19/05/1990,19/05/1991,CLI-CB1',
  ];
  const liveCount = async () =>
    Number((await getDb().db.selectFrom('member').select((eb) => eb.fn.countAll().as('n')).where('org_path', 'like', `${commune.path}%`).executeTakeFirstOrThrow()).n);

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'dangvu-cli-import-'));
    const db = getDb().db;
    const province = await insertTestOrg(db, { type: 'province', name: 'Đảng bộ tỉnh CLI' });
    commune = await insertTestOrg(db, { type: 'superior', parent: province, name: 'Đảng bộ xã CLI', kind: 'commune', code: CODE });
    await insertTestOrg(db, { type: 'grassroots_cell', parent: commune, name: 'Chi bộ Thôn CLI', code: 'CLI-CB1' });
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });
  afterEach(() => {
    vi.restoreAllMocks();
    process.exitCode = undefined;
  });

  it('reports a bad row with its line and reason, writes nothing, and exits with 2; --dry-run writes nothing either', async () => {
    const file = join(dir, 'co-loi.csv');
    await writeFile(file, csv([...good, 'Đinh Văn Lỗi,Nam,31/02/1980,12345,Xã Bốn,01/01/2005,01/01/2006,CLI-CB1']));
    const report = join(dir, 'bao-cao.xlsx');
    const text = await dangvu('import', 'members', file, '--org', CODE, '--report', report);
    expect(text).toMatch(/Dòng dữ liệu: 4 \| mới: 3/);
    expect(text).toMatch(/Dòng 5 \[[^\]]*\]: .+/);
    expect(text).toMatch(/Có dòng lỗi: không ghi gì/);
    expect(process.exitCode).toBe(2);
    expect(await liveCount()).toBe(0);
    // The report is the file with an error column, readable by Excel.
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(report);
    expect(JSON.stringify(wb.worksheets[0]!.getSheetValues())).toMatch(/Đinh Văn Lỗi/);

    const clean = join(dir, 'sach.csv');
    await writeFile(clean, csv(good));
    expect(await dangvu('import', 'members', clean, '--org', CODE, '--dry-run')).toMatch(/Chỉ kiểm tra \(--dry-run\): chưa ghi gì/);
    expect(await liveCount()).toBe(0);
  });

  it('writes a clean file all at once with one audit entry, and the same file again changes nothing', async () => {
    const file = join(dir, 'sach.csv');
    await writeFile(file, csv(good));
    expect(await dangvu('import', 'members', file, '--org', CODE)).toMatch(/Đã ghi: thêm 3, cập nhật 0, bỏ qua 0/);
    expect(await liveCount()).toBe(3);
    const audit = await getDb().db.selectFrom('audit_log').select(['action', 'ip']).where('action', 'like', 'import%').where('ip', '=', 'cli').execute();
    expect(audit.length).toBeGreaterThanOrEqual(1);
    const again = await dangvu('import', 'members', file, '--org', CODE);
    expect(again).toMatch(/Đã ghi: thêm 0, cập nhật 0/);
    expect(await liveCount()).toBe(3);
  });

  it('exports the org\'s members to .csv and .xlsx with the imported names', async () => {
    const csvOut = join(dir, 'xuat.csv');
    expect(await dangvu('export', 'members', '--org', CODE, '--format', 'csv', '--out', csvOut)).toMatch(/Đã xuất danh sách đảng viên của Đảng bộ xã CLI/);
    const text = await readFile(csvOut, 'utf8');
    for (const name of ['Vi Văn Dòng', 'Lò Thị Ánh', 'Hà Quang Bình']) expect(text).toContain(name);
    const xlsxOut = join(dir, 'xuat.xlsx');
    await dangvu('export', 'members', '--org', CODE, '--out', xlsxOut);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(xlsxOut);
    expect(JSON.stringify(wb.worksheets[0]!.getSheetValues())).toContain('Lò Thị Ánh');
    // An org the shell cannot name is refused before anything is read.
    await expect(dangvu('export', 'members', '--org', 'KHONG-CO', '--out', join(dir, 'x.csv'))).rejects.toThrow();
  });
});
