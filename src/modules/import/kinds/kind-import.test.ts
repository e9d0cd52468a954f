import { sql } from 'kysely';
import { beforeAll, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { KIND_EXAMPLE_ROOT, orgExampleWorkbook, orgIndentedCsv, targetExampleWorkbook } from '../../../../examples/make-kind-examples.js';
import { EXAMPLE_ORGS } from '../../../../examples/make-example.js';
import { describeApi, signIn, userWithRoles, type Session } from '../../../../test/api.js';
import { insertTestOrg, type TestOrg } from '../../../../test/factories.js';
import { encodeTcvn3 } from '../../../domain/import/text-decoding.js';
import { differences } from '../../rollup/rollup.repository.js';
import { REPORT_COLUMN } from '../import.report.js';
import { importCalls } from '../../../../test/import-client.js';
import { settle } from '../import.service.js';
import { memorySource } from '../byte-source.js';

// Org and admission-target imports through the member import's machinery (issue 6 item 6), on
// both engines: the sample files' bad rows, nothing written by a dry run, all or nothing, the
// same file twice changing nothing, roll-ups exact, the duplicate policy, scope.

interface Job {
  id: number;
  kind: string;
  status: string;
  counts: Record<string, number>;
  problems: { row: number; code: string; column: string | null; message: string; severity: string }[];
  failure: string | null;
  layout: { columns: { index: number; header: string; field: string | null }[] } | null;
}

const csv = (text: string) => new TextEncoder().encode(text);

describeApi('org and admission-target imports (issue 6 item 6)', (h) => {
  let commune: TestOrg;
  let sibling: TestOrg;
  let staffSibling: Session;

  const { upload, job } = importCalls<Job>(h, () => commune.id);
  const jobWithProgress = (id: number) => job(id) as Promise<Job & { progress: number }>;
  async function commit(id: number): Promise<{ status: number; job: Job; body: string }> {
    const res = await h().app.inject({ method: 'POST', url: `/api/imports/${id}/commit`, headers: h().headers });
    await settle();
    return { status: res.statusCode, job: await job(id), body: res.body };
  }
  const count = async (t: 'org' | 'org_version' | 'org_event' | 'admission_target') => Number((await h().database.db.selectFrom(t).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
  async function snapshot() {
    const db = h().database.db;
    const orgs = await db.selectFrom('org').select(['id', 'code', 'name', 'parent_id', 'path', 'org_type', 'org_kind', 'version']).orderBy('id').execute();
    const targets = await db.selectFrom('admission_target').select(['org_id', 'year', 'target', 'note', 'version']).orderBy('org_id').orderBy('year').execute();
    const rollups = await db.selectFrom('org_rollup').selectAll().orderBy('org_id').orderBy('dim').orderBy('val').execute();
    const audit = Number((await db.selectFrom('audit_log').select((eb) => eb.fn.countAll<number>().as('n')).where('entity_type', 'in', ['org', 'admission_target']).executeTakeFirstOrThrow()).n);
    return { orgs, targets, rollups, audit, versions: await count('org_version'), events: await count('org_event') };
  }
  const orgByCode = (code: string) => h().database.db.selectFrom('org').selectAll().where('code', '=', code).executeTakeFirst();

  beforeAll(async () => {
    const db = h().database.db;
    const province = await insertTestOrg(db, { type: 'province', name: EXAMPLE_ORGS.province });
    commune = await insertTestOrg(db, { type: 'superior', parent: province, name: KIND_EXAMPLE_ROOT.name, kind: 'commune', code: KIND_EXAMPLE_ROOT.code });
    for (const [i, name] of EXAMPLE_ORGS.cells.entries()) await insertTestOrg(db, { type: 'grassroots_cell', parent: commune, name, code: `DH-CB${i + 1}` });
    sibling = await insertTestOrg(db, { type: 'superior', parent: province, name: 'Đảng bộ xã Tây Sơn', kind: 'commune', code: 'XA-TS' });
    await insertTestOrg(db, { type: 'grassroots_cell', parent: sibling, name: 'Chi bộ Thôn Nam', code: 'TS-CB1' });
    await userWithRoles(db, 'staff.kinds.ts', 'mat-khau-staff-ts-1', [{ role: 'org_staff', orgId: sibling.id }]);
    staffSibling = await signIn(h().app, 'staff.kinds.ts', 'mat-khau-staff-ts-1');
  });

  // ---- orgs ----------------------------------------------------------------------------------------

  it('orgs: shows exactly the four bad rows of the sample before anything is written, with a report file', async () => {
    const before = await snapshot();
    const j = await upload(await orgExampleWorkbook(), 'to-chuc-dang.xlsx', { kind: 'orgs' });
    expect(j.kind).toBe('orgs');
    expect(j.status, j.failure ?? '').toBe('dry_run_done');
    expect(j.layout!.columns.map((c) => c.field)).toEqual(['rowNo', 'code', 'name', 'parentCode', 'orgType', 'orgKind', 'foundedOn', 'note']);
    // Data from sheet row 8: list rows 8 to 11 are sheet rows 15 to 18.
    expect(j.counts, JSON.stringify(j.problems)).toMatchObject({ rows: 11, new: 6, unchanged: 1, error: 4, duplicatesInFile: 1 });
    const codes = (row: number) => j.problems.filter((p) => p.row === row).map((p) => p.code);
    expect([...new Set(j.problems.map((p) => p.row))]).toEqual([15, 16, 17, 18]);
    expect(codes(15)).toEqual(['IMPORT_PARENT_UNKNOWN']);
    expect(codes(16)).toEqual(['IMPORT_DUPLICATE_IN_FILE']);
    expect(codes(17)).toEqual(['IMPORT_BAD_VALUE']);
    expect(codes(18)).toEqual(['ORG_TYPE_NOT_ALLOWED']);
    const unknown = j.problems.find((p) => p.row === 15)!;
    expect(unknown.column).toBe('Mã cấp trên');
    expect(unknown.message).toBe(`Không tìm thấy tổ chức cấp trên mã "DH-XX" trong tệp hoặc trong ${KIND_EXAMPLE_ROOT.name}`);
    expect(await snapshot()).toEqual(before);

    const refused = await commit(j.id);
    expect(refused.status).toBe(409);
    expect(JSON.parse(refused.body).error.code).toBe('IMPORT_HAS_ERRORS');
    expect(await snapshot()).toEqual(before);

    const report = await h().app.inject({ method: 'GET', url: `/api/imports/${j.id}/report`, headers: h().headers });
    expect(report.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(report.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    expect(ws.getRow(6).getCell(9).value).toBe(REPORT_COLUMN);
    expect(String(ws.getRow(15).getCell(9).value)).toContain('DH-XX');
    expect(ws.getRow(14).getCell(9).value).toBeNull();
  });

  it('orgs: the corrected sample creates its ten orgs in one go under the right parents, roll-ups exact; the same file again changes nothing', async () => {
    const before = await snapshot();
    const j = await upload(await orgExampleWorkbook({ fixed: true }), 'to-chuc-dang.xlsx', { kind: 'orgs' });
    expect(j.counts).toMatchObject({ rows: 11, new: 10, unchanged: 1, error: 0 });
    const done = await commit(j.id);
    expect(done.status, done.body).toBe(202);
    expect(done.job.status, done.job.failure ?? '').toBe('committed');
    expect(done.job.counts).toMatchObject({ created: 10, unchanged: 1, updated: 0 });
    const after = await snapshot();
    expect(after.orgs.length - before.orgs.length).toBe(10);
    expect(after.audit - before.audit).toBe(10);
    expect((await differences(h().database.db, 10)).total).toBe(0);

    const company = (await orgByCode('DH-DB1'))!;
    expect(company).toMatchObject({ parent_id: commune.id, org_type: 'grassroots_committee', org_kind: 'private_enterprise', founded_on: '2010-03-15' });
    expect(await orgByCode('DH-DB1-CB3')).toMatchObject({ parent_id: company.id, org_type: 'cell' });
    expect(await orgByCode('DH-CB4')).toMatchObject({ org_type: 'grassroots_cell', org_kind: 'village' });
    expect(await orgByCode('DH-CB4-T1')).toMatchObject({ parent_id: (await orgByCode('DH-CB4'))!.id, org_type: 'group' });
    const audit = await h().database.db.selectFrom('audit_log').selectAll().where('action', '=', 'import.commit').where('entity_id', '=', String(j.id)).executeTakeFirstOrThrow();
    expect(audit.after).toMatchObject({ kind: 'orgs', sha256: expect.stringMatching(/^[0-9a-f]{64}$/), counts: { created: 10, unchanged: 1 } });

    const again = await upload(await orgExampleWorkbook({ fixed: true }), 'to-chuc-dang.xlsx', { kind: 'orgs' });
    expect(again.counts).toMatchObject({ rows: 11, new: 0, toUpdate: 0, unchanged: 11, error: 0 });
    const second = await commit(again.id);
    expect(second.job.counts).toMatchObject({ created: 0, updated: 0, unchanged: 11 });
    expect(await snapshot()).toEqual(after);
  });

  it('orgs: a tree of numbered names without codes, types told by the names; codes made from the parent\'s; twice is a no-op', async () => {
    const j = await upload(csv(orgIndentedCsv()), 'to-chuc-dang-thut-le.csv', { kind: 'orgs' });
    expect(j.counts, JSON.stringify(j.problems)).toMatchObject({ rows: 5, new: 5, error: 0 });
    expect((await commit(j.id)).job.status).toBe('committed');
    const school = (await h().database.db.selectFrom('org').selectAll().where('name', '=', 'Đảng bộ Trường THCS Đông Hưng').executeTakeFirstOrThrow())!;
    expect(school).toMatchObject({ parent_id: commune.id, org_type: 'grassroots_committee', org_kind: 'public_service' });
    expect(school.code).toMatch(/^XA-DH\.\d+$/);
    const teachers = await h().database.db.selectFrom('org').selectAll().where('name', '=', 'Chi bộ Giáo viên').executeTakeFirstOrThrow();
    expect(teachers).toMatchObject({ parent_id: school.id, org_type: 'cell', code: `${school.code}.1` });
    expect(await h().database.db.selectFrom('org').select(['org_type']).where('name', '=', 'Tổ đảng Xóm Trại').executeTakeFirstOrThrow()).toEqual({ org_type: 'group' });
    expect((await differences(h().database.db, 10)).total).toBe(0);
    const before = await snapshot();
    const again = await upload(csv(orgIndentedCsv()), 'to-chuc-dang-thut-le.csv', { kind: 'orgs' });
    expect(again.counts).toMatchObject({ rows: 5, new: 0, unchanged: 5 });
    await commit(again.id);
    expect(await snapshot()).toEqual(before);
  });

  it('orgs: headers in English or without diacritics; a tree by indentation', async () => {
    const english = await upload(csv('Code,Parent code,Name,Type\r\nEN-1,XA-DH,Chi bộ Khu công nghiệp,grassroots_cell\r\n'), 'en.csv', { kind: 'orgs' });
    expect(english.layout!.columns.map((c) => c.field)).toEqual(['code', 'parentCode', 'name', 'orgType']);
    expect(english.counts).toMatchObject({ new: 1, error: 0 });
    const plain = await upload(csv('Ma to chuc;Ten to chuc;Ma cap tren;Loai to chuc\r\nVN-1;Chi bo Cho;XA-DH;Chi bo co so\r\n'), 'plain.csv', { kind: 'orgs' });
    expect(plain.layout!.columns.map((c) => c.field)).toEqual(['code', 'name', 'parentCode', 'orgType']);
    expect(plain.counts).toMatchObject({ new: 1, error: 0 });
    // A TCVN3 (ABC) file, as old offices' Excel saves it: read through the member import's decoder.
    const tcvn3 = await upload(encodeTcvn3('Mã tổ chức,Tên tổ chức,Mã cấp trên\r\nTC-1,Chi bộ Đồng tâm,XA-DH\r\n'), 'tcvn3.csv', { kind: 'orgs' });
    expect(tcvn3.counts).toMatchObject({ new: 1, error: 0 });
    expect(tcvn3.layout!.columns.map((c) => c.header)).toEqual(['Mã tổ chức', 'Tên tổ chức', 'Mã cấp trên']);
    const indented = await upload(csv('Tên tổ chức\r\nĐảng bộ Bệnh viện\r\n    Chi bộ Khoa Nội\r\n    Chi bộ Khoa Ngoại\r\n        Tổ đảng Ca đêm\r\nChi bộ Thôn Mới\r\n  Chi bộ lệch\r\n'), 'indent.csv', { kind: 'orgs' });
    // "Chi bộ lệch" sits under a chi bộ cơ sở: not allowed (R-ORG-03); the rest is a good tree.
    expect(indented.counts).toMatchObject({ rows: 6, new: 5, error: 1 });
    expect(indented.problems.map((p) => [p.row, p.code])).toEqual([[7, 'ORG_TYPE_NOT_ALLOWED']]);
    // The same name twice under one parent is one org twice; the rows under the second wait for it.
    const twice = await upload(csv('Tên tổ chức\r\nĐảng bộ Chợ\r\n  Chi bộ Rau\r\nĐảng bộ chợ\r\n  Chi bộ Cá\r\n'), 'twice.csv', { kind: 'orgs' });
    expect(twice.problems.map((p) => [p.row, p.code])).toEqual([
      [4, 'IMPORT_DUPLICATE_IN_FILE'],
      [5, 'IMPORT_PARENT_IN_ERROR'],
    ]);
  });

  it('orgs: a cycle of parents, a code used outside the scope, an out-of-scope parent and the root itself are errors of their rows', async () => {
    const before = await snapshot();
    const j = await upload(
      csv(
        'Mã tổ chức,Tên tổ chức,Mã cấp trên,Loại tổ chức\r\n' +
          'CY-A,Chi bộ A,CY-B,Chi bộ cơ sở\r\n' +
          'CY-B,Chi bộ B,CY-A,Chi bộ cơ sở\r\n' +
          'CY-C,Tổ đảng C,CY-B,Tổ đảng\r\n' +
          'TS-CB1,Chi bộ Thôn Nam,XA-DH,Chi bộ cơ sở\r\n' +
          'OUT-1,Chi bộ Ngoài,XA-TS,Chi bộ cơ sở\r\n' +
          'XA-DH,Đảng bộ xã Đông Hưng,,\r\n' +
          'OK-1,Chi bộ Tốt,,Chi bộ cơ sở\r\n',
      ),
      'bad.csv',
      { kind: 'orgs' },
    );
    const codes = (row: number) => j.problems.filter((p) => p.row === row).map((p) => p.code);
    expect(codes(2)).toEqual(['IMPORT_ORG_CYCLE']);
    expect(codes(3)).toEqual(['IMPORT_ORG_CYCLE']);
    expect(codes(4)).toEqual(['IMPORT_PARENT_IN_CYCLE']);
    expect(codes(5)).toEqual(['IMPORT_ORG_OUT_OF_SCOPE']);
    expect(codes(6)).toEqual(['IMPORT_ORG_OUT_OF_SCOPE']);
    expect(codes(7)).toEqual(['IMPORT_ORG_IS_ROOT']);
    expect(j.counts).toMatchObject({ rows: 7, new: 1, error: 6 });
    // The out-of-scope message names the typed code only, never the org that holds it.
    expect(j.problems.find((p) => p.row === 5)!.message).not.toContain('Thôn Nam');
    expect(await snapshot()).toEqual(before);
  });

  it('orgs: the duplicate policy on a code that exists — stop writes nothing, skip leaves it, update renames and moves it with history', async () => {
    const file = csv('Mã tổ chức,Tên tổ chức,Mã cấp trên,Ngày hiệu lực\r\nDH-CB7,Chi bộ Bưu điện văn hóa xã,DH-DB1,20/11/2026\r\n');
    // DH-CB7 is a chi bộ cơ sở: under the đảng bộ cơ sở DH-DB1 it cannot go (R-ORG-03).
    const wrong = await upload(file, 'move.csv', { kind: 'orgs', onDuplicate: 'update' });
    expect(wrong.problems.map((p) => p.code)).toEqual(['ORG_TYPE_NOT_ALLOWED']);
    const rename = csv('Mã tổ chức,Tên tổ chức,Mã cấp trên,Ngày hiệu lực\r\nDH-CB7,Chi bộ Bưu điện văn hóa xã,XA-DH,20/11/2026\r\nDH-DB1-CB3,Chi bộ Văn phòng Công ty,DH-DB1,20/11/2026\r\n');
    const before = await snapshot();
    const stop = await upload(rename, 'rename.csv', { kind: 'orgs', onDuplicate: 'stop' });
    expect(stop.counts).toMatchObject({ toUpdate: 1, unchanged: 1, error: 0 });
    const stopped = await commit(stop.id);
    expect(stopped.status).toBe(409);
    expect(JSON.parse(stopped.body).error.code).toBe('IMPORT_DUPLICATES_STOP');
    const skip = await upload(rename, 'rename.csv', { kind: 'orgs', onDuplicate: 'skip' });
    expect((await commit(skip.id)).job.counts).toMatchObject({ skipped: 1, unchanged: 1, updated: 0 });
    expect(await snapshot()).toEqual(before);
    const update = await upload(rename, 'rename.csv', { kind: 'orgs', onDuplicate: 'update' });
    expect((await commit(update.id)).job.counts).toMatchObject({ updated: 1, unchanged: 1 });
    const renamed = (await orgByCode('DH-CB7'))!;
    expect(renamed.name).toBe('Chi bộ Bưu điện văn hóa xã');
    // Founded today by the sample, renamed today: the day's version is replaced, the event stays.
    const events = await h().database.db.selectFrom('org_event').select(['kind', 'effective_date', 'details']).where('org_id', '=', renamed.id).orderBy('id').execute();
    expect(events.map((e) => e.kind)).toEqual(['founded', 'renamed']);
    expect(events[1]!.details).toEqual({ from: 'Chi bộ Bưu điện xã', to: 'Chi bộ Bưu điện văn hóa xã' });
    const audit = await h().database.db.selectFrom('audit_log').selectAll().where('action', '=', 'org.update').where('entity_id', '=', String(renamed.id)).executeTakeFirstOrThrow();
    expect(audit.before).toEqual({ name: 'Chi bộ Bưu điện xã' });

    // Moving: DH-CB6 (a chi bộ cơ sở) under the new đảng bộ bộ phận … is not allowed; a tổ đảng may move between cells.
    const move = await upload(csv('Mã tổ chức,Tên tổ chức,Mã cấp trên\r\nDH-CB4-T1,Tổ đảng Xóm 1,DH-CB5\r\n'), 'move.csv', { kind: 'orgs', onDuplicate: 'update' });
    expect(move.counts).toMatchObject({ toUpdate: 1, error: 0 });
    expect((await commit(move.id)).job.status).toBe('committed');
    expect((await orgByCode('DH-CB4-T1'))!.parent_id).toBe((await orgByCode('DH-CB5'))!.id);
    expect((await differences(h().database.db, 10)).total).toBe(0);
  });

  it('orgs: an indented tree with codes moves an org the file puts under another parent', async () => {
    // After the test above, DH-CB4-T1 sits under DH-CB5; this file puts it back under DH-CB4.
    const j = await upload(csv('Mã tổ chức,Tên tổ chức\r\nDH-CB4,Chi bộ Thôn Bắc\r\nDH-CB4-T1,    Tổ đảng Xóm 1\r\nDH-CB4-T2,    Tổ đảng Xóm 2\r\n'), 'indent-codes.csv', { kind: 'orgs', onDuplicate: 'update' });
    expect(j.counts, JSON.stringify(j.problems)).toMatchObject({ rows: 3, unchanged: 1, toUpdate: 1, new: 1, error: 0 });
    expect((await commit(j.id)).job.counts).toMatchObject({ created: 1, updated: 1, unchanged: 1 });
    const cb4 = (await orgByCode('DH-CB4'))!;
    expect((await orgByCode('DH-CB4-T1'))!.parent_id).toBe(cb4.id);
    expect(await orgByCode('DH-CB4-T2')).toMatchObject({ parent_id: cb4.id, org_type: 'group' });
    expect((await differences(h().database.db, 10)).total).toBe(0);
  });

  it('orgs: leaves the database exactly as before when the commit fails half-way', async () => {
    const db = h().database.db;
    await sql`create function refuse_org() returns trigger language plpgsql as $$ begin if new.code = 'HALF-4' then raise exception 'forced failure'; end if; return new; end $$`.execute(db);
    await sql`create trigger refuse_org before insert on org for each row execute function refuse_org()`.execute(db);
    const file = csv('Mã tổ chức,Tên tổ chức,Mã cấp trên\r\n' + [1, 2, 3, 4, 5].map((i) => `HALF-${i},Chi bộ Nửa ${i},XA-DH`).join('\r\n'));
    const before = await snapshot();
    const j = await upload(file, 'half.csv', { kind: 'orgs' });
    expect(j.counts).toMatchObject({ new: 5, error: 0 });
    const failed = await commit(j.id);
    expect(failed.job.status).toBe('failed');
    expect(failed.job.failure).toContain('forced failure');
    expect(await snapshot()).toEqual(before);
    await sql`drop trigger refuse_org on org`.execute(db);
    await sql`drop function refuse_org()`.execute(db);
    expect((await commit(j.id)).job.status).toBe('committed');
    expect((await snapshot()).orgs.length - before.orgs.length).toBe(5);
    expect((await differences(db, 10)).total).toBe(0);
  });

  // ---- admission targets ------------------------------------------------------------------------------

  it('targets: the sample\'s four bad rows under a two-row merged header; nothing written', async () => {
    const before = await snapshot();
    const j = await upload(await targetExampleWorkbook(), 'chi-tieu-ket-nap.xlsx', { kind: 'targets' });
    expect(j.status, j.failure ?? '').toBe('dry_run_done');
    expect(j.layout!.columns.map((c) => c.field)).toEqual(['rowNo', 'orgCode', 'orgName', 'year', 'target', 'note']);
    expect(j.counts).toMatchObject({ rows: 8, new: 4, error: 4, duplicatesInFile: 1 });
    const codes = (row: number) => j.problems.filter((p) => p.row === row).map((p) => p.code);
    // Header rows 6–7, numbering row 8, data from row 9.
    expect(codes(13)).toEqual(['IMPORT_ORG_UNKNOWN']);
    expect(codes(14)).toEqual(['IMPORT_DUPLICATE_IN_FILE']);
    expect(codes(15)).toEqual(['IMPORT_BAD_VALUE']);
    expect(codes(16)).toEqual(['IMPORT_BAD_VALUE']);
    expect(j.problems.find((p) => p.row === 16)!.column).toBe('Chỉ tiêu kết nạp');
    expect(await snapshot()).toEqual(before);
  });

  it('targets: the corrected sample sets eight targets in one go with their audit; again changes nothing; update changes a number', async () => {
    const before = await snapshot();
    const j = await upload(await targetExampleWorkbook({ fixed: true }), 'chi-tieu-ket-nap.xlsx', { kind: 'targets' });
    expect(j.counts).toMatchObject({ rows: 8, new: 8, error: 0 });
    expect((await commit(j.id)).job.counts).toMatchObject({ created: 8 });
    const after = await snapshot();
    expect(after.targets.length - before.targets.length).toBe(8);
    expect(after.audit - before.audit).toBe(8);
    expect(after.targets.find((t) => Number(t.org_id) === commune.id && t.year === 2026)).toMatchObject({ target: 8, note: 'chỉ tiêu của cả đảng bộ' });
    const again = await upload(await targetExampleWorkbook({ fixed: true }), 'chi-tieu-ket-nap.xlsx', { kind: 'targets' });
    expect(again.counts).toMatchObject({ new: 0, toUpdate: 0, unchanged: 8 });
    await commit(again.id);
    expect(await snapshot()).toEqual(after);

    const change = csv('Mã tổ chức;Năm;Chỉ tiêu\r\nDH-CB1;2026;5\r\n');
    const skip = await upload(change, 'change.csv', { kind: 'targets', onDuplicate: 'skip' });
    expect(skip.counts).toMatchObject({ toUpdate: 1 });
    expect((await commit(skip.id)).job.counts).toMatchObject({ skipped: 1 });
    const update = await upload(change, 'change.csv', { kind: 'targets', onDuplicate: 'update' });
    expect((await commit(update.id)).job.counts).toMatchObject({ updated: 1 });
    const cell1 = (await orgByCode('DH-CB1'))!;
    // No note column: the note stays as it was.
    expect(await h().database.db.selectFrom('admission_target').select(['target', 'version']).where('org_id', '=', cell1.id).where('year', '=', 2026).executeTakeFirst()).toEqual({ target: 5, version: 2 });
  });

  it('targets: English headers; an org outside the scope, a bad year and a negative number are errors of their rows', async () => {
    const j = await upload(csv('org code,year,target\r\nDH-CB2,2030,4\r\nTS-CB1,2030,1\r\nDH-CB3,1800,1\r\nDH-CB3,2030,-2\r\n'), 'targets.csv', { kind: 'targets' });
    expect(j.counts).toMatchObject({ rows: 4, new: 1, error: 3 });
    expect(j.problems.map((p) => [p.row, p.code])).toEqual([
      [3, 'IMPORT_ORG_OUT_OF_SCOPE'],
      [4, 'IMPORT_BAD_VALUE'],
      [5, 'IMPORT_BAD_VALUE'],
    ]);
  });

  it('reports the running percentage of an org commit, row by row, and 100 when done', async () => {
    const { dryRun, commit, uploadFile } = await import('../import.service.js');
    const { runningKindProgress } = await import('./kind-import.service.js');
    const { staffContext } = await import('../../service-context.js');
    const ctx = staffContext(h().database.db, h().clock, [commune.path]);
    const bytes = csv('Mã tổ chức,Tên tổ chức\r\n' + Array.from({ length: 20 }, (_, i) => `PR-${i},Chi bộ Tiến độ ${i}`).join('\r\n'));
    const job = await uploadFile(ctx, { fileName: 'tien-do.csv', orgId: commune.id, onDuplicate: 'skip', source: memorySource(bytes), kind: 'orgs' });
    await dryRun(ctx, job.id);
    const seen: number[] = [];
    await commit(ctx, job.id, () => void seen.push(runningKindProgress(job.id)!));
    expect(seen).toHaveLength(20);
    expect(seen).toEqual([...seen].sort((a, b) => a - b));
    expect(seen[0]).toBeLessThan(10);
    expect(seen.at(-1)).toBe(99);
    expect(runningKindProgress(job.id)).toBeUndefined();
    expect((await jobWithProgress(job.id)).progress).toBe(100);
  });

  // ---- shared machinery --------------------------------------------------------------------------------

  it('a mapping names only its kind\'s fields; templates are kept per kind', async () => {
    const j = await upload(csv('Mã,Tên,Cấp trên cũ\r\nTP-1,Chi bộ Mẫu,XA-DH\r\n'), 'tpl.csv', { kind: 'orgs' });
    const third = j.layout!.columns[2]!;
    expect(third.field).toBeNull();
    const foreign = await h().app.inject({ method: 'PUT', url: `/api/imports/${j.id}/mapping`, payload: { columns: [{ index: third.index, field: 'citizenId' }] }, headers: h().headers });
    expect(foreign.statusCode).toBe(400);
    expect(foreign.json().error.code).toBe('IMPORT_FIELD_UNKNOWN');
    const res = await h().app.inject({ method: 'PUT', url: `/api/imports/${j.id}/mapping`, payload: { columns: [{ index: third.index, field: 'parentCode' }] }, headers: h().headers });
    expect(res.statusCode, res.body).toBe(202);
    await settle();
    expect((await job(j.id)).counts).toMatchObject({ new: 1, error: 0 });

    const saved = await h().app.inject({ method: 'POST', url: '/api/import-templates', payload: { name: 'Mẫu xã', orgId: commune.id, kind: 'orgs', mapping: { 'Cấp trên cũ': 'parentCode' } }, headers: h().headers });
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json()).toMatchObject({ kind: 'orgs' });
    // A members template of the same name is another template.
    const members = await h().app.inject({ method: 'POST', url: '/api/import-templates', payload: { name: 'Mẫu xã', orgId: commune.id, mapping: { 'Quê': 'hometown' } }, headers: h().headers });
    expect(members.statusCode, members.body).toBe(200);
    const withTemplate = await upload(csv('Mã,Tên,Cấp trên cũ\r\nTP-2,Chi bộ Mẫu hai,XA-DH\r\n'), 'tpl.csv', { kind: 'orgs', template: 'Mẫu xã' });
    expect(withTemplate.layout!.columns[2]!.field).toBe('parentCode');
    const list = await h().app.inject({ method: 'GET', url: '/api/imports', headers: h().headers });
    expect(list.json().items[0]).toMatchObject({ kind: 'orgs' });
  });

  it('a file without the kind\'s header is refused at once; staff of another subtree cannot import into this one', async () => {
    const qs = new URLSearchParams({ fileName: 'x.csv', orgId: String(commune.id), kind: 'targets' });
    const res = await h().app.inject({ method: 'POST', url: `/api/imports?${qs}`, payload: Buffer.from(csv('Họ và tên,Ngày sinh\r\nA,01/01/1980\r\n')), headers: { ...h().headers, 'content-type': 'application/octet-stream' } });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('IMPORT_NO_HEADER_KIND');
    const outside = await h().app.inject({
      method: 'POST',
      url: `/api/imports?${new URLSearchParams({ fileName: 'o.csv', orgId: String(commune.id), kind: 'orgs' })}`,
      payload: Buffer.from(csv('Mã tổ chức,Tên tổ chức\r\nZZ-1,Chi bộ Z\r\n')),
      headers: { ...staffSibling.headers, 'content-type': 'application/octet-stream' },
    });
    expect(outside.statusCode).toBe(404);
    expect(await orgByCode('ZZ-1')).toBeUndefined();
  });
});
