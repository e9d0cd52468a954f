import { sql } from 'kysely';
import { beforeAll, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { exampleRows, exampleTcvn3Csv, exampleWorkbook, EXAMPLE_ORGS } from '../../../examples/make-example.js';
import { describeApi, signIn, userWithRoles, type Session } from '../../../test/api.js';
import { insertTestOrg, type TestOrg } from '../../../test/factories.js';
import { differences } from '../rollup/rollup.repository.js';
import { REPORT_COLUMN } from './import.report.js';
import { importCalls } from '../../../test/import-client.js';
import { settle } from './import.service.js';
import { memorySource } from './byte-source.js';
import { MAX_IMPORT_BYTES } from './import.schema.js';

interface Job {
  id: number;
  status: string;
  counts: Record<string, number>;
  problems: { row: number; code: string; column: string | null; message: string; severity: string }[];
  problemCount: number;
  failure: string | null;
}

describeApi('member import (issue 6)', (h) => {
  let commune: TestOrg;
  let sibling: TestOrg;
  let cells: TestOrg[];
  let staffSibling: Session;

  const { upload, job } = importCalls<Job>(h, () => commune.id);
  async function commit(id: number): Promise<{ status: number; job: Job; body: string }> {
    const res = await h().app.inject({ method: 'POST', url: `/api/imports/${id}/commit`, headers: h().headers });
    await settle();
    return { status: res.statusCode, job: await job(id), body: res.body };
  }
  async function snapshot() {
    const db = h().database.db;
    const n = async (t: 'member' | 'member_status_period' | 'member_placement' | 'member_name_word') => Number((await db.selectFrom(t).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
    const rollups = await db.selectFrom('org_rollup').selectAll().orderBy('org_id').orderBy('dim').orderBy('val').execute();
    const memberAudit = Number((await db.selectFrom('audit_log').select((eb) => eb.fn.countAll<number>().as('n')).where('entity_type', '=', 'member').executeTakeFirstOrThrow()).n);
    return { members: await n('member'), periods: await n('member_status_period'), placements: await n('member_placement'), words: await n('member_name_word'), rollups, memberAudit };
  }

  beforeAll(async () => {
    const db = h().database.db;
    const province = await insertTestOrg(db, { type: 'province', name: EXAMPLE_ORGS.province });
    commune = await insertTestOrg(db, { type: 'superior', parent: province, name: EXAMPLE_ORGS.commune, kind: 'commune', code: 'XA-DH' });
    cells = [];
    for (const [i, name] of EXAMPLE_ORGS.cells.entries()) cells.push(await insertTestOrg(db, { type: 'grassroots_cell', parent: commune, name, code: `DH-CB${i + 1}` }));
    sibling = await insertTestOrg(db, { type: 'superior', parent: province, name: 'Đảng bộ xã Tây Sơn', kind: 'commune' });
    await insertTestOrg(db, { type: 'grassroots_cell', parent: sibling, name: 'Chi bộ Thôn Nam', code: 'TS-CB1' });
    await userWithRoles(db, 'staff.ts', 'mat-khau-staff-ts-1', [{ role: 'org_staff', orgId: sibling.id }]);
    staffSibling = await signIn(h().app, 'staff.ts', 'mat-khau-staff-ts-1');
  });

  it('shows exactly the five bad rows of the example before anything is written, and a report file with an error column', async () => {
    const before = await snapshot();
    const j = await upload(await exampleWorkbook(), 'danh-sach-dang-vien.xlsx');
    expect(j.status).toBe('dry_run_done');
    expect(j.counts).toMatchObject({ rows: 40, new: 35, error: 5, duplicatesInFile: 1 });
    const errors = j.problems.filter((p) => p.severity === 'error');
    // Data starts on sheet row 10: list rows 5, 12, 19, 26, 33.
    expect([...new Set(errors.map((p) => p.row))]).toEqual([14, 21, 28, 35, 42]);
    const codes = (row: number) => errors.filter((p) => p.row === row).map((p) => p.code);
    expect(codes(14)).toEqual(['INVALID_CITIZEN_ID']);
    expect(codes(21)).toContain('IMPORT_BAD_VALUE');
    expect(codes(28)).toEqual(['IMPORT_ORG_UNKNOWN']);
    expect(codes(35)).toEqual(['IMPORT_DUPLICATE_IN_FILE']);
    expect([...new Set(codes(42))]).toEqual(['DATE_ORDER']);
    expect(errors.find((p) => p.row === 14)!.message).toBe('Số CCCD "03407500123" không hợp lệ: phải gồm đúng 12 chữ số');
    expect(errors.find((p) => p.row === 14)!.column).toBe('Số CCCD');
    expect(await snapshot()).toEqual(before);

    const refused = await commit(j.id);
    expect(refused.status).toBe(409);
    expect(JSON.parse(refused.body).error.code).toBe('IMPORT_HAS_ERRORS');

    const report = await h().app.inject({ method: 'GET', url: `/api/imports/${j.id}/report`, headers: h().headers });
    expect(report.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(report.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    expect(ws.getRow(8).getCell(15).value).toBe(REPORT_COLUMN);
    expect(String(ws.getRow(14).getCell(15).value)).toContain('Số CCCD');
    expect(ws.getRow(15).getCell(15).value).toBeNull();
    expect(ws.getRow(14).getCell(2).value).toBe(exampleRows()[4]!.name);
  });

  it('after the rows are corrected commits exactly the forty members in one go, roll-ups right; the same file again changes nothing', async () => {
    const before = await snapshot();
    const j = await upload(await exampleWorkbook({ fixed: true }), 'danh-sach-dang-vien.xlsx');
    expect(j.counts).toMatchObject({ rows: 40, new: 40, error: 0 });
    const done = await commit(j.id);
    expect(done.status, done.body).toBe(202);
    expect(done.job.status, done.job.failure ?? '').toBe('committed');
    expect(done.job.counts).toMatchObject({ created: 40 });
    const after = await snapshot();
    expect(after.members - before.members).toBe(40);
    expect(after.memberAudit - before.memberAudit).toBe(40);
    expect((await differences(h().database.db, 10)).total).toBe(0);
    const m = await h().database.db.selectFrom('member').selectAll().where('citizen_id', '=', exampleRows(true)[1]!.citizenId).executeTakeFirstOrThrow();
    expect(m).toMatchObject({ full_name: exampleRows(true)[1]!.name, sex: 'female', org_id: cells[1]!.id });
    const audit = await h().database.db.selectFrom('audit_log').selectAll().where('action', '=', 'import.commit').where('entity_id', '=', String(j.id)).executeTakeFirstOrThrow();
    expect(audit.after).toMatchObject({ counts: { created: 40 } });
    expect((audit.after as { sha256: string }).sha256).toMatch(/^[0-9a-f]{64}$/);

    const again = await upload(await exampleWorkbook({ fixed: true }), 'danh-sach-dang-vien.xlsx', { onDuplicate: 'stop' });
    expect(again.counts).toMatchObject({ rows: 40, new: 0, unchanged: 40, toUpdate: 0 });
    const second = await commit(again.id);
    expect(second.job.status).toBe('committed');
    expect(await snapshot()).toEqual(after);
  });

  it('reads a TCVN3 CSV and matches its rows to the members already there', async () => {
    const j = await upload(exampleTcvn3Csv({ fixed: true }), 'ds-tcvn3.csv');
    expect(j.counts).toMatchObject({ rows: 40, unchanged: 40, error: 0 });
    const res = await h().app.inject({ method: 'GET', url: `/api/imports/${j.id}`, headers: h().headers });
    expect(res.json().encoding).toBe('tcvn3');
  });

  it('applies the duplicate policy: skip leaves, update changes only the changed fields with before/after, stop writes nothing', async () => {
    const rows = exampleRows(true);
    const csv = (hometown: string) =>
      new TextEncoder().encode(`Họ và tên,Giới tính,Ngày sinh,Số CCCD,Quê quán,Ngày vào Đảng,Ngày chính thức,Chi bộ\r\n${rows[0]!.name},Nam,${'01/01/1955'},${rows[0]!.citizenId},${hometown},19/01/1985,19/01/1986,${EXAMPLE_ORGS.cells[0]}\r\n`);
    const db = h().database.db;
    const before = await db.selectFrom('member').selectAll().where('citizen_id', '=', rows[0]!.citizenId).executeTakeFirstOrThrow();

    const stop = await upload(csv('Hà Nội'), 'a.csv', { onDuplicate: 'stop' });
    expect(stop.counts).toMatchObject({ toUpdate: 1 });
    expect((await commit(stop.id)).status).toBe(409);
    const skip = await upload(csv('Hà Nội'), 'a.csv', { onDuplicate: 'skip' });
    expect((await commit(skip.id)).job.counts).toMatchObject({ skipped: 1, created: 0, updated: 0 });
    expect(await db.selectFrom('member').selectAll().where('id', '=', before.id).executeTakeFirstOrThrow()).toEqual(before);

    const update = await upload(csv('Hà Nội'), 'a.csv', { onDuplicate: 'update' });
    expect((await commit(update.id)).job.counts).toMatchObject({ updated: 1 });
    const after = await db.selectFrom('member').selectAll().where('id', '=', before.id).executeTakeFirstOrThrow();
    expect(after.hometown).toBe('Hà Nội');
    const a = await db.selectFrom('audit_log').selectAll().where('entity_type', '=', 'member').where('entity_id', '=', String(before.id)).where('action', '=', 'member.update').executeTakeFirstOrThrow();
    expect(a.before).toMatchObject({ hometown: before.hometown });
    expect(Object.keys(a.after as object).sort()).toContain('hometown');
  });

  it('leaves the database exactly as before when the commit fails half-way, and succeeds when run again', async () => {
    const db = h().database.db;
    const make = (n: number) =>
      new TextEncoder().encode(
        'Họ và tên,Giới tính,Ngày sinh,Số CCCD,Ngày vào Đảng,Ngày chính thức,Mã chi bộ\r\n' +
          Array.from({ length: n }, (_, i) => `Phan Văn Thử ${['An', 'Bình', 'Cường', 'Dũng', 'Em', 'Giang'][i]},Nam,01/02/1980,0010800${String(90_000 + i)},01/01/2005,01/01/2006,DH-CB1`).join('\r\n'),
      );
    // A real refusal of the database at the fifth insert, as a disk or constraint failure would be.
    await sql`create function refuse_fifth() returns trigger language plpgsql as $$ begin if new.full_name = 'Phan Văn Thử Em' then raise exception 'forced failure'; end if; return new; end $$`.execute(db);
    await sql`create trigger refuse_fifth before insert on member for each row execute function refuse_fifth()`.execute(db);
    const before = await snapshot();
    const j = await upload(make(6), 'six.csv');
    expect(j.counts).toMatchObject({ new: 6, error: 0 });
    const failed = await commit(j.id);
    expect(failed.job.status).toBe('failed');
    expect(failed.job.failure).toContain('forced failure');
    expect(await snapshot()).toEqual(before);
    await sql`drop trigger refuse_fifth on member`.execute(db);
    const again = await commit(j.id);
    expect(again.job.status).toBe('committed');
    expect((await snapshot()).members - before.members).toBe(6);
  });

  it('refuses rows for orgs outside the importer\'s scope, and the job itself for an org outside it', async () => {
    const body = new TextEncoder().encode(`Họ và tên,Giới tính,Ngày sinh,Số CCCD,Ngày vào Đảng,Ngày chính thức,Mã chi bộ\r\nLý Thị Ngoài,Nữ,01/02/1985,001185012345,01/01/2010,01/01/2011,DH-CB1\r\n`);
    const qs = new URLSearchParams({ fileName: 'x.csv', orgId: String(commune.id) });
    const res = await h().app.inject({ method: 'POST', url: `/api/imports?${qs}`, payload: Buffer.from(body), headers: { ...staffSibling.headers, 'content-type': 'application/octet-stream' } });
    expect(res.statusCode).toBe(404);
    // Sibling staff importing into their own commune a row naming A's cell: an error, never written.
    const qs2 = new URLSearchParams({ fileName: 'x.csv', orgId: String(sibling.id) });
    const own = await h().app.inject({ method: 'POST', url: `/api/imports?${qs2}`, payload: Buffer.from(body), headers: { ...staffSibling.headers, 'content-type': 'application/octet-stream' } });
    expect(own.statusCode, own.body).toBe(202);
    await settle();
    const j = await h().app.inject({ method: 'GET', url: `/api/imports/${own.json().id}`, headers: staffSibling.headers });
    expect(j.json().counts).toMatchObject({ error: 1, new: 0 });
    expect(j.json().problems[0].code).toBe('IMPORT_ORG_UNKNOWN');
    const mine = await h().app.inject({ method: 'GET', url: `/api/imports/${own.json().id}`, headers: h().headers });
    expect(mine.statusCode).toBe(200);
  });

  it('refuses a file over the limit as a body over a route limit is refused (413 BODY_TOO_LARGE), and an empty one, before any job', async () => {
    const before = await h().database.db.selectFrom('import_job').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    const qs = new URLSearchParams({ fileName: 'lon.csv', orgId: String(commune.id) });
    const post = (payload: Buffer, extra: Record<string, string> = {}) =>
      h().app.inject({ method: 'POST', url: `/api/imports?${qs}`, payload, headers: { ...h().headers, 'content-type': 'application/octet-stream', ...extra } });
    const big = await post(Buffer.from('Họ và tên\r\n'), { 'content-length': String(MAX_IMPORT_BYTES + 1) });
    expect(big.statusCode, big.body).toBe(413);
    expect(big.json().error).toMatchObject({ code: 'BODY_TOO_LARGE', details: { field: 'body' } });
    expect(big.json().error.message).toContain(`${Math.round(MAX_IMPORT_BYTES / 1024)} KB`);
    const empty = await post(Buffer.alloc(0));
    expect(empty.statusCode, empty.body).toBe(400);
    expect(empty.json().error.code).toBe('IMPORT_FILE_EMPTY');
    const after = await h().database.db.selectFrom('import_job').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
  });
});

describeApi('member import: the mapping screen and progress (issue 6 item 8)', (h) => {
  let commune: TestOrg;

  beforeAll(async () => {
    const db = h().database.db;
    const province = await insertTestOrg(db, { type: 'province', name: 'Đảng bộ tỉnh Thử' });
    commune = await insertTestOrg(db, { type: 'superior', parent: province, name: 'Đảng bộ xã Thử', kind: 'commune', code: 'XA-THU' });
    await insertTestOrg(db, { type: 'grassroots_cell', parent: commune, name: 'Chi bộ Thôn Một', code: 'THU-CB1' });
  });

  const csv = (n: number) =>
    new TextEncoder().encode(
      'Họ và tên,Giới tính,Ngày sinh,Số CCCD,Quê quán,Ngày vào Đảng,Ngày chính thức,Mã chi bộ\r\n' +
        Array.from({ length: n }, (_, i) => `Đào Văn Thử,Nam,01/02/1980,0010801${String(i).padStart(5, '0')},Xã Một ${i},01/01/2005,01/01/2006,THU-CB1`).join('\r\n'),
    );
  const get = async (id: number) => (await h().app.inject({ method: 'GET', url: `/api/imports/${id}`, headers: h().headers })).json();

  it('changes a column\'s field, drops the report and runs the dry run again; a field given twice is refused', async () => {
    const qs = new URLSearchParams({ fileName: 'thu.csv', orgId: String(commune.id) });
    const up = await h().app.inject({ method: 'POST', url: `/api/imports?${qs}`, payload: Buffer.from(csv(3)), headers: { ...h().headers, 'content-type': 'application/octet-stream' } });
    expect(up.statusCode, up.body).toBe(202);
    // The preview is kept with the job, so the mapping screen shows it after a reload.
    expect(up.json().preview[0]).toContain('Xã Một 0');
    await settle();
    const id = up.json().id as number;
    const before = await get(id);
    expect(before.status).toBe('dry_run_done');
    expect(before.progress).toBe(100);
    expect(before.preview[0]).toContain('Xã Một 0');
    const hometown = before.layout.columns.find((c: { header: string }) => c.header === 'Quê quán');
    expect(hometown.field).toBe('hometown');

    const twice = await h().app.inject({ method: 'PUT', url: `/api/imports/${id}/mapping`, payload: { columns: [{ index: hometown.index, field: 'fullName' }] }, headers: h().headers });
    expect(twice.statusCode).toBe(400);
    expect(twice.json().error.code).toBe('IMPORT_FIELD_TWICE');

    const res = await h().app.inject({ method: 'PUT', url: `/api/imports/${id}/mapping`, payload: { columns: [{ index: hometown.index, field: 'residence' }] }, headers: h().headers });
    expect(res.statusCode, res.body).toBe(202);
    expect(res.json()).toMatchObject({ status: 'parsed', problemCount: 0, counts: {} });
    await settle();
    const after = await get(id);
    expect(after.status).toBe('dry_run_done');
    expect(after.counts).toMatchObject({ rows: 3, new: 3, error: 0 });
    expect(after.layout.columns.find((c: { header: string }) => c.header === 'Quê quán').field).toBe('residence');
    const done = await h().app.inject({ method: 'POST', url: `/api/imports/${id}/commit`, headers: h().headers });
    expect(done.statusCode).toBe(202);
    await settle();
    expect((await get(id)).status).toBe('committed');
    const m = await h().database.db.selectFrom('member').select(['residence', 'hometown']).where('citizen_id', '=', '001080100000').executeTakeFirstOrThrow();
    expect(m).toEqual({ residence: 'Xã Một 0', hometown: null });
    // A committed job keeps its mapping.
    const late = await h().app.inject({ method: 'PUT', url: `/api/imports/${id}/mapping`, payload: { columns: [{ index: hometown.index, field: 'hometown' }] }, headers: h().headers });
    expect(late.json().error.code).toBe('IMPORT_STATE');
  });

  it('keeps a large file in parts of a bounded size and reads it back whole, byte for byte (migration 0029)', async () => {
    const { uploadFile } = await import('./import.service.js');
    const { FILE_PART_BYTES, jobFile } = await import('./import.repository.js');
    const { staffContext } = await import('../service-context.js');
    const ctx = staffContext(h().database.db, h().clock, [commune.path]);
    const bytes = csv(Math.ceil((2.5 * FILE_PART_BYTES) / 90));
    expect(bytes.length).toBeGreaterThan(2 * FILE_PART_BYTES);
    const job = await uploadFile(ctx, { fileName: 'lon.csv', orgId: commune.id, onDuplicate: 'skip', source: memorySource(bytes) });
    const parts = await h().database.db.selectFrom('import_file').select(['part', sql<number>`length(data)`.as('n')]).where('job_id', '=', job.id).orderBy('part').execute();
    expect(parts.map((p) => p.part)).toEqual([0, 1, 2]);
    expect(Math.max(...parts.map((p) => Number(p.n)))).toBe(FILE_PART_BYTES);
    expect(Buffer.from((await jobFile(h().database.db, ctx.scope, job.id))!).equals(Buffer.from(bytes))).toBe(true);
    // Out of the caller's scope the file is not there.
    const { EMPTY_SCOPE } = await import('../auth/scope.js');
    expect(await jobFile(h().database.db, EMPTY_SCOPE, job.id)).toBeUndefined();
  });

  it('reports the running percentage of a dry run and of a commit from the bytes read', async () => {
    const { dryRun, commit, uploadFile, runningProgress } = await import('./import.service.js');
    const { BATCH } = await import('./import.analysis.js');
    const { staffContext } = await import('../service-context.js');
    const ctx = staffContext(h().database.db, h().clock, [commune.path]);
    // Large enough to be read in several slices and batches.
    const bytes = csv(Math.round(BATCH * 2.5));
    const job = await uploadFile(ctx, { fileName: 'lon.csv', orgId: commune.id, onDuplicate: 'skip', source: memorySource(bytes) });
    // What GET /api/imports/{id} answers while the job runs (the commit's transaction holds
    // PGlite's only connection, so there the answer waits; on PostgreSQL it is served at once).
    const seen: number[] = [];
    await dryRun(ctx, job.id, () => void seen.push(runningProgress(job.id)!));
    const commitSeen: number[] = [];
    await commit(ctx, job.id, () => void commitSeen.push(runningProgress(job.id)!));
    expect((await get(job.id)).progress).toBe(100);
    expect(runningProgress(job.id)).toBeUndefined();
    for (const s of [seen, commitSeen]) {
      expect(s.length).toBeGreaterThan(2);
      expect(s).toEqual([...s].sort((a, b) => a - b));
      expect(s[0]).toBeLessThan(50);
      expect(Math.max(...s.filter((p) => p < 100))).toBeGreaterThan(50);
    }
  });
});
