import { AppError } from '../../errors.js';
import { appendAudit } from '../audit/audit.repository.js';
import type { ServiceContext } from '../service-context.js';
import * as repo from './attachment.repository.js';
import type { CaseKind } from './attachment.repository.js';
import { ADMISSION_DOCUMENT_KINDS, RECOGNITION_DOCUMENT_KINDS } from '../../domain/admission/dossier-checklist.js';

// Scanned files on case steps (issue 5 item 10). The type is what the bytes are (their magic
// number), never the name or the declared header; the size is capped. Each upload is one insert
// and one audit row on the case, in one transaction.

export const MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024;
export const MAX_ATTACHMENT_LABEL = '10 MB';

const SIGNATURES: { type: string; bytes: number[] }[] = [
  { type: 'application/pdf', bytes: [0x25, 0x50, 0x44, 0x46, 0x2d] }, // %PDF-
  { type: 'image/jpeg', bytes: [0xff, 0xd8, 0xff] },
  { type: 'image/png', bytes: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] },
];

/** The file's real type from its first bytes, or null when it is none of PDF, JPEG, PNG. */
export function sniffType(data: Uint8Array): string | null {
  return SIGNATURES.find((s) => data.length >= s.bytes.length && s.bytes.every((b, i) => data[i] === b))?.type ?? null;
}

const NOT_FOUND: Record<CaseKind, string> = { admission: 'ADMISSION_CASE_NOT_FOUND', recognition: 'RECOGNITION_CASE_NOT_FOUND', transfer: 'TRANSFER_CASE_NOT_FOUND' };
const caseNotFound = (kind: CaseKind, id: number) => new AppError(NOT_FOUND[kind] as 'ADMISSION_CASE_NOT_FOUND', { id }, { field: 'id' });

export interface Attachment {
  id: number;
  stepId: number | null;
  fileName: string;
  contentType: string;
  bytes: number;
  uploadedAt: string;
  /** Which dossier document the scan is (R-ADM-33, R-PROB-07), when the uploader said. */
  document: string | null;
}

function present(r: { id: number; step_id: number | null; file_name: string; content_type: string; bytes: number; uploaded_at: Date | string; document_kind: string | null }): Attachment {
  return {
    id: Number(r.id),
    stepId: r.step_id === null ? null : Number(r.step_id),
    fileName: r.file_name,
    contentType: r.content_type,
    bytes: Number(r.bytes),
    uploadedAt: new Date(r.uploaded_at).toISOString(),
    document: r.document_kind,
  };
}

/** The dossier documents a case of each kind has (a transfer has no checklist). */
const DOCUMENTS_OF: Record<CaseKind, readonly string[]> = { admission: ADMISSION_DOCUMENT_KINDS, recognition: RECOGNITION_DOCUMENT_KINDS, transfer: [] };

/** A file name as stored: the last path part, no control characters, at most 200 characters. */
function cleanName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  // eslint-disable-next-line no-control-regex
  return base.replace(/[\u0000-\u001f\u007f]/g, '').trim().slice(0, 200);
}

export async function upload(
  ctx: ServiceContext,
  kind: CaseKind,
  caseId: number,
  input: { step?: number | undefined; name: string; document?: string | undefined },
  data: Uint8Array,
): Promise<Attachment> {
  const document = input.document ?? null;
  if (document !== null && !DOCUMENTS_OF[kind].includes(document)) throw new AppError('ATTACHMENT_DOCUMENT_KIND', { value: document }, { field: 'document' });
  if (data.length > MAX_ATTACHMENT_BYTES) throw new AppError('ATTACHMENT_TOO_LARGE', { max: MAX_ATTACHMENT_LABEL }, { field: 'body' });
  const type = sniffType(data);
  if (type === null) throw new AppError('ATTACHMENT_TYPE', { name: cleanName(input.name) }, { field: 'body' });
  const fileName = cleanName(input.name);
  if (fileName.length === 0) throw new AppError('ATTACHMENT_NAME', {}, { field: 'name' });
  return ctx.db.transaction().execute(async (tx) => {
    const c = await repo.caseInScope(tx, ctx.scope, kind, caseId);
    if (!c) throw caseNotFound(kind, caseId);
    const stepId = input.step ?? null;
    if (stepId !== null && !(await repo.stepOfCase(tx, kind, caseId, stepId))) throw new AppError('ATTACHMENT_STEP_NOT_FOUND', { id: stepId }, { field: 'step' });
    const row = await repo.insertAttachment(tx, {
      case_kind: kind,
      case_id: caseId,
      step_id: stepId,
      file_name: fileName,
      content_type: type,
      bytes: data.length,
      data,
      uploaded_by: ctx.actor.userId,
      uploaded_at: ctx.clock.now(),
      document_kind: document,
    });
    await appendAudit(tx, ctx.actor, {
      action: `${kind}_case.attachment_add`,
      entityType: `${kind}_case`,
      entityId: caseId,
      orgPath: c.path,
      before: null,
      after: { attachmentId: Number(row.id), stepId, fileName, contentType: type, bytes: data.length, document },
    });
    return present(row);
  });
}

export async function list(ctx: ServiceContext, kind: CaseKind, caseId: number): Promise<Attachment[]> {
  if (!(await repo.caseInScope(ctx.db, ctx.scope, kind, caseId))) throw caseNotFound(kind, caseId);
  return (await repo.listAttachments(ctx.db, ctx.scope, kind, caseId)).map(present);
}

export async function download(ctx: ServiceContext, kind: CaseKind, caseId: number, id: number): Promise<{ fileName: string; contentType: string; data: Buffer }> {
  const a = await repo.findAttachment(ctx.db, ctx.scope, kind, caseId, id);
  if (!a) throw new AppError('ATTACHMENT_NOT_FOUND', { id }, { field: 'attachmentId' });
  return { fileName: a.file_name, contentType: a.content_type, data: Buffer.from(a.data) };
}
