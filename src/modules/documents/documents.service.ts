import { AppError } from '../../errors.js';
import * as admission from '../admission/admission.service.js';
import { appendAudit } from '../audit/audit.repository.js';
import * as recognition from '../recognition/recognition.service.js';
import type { ServiceContext } from '../service-context.js';
import * as transfer from '../transfer/transfer.service.js';
import { admissionDecisionDocx } from './admission-decision.document.js';
import { issuerOf, type Issuer } from './document.issuer.js';
import * as repo from './documents.repository.js';
import { recognitionDecisionDocx } from './recognition-decision.document.js';
import { transferLetterDocx } from './transfer-letter.document.js';

// Word drafts of case documents (issue 5 item 10). Each reads the case through its own module's
// service in the caller's scope (an out-of-scope id is a 404 like a missing one), builds the
// document and writes one audit row, as an export of personal data is audited (member.export).

export const DOCX_CONTENT_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

export interface DocumentFile {
  /** ASCII fallback name for old clients. */
  asciiName: string;
  /** The Vietnamese name, sent as filename* (RFC 5987). */
  filename: string;
  body: Buffer;
}

async function issuerIn(ctx: ServiceContext, orgId: number, notFound: () => AppError): Promise<Issuer> {
  const chain = await repo.orgChain(ctx.db, ctx.scope, orgId);
  if (!chain || chain.length === 0) throw notFound();
  return issuerOf(chain);
}

async function audited(ctx: ServiceContext, entityType: string, entityId: number, orgPath: string, document: string, file: DocumentFile): Promise<DocumentFile> {
  await appendAudit(ctx.db, ctx.actor, { action: `${entityType}.document_export`, entityType, entityId, orgPath, before: null, after: { document, filename: file.filename } });
  return file;
}

const notReady = (id: number, document: string, reason: string, field = 'id') => new AppError('DOCUMENT_CASE_NOT_READY', { id, document, reason }, { field });

export async function admissionDecision(ctx: ServiceContext, id: number): Promise<DocumentFile> {
  const c = await admission.getCase(ctx, id);
  // The decision is drafted once the committees have resolved: the next step is the decision, or it is recorded.
  if (c.decision === null && c.nextStep !== 'decision') {
    throw notReady(id, 'quyết định kết nạp', 'hồ sơ chưa đến bước quyết định kết nạp');
  }
  const who = await issuerIn(ctx, c.orgId, () => new AppError('ADMISSION_CASE_NOT_FOUND', { id }, { field: 'id' }));
  const hometown = c.memberId === null ? null : await repo.memberHometown(ctx.db, ctx.scope, c.memberId);
  const body = await admissionDecisionDocx(c, who, hometown, ctx.clock.today());
  return audited(ctx, 'admission_case', id, who.org.path, 'admission_decision', {
    asciiName: `du-thao-quyet-dinh-ket-nap-${id}.docx`,
    filename: `Dự thảo quyết định kết nạp - ${c.candidate.fullName}.docx`,
    body,
  });
}

export async function recognitionDecision(ctx: ServiceContext, id: number): Promise<DocumentFile> {
  const c = await recognition.getCase(ctx, id);
  if (c.decision?.result === 'removed' || c.cellResolution?.proposal === 'remove') {
    throw notReady(id, 'quyết định công nhận đảng viên chính thức', 'hồ sơ đề nghị xóa tên, không công nhận');
  }
  const who = await issuerIn(ctx, c.orgId, () => new AppError('RECOGNITION_CASE_NOT_FOUND', { id }, { field: 'id' }));
  const hometown = await repo.memberHometown(ctx.db, ctx.scope, c.member.id);
  const body = await recognitionDecisionDocx(c, who, hometown);
  return audited(ctx, 'recognition_case', id, who.org.path, 'recognition_decision', {
    asciiName: `du-thao-quyet-dinh-cong-nhan-chinh-thuc-${id}.docx`,
    filename: `Dự thảo quyết định công nhận đảng viên chính thức - ${c.member.fullName}.docx`,
    body,
  });
}

export async function transferLetter(ctx: ServiceContext, id: number): Promise<DocumentFile> {
  const c = await transfer.getCase(ctx, id);
  // The sending side issues the letter: its committee heads the draft.
  const who = await issuerIn(ctx, c.source.orgId, () => new AppError('TRANSFER_CASE_NOT_FOUND', { id }, { field: 'id' }));
  const hometown = await repo.memberHometown(ctx.db, ctx.scope, c.member.id);
  const body = await transferLetterDocx(c, who, hometown);
  return audited(ctx, 'transfer_case', id, who.org.path, 'transfer_letter', {
    asciiName: `du-thao-giay-gioi-thieu-sinh-hoat-dang-${id}.docx`,
    filename: `Dự thảo giấy giới thiệu sinh hoạt đảng - ${c.member.fullName}.docx`,
    body,
  });
}
