import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command } from 'commander';
import { afterAll, afterEach, beforeAll, expect, it, vi } from 'vitest';
import { EXAMPLE_ORGS } from '../../examples/make-example.js';
import { KIND_EXAMPLE_ROOT, orgExampleWorkbook, targetExampleWorkbook } from '../../examples/make-kind-examples.js';
import { describeEachEngine } from '../../test/engines.js';
import { insertTestOrg, type TestOrg } from '../../test/factories.js';
import type { Database } from '../db/connect.js';
import { differences } from '../modules/rollup/rollup.repository.js';
import { registerImportExportCommands } from './import-export.js';

// `dangvu import orgs` and `dangvu import targets` in process, against each engine, with the
// sample files of examples/: the bad sample writes nothing and exits with 2, the corrected one
// is written all at once, and the same file again changes nothing.

describeEachEngine('dangvu import orgs / targets', (getDb) => {
  let dir: string;
  let commune: TestOrg;

  const dangvu = async (...args: string[]) => {
    const program = new Command().exitOverride();
    registerImportExportCommands(program, (fn) => fn(getDb() as Database));
    const out: string[] = [];
    const log = vi.spyOn(console, 'log').mockImplementation((...a: unknown[]) => void out.push(a.join(' ')));
    const err = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      await program.parseAsync(['node', 'dangvu', ...args]);
    } finally {
      log.mockRestore();
      err.mockRestore();
    }
    return out.join('\n');
  };
  const count = async (t: 'org' | 'admission_target') => Number((await getDb().db.selectFrom(t).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'dangvu-cli-kinds-'));
    const db = getDb().db;
    const province = await insertTestOrg(db, { type: 'province', name: EXAMPLE_ORGS.province });
    commune = await insertTestOrg(db, { type: 'superior', parent: province, name: KIND_EXAMPLE_ROOT.name, kind: 'commune', code: KIND_EXAMPLE_ROOT.code });
    for (const [i, name] of EXAMPLE_ORGS.cells.entries()) await insertTestOrg(db, { type: 'grassroots_cell', parent: commune, name, code: `DH-CB${i + 1}` });
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });
  afterEach(() => {
    vi.restoreAllMocks();
    process.exitCode = undefined;
  });

  it('import orgs: the sample\'s bad rows are listed and nothing is written; the corrected file is written once, roll-ups exact', async () => {
    const bad = join(dir, 'to-chuc-dang.xlsx');
    await writeFile(bad, await orgExampleWorkbook());
    const orgsBefore = await count('org');
    const text = await dangvu('import', 'orgs', bad, '--org', KIND_EXAMPLE_ROOT.code);
    expect(text).toMatch(/Dòng dữ liệu: 11 \| mới: 6 \| cần cập nhật: 0 \| không đổi: 1 \| lỗi: 4 \| trùng trong tệp: 1$/m);
    expect(text).toMatch(/Dòng 15 \[Mã cấp trên\]: Không tìm thấy tổ chức cấp trên mã "DH-XX"/);
    expect(process.exitCode).toBe(2);
    expect(await count('org')).toBe(orgsBefore);

    const good = join(dir, 'to-chuc-dang-sach.xlsx');
    await writeFile(good, await orgExampleWorkbook({ fixed: true }));
    expect(await dangvu('import', 'orgs', good, '--org', KIND_EXAMPLE_ROOT.code, '--dry-run')).toMatch(/Chỉ kiểm tra \(--dry-run\): chưa ghi gì/);
    expect(await count('org')).toBe(orgsBefore);
    expect(await dangvu('import', 'orgs', good, '--org', KIND_EXAMPLE_ROOT.code)).toMatch(/Đã ghi: thêm 10, cập nhật 0, bỏ qua 0, không đổi 1/);
    expect(await count('org')).toBe(orgsBefore + 10);
    expect((await differences(getDb().db, 10)).total).toBe(0);
    expect(await dangvu('import', 'orgs', good, '--org', KIND_EXAMPLE_ROOT.code)).toMatch(/Đã ghi: thêm 0, cập nhật 0, bỏ qua 0, không đổi 11/);
    expect(await count('org')).toBe(orgsBefore + 10);
  });

  it('import targets: bad rows listed, then the corrected file; --on-duplicate update changes what differs', async () => {
    const bad = join(dir, 'chi-tieu.xlsx');
    await writeFile(bad, await targetExampleWorkbook());
    expect(await dangvu('import', 'targets', bad, '--org', KIND_EXAMPLE_ROOT.code)).toMatch(/lỗi: 4/);
    expect(await count('admission_target')).toBe(0);
    const good = join(dir, 'chi-tieu-sach.xlsx');
    await writeFile(good, await targetExampleWorkbook({ fixed: true }));
    expect(await dangvu('import', 'targets', good, '--org', KIND_EXAMPLE_ROOT.code)).toMatch(/Đã ghi: thêm 8/);
    expect(await count('admission_target')).toBe(8);
    const change = join(dir, 'doi.csv');
    await writeFile(change, 'Mã tổ chức,Năm,Chỉ tiêu kết nạp\r\nDH-CB2,2026,7\r\n');
    expect(await dangvu('import', 'targets', change, '--org', KIND_EXAMPLE_ROOT.code, '--on-duplicate', 'skip')).toMatch(/bỏ qua 1/);
    expect(await dangvu('import', 'targets', change, '--org', KIND_EXAMPLE_ROOT.code, '--on-duplicate', 'update')).toMatch(/cập nhật 1/);
    const cell = await getDb().db.selectFrom('org').select('id').where('code', '=', 'DH-CB2').executeTakeFirstOrThrow();
    expect(await getDb().db.selectFrom('admission_target').select('target').where('org_id', '=', cell.id).where('year', '=', 2026).executeTakeFirst()).toEqual({ target: 7 });
  });
});
