import { beforeAll, expect, it } from 'vitest';
import { describeApi } from '../../../test/api.js';
import { sniffType } from '../documents/attachment.service.js';
import { demoPdf, seedDemoAttachments } from './demo-attachments.service.js';
import { seedDemoAdmission } from './demo-admission.service.js';
import { seedDemoRecognition } from './demo-recognition.service.js';
import { seedDemoTransfers } from './demo-transfer.service.js';
import { seedDatabase } from './seed.service.js';

// The demo shows the attachment lists with real files: a scanned PDF on a few cases of each kind.
describeApi('demo attachments', (h) => {
  let n: number;

  beforeAll(async () => {
    const today = h().clock.today();
    await seedDatabase(h().database, { scale: 'demo', today });
    await seedDemoAdmission(h().database.db, today);
    await seedDemoRecognition(h().database.db, today);
    await seedDemoTransfers(h().database.db, today);
    n = (await seedDemoAttachments(h().database.db, today)).attachments;
  });

  it('makes a PDF the type check accepts, with a cross-reference table at the offsets it names', () => {
    const pdf = demoPdf('Ban quet mau');
    expect(sniffType(pdf)).toBe('application/pdf');
    const text = pdf.toString('latin1');
    const xref = Number(/startxref\n(\d+)/.exec(text)![1]);
    expect(text.slice(xref, xref + 4)).toBe('xref');
    const first = Number(/0000000000 65535 f \n(\d{10})/.exec(text)![1]);
    expect(text.slice(first, first + 7)).toBe('1 0 obj');
  });

  it('attaches scans to cases of each kind, listed and served through the API', async () => {
    expect(n).toBeGreaterThanOrEqual(3);
    const rows = await h().database.db.selectFrom('case_attachment').select(['id', 'case_kind', 'case_id', 'step_id', 'document_kind']).execute();
    expect(new Set(rows.map((r) => r.case_kind))).toEqual(new Set(['admission', 'recognition', 'transfer']));
    expect(rows.every((r) => r.step_id !== null)).toBe(true);
    // R-ADM-33 / R-PROB-07: the admission and recognition scans are tagged as their step's document, the transfer ones not.
    expect(rows.filter((r) => r.case_kind !== 'transfer').every((r) => r.document_kind !== null)).toBe(true);
    expect(rows.filter((r) => r.case_kind === 'transfer').every((r) => r.document_kind === null)).toBe(true);
    const t = rows.find((r) => r.case_kind === 'transfer')!;
    const list = await h().app.inject({ method: 'GET', url: `/api/transfers/${t.case_id}/attachments`, headers: h().headers });
    expect(list.json().items[0]).toMatchObject({ id: Number(t.id), contentType: 'application/pdf', fileName: 'Giấy giới thiệu sinh hoạt đảng (bản quét).pdf' });
    const file = await h().app.inject({ method: 'GET', url: `/api/transfers/${t.case_id}/attachments/${t.id}`, headers: h().headers });
    expect(file.rawPayload.subarray(0, 5).toString('latin1')).toBe('%PDF-');
  });
});
