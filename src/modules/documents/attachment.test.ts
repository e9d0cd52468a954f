import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { beforeAll, expect, it } from 'vitest';
import { describeApi, signIn, userWithRoles, type ApiHarness, type Session } from '../../../test/api.js';
import { insertTestMember, insertTestTree } from '../../../test/factories.js';
import { MAX_ATTACHMENT_BYTES } from './attachment.service.js';

type Tree = Awaited<ReturnType<typeof insertTestTree>>;

const PDF = Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(200, 0x20), Buffer.from('\n%%EOF\n')]);
const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(64, 1)]);
const JPEG = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(64, 2)]);

function send(h: ApiHarness, method: InjectOptions['method'], url: string, body?: Buffer, type?: string, headers: Record<string, string> = h.headers): Promise<LightMyRequestResponse> {
  return h.app.inject({ method, url, payload: body, headers: { ...headers, ...(type ? { 'content-type': type } : {}) } });
}

describeApi(
  'scanned attachments on case steps',
  (h) => {
    let t: Tree;
    let outsider: Session;
    let caseId: number;
    let stepId: number;

    async function count(): Promise<{ files: number; audit: number }> {
      const db = h().database.db;
      const files = Number((await db.selectFrom('case_attachment').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
      const audit = Number((await db.selectFrom('audit_log').select((eb) => eb.fn.countAll<number>().as('n')).where('action', 'like', '%.attachment_add').executeTakeFirstOrThrow()).n);
      return { files, audit };
    }

    beforeAll(async () => {
      const db = h().database.db;
      t = await insertTestTree(db, 'DK');
      const other = await insertTestTree(db, 'DL');
      await userWithRoles(db, 'staff.dl', 'mat-khau-staff-dl-1', [{ role: 'org_staff', orgId: other.commune.id }]);
      outsider = await signIn(h().app, 'staff.dl', 'mat-khau-staff-dl-1');
      const p = await send(h(), 'POST', '/api/candidates', Buffer.from(JSON.stringify({ fullName: 'Mai Thị Quét', sex: 'female', birthDate: '1996-03-03', citizenId: '001296000777', orgId: t.cellA.id })), 'application/json');
      expect(p.statusCode, p.body).toBe(201);
      const c = await send(h(), 'POST', '/api/admission-cases', Buffer.from(JSON.stringify({ candidateId: p.json().id, openedOn: '2027-01-05' })), 'application/json');
      caseId = c.json().id;
      const s = await send(h(), 'POST', `/api/admission-cases/${caseId}/steps`, Buffer.from(JSON.stringify({ kind: 'course_certificate', date: '2027-01-12', version: c.json().version })), 'application/json');
      expect(s.statusCode, s.body).toBe(200);
      stepId = s.json().steps[0].id;
    });

    it('stores a PDF on a step, lists it and serves the same bytes, with one audit row', async () => {
      const before = await count();
      const name = encodeURIComponent('Giấy chứng nhận lớp cảm tình Đảng.pdf');
      const up = await send(h(), 'POST', `/api/admission-cases/${caseId}/attachments?name=${name}&step=${stepId}`, PDF, 'application/pdf');
      expect(up.statusCode, up.body).toBe(201);
      expect(up.json()).toMatchObject({ stepId, fileName: 'Giấy chứng nhận lớp cảm tình Đảng.pdf', contentType: 'application/pdf', bytes: PDF.length });
      expect(await count()).toEqual({ files: before.files + 1, audit: before.audit + 1 });

      const list = await send(h(), 'GET', `/api/admission-cases/${caseId}/attachments`);
      expect(list.statusCode).toBe(200);
      expect(list.json().items.map((a: { id: number }) => a.id)).toContain(up.json().id);

      const file = await send(h(), 'GET', `/api/admission-cases/${caseId}/attachments/${up.json().id}`);
      expect(file.statusCode).toBe(200);
      expect(file.headers['content-type']).toBe('application/pdf');
      expect(file.headers['content-disposition']).toContain(`filename*=UTF-8''${name}`);
      expect(Buffer.compare(file.rawPayload, PDF)).toBe(0);
    });

    it('takes the type from the bytes: a PNG sent as octet-stream is stored as PNG; a text named .pdf is refused (ATTACHMENT_TYPE), nothing written', async () => {
      const png = await send(h(), 'POST', `/api/admission-cases/${caseId}/attachments?name=scan.bin`, PNG, 'application/octet-stream');
      expect(png.statusCode, png.body).toBe(201);
      expect(png.json()).toMatchObject({ contentType: 'image/png', stepId: null });

      const before = await count();
      const fake = await send(h(), 'POST', `/api/admission-cases/${caseId}/attachments?name=quyet-dinh.pdf`, Buffer.from('không phải PDF'), 'application/pdf');
      expect(fake.statusCode).toBe(415);
      expect(fake.json().error).toMatchObject({ code: 'ATTACHMENT_TYPE', details: { field: 'body' } });
      expect(fake.json().error.message).toContain('quyet-dinh.pdf');
      const declared = await send(h(), 'POST', `/api/admission-cases/${caseId}/attachments?name=a.txt`, Buffer.from('x'), 'text/plain');
      expect(declared.statusCode).toBe(415);
      expect(declared.json().error.code).toBe('ATTACHMENT_TYPE');
      expect(await count()).toEqual(before);
    });

    it('refuses a file over 10 MB (ATTACHMENT_TOO_LARGE) and a step of another case, nothing written', async () => {
      const before = await count();
      const big = Buffer.concat([PDF, Buffer.alloc(MAX_ATTACHMENT_BYTES - PDF.length + 1, 0x20)]);
      const res = await send(h(), 'POST', `/api/admission-cases/${caseId}/attachments?name=lon.pdf`, big, 'application/pdf');
      expect(res.statusCode).toBe(413);
      expect(res.json().error).toMatchObject({ code: 'ATTACHMENT_TOO_LARGE', details: { field: 'body' } });
      expect(res.json().error.message).toContain('10 MB');
      const wrongStep = await send(h(), 'POST', `/api/admission-cases/${caseId}/attachments?name=a.pdf&step=999999`, PDF, 'application/pdf');
      expect(wrongStep.statusCode).toBe(404);
      expect(wrongStep.json().error).toMatchObject({ code: 'ATTACHMENT_STEP_NOT_FOUND', details: { field: 'step' } });
      expect(await count()).toEqual(before);
    });

    it('answers 404 out of scope and 401 anonymous, for upload, list and download', async () => {
      const up = await send(h(), 'POST', `/api/admission-cases/${caseId}/attachments?name=a.pdf`, PDF, 'application/pdf');
      const id = up.json().id as number;
      const before = await count();
      const urls = [`/api/admission-cases/${caseId}/attachments`, `/api/admission-cases/${caseId}/attachments/${id}`];
      for (const url of urls) {
        const res = await send(h(), 'GET', url, undefined, undefined, outsider.headers);
        expect(res.statusCode, url).toBe(404);
        expect(res.body).not.toContain('Mai Thị Quét');
        expect((await send(h(), 'GET', url, undefined, undefined, {})).statusCode, url).toBe(401);
      }
      expect((await send(h(), 'POST', urls[0]!.concat('?name=a.pdf'), PDF, 'application/pdf', outsider.headers)).statusCode).toBe(404);
      expect(await count()).toEqual(before);
    });

    it('attaches to recognition and transfer cases as well', async () => {
      const m = await insertTestMember(h().database.db, { org: t.cellA, full_name: 'Lý Văn Dự', status: 'probationary', status_since: '2026-05-04', admission_date: '2026-05-04' });
      const rc = await send(h(), 'POST', '/api/recognition-cases', Buffer.from(JSON.stringify({ memberId: m.id, openedOn: '2027-05-04' })), 'application/json');
      expect(rc.statusCode, rc.body).toBe(201);
      const r = await send(h(), 'POST', `/api/recognition-cases/${rc.json().id}/attachments?name=tu-kiem-diem.jpg`, JPEG, 'image/jpeg');
      expect(r.statusCode, r.body).toBe(201);
      expect(r.json().contentType).toBe('image/jpeg');

      const o = await insertTestMember(h().database.db, { org: t.cellA, full_name: 'Tạ Văn Đi', status: 'official', status_since: '2015-01-01' });
      const tc = await send(
        h(),
        'POST',
        '/api/transfers',
        Buffer.from(JSON.stringify({ memberId: o.id, kind: 'permanent', reason: 'Chuyển nơi ở', causeDate: '2027-11-01', openedOn: '2027-11-02', destination: 'inside', destinationOrgId: t.gcell.id })),
        'application/json',
      );
      expect(tc.statusCode, tc.body).toBe(201);
      const tr = await send(h(), 'POST', `/api/transfers/${tc.json().id}/attachments?name=giay-gioi-thieu.pdf`, PDF, 'application/pdf');
      expect(tr.statusCode, tr.body).toBe(201);
      const listed = await send(h(), 'GET', `/api/transfers/${tc.json().id}/attachments`);
      expect(listed.json().items).toHaveLength(1);
      // An attachment id of one case is not found under another case.
      expect((await send(h(), 'GET', `/api/recognition-cases/${rc.json().id}/attachments/${tr.json().id}`)).statusCode).toBe(404);
    });
  },
  { today: '2027-12-01' },
);
