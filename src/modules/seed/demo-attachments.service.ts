import type { Kysely } from 'kysely';
import { fixedClock } from '../../clock.js';
import type { DB } from '../../db/types.js';
import { upload } from '../documents/attachment.service.js';
import { staffContext } from '../service-context.js';
import { demoStepsToAttach } from './seed.repository.js';

// Demo attachments (issue 5 item 10): a small one-page PDF "scan" on the decision, resolution or
// letter step of a few admission, recognition and transfer cases, uploaded through the attachment
// service (type check, audit row) like a user's file. Run after the case demos.

/** A minimal valid one-page PDF saying what it is; offsets computed so readers need no repair. */
export function demoPdf(title: string): Buffer {
  const text = title.replace(/[()\\]/g, '');
  const stream = `BT /F1 14 Tf 72 770 Td (${text}) Tj ET`;
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>',
    '<< /Type /Font /Subtype /Type1 /BaseFont /Times-Roman >>',
    `<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`,
  ];
  let out = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((o, i) => {
    offsets.push(out.length);
    out += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = out.length;
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}

const DOCUMENT_OF: Record<'admission' | 'recognition' | 'transfer', Record<string, string>> = {
  admission: { decision: 'decision', cell_resolution: 'cell_resolution' },
  recognition: { decision: 'recognition_decision', cell_resolution: 'recognition_cell_resolution' },
  transfer: {},
};

export interface DemoAttachmentResult {
  attachments: number;
}

export async function seedDemoAttachments(db: Kysely<DB>, today: string): Promise<DemoAttachmentResult> {
  const ctx = staffContext(db, fixedClock(`${today}T05:00:00Z`));
  let n = 0;
  const plans = [
    { kind: 'admission', name: 'Quyết định kết nạp (bản quét).pdf', title: 'Ban quet mau - quyet dinh ket nap' },
    { kind: 'recognition', name: 'Quyết định công nhận chính thức (bản quét).pdf', title: 'Ban quet mau - quyet dinh cong nhan' },
    { kind: 'transfer', name: 'Giấy giới thiệu sinh hoạt đảng (bản quét).pdf', title: 'Ban quet mau - giay gioi thieu' },
  ] as const;
  for (const p of plans) {
    for (const s of await demoStepsToAttach(db, p.kind, 3)) {
      // The scan is tagged as the dossier document its step makes, so the checklist shows it (R-ADM-33, R-PROB-07).
      await upload(ctx, p.kind, s.caseId, { step: s.stepId, name: p.name, document: DOCUMENT_OF[p.kind][s.stepKind] }, demoPdf(p.title));
      n++;
    }
  }
  return { attachments: n };
}
