import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { Secret, TOTP } from 'otpauth';
import { beforeAll, expect, it } from 'vitest';
import { describeApi, signIn, userWithRoles, type ApiHarness, type Session } from '../api.js';
import { insertTestMember, insertTestOrg, type TestOrg } from '../factories.js';
import { insertAssignment } from '../../src/modules/auth/access.repository.js';
import { setUserOrgAndMember } from '../../src/modules/auth/auth.repository.js';
import * as attachmentService from '../../src/modules/documents/attachment.service.js';
import * as importService from '../../src/modules/import/import.service.js';
import { staffContext } from '../../src/modules/service-context.js';
import { memorySource } from '../../src/modules/import/byte-source.js';

// The permission matrix (issue 3): every route of the OpenAPI document is called as anonymous
// (401), as commission staff of a sibling subtree (403 or 404, and nothing of that subtree in the
// body), and as the staff of its own subtree (success). A route that the document lists and this
// table does not is a failure, so a new route cannot ship without its access being tested.

interface Subtree {
  commune: TestOrg;
  gc1: TestOrg;
  gc2: TestOrg;
  cell: TestOrg;
  placeCell: TestOrg;
  moveCell: TestOrg;
  mergeCell: TestOrg;
  dissolveCell: TestOrg;
  member: { id: number; version: number; fullName: string; citizenId: string };
  /** A candidate with an open admission case, and one without a case yet. */
  admission: { candidateId: number; caseId: number; freeCandidateId: number; candidateName: string };
  /** Two dry-run imports of a file naming the subtree's member (nothing to write): one to commit, one to cancel. */
  imports: { commitJob: number; cancelJob: number; remapJob: number; file: Buffer };
  /** A probationary member with an open recognition case, and one without a case yet. */
  recognition: { caseId: number; freeMemberId: number; memberName: string };
  /** An official member with an open transfer case to another cell of the subtree, and one without. */
  transfer: { caseId: number; freeMemberId: number; memberName: string };
  /** A member reaching 30 years of party age in the 2/9/2026 batch, and a removed member's badge in the register. */
  badges: { candidateId: number; awardId: number };
  /** An open removal case (of the first probationary member) and an exemption in force of an exempt member. */
  exits: { caseId: number; exemptionId: number; exemptMemberId: number };
  /** A requested card of the subtree's member and a card in the badge candidate's hands. */
  records: { requestedCardId: number; handedCardId: number; superiorUpdateId: number; cellUpdateId: number };
  /** A transfer case with its letter issued and no slip yet (the badge candidate's), and a residence referral of the transferring member. */
  slips: { letterCaseId: number; liaisonId: number };
  /** The member's dossier received by the grassroots org and lent out (R-REC-06/11). */
  dossiers: { receivedId: number; loanId: number };
}

interface World {
  a: Subtree;
  b: Subtree;
  staffA: Session;
  /** Holds the member role, linked to A's member: the in-scope caller of self-service routes. */
  memberA: Session;
  /** Administrator of A's commune: the in-scope caller of account changes (staff only read them). */
  adminA: Session;
  /** Commission staff of the province: gives record-number blocks to A's commune (R-REC-09). */
  staffProvince: Session;
  /** An account in each subtree, each holding one leader assignment there. */
  accounts: { a: number; b: number; assignmentA: number; assignmentB: number };
  /** Two-factor routes: a session waiting for its code, and a full one of a user with TOTP on. */
  totpPending: Session;
  totpFull: Session;
  /** Secrets of those two users and (once set up) of A's staff; the harness clock is fixed. */
  secrets: { pending: string; full: string; staffA?: string };
  now: number;
  /** A scanned PDF on each subtree's admission, recognition and transfer case. */
  attachments: Record<'a' | 'b', Record<'admission' | 'recognition' | 'transfer', number>>;
  /** The exemption A's staff creates in the matrix run, which the next row ends. */
  createdExemptionId?: number;
}

const totpCode = (w: World, secret: string | undefined) =>
  new TOTP({ secret: Secret.fromBase32(secret ?? ''), algorithm: 'SHA1', digits: 6, period: 30 }).generate({ timestamp: w.now });

type Call = Omit<InjectOptions, 'headers'> & { method: NonNullable<InjectOptions['method']>; url: string };

interface Entry {
  /** Anyone, signed in or not (health, sign-in). */
  public?: true;
  /** The in-scope call and the statuses that count as success. */
  inScope: (w: World) => Call;
  ok: number[];
  /** Who makes the in-scope call (default: A's commission staff). */
  as?: (w: World) => Session;
  /** The same action aimed at the sibling subtree B; absent for routes about the caller themself. */
  outOfScope?: (w: World) => Call;
  /** For listings that answer 200 with the caller's own part: an extra check of the answer. */
  listing?: (w: World, res: LightMyRequestResponse) => void;
}

/** The session after a route that rotates it: the new cookie and anti-forgery token. */
function rotated(res: LightMyRequestResponse): Session {
  const cookie = `dangvu_session=${res.cookies.find((c) => c.name === 'dangvu_session')!.value}`;
  const csrfToken = (res.json() as { csrfToken: string }).csrfToken;
  return { cookie, csrfToken, headers: { cookie, 'x-csrf-token': csrfToken } };
}

const TINY_PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');
const TODAY = '2026-11-20';
const get = (url: string): Call => ({ method: 'GET', url });
const post = (url: string, payload: Record<string, unknown>): Call => ({ method: 'POST', url, payload });

function memberBody(orgId: number, citizenId: string) {
  return { fullName: 'Đinh Thị Thu', sex: 'female', birthDate: '1990-03-04', citizenId, status: 'official', statusSince: '2015-05-19', admissionDate: '2014-05-19', officialDate: '2015-05-19', orgId };
}

// Keyed as the OpenAPI document names routes. Order matters: writes that change a fixture
// (status, merge, dissolve, sign-out) come after the reads of it; TOTP setup before enable.
const TINY_PDF = Buffer.from('%PDF-1.4\n%%EOF\n');
const attachmentRoute = (kind: 'admission' | 'recognition' | 'transfer') => (kind === 'admission' ? 'admission-cases' : kind === 'recognition' ? 'recognition-cases' : 'transfers');

async function attachAll(h: ApiHarness, s: Subtree): Promise<Record<'admission' | 'recognition' | 'transfer', number>> {
  const ctx = staffContext(h.database.db, h.clock);
  const up = async (kind: 'admission' | 'recognition' | 'transfer', caseId: number) => (await attachmentService.upload(ctx, kind, caseId, { name: 'ban-quet.pdf' }, TINY_PDF)).id;
  return { admission: await up('admission', s.admission.caseId), recognition: await up('recognition', s.recognition.caseId), transfer: await up('transfer', s.transfer.caseId) };
}

/** The three attachment routes of one kind of case. */
function attachmentRows(kind: 'admission' | 'recognition' | 'transfer'): Record<string, Entry> {
  const base = `/api/${attachmentRoute(kind)}`;
  const upload = (w: World, side: 'a' | 'b'): Call => ({ method: 'POST', url: `${base}/${w[side][kind].caseId}/attachments?name=ban-quet.pdf`, payload: TINY_PDF, headers: { 'content-type': 'application/pdf' } }) as Call;
  return {
    [`GET ${base}/{id}/attachments`]: { inScope: (w) => get(`${base}/${w.a[kind].caseId}/attachments`), outOfScope: (w) => get(`${base}/${w.b[kind].caseId}/attachments`), ok: [200] },
    [`POST ${base}/{id}/attachments`]: { inScope: (w) => upload(w, 'a'), outOfScope: (w) => upload(w, 'b'), ok: [201] },
    [`GET ${base}/{id}/attachments/{attachmentId}`]: {
      inScope: (w) => get(`${base}/${w.a[kind].caseId}/attachments/${w.attachments.a[kind]}`),
      outOfScope: (w) => get(`${base}/${w.b[kind].caseId}/attachments/${w.attachments.b[kind]}`),
      ok: [200],
    },
  };
}

const MATRIX: Record<string, Entry> = {
  'GET /api/health': { public: true, inScope: () => get('/api/health'), ok: [200] },
  'POST /api/auth/login': { public: true, inScope: () => post('/api/auth/login', { username: 'staff.a', password: 'mat-khau-staff-a-1' }), ok: [200] },
  'GET /api/auth/me': { inScope: () => get('/api/auth/me'), ok: [200] },
  'GET /api/orgs': {
    inScope: () => get('/api/orgs'),
    ok: [200],
    listing: (w, res) => expect(res.json().items.map((o: { id: number }) => o.id)).toEqual([w.a.commune.id]),
  },
  'GET /api/orgs/{id}': { inScope: (w) => get(`/api/orgs/${w.a.cell.id}`), outOfScope: (w) => get(`/api/orgs/${w.b.cell.id}`), ok: [200] },
  'GET /api/orgs/{id}/children': { inScope: (w) => get(`/api/orgs/${w.a.gc1.id}/children`), outOfScope: (w) => get(`/api/orgs/${w.b.gc1.id}/children`), ok: [200] },
  'GET /api/orgs/{id}/history': { inScope: (w) => get(`/api/orgs/${w.a.cell.id}/history`), outOfScope: (w) => get(`/api/orgs/${w.b.cell.id}/history`), ok: [200] },
  'GET /api/orgs/{id}/stats': { inScope: (w) => get(`/api/orgs/${w.a.commune.id}/stats`), outOfScope: (w) => get(`/api/orgs/${w.b.commune.id}/stats`), ok: [200] },
  'GET /api/stats': {
    inScope: () => get('/api/stats'),
    ok: [200],
    listing: (_w, res) => expect(res.json().members.total).toBe(7), // A's official member, two probationary, two transferring, an exempt one and the badge candidate, not B's
  },
  'GET /api/members': {
    inScope: (w) => get(`/api/members?org=${w.a.commune.id}`),
    outOfScope: (w) => get(`/api/members?org=${w.b.commune.id}`),
    ok: [200],
  },
  'GET /api/members/export': {
    inScope: (w) => get(`/api/members/export?format=csv&org=${w.a.commune.id}`),
    outOfScope: (w) => get(`/api/members/export?format=csv&org=${w.b.commune.id}`),
    ok: [200],
    // A file, not JSON: A's member is in it and nothing of B is.
    listing: (w, res) => {
      expect(res.body).toContain(w.a.member.fullName);
      for (const m of markersOf(w.b)) expect(res.body, `export leaks "${m}"`).not.toContain(m);
    },
  },
  'GET /api/members/{id}': { inScope: (w) => get(`/api/members/${w.a.member.id}`), outOfScope: (w) => get(`/api/members/${w.b.member.id}`), ok: [200] },
  'GET /api/members/me': { inScope: () => get('/api/members/me'), as: (w) => w.memberA, ok: [200] },
  'GET /api/members/{id}/history': { inScope: (w) => get(`/api/members/${w.a.member.id}/history`), outOfScope: (w) => get(`/api/members/${w.b.member.id}/history`), ok: [200] },
  'GET /api/members/{id}/as-of': {
    inScope: (w) => get(`/api/members/${w.a.member.id}/as-of?date=2020-01-01`),
    outOfScope: (w) => get(`/api/members/${w.b.member.id}/as-of?date=2020-01-01`),
    ok: [200],
  },
  'PUT /api/members/{id}/photo': {
    inScope: (w) => ({ method: 'PUT', url: `/api/members/${w.a.member.id}/photo`, payload: TINY_PNG, headers: { 'content-type': 'image/png' } }) as Call,
    outOfScope: (w) => ({ method: 'PUT', url: `/api/members/${w.b.member.id}/photo`, payload: TINY_PNG, headers: { 'content-type': 'image/png' } }) as Call,
    ok: [204],
  },
  'GET /api/members/{id}/photo': { inScope: (w) => get(`/api/members/${w.a.member.id}/photo`), outOfScope: (w) => get(`/api/members/${w.b.member.id}/photo`), ok: [200] },
  'POST /api/members': {
    inScope: (w) => post('/api/members', memberBody(w.a.cell.id, '001190000101')),
    outOfScope: (w) => post('/api/members', memberBody(w.b.cell.id, '001190000102')),
    ok: [201],
  },
  'PATCH /api/members/{id}': {
    inScope: (w) => ({ method: 'PATCH', url: `/api/members/${w.a.member.id}`, payload: { version: 1, occupation: 'Giáo viên' } }),
    outOfScope: (w) => ({ method: 'PATCH', url: `/api/members/${w.b.member.id}`, payload: { version: 1, occupation: 'Giáo viên' } }),
    ok: [200],
  },
  'POST /api/members/{id}/placement': {
    inScope: (w) => post(`/api/members/${w.a.member.id}/placement`, { orgId: w.a.placeCell.id, effectiveDate: TODAY, version: 2 }),
    outOfScope: (w) => post(`/api/members/${w.b.member.id}/placement`, { orgId: w.b.placeCell.id, effectiveDate: TODAY, version: 1 }),
    ok: [200],
  },
  'POST /api/members/{id}/status': {
    inScope: (w) => post(`/api/members/${w.a.member.id}/status`, { status: 'exempt', effectiveDate: TODAY, version: 3 }),
    outOfScope: (w) => post(`/api/members/${w.b.member.id}/status`, { status: 'exempt', effectiveDate: TODAY, version: 1 }),
    ok: [200],
  },
  'POST /api/orgs': {
    inScope: (w) => post('/api/orgs', { code: 'MX.A.NEW', name: 'Chi bộ Mới A', orgType: 'cell', parentId: w.a.gc1.id, foundedOn: TODAY }),
    outOfScope: (w) => post('/api/orgs', { code: 'MX.B.NEW', name: 'Chi bộ Mới B', orgType: 'cell', parentId: w.b.gc1.id, foundedOn: TODAY }),
    ok: [201],
  },
  'PATCH /api/orgs/{id}': {
    inScope: (w) => ({ method: 'PATCH', url: `/api/orgs/${w.a.cell.id}`, payload: { version: 1, name: 'Chi bộ Thôn An Mới', effectiveDate: TODAY } }),
    outOfScope: (w) => ({ method: 'PATCH', url: `/api/orgs/${w.b.cell.id}`, payload: { version: 1, name: 'Chi bộ Thôn Bình Mới', effectiveDate: TODAY } }),
    ok: [200],
  },
  'POST /api/orgs/{id}/move': {
    inScope: (w) => post(`/api/orgs/${w.a.moveCell.id}/move`, { newParentId: w.a.gc2.id, effectiveDate: TODAY }),
    outOfScope: (w) => post(`/api/orgs/${w.b.moveCell.id}/move`, { newParentId: w.b.gc2.id, effectiveDate: TODAY }),
    ok: [200],
  },
  'POST /api/orgs/{id}/merge': {
    inScope: (w) => post(`/api/orgs/${w.a.mergeCell.id}/merge`, { targetId: w.a.placeCell.id, effectiveDate: TODAY }),
    outOfScope: (w) => post(`/api/orgs/${w.b.mergeCell.id}/merge`, { targetId: w.b.placeCell.id, effectiveDate: TODAY }),
    ok: [200],
  },
  'POST /api/orgs/{id}/dissolve': {
    inScope: (w) => post(`/api/orgs/${w.a.dissolveCell.id}/dissolve`, { effectiveDate: TODAY }),
    outOfScope: (w) => post(`/api/orgs/${w.b.dissolveCell.id}/dissolve`, { effectiveDate: TODAY }),
    ok: [200],
  },
  'GET /api/due-items': {
    inScope: (w) => get(`/api/due-items?org=${w.a.commune.id}&show=all`),
    outOfScope: (w) => get(`/api/due-items?org=${w.b.commune.id}&show=all`),
    ok: [200],
  },
  'GET /api/due-items/summary': {
    inScope: (w) => get(`/api/due-items/summary?org=${w.a.commune.id}`),
    outOfScope: (w) => get(`/api/due-items/summary?org=${w.b.commune.id}`),
    ok: [200],
  },
  'GET /api/due-items/own': { inScope: () => get('/api/due-items/own'), as: (w) => w.memberA, ok: [200] },
  'GET /api/candidates': {
    inScope: (w) => get(`/api/candidates?org=${w.a.commune.id}`),
    outOfScope: (w) => get(`/api/candidates?org=${w.b.commune.id}`),
    ok: [200],
    listing: (w, res) => {
      expect(res.body).toContain(w.a.admission.candidateName);
      expect(res.body).not.toContain(w.b.admission.candidateName);
    },
  },
  'GET /api/candidates/{id}': {
    inScope: (w) => get(`/api/candidates/${w.a.admission.candidateId}`),
    outOfScope: (w) => get(`/api/candidates/${w.b.admission.candidateId}`),
    ok: [200],
  },
  'POST /api/candidates': {
    inScope: (w) => post('/api/candidates', { fullName: 'Vũ Thị Mai', sex: 'female', birthDate: '1999-02-03', citizenId: '001199000201', orgId: w.a.cell.id }),
    outOfScope: (w) => post('/api/candidates', { fullName: 'Vũ Thị Mai', sex: 'female', birthDate: '1999-02-03', citizenId: '001199000202', orgId: w.b.cell.id }),
    ok: [201],
  },
  'GET /api/admission-cases': {
    inScope: (w) => get(`/api/admission-cases?org=${w.a.commune.id}`),
    outOfScope: (w) => get(`/api/admission-cases?org=${w.b.commune.id}`),
    ok: [200],
    listing: (w, res) => {
      const ids = res.json().items.map((i: { id: number }) => i.id);
      expect(ids).toContain(w.a.admission.caseId);
      expect(ids).not.toContain(w.b.admission.caseId);
    },
  },
  // Imports (issue 6): a file naming the subtree's own member, so a commit writes nothing.
  'POST /api/imports': {
    inScope: (w) => ({ method: 'POST', url: `/api/imports?fileName=ds.csv&orgId=${w.a.cell.id}`, payload: w.a.imports.file, headers: { 'content-type': 'application/octet-stream' } }) as Call,
    outOfScope: (w) => ({ method: 'POST', url: `/api/imports?fileName=ds.csv&orgId=${w.b.cell.id}`, payload: w.b.imports.file, headers: { 'content-type': 'application/octet-stream' } }) as Call,
    ok: [202],
  },
  'GET /api/imports': {
    inScope: () => get('/api/imports'),
    ok: [200],
    listing: (w, res) => {
      const ids = res.json().items.map((j: { id: number }) => j.id);
      expect(ids).toContain(w.a.imports.commitJob);
      expect(ids).not.toContain(w.b.imports.commitJob);
    },
  },
  'GET /api/imports/{id}': { inScope: (w) => get(`/api/imports/${w.a.imports.commitJob}`), outOfScope: (w) => get(`/api/imports/${w.b.imports.commitJob}`), ok: [200] },
  'GET /api/imports/{id}/report': { inScope: (w) => get(`/api/imports/${w.a.imports.commitJob}/report`), outOfScope: (w) => get(`/api/imports/${w.b.imports.commitJob}/report`), ok: [200] },
  'POST /api/imports/{id}/commit': {
    inScope: (w) => ({ method: 'POST', url: `/api/imports/${w.a.imports.commitJob}/commit` }),
    outOfScope: (w) => ({ method: 'POST', url: `/api/imports/${w.b.imports.commitJob}/commit` }),
    ok: [202],
  },
  'PUT /api/imports/{id}/mapping': {
    inScope: (w) => ({ method: 'PUT', url: `/api/imports/${w.a.imports.remapJob}/mapping`, payload: { columns: [{ index: 0, field: 'fullName' }] } }),
    outOfScope: (w) => ({ method: 'PUT', url: `/api/imports/${w.b.imports.remapJob}/mapping`, payload: { columns: [{ index: 0, field: 'fullName' }] } }),
    ok: [202],
  },
  'POST /api/imports/{id}/cancel': {
    inScope: (w) => ({ method: 'POST', url: `/api/imports/${w.a.imports.cancelJob}/cancel` }),
    outOfScope: (w) => ({ method: 'POST', url: `/api/imports/${w.b.imports.cancelJob}/cancel` }),
    ok: [200],
  },
  'GET /api/import-templates': { inScope: () => get('/api/import-templates'), ok: [200] },
  'POST /api/import-templates': {
    inScope: (w) => post('/api/import-templates', { name: 'Mẫu xã', orgId: w.a.commune.id, mapping: { 'Họ tên ĐV': 'fullName' } }),
    outOfScope: (w) => post('/api/import-templates', { name: 'Mẫu xã', orgId: w.b.commune.id, mapping: { 'Họ tên ĐV': 'fullName' } }),
    ok: [200],
  },
  'GET /api/admission-cases/{id}': {
    inScope: (w) => get(`/api/admission-cases/${w.a.admission.caseId}`),
    outOfScope: (w) => get(`/api/admission-cases/${w.b.admission.caseId}`),
    ok: [200],
  },
  'GET /api/admission-cases/{id}/documents/decision.docx': {
    inScope: (w) => get(`/api/admission-cases/${w.a.admission.caseId}/documents/decision.docx`),
    outOfScope: (w) => get(`/api/admission-cases/${w.b.admission.caseId}/documents/decision.docx`),
    // A's case is only opened: past the scope check, the draft is refused until the decision step.
    ok: [409],
  },
  ...attachmentRows('admission'),
  'POST /api/admission-cases': {
    inScope: (w) => post('/api/admission-cases', { candidateId: w.a.admission.freeCandidateId, openedOn: TODAY }),
    outOfScope: (w) => post('/api/admission-cases', { candidateId: w.b.admission.freeCandidateId, openedOn: TODAY }),
    ok: [201],
  },
  'POST /api/admission-cases/{id}/steps': {
    inScope: (w) => post(`/api/admission-cases/${w.a.admission.caseId}/steps`, { kind: 'course_certificate', date: TODAY, version: 1 }),
    outOfScope: (w) => post(`/api/admission-cases/${w.b.admission.caseId}/steps`, { kind: 'course_certificate', date: TODAY, version: 1 }),
    ok: [200],
  },
  'GET /api/recognition-cases': {
    inScope: (w) => get(`/api/recognition-cases?org=${w.a.commune.id}`),
    outOfScope: (w) => get(`/api/recognition-cases?org=${w.b.commune.id}`),
    ok: [200],
    listing: (w, res) => {
      const ids = res.json().items.map((i: { id: number }) => i.id);
      expect(ids).toContain(w.a.recognition.caseId);
      expect(ids).not.toContain(w.b.recognition.caseId);
      expect(res.body).not.toContain(w.b.recognition.memberName);
    },
  },
  'GET /api/recognition-cases/{id}': {
    inScope: (w) => get(`/api/recognition-cases/${w.a.recognition.caseId}`),
    outOfScope: (w) => get(`/api/recognition-cases/${w.b.recognition.caseId}`),
    ok: [200],
  },
  'GET /api/recognition-cases/{id}/documents/decision.docx': {
    inScope: (w) => get(`/api/recognition-cases/${w.a.recognition.caseId}/documents/decision.docx`),
    outOfScope: (w) => get(`/api/recognition-cases/${w.b.recognition.caseId}/documents/decision.docx`),
    ok: [200],
  },
  ...attachmentRows('recognition'),
  'POST /api/recognition-cases': {
    inScope: (w) => post('/api/recognition-cases', { memberId: w.a.recognition.freeMemberId, openedOn: TODAY }),
    outOfScope: (w) => post('/api/recognition-cases', { memberId: w.b.recognition.freeMemberId, openedOn: TODAY }),
    ok: [201],
  },
  'POST /api/recognition-cases/{id}/steps': {
    inScope: (w) => post(`/api/recognition-cases/${w.a.recognition.caseId}/steps`, { kind: 'self_review', date: TODAY, version: 1 }),
    outOfScope: (w) => post(`/api/recognition-cases/${w.b.recognition.caseId}/steps`, { kind: 'self_review', date: TODAY, version: 1 }),
    ok: [200],
  },
  'GET /api/transfers': {
    inScope: (w) => get(`/api/transfers?org=${w.a.commune.id}`),
    outOfScope: (w) => get(`/api/transfers?org=${w.b.commune.id}`),
    ok: [200],
    listing: (w, res) => {
      const ids = res.json().items.map((i: { id: number }) => i.id);
      expect(ids).toContain(w.a.transfer.caseId);
      expect(ids).not.toContain(w.b.transfer.caseId);
      expect(res.body).not.toContain(w.b.transfer.memberName);
    },
  },
  'GET /api/transfers/attached': {
    inScope: (w) => get(`/api/transfers/attached?org=${w.a.commune.id}`),
    outOfScope: (w) => get(`/api/transfers/attached?org=${w.b.commune.id}`),
    ok: [200],
  },
  'GET /api/transfers/{id}': {
    inScope: (w) => get(`/api/transfers/${w.a.transfer.caseId}`),
    outOfScope: (w) => get(`/api/transfers/${w.b.transfer.caseId}`),
    ok: [200],
  },
  'GET /api/transfers/{id}/documents/letter.docx': {
    inScope: (w) => get(`/api/transfers/${w.a.transfer.caseId}/documents/letter.docx`),
    outOfScope: (w) => get(`/api/transfers/${w.b.transfer.caseId}/documents/letter.docx`),
    ok: [200],
  },
  ...attachmentRows('transfer'),
  'POST /api/transfers': {
    inScope: (w) => post('/api/transfers', { memberId: w.a.transfer.freeMemberId, kind: 'permanent', reason: 'Chuyển nơi ở', causeDate: TODAY, openedOn: TODAY, destination: 'inside', destinationOrgId: w.a.placeCell.id }),
    outOfScope: (w) => post('/api/transfers', { memberId: w.b.transfer.freeMemberId, kind: 'permanent', reason: 'Chuyển nơi ở', causeDate: TODAY, openedOn: TODAY, destination: 'inside', destinationOrgId: w.b.placeCell.id }),
    ok: [201],
  },
  'POST /api/transfers/{id}/steps': {
    inScope: (w) => post(`/api/transfers/${w.a.transfer.caseId}/steps`, { kind: 'self_review', date: TODAY, version: 1 }),
    outOfScope: (w) => post(`/api/transfers/${w.b.transfer.caseId}/steps`, { kind: 'self_review', date: TODAY, version: 1 }),
    ok: [200],
  },
  'GET /api/members/{id}/transfer-block': {
    inScope: (w) => get(`/api/members/${w.a.member.id}/transfer-block`),
    outOfScope: (w) => get(`/api/members/${w.b.member.id}/transfer-block`),
    ok: [200],
  },
  'PUT /api/members/{id}/transfer-block': {
    inScope: (w) => ({ method: 'PUT', url: `/api/members/${w.a.member.id}/transfer-block`, payload: { kind: 'complaint', since: TODAY, reason: 'Đơn khiếu nại' } }),
    outOfScope: (w) => ({ method: 'PUT', url: `/api/members/${w.b.member.id}/transfer-block`, payload: { kind: 'complaint', since: TODAY, reason: 'Đơn khiếu nại' } }),
    ok: [200],
  },
  'POST /api/members/{id}/transfer-block/clear': {
    inScope: (w) => post(`/api/members/${w.a.member.id}/transfer-block/clear`, { clearedOn: TODAY }),
    outOfScope: (w) => post(`/api/members/${w.b.member.id}/transfer-block/clear`, { clearedOn: TODAY }),
    ok: [200],
  },
  'GET /api/admission-targets': {
    inScope: (w) => get(`/api/admission-targets?org=${w.a.commune.id}&year=2026`),
    outOfScope: (w) => get(`/api/admission-targets?org=${w.b.commune.id}&year=2026`),
    ok: [200],
  },
  'PUT /api/admission-targets/{orgId}/{year}': {
    inScope: (w) => ({ method: 'PUT', url: `/api/admission-targets/${w.a.gc1.id}/2026`, payload: { target: 3 } }),
    outOfScope: (w) => ({ method: 'PUT', url: `/api/admission-targets/${w.b.gc1.id}/2026`, payload: { target: 3 } }),
    ok: [200],
  },
  'GET /api/badges/ceremonies': { inScope: () => get('/api/badges/ceremonies?year=2026'), ok: [200] },
  'GET /api/badges/candidates': {
    inScope: (w) => get(`/api/badges/candidates?ceremony=2026-09-02&org=${w.a.commune.id}`),
    outOfScope: (w) => get(`/api/badges/candidates?ceremony=2026-09-02&org=${w.b.commune.id}`),
    ok: [200],
    listing: (w, res) => expect(res.json().items.map((c: { memberId: number }) => c.memberId)).toEqual([w.a.badges.candidateId]),
  },
  'GET /api/badges/members/{memberId}': {
    inScope: (w) => get(`/api/badges/members/${w.a.badges.candidateId}`),
    outOfScope: (w) => get(`/api/badges/members/${w.b.badges.candidateId}`),
    ok: [200],
  },
  'PUT /api/badges/members/{memberId}/consideration': {
    inScope: (w) => ({ method: 'PUT', url: `/api/badges/members/${w.a.badges.candidateId}/consideration`, payload: { seriouslyIll: false, discipline: null } }),
    outOfScope: (w) => ({ method: 'PUT', url: `/api/badges/members/${w.b.badges.candidateId}/consideration`, payload: { seriouslyIll: false, discipline: null } }),
    ok: [200],
  },
  'GET /api/badges/awards': {
    inScope: (w) => get(`/api/badges/awards?org=${w.a.commune.id}`),
    outOfScope: (w) => get(`/api/badges/awards?org=${w.b.commune.id}`),
    ok: [200],
    listing: (w, res) => expect(res.json().items.map((a: { id: number }) => a.id)).toEqual([w.a.badges.awardId]),
  },
  'GET /api/badges/awards/export': {
    inScope: (w) => get(`/api/badges/awards/export?org=${w.a.commune.id}`),
    outOfScope: (w) => get(`/api/badges/awards/export?org=${w.b.commune.id}`),
    ok: [200],
  },
  'GET /api/badges/awards/{id}': { inScope: (w) => get(`/api/badges/awards/${w.a.badges.awardId}`), outOfScope: (w) => get(`/api/badges/awards/${w.b.badges.awardId}`), ok: [200] },
  'POST /api/badges/awards': {
    inScope: (w) => post('/api/badges/awards', { ceremonyDate: '2026-09-02', decisionNo: '9-QĐ/TU', decisionDate: '2026-09-01', items: [{ memberId: w.a.badges.candidateId, badgeClass: 30 }] }),
    outOfScope: (w) => post('/api/badges/awards', { ceremonyDate: '2026-09-02', decisionNo: '9-QĐ/TU', decisionDate: '2026-09-01', items: [{ memberId: w.b.badges.candidateId, badgeClass: 30 }] }),
    ok: [201],
  },
  'POST /api/badges/awards/{id}/reissue': {
    inScope: (w) => post(`/api/badges/awards/${w.a.badges.awardId}/reissue`, { date: TODAY, reason: 'Mất', version: 1 }),
    outOfScope: (w) => post(`/api/badges/awards/${w.b.badges.awardId}/reissue`, { date: TODAY, reason: 'Mất', version: 1 }),
    ok: [200],
  },
  'POST /api/badges/awards/{id}/return': {
    inScope: (w) => post(`/api/badges/awards/${w.a.badges.awardId}/return`, { date: TODAY, reason: 'Bị xóa tên', version: 2 }),
    outOfScope: (w) => post(`/api/badges/awards/${w.b.badges.awardId}/return`, { date: TODAY, reason: 'Bị xóa tên', version: 2 }),
    ok: [200],
  },
  'GET /api/users': {
    inScope: () => get('/api/users?pageSize=200'),
    ok: [200],
    listing: (_w, res) => {
      const names = res.json().items.map((u: { username: string }) => u.username);
      expect(names).toContain('user.a');
      expect(names).not.toContain('user.b');
    },
  },
  'GET /api/users/{id}': { inScope: (w) => get(`/api/users/${w.accounts.a}`), outOfScope: (w) => get(`/api/users/${w.accounts.b}`), ok: [200] },
  'POST /api/users': {
    as: (w) => w.adminA,
    inScope: (w) => post('/api/users', { username: 'moi.a', displayName: 'Mới A', orgId: w.a.cell.id }),
    outOfScope: (w) => post('/api/users', { username: 'moi.b', displayName: 'Mới B', orgId: w.b.cell.id }),
    ok: [201],
  },
  'PATCH /api/users/{id}': {
    as: (w) => w.adminA,
    inScope: (w) => ({ method: 'PATCH', url: `/api/users/${w.accounts.a}`, payload: { displayName: 'Người dùng A' } }),
    outOfScope: (w) => ({ method: 'PATCH', url: `/api/users/${w.accounts.b}`, payload: { displayName: 'Người dùng B' } }),
    ok: [200],
  },
  'GET /api/users/{id}/roles': { inScope: (w) => get(`/api/users/${w.accounts.a}/roles`), outOfScope: (w) => get(`/api/users/${w.accounts.b}/roles`), ok: [200] },
  'POST /api/role-assignments': {
    inScope: (w) => post('/api/role-assignments', { userId: w.accounts.a, role: 'committee', orgId: w.a.cell.id }),
    outOfScope: (w) => post('/api/role-assignments', { userId: w.accounts.b, role: 'committee', orgId: w.b.cell.id }),
    ok: [201],
  },
  'POST /api/role-assignments/{id}/revoke': {
    inScope: (w) => post(`/api/role-assignments/${w.accounts.assignmentA}/revoke`, {}),
    outOfScope: (w) => post(`/api/role-assignments/${w.accounts.assignmentB}/revoke`, {}),
    ok: [200],
  },
  'POST /api/users/{id}/password-reset': {
    as: (w) => w.adminA,
    inScope: (w) => post(`/api/users/${w.accounts.a}/password-reset`, {}),
    outOfScope: (w) => post(`/api/users/${w.accounts.b}/password-reset`, {}),
    ok: [200],
  },
  'POST /api/users/{id}/lock': {
    as: (w) => w.adminA,
    inScope: (w) => post(`/api/users/${w.accounts.a}/lock`, {}),
    outOfScope: (w) => post(`/api/users/${w.accounts.b}/lock`, {}),
    ok: [200],
  },
  'POST /api/users/{id}/unlock': {
    as: (w) => w.adminA,
    inScope: (w) => post(`/api/users/${w.accounts.a}/unlock`, {}),
    outOfScope: (w) => post(`/api/users/${w.accounts.b}/unlock`, {}),
    ok: [200],
  },
  'POST /api/users/{id}/reset-two-factor': {
    as: (w) => w.adminA,
    inScope: (w) => post(`/api/users/${w.accounts.a}/reset-two-factor`, {}),
    outOfScope: (w) => post(`/api/users/${w.accounts.b}/reset-two-factor`, {}),
    ok: [200],
  },
  'POST /api/users/{id}/revoke-sessions': {
    as: (w) => w.adminA,
    inScope: (w) => post(`/api/users/${w.accounts.a}/revoke-sessions`, {}),
    outOfScope: (w) => post(`/api/users/${w.accounts.b}/revoke-sessions`, {}),
    ok: [200],
  },
  'POST /api/users/{id}/disable': {
    as: (w) => w.adminA,
    inScope: (w) => post(`/api/users/${w.accounts.a}/disable`, {}),
    outOfScope: (w) => post(`/api/users/${w.accounts.b}/disable`, {}),
    ok: [200],
  },
  'GET /api/audit': {
    inScope: () => get('/api/audit?pageSize=200'),
    outOfScope: (w) => get(`/api/audit?org=${w.b.commune.id}`),
    ok: [200],
    listing: (w, res) => {
      const items = res.json().items as { entityType: string; entityId: string }[];
      expect(items.some((i) => i.entityType === 'user' && i.entityId === String(w.accounts.a))).toBe(true);
      expect(items.some((i) => i.entityType === 'user' && i.entityId === String(w.accounts.b))).toBe(false);
    },
  },
  'POST /api/auth/password': {
    inScope: () => post('/api/auth/password', { currentPassword: 'mat-khau-staff-a-1', newPassword: 'Mat-khau-moi-cua-A-2026' }),
    ok: [200],
    listing: (w, res) => {
      w.staffA = rotated(res);
    },
  },
  'POST /api/auth/totp/setup': {
    inScope: () => ({ method: 'POST', url: '/api/auth/totp/setup' }),
    ok: [200],
    listing: (w, res) => {
      w.secrets.staffA = res.json().secret;
    },
  },
  'POST /api/auth/totp/enable': {
    inScope: (w) => post('/api/auth/totp/enable', { code: totpCode(w, w.secrets.staffA) }),
    ok: [200],
    listing: (w, res) => {
      w.staffA = rotated(res);
    },
  },
  'POST /api/auth/totp/verify': { inScope: (w) => post('/api/auth/totp/verify', { code: totpCode(w, w.secrets.pending) }), as: (w) => w.totpPending, ok: [200] },
  'POST /api/auth/totp/disable': {
    inScope: (w) => post('/api/auth/totp/disable', { password: 'mat-khau-totp-full-1', code: totpCode(w, w.secrets.full) }),
    as: (w) => w.totpFull,
    ok: [204],
  },
  // Records and party cards (R-REC-01 … 09): before the exits, which take A's member off the rolls.
  'GET /api/record-no-blocks': {
    inScope: (w) => get(`/api/record-no-blocks?org=${w.a.commune.id}`),
    outOfScope: (w) => get(`/api/record-no-blocks?org=${w.b.commune.id}`),
    ok: [200],
    listing: (_w, res) => expect(res.json().items.map((b: { range: string }) => b.range)).toEqual(['000001MX – 000010MX']),
  },
  'POST /api/record-no-blocks': {
    as: (w) => w.staffProvince,
    inScope: (w) => post('/api/record-no-blocks', { holderOrgId: w.a.commune.id, code: 'MX', firstNo: 100, lastNo: 110, grantedOn: TODAY }),
    outOfScope: (w) => post('/api/record-no-blocks', { holderOrgId: w.b.commune.id, code: 'MX', firstNo: 200, lastNo: 210, grantedOn: TODAY }),
    ok: [201],
  },
  'GET /api/records/members/{memberId}': { inScope: (w) => get(`/api/records/members/${w.a.member.id}`), outOfScope: (w) => get(`/api/records/members/${w.b.member.id}`), ok: [200] },
  'POST /api/records/members/{memberId}/record-no': {
    inScope: (w) => post(`/api/records/members/${w.a.member.id}/record-no`, { formFiledOn: TODAY }),
    outOfScope: (w) => post(`/api/records/members/${w.b.member.id}/record-no`, { formFiledOn: TODAY }),
    ok: [200],
  },
  'GET /api/party-cards': {
    inScope: (w) => get(`/api/party-cards?org=${w.a.commune.id}`),
    outOfScope: (w) => get(`/api/party-cards?org=${w.b.commune.id}`),
    ok: [200],
    listing: (w, res) => expect(res.json().items.map((c: { id: number }) => c.id).sort()).toEqual([w.a.records.requestedCardId, w.a.records.handedCardId].sort()),
  },
  'GET /api/party-cards/unchecked': {
    inScope: (w) => get(`/api/party-cards/unchecked?org=${w.a.commune.id}`),
    outOfScope: (w) => get(`/api/party-cards/unchecked?org=${w.b.commune.id}`),
    ok: [200],
    listing: (w, res) => expect(res.json().items.map((c: { id: number }) => c.id)).toEqual([w.a.records.handedCardId]),
  },
  'GET /api/party-cards/batch/export': {
    inScope: (w) => get(`/api/party-cards/batch/export?month=2026-11&org=${w.a.commune.id}`),
    outOfScope: (w) => get(`/api/party-cards/batch/export?month=2026-11&org=${w.b.commune.id}`),
    ok: [200],
  },
  'GET /api/party-cards/register/export': {
    inScope: (w) => get(`/api/party-cards/register/export?org=${w.a.commune.id}`),
    outOfScope: (w) => get(`/api/party-cards/register/export?org=${w.b.commune.id}`),
    ok: [200],
  },
  'GET /api/transfers/{id}/slip': { inScope: (w) => get(`/api/transfers/${w.a.slips.letterCaseId}/slip`), outOfScope: (w) => get(`/api/transfers/${w.b.slips.letterCaseId}/slip`), ok: [200] },
  'POST /api/transfers/{id}/slip': {
    inScope: (w) => post(`/api/transfers/${w.a.slips.letterCaseId}/slip`, { slipNo: '1-PB', issuedOn: TODAY }),
    outOfScope: (w) => post(`/api/transfers/${w.b.slips.letterCaseId}/slip`, { slipNo: '1-PB', issuedOn: TODAY }),
    ok: [201],
  },
  'POST /api/transfers/{id}/slip/return': {
    inScope: (w) => post(`/api/transfers/${w.a.slips.letterCaseId}/slip/return`, { returnedOn: TODAY, version: 1 }),
    outOfScope: (w) => post(`/api/transfers/${w.b.slips.letterCaseId}/slip/return`, { returnedOn: TODAY, version: 1 }),
    ok: [200],
  },
  'GET /api/transfer-slips': {
    inScope: (w) => get(`/api/transfer-slips?org=${w.a.commune.id}`),
    outOfScope: (w) => get(`/api/transfer-slips?org=${w.b.commune.id}`),
    ok: [200],
    listing: (w, res) => expect(res.json().items.map((i: { caseId: number }) => i.caseId)).toEqual([w.a.slips.letterCaseId]),
  },
  'GET /api/transfer-slips/export': { inScope: (w) => get(`/api/transfer-slips/export?org=${w.a.commune.id}`), outOfScope: (w) => get(`/api/transfer-slips/export?org=${w.b.commune.id}`), ok: [200] },
  'GET /api/members/{id}/residence-liaisons': { inScope: (w) => get(`/api/members/${w.a.member.id}/residence-liaisons`), outOfScope: (w) => get(`/api/members/${w.b.member.id}/residence-liaisons`), ok: [200] },
  'POST /api/residence-liaisons': {
    inScope: (w) => post('/api/residence-liaisons', { memberId: w.a.transfer.freeMemberId, residenceName: 'Chi bộ thôn Đồng', referredOn: TODAY }),
    outOfScope: (w) => post('/api/residence-liaisons', { memberId: w.b.transfer.freeMemberId, residenceName: 'Chi bộ thôn Đồng', referredOn: TODAY }),
    ok: [201],
  },
  'GET /api/residence-liaisons/due': {
    inScope: (w) => get(`/api/residence-liaisons/due?org=${w.a.commune.id}`),
    outOfScope: (w) => get(`/api/residence-liaisons/due?org=${w.b.commune.id}`),
    ok: [200],
    listing: (w, res) => expect(res.json().items.map((i: { id: number }) => i.id)).toContain(w.a.slips.liaisonId),
  },
  'GET /api/residence-liaisons/export': { inScope: (w) => get(`/api/residence-liaisons/export?org=${w.a.commune.id}`), outOfScope: (w) => get(`/api/residence-liaisons/export?org=${w.b.commune.id}`), ok: [200] },
  'GET /api/residence-liaisons/{id}': { inScope: (w) => get(`/api/residence-liaisons/${w.a.slips.liaisonId}`), outOfScope: (w) => get(`/api/residence-liaisons/${w.b.slips.liaisonId}`), ok: [200] },
  'POST /api/residence-liaisons/{id}/comments': {
    inScope: (w) => post(`/api/residence-liaisons/${w.a.slips.liaisonId}/comments`, { year: 2026, rating: 'good', comment: 'Tích cực', commentedOn: TODAY }),
    outOfScope: (w) => post(`/api/residence-liaisons/${w.b.slips.liaisonId}/comments`, { year: 2026, rating: 'good', comment: 'Tích cực', commentedOn: TODAY }),
    ok: [200],
  },
  'POST /api/residence-liaisons/{id}/end': {
    inScope: (w) => post(`/api/residence-liaisons/${w.a.slips.liaisonId}/end`, { endedOn: TODAY, version: 1 }),
    outOfScope: (w) => post(`/api/residence-liaisons/${w.b.slips.liaisonId}/end`, { endedOn: TODAY, version: 1 }),
    ok: [200],
  },
  'GET /api/registers/cell-resolutions/export': {
    inScope: (w) => get(`/api/registers/cell-resolutions/export?org=${w.a.commune.id}`),
    outOfScope: (w) => get(`/api/registers/cell-resolutions/export?org=${w.b.commune.id}`),
    ok: [200],
  },
  'GET /api/party-cards/{id}': { inScope: (w) => get(`/api/party-cards/${w.a.records.requestedCardId}`), outOfScope: (w) => get(`/api/party-cards/${w.b.records.requestedCardId}`), ok: [200] },
  'POST /api/party-cards': {
    inScope: (w) => post('/api/party-cards', { memberId: w.a.transfer.freeMemberId, requestedOn: TODAY }),
    outOfScope: (w) => post('/api/party-cards', { memberId: w.b.transfer.freeMemberId, requestedOn: TODAY }),
    ok: [201],
  },
  'POST /api/party-cards/{id}/decision': {
    inScope: (w) => post(`/api/party-cards/${w.a.records.requestedCardId}/decision`, { decisionNo: '3-QĐ/ĐU', decisionDate: TODAY, version: 1 }),
    outOfScope: (w) => post(`/api/party-cards/${w.b.records.requestedCardId}/decision`, { decisionNo: '3-QĐ/ĐU', decisionDate: TODAY, version: 1 }),
    ok: [200],
  },
  'POST /api/party-cards/{id}/handover': {
    inScope: (w) => post(`/api/party-cards/${w.a.records.requestedCardId}/handover`, { date: TODAY, version: 2 }),
    outOfScope: (w) => post(`/api/party-cards/${w.b.records.requestedCardId}/handover`, { date: TODAY, version: 2 }),
    ok: [200],
  },
  'POST /api/party-cards/{id}/check': {
    inScope: (w) => post(`/api/party-cards/${w.a.records.handedCardId}/check`, { date: TODAY, version: 1 }),
    outOfScope: (w) => post(`/api/party-cards/${w.b.records.handedCardId}/check`, { date: TODAY, version: 1 }),
    ok: [200],
  },
  'POST /api/party-cards/{id}/close': {
    inScope: (w) => post(`/api/party-cards/${w.a.records.handedCardId}/close`, { closing: 'damaged', date: TODAY, version: 2 }),
    outOfScope: (w) => post(`/api/party-cards/${w.b.records.handedCardId}/close`, { closing: 'damaged', date: TODAY, version: 2 }),
    ok: [200],
  },
  // The dossier register (R-REC-06/08/11): A's member's dossier is out on loan until the return row.
  'GET /api/dossiers': {
    inScope: (w) => get(`/api/dossiers?org=${w.a.commune.id}`),
    outOfScope: (w) => get(`/api/dossiers?org=${w.b.commune.id}`),
    ok: [200],
    listing: (w, res) => expect(res.json().items.map((d: { id: number }) => d.id).sort()).toEqual([w.a.dossiers.receivedId, w.a.dossiers.loanId].sort()),
  },
  'GET /api/dossiers/export': {
    inScope: (w) => get(`/api/dossiers/export?org=${w.a.commune.id}`),
    outOfScope: (w) => get(`/api/dossiers/export?org=${w.b.commune.id}`),
    ok: [200],
  },
  'GET /api/dossiers/movements/{id}': { inScope: (w) => get(`/api/dossiers/movements/${w.a.dossiers.loanId}`), outOfScope: (w) => get(`/api/dossiers/movements/${w.b.dossiers.loanId}`), ok: [200] },
  'POST /api/dossiers/movements/{id}/return': {
    inScope: (w) => post(`/api/dossiers/movements/${w.a.dossiers.loanId}/return`, { date: TODAY }),
    outOfScope: (w) => post(`/api/dossiers/movements/${w.b.dossiers.loanId}/return`, { date: TODAY }),
    ok: [200],
  },
  'POST /api/dossiers/movements': {
    inScope: (w) => post('/api/dossiers/movements', { kind: 'lent', memberId: w.a.member.id, date: TODAY, counterpart: 'Đ/c Kiểm Tra', purpose: 'Thẩm tra', dueBack: TODAY }),
    outOfScope: (w) => post('/api/dossiers/movements', { kind: 'lent', memberId: w.b.member.id, date: TODAY, counterpart: 'Đ/c Kiểm Tra', purpose: 'Thẩm tra', dueBack: TODAY }),
    ok: [201],
  },
  'GET /api/dossiers/reconciliation': {
    inScope: (w) => get(`/api/dossiers/reconciliation?org=${w.a.commune.id}`),
    outOfScope: (w) => get(`/api/dossiers/reconciliation?org=${w.b.commune.id}`),
    ok: [200],
  },
  'POST /api/dossiers/reconciliations': {
    inScope: (w) => post('/api/dossiers/reconciliations', { orgId: w.a.commune.id, date: TODAY }),
    outOfScope: (w) => post('/api/dossiers/reconciliations', { orgId: w.b.commune.id, date: TODAY }),
    ok: [201],
  },
  'GET /api/record-updates': {
    inScope: (w) => get(`/api/record-updates?org=${w.a.commune.id}`),
    outOfScope: (w) => get(`/api/record-updates?org=${w.b.commune.id}`),
    ok: [200],
    listing: (w, res) => expect(res.json().items.map((u: { id: number }) => u.id).sort()).toEqual([w.a.records.superiorUpdateId, w.a.records.cellUpdateId].sort()),
  },
  'GET /api/record-updates/filing': {
    inScope: (w) => get(`/api/record-updates/filing?org=${w.a.commune.id}&year=2026`),
    outOfScope: (w) => get(`/api/record-updates/filing?org=${w.b.commune.id}&year=2026`),
    ok: [200],
    listing: (_w, res) => expect(res.json().filed).toBe(2),
  },
  'GET /api/record-updates/{id}': { inScope: (w) => get(`/api/record-updates/${w.a.records.cellUpdateId}`), outOfScope: (w) => get(`/api/record-updates/${w.b.records.cellUpdateId}`), ok: [200] },
  'POST /api/record-updates': {
    inScope: (w) => post('/api/record-updates', { memberId: w.a.transfer.freeMemberId, year: 2026, submittedOn: TODAY, changes: {} }),
    outOfScope: (w) => post('/api/record-updates', { memberId: w.b.transfer.freeMemberId, year: 2026, submittedOn: TODAY, changes: {} }),
    ok: [201],
  },
  'GET /api/record-updates/own': { inScope: () => get('/api/record-updates/own'), as: (w) => w.memberA, ok: [200] },
  'POST /api/record-updates/own': { inScope: () => post('/api/record-updates/own', { year: 2026, occasion: 'transfer', submittedOn: TODAY, changes: {} }), as: (w) => w.memberA, ok: [201] },
  'POST /api/record-updates/{id}/forward': {
    inScope: (w) => post(`/api/record-updates/${w.a.records.cellUpdateId}/forward`, { date: TODAY, version: 1 }),
    outOfScope: (w) => post(`/api/record-updates/${w.b.records.cellUpdateId}/forward`, { date: TODAY, version: 1 }),
    ok: [200],
  },
  'POST /api/record-updates/{id}/return': {
    inScope: (w) => post(`/api/record-updates/${w.a.records.cellUpdateId}/return`, { date: TODAY, reason: 'Thiếu chữ ký', version: 2 }),
    outOfScope: (w) => post(`/api/record-updates/${w.b.records.cellUpdateId}/return`, { date: TODAY, reason: 'Thiếu chữ ký', version: 2 }),
    ok: [200],
  },
  'POST /api/record-updates/{id}/approve': {
    inScope: (w) => post(`/api/record-updates/${w.a.records.superiorUpdateId}/approve`, { date: TODAY, version: 1 }),
    outOfScope: (w) => post(`/api/record-updates/${w.b.records.superiorUpdateId}/approve`, { date: TODAY, version: 1 }),
    ok: [200],
  },
  // Exits and exemptions: after every other row that reads A's member, whose status these change.
  'GET /api/exits': {
    inScope: (w) => get(`/api/exits?org=${w.a.commune.id}`),
    outOfScope: (w) => get(`/api/exits?org=${w.b.commune.id}`),
    ok: [200],
    listing: (w, res) => expect(res.json().items.map((i: { id: number }) => i.id)).toEqual([w.a.exits.caseId]),
  },
  'GET /api/exits/{id}': { inScope: (w) => get(`/api/exits/${w.a.exits.caseId}`), outOfScope: (w) => get(`/api/exits/${w.b.exits.caseId}`), ok: [200] },
  'POST /api/exits/{id}/steps': {
    inScope: (w) => post(`/api/exits/${w.a.exits.caseId}/steps`, { kind: 'self_review_request', date: TODAY, reply: 'refused', version: 1 }),
    outOfScope: (w) => post(`/api/exits/${w.b.exits.caseId}/steps`, { kind: 'self_review_request', date: TODAY, reply: 'refused', version: 1 }),
    ok: [200],
  },
  'GET /api/exemptions': {
    inScope: (w) => get(`/api/exemptions?org=${w.a.commune.id}`),
    outOfScope: (w) => get(`/api/exemptions?org=${w.b.commune.id}`),
    ok: [200],
    listing: (w, res) => expect(res.json().items.map((i: { id: number }) => i.id)).toEqual([w.a.exits.exemptionId]),
  },
  'GET /api/exemptions/{id}': { inScope: (w) => get(`/api/exemptions/${w.a.exits.exemptionId}`), outOfScope: (w) => get(`/api/exemptions/${w.b.exits.exemptionId}`), ok: [200] },
  'POST /api/exemptions/{id}/end': {
    inScope: (w) => post(`/api/exemptions/${w.a.exits.exemptionId}/end`, { date: TODAY, version: 1 }),
    outOfScope: (w) => post(`/api/exemptions/${w.b.exits.exemptionId}/end`, { date: TODAY, version: 1 }),
    ok: [200],
  },
  'POST /api/exemptions': {
    // The member whose exemption just ended (official again) is exempted anew.
    inScope: (w) => post('/api/exemptions', { memberId: w.a.exits.exemptMemberId, kind: 'old_age_health', from: TODAY, decidedBy: 'cell', decisionDate: TODAY, documents: ['Giấy khám sức khỏe'] }),
    outOfScope: (w) => post('/api/exemptions', { memberId: w.b.exits.exemptMemberId, kind: 'old_age_health', from: TODAY, decidedBy: 'cell', decisionDate: TODAY, documents: ['Giấy khám sức khỏe'] }),
    ok: [201],
  },
  'POST /api/exits': {
    inScope: (w) => post('/api/exits', { memberId: w.a.member.id, openedOn: TODAY, grounds: ['missed_meetings'] }),
    outOfScope: (w) => post('/api/exits', { memberId: w.b.member.id, openedOn: TODAY, grounds: ['missed_meetings'] }),
    ok: [201],
  },
  'POST /api/exits/withdrawals': {
    inScope: (w) => post('/api/exits/withdrawals', { memberId: w.a.recognition.freeMemberId, requestDate: TODAY, decisionDate: TODAY, decisionNo: '1-QĐ', violating: false, version: 1 }),
    outOfScope: (w) => post('/api/exits/withdrawals', { memberId: w.b.recognition.freeMemberId, requestDate: TODAY, decisionDate: TODAY, decisionNo: '1-QĐ', violating: false, version: 1 }),
    ok: [200],
  },
  'POST /api/exits/deaths': {
    inScope: (w) => post('/api/exits/deaths', { memberId: w.a.exits.exemptMemberId, dateOfDeath: TODAY, version: 3 }),
    outOfScope: (w) => post('/api/exits/deaths', { memberId: w.b.exits.exemptMemberId, dateOfDeath: TODAY, version: 3 }),
    ok: [200],
  },
  'POST /api/auth/logout': { inScope: () => post('/api/auth/logout', {}), ok: [204] },
  'POST /api/auth/logout-all': { inScope: () => post('/api/auth/logout-all', {}), as: (w) => w.memberA, ok: [204] },
};

/** A user with TOTP on (secret set directly) and a session of theirs, waiting for the code or (full) past it. */
async function totpUser(h: ApiHarness, username: string, password: string, stage: 'password' | 'full'): Promise<{ secret: string; session: Session }> {
  const db = h.database.db;
  const id = await userWithRoles(db, username, password, [{ role: 'leader', orgId: null }]);
  const secret = new Secret({ size: 20 }).base32;
  await db.updateTable('app_user').set({ totp_secret: secret, totp_enabled_at: new Date('2026-01-01T00:00:00Z') }).where('id', '=', id).execute();
  const session = await signIn(h.app, username, password);
  if (stage === 'full') await db.updateTable('app_session').set({ stage: 'full' }).where('user_id', '=', id).execute();
  return { secret, session };
}

async function subtree(h: ApiHarness, province: TestOrg, tag: 'A' | 'B', place: string, person: { name: string; citizenId: string }): Promise<Subtree> {
  const db = h.database.db;
  const commune = await insertTestOrg(db, { type: 'superior', parent: province, name: `Đảng bộ xã ${place}`, code: `MX.${tag}` });
  const gc1 = await insertTestOrg(db, { type: 'grassroots_committee', parent: commune, name: `Đảng bộ Hợp tác xã ${place}`, code: `MX.${tag}.G1` });
  const gc2 = await insertTestOrg(db, { type: 'grassroots_committee', parent: commune, name: `Đảng bộ Trường học ${place}`, code: `MX.${tag}.G2` });
  const cell = await insertTestOrg(db, { type: 'cell', parent: gc1, name: `Chi bộ Thôn ${place}`, code: `MX.${tag}.C1` });
  const placeCell = await insertTestOrg(db, { type: 'cell', parent: gc1, name: `Chi bộ Xóm ${place}`, code: `MX.${tag}.C2` });
  const moveCell = await insertTestOrg(db, { type: 'cell', parent: gc1, name: `Chi bộ Đội ${place}`, code: `MX.${tag}.C3` });
  const mergeCell = await insertTestOrg(db, { type: 'cell', parent: gc1, name: `Chi bộ Trại ${place}`, code: `MX.${tag}.C4` });
  const dissolveCell = await insertTestOrg(db, { type: 'cell', parent: gc1, name: `Chi bộ Bến ${place}`, code: `MX.${tag}.C5` });
  const m = await insertTestMember(db, { org: cell, full_name: person.name, citizen_id: person.citizenId, status: 'official', status_since: '2010-01-01' });
  const candidateName = `Quần Chúng ${place}`;
  const cand = (name: string, citizenId: string) =>
    db
      .insertInto('candidate')
      .values({ full_name: name, name_norm: name.toLowerCase(), name_sort: name, sex: 'male', birth_date: '1995-01-01', citizen_id: citizenId, org_id: cell.id, org_path: cell.path, youth_union_member: false, course_certificate_date: null, created_at: new Date(), updated_at: new Date() })
      .returning('id')
      .executeTakeFirstOrThrow();
  const c1 = await cand(candidateName, person.citizenId.replace(/^001/, '002'));
  const c2 = await cand(`${candidateName} Hai`, person.citizenId.replace(/^001/, '003'));
  const kase = await db
    .insertInto('admission_case')
    .values({ candidate_id: c1.id, citizen_id: person.citizenId.replace(/^001/, '002'), org_id: cell.id, org_path: cell.path, needs_grassroots_resolution: true, state: 'opened', opened_on: '2026-01-05', created_at: new Date(), updated_at: new Date() })
    .returning('id')
    .executeTakeFirstOrThrow();
  const file = Buffer.from(`Họ và tên,Giới tính,Ngày sinh,Số CCCD,Ngày vào Đảng,Trạng thái\r\n${person.name},Nam,01/01/1980,${person.citizenId},01/01/2009,Chính thức\r\n`);
  const staff = staffContext(db, h.clock, [commune.path]);
  const imported = async () => {
    const j = await importService.uploadFile(staff, { fileName: 'ds.csv', orgId: cell.id, onDuplicate: 'skip', source: memorySource(new Uint8Array(file)) });
    return (await importService.dryRun(staff, j.id)).id;
  };
  // Probationary since a ceremony on 2025-06-01: probation ended 2026-06-01, before TODAY.
  const memberName = `Dự Bị ${place}`;
  const p1 = await insertTestMember(db, { org: cell, full_name: memberName, status: 'probationary', status_since: '2025-06-01', admission_date: '2025-06-01' });
  const p2 = await insertTestMember(db, { org: cell, full_name: `${memberName} Hai`, status: 'probationary', status_since: '2025-06-01', admission_date: '2025-06-01' });
  const rcase = await db
    .insertInto('recognition_case')
    .values({ member_id: p1.id, org_id: cell.id, org_path: cell.path, needs_grassroots_resolution: true, state: 'opened', opened_on: '2026-06-01', ceremony_date: '2025-06-01', created_at: new Date(), updated_at: new Date() })
    .returning('id')
    .executeTakeFirstOrThrow();
  const transferName = `Chuyển Đi ${place}`;
  const t1 = await insertTestMember(db, { org: cell, full_name: transferName, status: 'official', status_since: '2015-01-01' });
  const t2 = await insertTestMember(db, { org: cell, full_name: `${transferName} Hai`, status: 'official', status_since: '2015-01-01' });
  const tcase = await db
    .insertInto('transfer_case')
    .values({
      member_id: t1.id, kind: 'permanent', temporary_basis: null, reason: 'Chuyển nơi ở', cause_date: '2026-11-02', end_date: null, source_org_id: cell.id, source_path: cell.path,
      destination: 'inside', destination_org_id: moveCell.id, destination_path: moveCell.path, destination_text: null, same_superior: true, grassroots_under_province: false,
      state: 'requested', opened_on: '2026-11-02', closed_on: null, self_review_date: null, dues_date: null, dues_paid_through: null, letter_date: null, letter_no: null,
      letter_type: null, letter_issuer: null, received_on: null, completed_on: null, created_at: new Date(), updated_at: new Date(),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  // Badges: a member reaching 30 years on 2026-08-15 (the 2/9 batch), and a removed member's 40-year badge.
  const badgeCandidate = await insertTestMember(db, { org: cell, full_name: `Ba Mươi Năm ${place}`, status: 'official', status_since: '1997-08-15', admission_date: '1996-08-15' });
  const removed = await insertTestMember(db, { org: cell, full_name: `Đã Xóa Tên ${place}`, status: 'removed', status_since: '2026-01-05', admission_date: '1980-01-01' });
  const award = await db
    .insertInto('badge_award')
    .values({
      member_id: removed.id, badge_class: 40, ceremony_date: '2020-02-03', reached_on: '2020-01-01', decision_no: '1-QĐ/TU', decision_date: '2020-01-20',
      province_org_id: province.id, serial: tag === 'A' ? '0000901' : '0000902', org_id: cell.id, org_path: cell.path,
      created_by: null, created_at: new Date(), updated_by: null, updated_at: new Date(),
    })
    .returning('id')
    .executeTakeFirstOrThrow();

  const xcase = await db
    .insertInto('removal_case')
    .values({ member_id: p1.id, org_id: cell.id, org_path: cell.path, needs_grassroots_resolution: true, state: 'opened', opened_on: '2026-06-01', grounds: '["missed_meetings"]', member_status_before: 'probationary' })
    .returning('id')
    .executeTakeFirstOrThrow();
  // An exempt member (off the stats' official and probationary counts but on the rolls) with the exemption in force.
  const x = await insertTestMember(db, { org: cell, full_name: `Được Miễn ${place}`, status: 'exempt', status_since: '2024-01-01' });
  const xemption = await db
    .insertInto('exemption')
    .values({ member_id: x.id, org_id: cell.id, org_path: cell.path, kind: 'old_age_health', from_date: '2024-01-01', decided_by: 'cell', decision_date: '2024-01-01', documents: '["Giấy khám sức khỏe"]' })
    .returning('id')
    .executeTakeFirstOrThrow();
  // Records: a record-number block of the commune, a card requested for the member, one in the badge candidate's hands.
  await db.insertInto('record_no_block').values({ province_org_id: province.id, holder_org_id: commune.id, code: 'MX', first_no: tag === 'A' ? 1 : 11, last_no: tag === 'A' ? 10 : 20, next_no: tag === 'A' ? 1 : 11, decision_no: null, granted_on: '2026-01-05', created_by: null, created_at: new Date() }).execute();
  const card = (memberId: number, handed: boolean) =>
    db
      .insertInto('party_card')
      .values({
        member_id: memberId, reason: 'new', requested_on: '2026-11-02', request_month: '2026-11', created_by: null, created_at: new Date(), updated_by: null, updated_at: new Date(),
        ...(handed ? { status: 'handed_over', card_no: tag === 'A' ? '10000001' : '10000002', model: 'legacy', decision_no: '1-QĐ', decision_date: '2025-08-01', decided_by_org_id: commune.id, handed_over_on: '2025-08-15' } : {}),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
  const requestedCard = await card(m.id, false);
  const handedCard = await card(badgeCandidate.id, true);
  const phieu = (memberId: number, stage: string, changes: Record<string, unknown>) =>
    db
      .insertInto('record_update')
      .values({ member_id: memberId, year: 2026, occasion: 'yearly', changes: JSON.stringify(changes), stage, submitted_on: '2026-11-05', created_by: null, created_at: new Date(), updated_by: null, updated_at: new Date() })
      .returning('id')
      .executeTakeFirstOrThrow();
  const letterCase = await db
    .insertInto('transfer_case')
    .values({
      member_id: badgeCandidate.id, kind: 'permanent', temporary_basis: null, reason: 'Chuyển công tác', cause_date: '2026-11-02', end_date: null, source_org_id: cell.id, source_path: cell.path,
      destination: 'inside', destination_org_id: moveCell.id, destination_path: moveCell.path, destination_text: null, same_superior: true, grassroots_under_province: false,
      state: 'letter_issued', opened_on: '2026-11-02', closed_on: null, self_review_date: '2026-11-03', dues_date: '2026-11-03', dues_paid_through: '2026-11', letter_date: '2026-11-05', letter_no: '7-GGT',
      letter_type: 'seven_box', letter_issuer: 'superior_committee', received_on: null, completed_on: null, created_at: new Date(), updated_at: new Date(),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const liaison = await db
    .insertInto('residence_liaison')
    .values({ member_id: t1.id, residence_org_id: null, residence_name: 'Chi bộ tổ dân phố số 4', referred_on: '2026-01-10', letter_no: '3-GT', created_by: null, created_at: new Date(), updated_by: null, updated_at: new Date() })
    .returning('id')
    .executeTakeFirstOrThrow();
  const superiorUpdate = await phieu(m.id, 'superior', { otherNames: { before: null, after: 'Ba' } });
  const cellUpdate = await phieu(badgeCandidate.id, 'cell', {});
  const dossierRow = (kind: 'received' | 'lent', movedOn: string) =>
    db
      .insertInto('dossier_movement')
      .values({
        member_id: m.id, holder_org_id: gc1.id, kind, reason: kind === 'received' ? 'admission' : null, moved_on: movedOn, counterpart: kind === 'lent' ? `Đ/c Mượn ${place}` : null,
        purpose: kind === 'lent' ? 'Thẩm tra lý lịch' : null, due_back: kind === 'lent' ? '2026-11-30' : null, document_no: null, created_by: null, created_at: new Date(),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
  const received = await dossierRow('received', '2010-01-05');
  const loan = await dossierRow('lent', '2026-11-02');
  return {
    dossiers: { receivedId: Number(received.id), loanId: Number(loan.id) },
    records: { requestedCardId: Number(requestedCard.id), handedCardId: Number(handedCard.id), superiorUpdateId: Number(superiorUpdate.id), cellUpdateId: Number(cellUpdate.id) },
    commune, gc1, gc2, cell, placeCell, moveCell, mergeCell, dissolveCell,
    exits: { caseId: xcase.id, exemptionId: xemption.id, exemptMemberId: x.id },
    member: { id: m.id, version: m.version, fullName: person.name, citizenId: person.citizenId },
    admission: { candidateId: c1.id, caseId: kase.id, freeCandidateId: c2.id, candidateName },
    imports: { commitJob: await imported(), cancelJob: await imported(), remapJob: await imported(), file },
    recognition: { caseId: rcase.id, freeMemberId: p2.id, memberName },
    transfer: { caseId: tcase.id, freeMemberId: t2.id, memberName: transferName },
    badges: { candidateId: badgeCandidate.id, awardId: Number(award.id) },
    slips: { letterCaseId: letterCase.id, liaisonId: Number(liaison.id) },
  };
}

/** Everything that names subtree B: none of it may appear in an answer to A's staff. */
function markersOf(b: Subtree): string[] {
  return [b.commune.name, b.cell.name, b.placeCell.name, b.member.fullName, b.member.citizenId, b.commune.code];
}

async function call(h: ApiHarness, c: Call, session: Session | null): Promise<LightMyRequestResponse> {
  const extra = (c as { headers?: Record<string, string> }).headers ?? {};
  return h.app.inject({ ...c, headers: { ...(session?.headers ?? {}), ...extra } } as InjectOptions);
}

describeApi('permission matrix', (h) => {
  let w: World;
  let routes: string[];

  beforeAll(async () => {
    const db = h().database.db;
    const province = await insertTestOrg(db, { type: 'province', name: 'Đảng bộ tỉnh Ma Trận', code: 'MX' });
    const a = await subtree(h(), province, 'A', 'An Phú', { name: 'Phan Thị Ánh', citizenId: '001180000001' });
    const b = await subtree(h(), province, 'B', 'Bình Lợi', { name: 'Trịnh Văn Bảo', citizenId: '001180000002' });
    await userWithRoles(db, 'staff.a', 'mat-khau-staff-a-1', [{ role: 'org_staff', orgId: a.commune.id }]);
    await userWithRoles(db, 'member.a', 'mat-khau-member-a-1', [{ role: 'member', orgId: a.cell.id }], { memberId: a.member.id });
    await userWithRoles(db, 'admin.a', 'mat-khau-admin-a-1', [{ role: 'admin', orgId: a.commune.id }]);
    await userWithRoles(db, 'staff.province', 'mat-khau-staff-province-1', [{ role: 'org_staff', orgId: province.id }]);
    const userA = await userWithRoles(db, 'user.a', 'mat-khau-user-a-1', []);
    const userB = await userWithRoles(db, 'user.b', 'mat-khau-user-b-1', []);
    await setUserOrgAndMember(db, userA, a.cell.id, null);
    await setUserOrgAndMember(db, userB, b.cell.id, null);
    const assignmentA = (await insertAssignment(db, { userId: userA, role: 'leader', orgId: a.placeCell.id, validFrom: '2020-01-01', grantedBy: null })).id;
    const assignmentB = (await insertAssignment(db, { userId: userB, role: 'leader', orgId: b.cell.id, validFrom: '2020-01-01', grantedBy: null })).id;
    const pending = await totpUser(h(), 'totp.pending', 'mat-khau-totp-pending-1', 'password');
    const full = await totpUser(h(), 'totp.full', 'mat-khau-totp-full-1', 'full');
    w = {
      a,
      b,
      staffA: await signIn(h().app, 'staff.a', 'mat-khau-staff-a-1'),
      memberA: await signIn(h().app, 'member.a', 'mat-khau-member-a-1'),
      adminA: await signIn(h().app, 'admin.a', 'mat-khau-admin-a-1'),
      staffProvince: await signIn(h().app, 'staff.province', 'mat-khau-staff-province-1'),
      accounts: { a: userA, b: userB, assignmentA, assignmentB },
      totpPending: pending.session,
      totpFull: full.session,
      secrets: { pending: pending.secret, full: full.secret },
      now: h().clock.now().getTime(),
      attachments: { a: await attachAll(h(), a), b: await attachAll(h(), b) },
    };
    const doc = (await h().app.inject({ method: 'GET', url: '/api/openapi.json' })).json() as { paths: Record<string, Record<string, unknown>> };
    routes = Object.entries(doc.paths).flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`));
  });

  it('covers every route of the OpenAPI document, and nothing else', () => {
    expect(routes.length).toBeGreaterThan(20);
    expect(routes.filter((r) => !(r in MATRIX)), 'routes without a row in the permission matrix').toEqual([]);
    expect(Object.keys(MATRIX).filter((r) => !routes.includes(r)), 'matrix rows for routes that do not exist').toEqual([]);
  });

  it('answers 401 to anonymous callers on every route but the public ones', async () => {
    for (const [route, entry] of Object.entries(MATRIX)) {
      if (entry.public) continue;
      const res = await call(h(), entry.outOfScope?.(w) ?? entry.inScope(w), null);
      expect(res.statusCode, route).toBe(401);
      expect(res.json().error.code, route).toBe('UNAUTHENTICATED');
    }
  });

  it('refuses the sibling subtree (403 or 404) with nothing of it in the answer, and allows the own subtree', async () => {
    const markers = markersOf(w.b);
    for (const [route, entry] of Object.entries(MATRIX)) {
      if (entry.outOfScope) {
        const res = await call(h(), entry.outOfScope(w), w.staffA);
        expect([403, 404], `${route} out of scope: ${res.body}`).toContain(res.statusCode);
        for (const m of markers) expect(res.body, `${route} leaks "${m}"`).not.toContain(m);
      }
      const res = await call(h(), entry.inScope(w), entry.as?.(w) ?? w.staffA);
      expect(entry.ok, `${route} in scope: ${res.body}`).toContain(res.statusCode);
      if (res.headers['content-type']?.toString().includes('json')) for (const m of markers) expect(res.body, `${route} leaks "${m}"`).not.toContain(m);
      entry.listing?.(w, res);
    }
  });

  it('left the sibling subtree exactly as it was', async () => {
    const admin = { cookie: h().cookie, csrfToken: '', headers: h().headers };
    const member = (await call(h(), get(`/api/members/${w.b.member.id}`), admin)).json();
    expect(member).toMatchObject({ version: 1, status: 'official', orgId: w.b.cell.id, occupation: null, hasPhoto: false });
    for (const org of [w.b.cell, w.b.moveCell, w.b.mergeCell, w.b.dissolveCell]) {
      const o = (await call(h(), get(`/api/orgs/${org.id}`), admin)).json();
      expect(o.org, org.name).toMatchObject({ name: org.name, parentId: w.b.gc1.id, dissolvedOn: null });
    }
    const created = (await call(h(), get('/api/orgs?q=MX.B.NEW'), admin)).json();
    expect(created.items).toEqual([]);
    const listed = (await call(h(), get(`/api/members?org=${w.b.commune.id}&status=official,exempt,probationary`), admin)).json();
    expect(listed.total).toBe(7);
    // The recognition case of B is untouched and its probationary members still probationary.
    const rcase = (await call(h(), get(`/api/recognition-cases/${w.b.recognition.caseId}`), admin)).json();
    expect(rcase).toMatchObject({ state: 'opened', version: 1, steps: [] });
    const recognitionCasesB = (await call(h(), get(`/api/recognition-cases?org=${w.b.commune.id}`), admin)).json();
    expect(recognitionCasesB.total).toBe(1);
    // The transfer case of B is untouched, and B's member carries no transfer block.
    expect((await call(h(), get(`/api/transfers/${w.b.transfer.caseId}`), admin)).json()).toMatchObject({ state: 'requested', version: 1, steps: [] });
    expect((await call(h(), get(`/api/members/${w.b.member.id}/transfer-block`), admin)).json()).toEqual({ block: null });
    const userB = (await call(h(), get(`/api/users/${w.accounts.b}`), admin)).json();
    expect(userB).toMatchObject({ username: 'user.b', displayName: 'user.b', status: 'active', mustChangePassword: false, org: { id: w.b.cell.id } });
    const caseB = (await call(h(), get(`/api/admission-cases/${w.b.admission.caseId}`), admin)).json();
    expect(caseB).toMatchObject({ version: 1, state: 'opened', steps: [] });
    const casesB = (await call(h(), get(`/api/admission-cases?org=${w.b.commune.id}`), admin)).json();
    expect(casesB.total).toBe(1);
    const candidatesB = (await call(h(), get(`/api/candidates?org=${w.b.commune.id}`), admin)).json();
    expect(candidatesB.total).toBe(2);
    const targetsB = (await call(h(), get(`/api/admission-targets?org=${w.b.commune.id}&year=2026`), admin)).json();
    expect([targetsB.node, ...targetsB.children].map((o: { ownTarget: number | null }) => o.ownTarget)).toEqual([null, null, null]);
    const badgeB = (await call(h(), get(`/api/badges/awards/${w.b.badges.awardId}`), admin)).json();
    expect(badgeB).toMatchObject({ status: 'awarded', version: 1 });
    expect((await call(h(), get(`/api/badges/awards?org=${w.b.commune.id}`), admin)).json().total).toBe(1);
    const exitB = (await call(h(), get(`/api/exits/${w.b.exits.caseId}`), admin)).json();
    expect(exitB).toMatchObject({ state: 'opened', version: 1, steps: [] });
    const exemptionB = (await call(h(), get(`/api/exemptions/${w.b.exits.exemptionId}`), admin)).json();
    expect(exemptionB).toMatchObject({ endedOn: null, version: 1, member: { status: 'exempt' } });
    const cardsB = (await call(h(), get(`/api/party-cards?org=${w.b.commune.id}`), admin)).json().items as { id: number; status: string; version: number }[];
    expect(cardsB.map((c) => [c.id, c.status, c.version]).sort()).toEqual([[w.b.records.requestedCardId, 'requested', 1], [w.b.records.handedCardId, 'handed_over', 1]].sort());
    expect((await call(h(), get(`/api/records/members/${w.b.member.id}`), admin)).json().recordNo).toBeNull();
    const updatesB = (await call(h(), get(`/api/record-updates?org=${w.b.commune.id}`), admin)).json().items as { stage: string; version: number }[];
    expect(updatesB.map((u) => `${u.stage}:${u.version}`).sort()).toEqual(['cell:1', 'superior:1']);
    expect((await call(h(), get(`/api/record-no-blocks?org=${w.b.commune.id}`), admin)).json().items).toMatchObject([{ nextNo: 11 }]);
    // B's letter case has no slip, B's referral no comment and no end, and B's member no referral.
    expect((await call(h(), get(`/api/transfers/${w.b.slips.letterCaseId}/slip`), admin)).json()).toEqual({ slip: null });
    expect((await call(h(), get(`/api/residence-liaisons/${w.b.slips.liaisonId}`), admin)).json()).toMatchObject({ endedOn: null, version: 1, comments: [] });
    expect((await call(h(), get(`/api/members/${w.b.member.id}/residence-liaisons`), admin)).json()).toEqual({ items: [] });
    const dossiersB = (await call(h(), get(`/api/dossiers?org=${w.b.commune.id}`), admin)).json().items as { id: number; returnedOn: string | null }[];
    expect(dossiersB.map((d) => [d.id, d.returnedOn]).sort()).toEqual([[w.b.dossiers.receivedId, null], [w.b.dossiers.loanId, null]].sort());
    expect((await call(h(), get(`/api/dossiers/reconciliation?org=${w.b.commune.id}`), admin)).json().lastReconciledOn).toBeNull();
    const rolesB = (await call(h(), get(`/api/users/${w.accounts.b}/roles`), admin)).json().items;
    expect(rolesB).toMatchObject([{ id: w.accounts.assignmentB, role: 'leader', revokedAt: null }]);
  });
});
