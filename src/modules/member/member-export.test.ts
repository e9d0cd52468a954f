import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import type { LightMyRequestResponse } from 'fastify';
import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { describeApi, signIn, userWithRoles, type Session } from '../../../test/api.js';
import { insertTestMember, insertTestTree } from '../../../test/factories.js';
import webVi from '../../../web/src/i18n/vi.json' with { type: 'json' };
import { memberValueLabels } from '../../i18n/vi.js';
import { makeAccess } from '../auth/access.js';
import { makeScope } from '../auth/scope.js';
import type { ServiceContext } from '../service-context.js';
import { exportMembersQuery } from './member-export.schema.js';
import { exportMembers } from './member-export.service.js';

type Tree = Awaited<ReturnType<typeof insertTestTree>>;

const HEADER_ROW = 5;
const SENSITIVE_HEADERS = ['Dân tộc', 'Tôn giáo', 'Quê quán', 'Số CCCD'];
const INJECTION = '=HYPERLINK("http://x.example","bấm vào")';

interface Sheet {
  title: string[];
  headers: string[];
  /** Data rows keyed by header, dates printed dd/mm/yyyy as Excel shows them. */
  rows: Record<string, string>[];
  /** The raw cells of the first data row, to look at their types. */
  firstRow: ExcelJS.Row | undefined;
}

const shown = (v: ExcelJS.CellValue): string => {
  if (v === null || v === undefined) return '';
  if (v instanceof Date) return `${String(v.getUTCDate()).padStart(2, '0')}/${String(v.getUTCMonth() + 1).padStart(2, '0')}/${v.getUTCFullYear()}`;
  return String(v);
};

async function readXlsx(res: LightMyRequestResponse): Promise<Sheet> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
  const ws = wb.worksheets[0]!;
  const title = [1, 2, 3].map((i) => shown(ws.getRow(i).getCell(1).value));
  const headerRow = ws.getRow(HEADER_ROW);
  const headers: string[] = [];
  headerRow.eachCell((c) => headers.push(shown(c.value)));
  const rows: Record<string, string>[] = [];
  for (let i = HEADER_ROW + 1; i <= ws.rowCount; i++) {
    const row = ws.getRow(i);
    rows.push(Object.fromEntries(headers.map((h, j) => [h, shown(row.getCell(j + 1).value)])));
  }
  return { title, headers, rows, firstRow: ws.rowCount > HEADER_ROW ? ws.getRow(HEADER_ROW + 1) : undefined };
}

/** RFC 4180 records of a whole file (quoted fields may hold commas, quotes and line breaks). */
function parseCsv(text: string): string[][] {
  const out: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(field);
      field = '';
    } else if (ch === '\r' && text[i + 1] === '\n') {
      row.push(field);
      out.push(row);
      row = [];
      field = '';
      i++;
    } else field += ch;
  }
  if (field !== '' || row.length > 0) throw new Error('the file does not end with CRLF');
  return out;
}

describeApi('member list export', (h) => {
  let t: Tree;
  let u: Tree;
  let staff: Session;
  let leader: Session;
  const inT: { name: string; citizenId: string }[] = [];
  const inU: string[] = [];

  const get = (url: string, s: Session | null) => h().app.inject({ method: 'GET', url, headers: s?.headers ?? {} });

  /** Every name the list pages through for these filters, in order, following nextCursor. */
  async function listedNames(s: Session, filters: string): Promise<{ names: string[]; total: number }> {
    const names: string[] = [];
    let after = '';
    let total = -1;
    for (;;) {
      const res = await get(`/api/members?pageSize=7&${filters}${after ? `&after=${after}` : ''}`, s);
      expect(res.statusCode, res.body).toBe(200);
      const body = res.json() as { items: { fullName: string }[]; total: number; nextCursor?: string };
      if (total < 0) total = body.total;
      names.push(...body.items.map((i) => i.fullName));
      if (!body.nextCursor) return { names, total };
      after = body.nextCursor;
    }
  }

  beforeAll(async () => {
    const db = h().database.db;
    t = await insertTestTree(db, 'XK');
    u = await insertTestTree(db, 'NGOAI');
    const given = ['An', 'Bình', 'Chi', 'Dũng', 'Giang', 'Hà', 'Khánh', 'Lan', 'Minh', 'Nga', 'Oanh', 'Phúc', 'Quân', 'Sơn', 'Thảo', 'Uyên', 'Vinh', 'Xuân', 'Yến'];
    for (const [i, g] of given.entries()) {
      const female = i % 3 === 0;
      const citizenId = `0011900${String(i).padStart(5, '0')}`;
      const m = await insertTestMember(db, {
        org: i % 2 === 0 ? t.cellA : t.cellB,
        full_name: `${female ? 'Lê Thị' : 'Trần Văn'} ${g}`,
        sex: female ? 'female' : 'male',
        birth_date: `19${70 + i}-0${1 + (i % 9)}-1${i % 10}`,
        citizen_id: citizenId,
        hometown: 'Xã Yên Sở, Hoài Đức, Hà Nội',
        ethnicity: i % 4 === 0 ? 'tay' : 'kinh',
        theory_level: 'intermediate',
        // Every fifth is exempt, every seventh has left the rolls (not in the default list).
        status: i % 7 === 6 ? 'transferred' : i % 5 === 4 ? 'exempt' : 'official',
        positions: i === 0 ? 'Bí thư chi bộ, trưởng thôn "Đông"' : i === 1 ? '+84 912 345 678' : null,
        occupation: i === 2 ? INJECTION : null,
      });
      inT.push({ name: m.full_name, citizenId });
    }
    for (const g of ['Ngoài Một', 'Ngoài Hai', 'Ngoài Ba']) {
      const m = await insertTestMember(db, { org: u.cellA, full_name: `Phạm Văn ${g}`, citizen_id: null });
      inU.push(m.full_name);
    }
    await userWithRoles(db, 'xk.staff', 'mat-khau-xk-staff-1', [{ role: 'org_staff', orgId: t.commune.id }]);
    await userWithRoles(db, 'xk.leader', 'mat-khau-xk-leader-1', [{ role: 'leader', orgId: t.commune.id }]);
    staff = await signIn(h().app, 'xk.staff', 'mat-khau-xk-staff-1');
    leader = await signIn(h().app, 'xk.leader', 'mat-khau-xk-leader-1');
  });

  it('exports exactly the members the list pages through, in its order, and nothing out of scope (xlsx)', async () => {
    const res = await get('/api/members/export?format=xlsx', staff);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(res.headers['content-disposition']).toBe('attachment; filename="danh-sach-dang-vien-2026-11-20.xlsx"');
    expect(res.headers['cache-control']).toBe('private, no-store');

    const sheet = await readXlsx(res);
    const listed = await listedNames(staff, '');
    expect(listed.total).toBe(inT.length - 2); // the two who left the rolls are not on the default list
    expect(sheet.rows.map((r) => r['Họ và tên'])).toEqual(listed.names);
    expect(sheet.rows.map((r) => r.STT)).toEqual(listed.names.map((_, i) => String(i + 1)));
    for (const name of inU) expect(sheet.rows.some((r) => r['Họ và tên'] === name)).toBe(false);

    expect(sheet.title).toEqual([t.commune.name.toLocaleUpperCase('vi'), 'DANH SÁCH ĐẢNG VIÊN', '(Tính đến ngày 20/11/2026)']);
    expect(sheet.headers).toEqual([
      'STT', 'Họ và tên', 'Ngày sinh', 'Giới tính', 'Dân tộc', 'Tôn giáo', 'Quê quán', 'Số CCCD', 'Ngày vào Đảng', 'Ngày chính thức',
      'Số thẻ đảng viên', 'Trạng thái', 'Giáo dục phổ thông', 'Trình độ chuyên môn', 'Lý luận chính trị', 'Nghề nghiệp', 'Chức vụ', 'Chi bộ',
    ]);
    const an = sheet.rows.find((r) => r['Họ và tên'] === 'Lê Thị An')!;
    expect(an).toMatchObject({
      'Ngày sinh': '10/01/1970',
      'Giới tính': 'Nữ',
      'Dân tộc': 'Tày',
      'Tôn giáo': 'Không',
      'Số CCCD': '001190000000',
      'Ngày vào Đảng': '01/01/2009',
      'Trạng thái': 'Chính thức',
      'Lý luận chính trị': 'Trung cấp',
      'Chức vụ': 'Bí thư chi bộ, trưởng thôn "Đông"',
      'Chi bộ': t.cellA.name,
    });
    // Dates are real dates shown as dd/mm/yyyy, and a text that looks like a formula stays text.
    expect(sheet.firstRow!.getCell(3).numFmt).toBe('dd/mm/yyyy');
    expect(sheet.firstRow!.getCell(3).value).toBeInstanceOf(Date);
    const injected = sheet.rows.find((r) => r['Nghề nghiệp'] === INJECTION);
    expect(injected).toBeDefined();
  });

  it('applies the list filters: subtree, statuses, sex, search', async () => {
    for (const filters of [`org=${t.cellA.id}`, 'status=official,exempt,transferred&sex=female', 'q=tran van', `sort=-birthDate&org=${t.cellB.id}`]) {
      const sheet = await readXlsx(await get(`/api/members/export?${filters}`, staff));
      const listed = await listedNames(staff, filters);
      expect(listed.names.length, filters).toBeGreaterThan(0);
      expect(sheet.rows.map((r) => r['Họ và tên']), filters).toEqual(listed.names);
    }
    const cell = await readXlsx(await get(`/api/members/export?org=${t.cellA.id}`, staff));
    expect(cell.title[0]).toBe(t.cellA.name.toLocaleUpperCase('vi'));
  });

  it('answers 404 for an org outside the scope, as for a missing one, with no file', async () => {
    for (const id of [u.cellA.id, 999_999]) {
      const res = await get(`/api/members/export?org=${id}`, staff);
      expect(res.statusCode).toBe(404);
      expect(res.json().error.code).toBe('ORG_NOT_FOUND');
      expect(res.body).not.toContain(u.cellA.name);
    }
  });

  it('leaves the sensitive columns out of a leader’s file, and their values with them', async () => {
    const sheet = await readXlsx(await get('/api/members/export', leader));
    expect(sheet.rows).toHaveLength(inT.length - 2);
    for (const header of SENSITIVE_HEADERS) expect(sheet.headers).not.toContain(header);
    expect(sheet.headers).toContain('Họ và tên');
    const all = JSON.stringify(sheet.rows);
    for (const m of inT) expect(all).not.toContain(m.citizenId);
    expect(all).not.toContain('Hoài Đức');

    const csv = (await get('/api/members/export?format=csv', leader)).body;
    for (const header of SENSITIVE_HEADERS) expect(csv).not.toContain(header);
    for (const m of inT) expect(csv).not.toContain(m.citizenId);
    // Nor can a leader find someone by citizen ID through the export: 12 digits are read as a card number.
    const byId = await readXlsx(await get(`/api/members/export?q=${inT[0]!.citizenId}`, leader));
    expect(byId.rows).toEqual([]);
    const staffById = await readXlsx(await get(`/api/members/export?q=${inT[0]!.citizenId}`, staff));
    expect(staffById.rows.map((r) => r['Họ và tên'])).toEqual([inT[0]!.name]);
  });

  it('keeps the sensitive columns all or nothing: present only where the caller may read them for everyone exported', async () => {
    const db = h().database.db;
    // Leader over the commune, committee (which reads sensitive fields) over one cell only.
    await userWithRoles(db, 'xk.mixed', 'mat-khau-xk-mixed-1', [
      { role: 'leader', orgId: t.commune.id },
      { role: 'committee', orgId: t.cellA.id },
    ]);
    const mixed = await signIn(h().app, 'xk.mixed', 'mat-khau-xk-mixed-1');
    const whole = await readXlsx(await get('/api/members/export', mixed));
    for (const header of SENSITIVE_HEADERS) expect(whole.headers).not.toContain(header);
    const cell = await readXlsx(await get(`/api/members/export?org=${t.cellA.id}`, mixed));
    for (const header of SENSITIVE_HEADERS) expect(cell.headers).toContain(header);
    expect(cell.rows.find((r) => r['Họ và tên'] === 'Lê Thị An')!['Số CCCD']).toBe('001190000000');
  });

  it('writes CSV as UTF-8 with BOM, RFC 4180 quoting and formulas turned into text', async () => {
    const res = await get(`/api/members/export?format=csv&org=${t.cellA.id}&status=official,exempt,transferred`, staff);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toBe('attachment; filename="danh-sach-dang-vien-2026-11-20.csv"');
    const bytes = res.rawPayload;
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.toString('utf8').slice(1);
    const records = parseCsv(text);
    const width = records[HEADER_ROW - 1]!.length;
    expect(records.every((r) => r.length === width)).toBe(true);
    expect(records[0]![0]).toBe(t.cellA.name.toLocaleUpperCase('vi'));
    expect(records[2]![0]).toBe('(Tính đến ngày 20/11/2026)');
    const headers = records[HEADER_ROW - 1]!;
    const rows = records.slice(HEADER_ROW).map((r) => Object.fromEntries(headers.map((h, i) => [h, r[i]!])));
    expect(rows.map((r) => r['Họ và tên'])).toEqual((await listedNames(staff, `org=${t.cellA.id}&status=official,exempt,transferred`)).names);

    const an = rows.find((r) => r['Họ và tên'] === 'Lê Thị An')!;
    expect(an['Ngày sinh']).toBe('10/01/1970');
    expect(an['Chức vụ']).toBe('Bí thư chi bộ, trưởng thôn "Đông"');
    expect(text).toContain(',"Bí thư chi bộ, trưởng thôn ""Đông""",');
    const injected = rows.find((r) => r['Họ và tên'] === 'Trần Văn Chi')!;
    expect(injected['Nghề nghiệp']).toBe(`'${INJECTION}`);
    expect(text).toContain(`"'=HYPERLINK(""http://x.example"",""bấm vào"")"`);
    // No line of the file starts a cell with a formula character outside quotes.
    for (const r of records) for (const f of r) expect(f).not.toMatch(/^[=+\-@]/);
  });

  it('writes one audit entry per export: who, filters, row count, format', async () => {
    const db = h().database.db;
    const before = await db.selectFrom('audit_log').select('id').where('action', '=', 'member.export').execute();
    const res = await get(`/api/members/export?format=csv&org=${t.cellB.id}&sex=male`, leader);
    expect(res.statusCode).toBe(200);
    const entries = await db
      .selectFrom('audit_log as a')
      .innerJoin('app_user as u', 'u.id', 'a.user_id')
      .select(['u.username', 'a.after', 'a.org_path', 'a.entity_type'])
      .where('a.action', '=', 'member.export')
      .where('a.id', 'not in', before.length ? before.map((b) => b.id) : [0])
      .execute();
    expect(entries).toHaveLength(1);
    const listed = await listedNames(leader, `org=${t.cellB.id}&sex=male`);
    const after = (typeof entries[0]!.after === 'string' ? JSON.parse(entries[0]!.after) : entries[0]!.after) as Record<string, unknown>;
    expect(entries[0]).toMatchObject({ username: 'xk.leader', org_path: t.cellB.path, entity_type: 'member' });
    expect(after).toMatchObject({
      format: 'csv',
      filters: { org: t.cellB.id, sex: 'male', mode: 'word', sort: 'name' },
      rows: listed.names.length,
      complete: true,
      omittedColumns: ['ethnicity', 'religion', 'hometown', 'citizenId'],
    });
    // The staff can read it on the trail of their subtree.
    const trail = await get(`/api/audit?entityType=member&pageSize=200`, staff);
    expect(trail.json().items.some((i: { action: string }) => i.action === 'member.export')).toBe(true);
  });

  it('stores a citizen ID typed as the search with only its last four digits on the audit trail', async () => {
    const db = h().database.db;
    const before = await db.selectFrom('audit_log').select('id').where('action', '=', 'member.export').execute();
    const res = await get(`/api/members/export?format=csv&q=001190012345`, staff);
    expect(res.statusCode).toBe(200);
    const entries = await db
      .selectFrom('audit_log')
      .select('after')
      .where('action', '=', 'member.export')
      .where('id', 'not in', before.length ? before.map((b) => b.id) : [0])
      .execute();
    expect(entries).toHaveLength(1);
    const text = typeof entries[0]!.after === 'string' ? entries[0]!.after : JSON.stringify(entries[0]!.after);
    expect(text).not.toContain('001190012345');
    expect(JSON.parse(text)).toMatchObject({ filters: { q: '••••••••2345' } });
  });

  it('exports the list as filtered by age band and theory level, as the list pages it', async () => {
    const filters = `org=${t.commune.id}&ageBand=41_50,51_60&theoryLevel=intermediate,advanced`;
    const res = await get(`/api/members/export?format=csv&${filters}`, staff);
    expect(res.statusCode).toBe(200);
    const records = parseCsv(res.rawPayload.toString('utf8').slice(1));
    const headers = records[HEADER_ROW - 1]!;
    const names = records.slice(HEADER_ROW).map((r) => r[headers.indexOf('Họ và tên')]!);
    const listed = await listedNames(staff, filters);
    // Born 1970–1985 of the 1970–1988 births (report year 2026), all intermediate: not everyone.
    expect(names.length).toBeGreaterThan(0);
    expect(names.length).toBeLessThan((await listedNames(staff, `org=${t.commune.id}`)).names.length);
    expect(names).toEqual(listed.names);
  });

  it('answers 401 to an anonymous caller', async () => {
    const res = await get('/api/members/export', null);
    expect(res.statusCode).toBe(401);
    expect(res.json().error.code).toBe('UNAUTHENTICATED');
  });

  it('stops walking when the client goes away, and audits what was sent as incomplete', async () => {
    const db = h().database.db;
    const ctx: ServiceContext = {
      db,
      clock: h().clock,
      actor: { userId: null, ip: 'abort-test' },
      scope: makeScope([t.commune.path]),
      access: makeAccess([{ role: 'org_staff', path: t.commune.path }]),
    };
    for (const format of ['csv', 'xlsx'] as const) {
      const query = exportMembersQuery.parse({ format, status: 'official,exempt,transferred' });
      const file = await exportMembers(ctx, query, { onError: () => {}, chunk: 1 });
      // Read the first piece, then hang up, as a browser tab closed mid-download does.
      await new Promise<void>((resolve) => file.body.once('data', () => resolve()));
      file.body.destroy();
      const entry = async () =>
        db
          .selectFrom('audit_log')
          .select('after')
          .where('action', '=', 'member.export')
          .where('ip', '=', 'abort-test')
          .where(sql<boolean>`"after" ->> 'format' = ${format}`)
          .executeTakeFirst();
      await expect.poll(entry, { timeout: 5000 }).toBeDefined();
      const after = (await entry())!.after as unknown;
      const parsed = (typeof after === 'string' ? JSON.parse(after) : after) as { complete: boolean; rows: number };
      expect(parsed.complete, format).toBe(false);
      expect(parsed.rows, format).toBeLessThan(inT.length);
    }
  });

  describe('walk in chunks', () => {
    it('reads the list chunk by chunk through the cursor without losing or repeating anyone', async () => {
      const db = h().database.db;
      const ctx: ServiceContext = {
        db,
        clock: h().clock,
        actor: { userId: null, ip: null },
        scope: makeScope([t.commune.path]),
        access: makeAccess([{ role: 'org_staff', path: t.commune.path }]),
      };
      // Every sort: ties (the same admission date for all) are broken by id across chunk ends.
      for (const sort of ['name', '-name', 'admissionDate', '-birthDate'] as const) {
        const listed = await listedNames(staff, `status=official,exempt,transferred&sort=${sort}`);
        for (const chunk of [1, 3, listed.names.length, 50]) {
          const query = exportMembersQuery.parse({ format: 'csv', status: 'official,exempt,transferred', sort });
          const file = await exportMembers(ctx, query, { onError: (e) => { throw e; }, chunk });
          const text = Buffer.concat(await (file.body as Readable).toArray()).toString('utf8').slice(1);
          const names = parseCsv(text).slice(HEADER_ROW).map((r) => r[1]);
          expect(names, `${sort}, chunk ${chunk}`).toEqual(listed.names);
        }
      }
    });
  });
});

describe('export labels', () => {
  it('print the codes with the words the web app shows', () => {
    const m = webVi.member;
    expect(memberValueLabels.sex).toEqual(m.sex);
    expect(memberValueLabels.status).toEqual(m.statuses);
    expect(memberValueLabels.theoryLevel).toEqual(m.theoryLevels);
    expect(memberValueLabels.professionalLevel).toEqual(m.professionalLevels);
    expect(memberValueLabels.ethnicity).toEqual(m.ethnicities);
    expect(memberValueLabels.religion).toEqual(m.religions);
  });
});
