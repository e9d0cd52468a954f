import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import JSZip from 'jszip';
import { beforeAll, expect, it } from 'vitest';
import { describeApi, signIn, userWithRoles, type ApiHarness, type Session } from '../../../test/api.js';
import { insertTestMember, insertTestTree } from '../../../test/factories.js';
import { officialDate } from '../../domain/probation/probation.js';
import { DOCX_CONTENT_TYPE } from './documents.service.js';
import { backgroundReplied, backgroundRequested, ballot, comments } from '../../../test/admission-steps.js';

type Tree = Awaited<ReturnType<typeof insertTestTree>>;

function call(h: ApiHarness, method: InjectOptions['method'], url: string, payload?: unknown, headers: Record<string, string> = h.headers): Promise<LightMyRequestResponse> {
  return h.app.inject({ method, url, payload: payload as InjectOptions['payload'], headers });
}

/** The text of word/document.xml, tags removed: what Word shows, run after run. */
async function docxText(res: LightMyRequestResponse): Promise<string> {
  const zip = await JSZip.loadAsync(res.rawPayload);
  expect(Object.keys(zip.files)).toEqual(expect.arrayContaining(['[Content_Types].xml', 'word/document.xml']));
  const xml = await zip.file('word/document.xml')!.async('string');
  // A4 portrait, Times New Roman: the layout the brief asks for is in the XML itself.
  expect(xml).toContain('w:w="11906"');
  expect(xml).toContain('w:h="16838"');
  expect(await zip.file('word/styles.xml')!.async('string')).toContain('Times New Roman');
  return xml.replace(/<[^>]+>/g, '');
}

const votes = (members: number, inFavour: number) => ({ members, inFavour, against: members - inFavour });

// Today is 2027-12-01: a member admitted at a ceremony on 2026-05-04 has finished probation.
describeApi(
  'Word drafts of case documents',
  (h) => {
    let t: Tree;
    let outsider: Session;
    let sponsorIds: number[];
    let seq = 0;

    async function runSteps(base: string, caseId: number, version: number, steps: Record<string, unknown>[]): Promise<{ version: number } & Record<string, unknown>> {
      let v = version;
      let last: { version: number } | undefined;
      for (const s of steps) {
        const res = await call(h(), 'POST', `${base}/${caseId}/steps`, { ...s, version: v });
        expect(res.statusCode, `${String(s.kind)}: ${res.body}`).toBe(200);
        last = res.json();
        v = last!.version;
      }
      return last!;
    }

    async function admissionCase(name: string): Promise<{ id: number; version: number }> {
      const p = await call(h(), 'POST', '/api/candidates', { fullName: name, sex: 'female', birthDate: '1995-02-11', citizenId: `00129700${String(++seq).padStart(4, '0')}`, orgId: t.cellA.id });
      expect(p.statusCode, p.body).toBe(201);
      const c = await call(h(), 'POST', '/api/admission-cases', { candidateId: p.json().id, openedOn: '2027-01-05' });
      expect(c.statusCode, c.body).toBe(201);
      return c.json();
    }

    beforeAll(async () => {
      const db = h().database.db;
      t = await insertTestTree(db, 'VB');
      const other = await insertTestTree(db, 'VC');
      const a = await insertTestMember(db, { org: t.cellA, full_name: 'Trần Văn An', status: 'official', status_since: '2010-01-01' });
      const b = await insertTestMember(db, { org: t.cellA, full_name: 'Phạm Thị Bình', status: 'official', status_since: '2012-01-01' });
      sponsorIds = [a.id, b.id];
      await userWithRoles(db, 'staff.vc', 'mat-khau-staff-vc-1', [{ role: 'org_staff', orgId: other.commune.id }]);
      outsider = await signIn(h().app, 'staff.vc', 'mat-khau-staff-vc-1');
    });

    async function auditCount(action: string): Promise<number> {
      const r = await h().database.db.selectFrom('audit_log').select((eb) => eb.fn.countAll<number>().as('n')).where('action', '=', action).executeTakeFirstOrThrow();
      return Number(r.n);
    }

    it('admission decision: drafted once the case reaches the decision step, with the number when recorded; 409 before, 404 out of scope, 401 anonymous', async () => {
      const early = await admissionCase('Lê Thị Sớm');
      const notReady = await call(h(), 'GET', `/api/admission-cases/${early.id}/documents/decision.docx`);
      expect(notReady.statusCode).toBe(409);
      expect(notReady.json().error).toMatchObject({ code: 'DOCUMENT_CASE_NOT_READY', details: { field: 'id' } });
      expect(notReady.json().error.message).toContain('chưa đến bước quyết định');

      const c = await admissionCase('Vũ Thị Lan');
      const resolved = await runSteps('/api/admission-cases', c.id, c.version, [
        { kind: 'course_certificate', date: '2027-01-12' },
        { kind: 'sponsors', date: '2027-02-02', sponsors: sponsorIds.map((memberId) => ({ memberId, togetherSince: '2020-01-01', togetherBy: 'work' })) },
        backgroundRequested('2027-02-10'),
        backgroundReplied('2027-03-02'),
        comments('2027-03-09'),
        { kind: 'cell_resolution', date: '2027-03-16', resolutionNo: '05-NQ/CB', votes: votes(9, 8), ballot: ballot() },
        { kind: 'grassroots_resolution', date: '2027-04-01', resolutionNo: '12-NQ/ĐU', votes: votes(15, 12), ballot: ballot() },
      ]);
      const url = `/api/admission-cases/${c.id}/documents/decision.docx`;
      const draft = await call(h(), 'GET', url);
      expect(draft.statusCode, draft.body).toBe(200);
      expect(draft.headers['content-type']).toBe(DOCX_CONTENT_TYPE);
      expect(draft.headers['content-disposition']).toBe(
        `attachment; filename="du-thao-quyet-dinh-ket-nap-${c.id}.docx"; filename*=UTF-8''${encodeURIComponent('Dự thảo quyết định kết nạp - Vũ Thị Lan.docx')}`,
      );
      const before = await docxText(draft);
      for (const s of ['ĐẢNG CỘNG SẢN VIỆT NAM', 'QUYẾT ĐỊNH', 'Về việc kết nạp đảng viên', 'Kết nạp quần chúng Vũ Thị Lan', 'sinh ngày 11/02/1995', 'Chi bộ VB A', 'ĐẢNG BỘ XÃ VB', '05-NQ/CB', 'Điều 1.', 'Nơi nhận:', 'T/M BAN THƯỜNG VỤ', 'BÍ THƯ', 'Số: ……………-QĐ/……', 'ngày …… tháng …… năm ……']) {
        expect(before).toContain(s);
      }
      expect(before).toContain('Thời gian dự bị của đảng viên là 12 tháng');

      await runSteps('/api/admission-cases', c.id, resolved.version, [{ kind: 'decision', date: '2027-04-20', decisionNo: '123-QĐ/ĐU', authority: 'superior_standing_committee', votes: votes(9, 7), ballot: ballot() }]);
      const audits = await auditCount('admission_case.document_export');
      const decided = await docxText(await call(h(), 'GET', url));
      expect(decided).toContain('Số: 123-QĐ/ĐU');
      expect(decided).toContain('ngày 20 tháng 04 năm 2027');
      expect(await auditCount('admission_case.document_export')).toBe(audits + 1);

      const out = await call(h(), 'GET', url, undefined, outsider.headers);
      expect(out.statusCode).toBe(404);
      expect(out.json().error.code).toBe('ADMISSION_CASE_NOT_FOUND');
      expect(out.body).not.toContain('Vũ Thị Lan');
      expect((await call(h(), 'GET', url, undefined, {})).statusCode).toBe(401);
      expect(await auditCount('admission_case.document_export')).toBe(audits + 1);
    });

    it('R-PROB-03 recognition decision: official from ceremony + 12 months as the domain computes, whatever the decision date', async () => {
      const ceremony = '2026-05-04';
      const m = await insertTestMember(h().database.db, {
        org: t.cellA,
        full_name: 'Đỗ Minh Chính',
        birth_date: '1994-07-21',
        hometown: 'Xã Yên Thành, tỉnh Nghệ An',
        status: 'probationary',
        status_since: ceremony,
        admission_date: ceremony,
      });
      const opened = await call(h(), 'POST', '/api/recognition-cases', { memberId: m.id, openedOn: '2027-05-04' });
      expect(opened.statusCode, opened.body).toBe(201);
      const c = opened.json() as { id: number; version: number };
      await runSteps('/api/recognition-cases', c.id, c.version, [
        { kind: 'self_review', date: '2027-05-04' },
        { kind: 'cell_resolution', date: '2027-05-10', resolutionNo: '07-NQ/CB', proposal: 'recognize', votes: votes(9, 8) },
        { kind: 'grassroots_resolution', date: '2027-05-20', resolutionNo: '20-NQ/ĐU', votes: votes(15, 11) },
        { kind: 'decision', date: '2027-09-15', decisionNo: '88-QĐ/ĐU', authority: 'superior_standing_committee', result: 'recognized', votes: votes(9, 6) },
      ]);
      const url = `/api/recognition-cases/${c.id}/documents/decision.docx`;
      const res = await call(h(), 'GET', url);
      expect(res.statusCode, res.body).toBe(200);
      expect(res.headers['content-type']).toBe(DOCX_CONTENT_TYPE);
      expect(res.headers['content-disposition']).toContain(`filename*=UTF-8''${encodeURIComponent('Dự thảo quyết định công nhận đảng viên chính thức - Đỗ Minh Chính.docx')}`);
      const text = await docxText(res);
      const [y, mo, d] = officialDate(ceremony).split('-');
      for (const s of ['QUYẾT ĐỊNH', 'Về việc công nhận đảng viên chính thức', 'Số: 88-QĐ/ĐU', 'Công nhận đồng chí Đỗ Minh Chính', 'Xã Yên Thành, tỉnh Nghệ An', 'kết nạp vào Đảng ngày 04/05/2026', `là đảng viên chính thức kể từ ngày ${d}/${mo}/${y}`, 'ngày 15 tháng 09 năm 2027']) {
        expect(text).toContain(s);
      }
      expect(`${d}/${mo}/${y}`).toBe('04/05/2027');
      expect(await auditCount('recognition_case.document_export')).toBe(1);
      expect((await call(h(), 'GET', url, undefined, outsider.headers)).statusCode).toBe(404);
      expect((await call(h(), 'GET', url, undefined, {})).statusCode).toBe(401);
      expect((await call(h(), 'GET', '/api/recognition-cases/999999/documents/decision.docx')).statusCode).toBe(404);
    });

    it('R-TRF-09 transfer letter: the letter type of the case, its number once issued', async () => {
      const m = await insertTestMember(h().database.db, { org: t.cellA, full_name: 'Hoàng Văn Chuyển', status: 'official', status_since: '2015-01-01', admission_date: '2014-01-01' });
      const opened = await call(h(), 'POST', '/api/transfers', { memberId: m.id, kind: 'permanent', reason: 'Chuyển nơi công tác', causeDate: '2027-11-01', openedOn: '2027-11-02', destination: 'inside', destinationOrgId: t.gcell.id });
      expect(opened.statusCode, opened.body).toBe(201);
      const c = opened.json() as { id: number; version: number; letter: { type: string } };
      const url = `/api/transfers/${c.id}/documents/letter.docx`;
      const draft = await docxText(await call(h(), 'GET', url));
      expect(draft).toContain('GIẤY GIỚI THIỆU SINH HOẠT ĐẢNG');
      expect(draft).toContain('Hoàng Văn Chuyển');
      expect(draft).toContain('Số: ……………-GTSH/……');

      await runSteps('/api/transfers', c.id, c.version, [
        { kind: 'self_review', date: '2027-11-03' },
        { kind: 'dues', date: '2027-11-03', paidThrough: '2027-11' },
        { kind: 'letter', date: '2027-11-05', letterNo: '15-GGT/ĐU' },
      ]);
      const res = await call(h(), 'GET', url);
      expect(res.statusCode, res.body).toBe(200);
      expect(res.headers['content-type']).toBe(DOCX_CONTENT_TYPE);
      const text = await docxText(res);
      const subject = c.letter.type === 'seven_box' ? 'mẫu loại 7 ô' : 'mẫu loại 10 ô';
      for (const s of ['GIẤY GIỚI THIỆU SINH HOẠT ĐẢNG', subject, 'Số: 15-GGT/ĐU', 'Hoàng Văn Chuyển', 'Chi bộ VB A', 'Chi bộ cơ sở VB', 'Chuyển nơi công tác', '11/2027', 'ngày 05 tháng 11 năm 2027']) {
        expect(text).toContain(s);
      }
      expect(await auditCount('transfer_case.document_export')).toBe(2);
      expect((await call(h(), 'GET', url, undefined, outsider.headers)).statusCode).toBe(404);
      expect((await call(h(), 'GET', url, undefined, {})).statusCode).toBe(401);
    });
  },
  { today: '2027-12-01' },
);
