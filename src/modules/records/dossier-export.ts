import type { Readable } from 'node:stream';
import { appendAudit } from '../audit/audit.repository.js';
import type { ExportCell, ExportColumn } from '../member/member-export.layout.js';
import { EXPORT_CONTENT_TYPES } from '../member/member-export.schema.js';
import { xlsxStream } from '../member/member-export.xlsx.js';
import type { ServiceContext } from '../service-context.js';
import type { DossierExportQuery, DossierMovementItem } from './dossier.schema.js';
import { registerRows } from './dossier.service.js';

// R-REC-11: the dossier handover and loan register (sổ giao nhận, mượn trả hồ sơ đảng viên) as an
// Excel file laid out like the paper register, with a blank column for the signature of whoever
// took or brought the dossier. Audited once per file like the other register exports.

const date = (iso: string | null): ExportCell => (iso === null ? null : { date: iso });

const KIND_LABELS: Record<DossierMovementItem['kind'], string> = { received: 'Nhận', handed_over: 'Giao', lent: 'Cho mượn' };

const COLUMNS: { header: string; width: number; value: (d: DossierMovementItem, i: number) => ExportCell }[] = [
  { header: 'STT', width: 6, value: (_d, i) => i },
  { header: 'Họ và tên', width: 26, value: (d) => d.member.fullName },
  { header: 'Ngày sinh', width: 12, value: (d) => date(d.member.birthDate) },
  { header: 'Số lý lịch', width: 12, value: (d) => d.member.recordNo },
  { header: 'Giao/nhận/mượn', width: 12, value: (d) => KIND_LABELS[d.kind] },
  { header: 'Ngày giao/nhận/mượn', width: 13, value: (d) => date(d.date) },
  { header: 'Người/tổ chức giao, nhận, mượn', width: 30, value: (d) => d.counterpart },
  { header: 'Mục đích', width: 28, value: (d) => d.purpose },
  { header: 'Hẹn trả', width: 12, value: (d) => date(d.dueBack) },
  { header: 'Ngày trả', width: 12, value: (d) => date(d.returnedOn) },
  { header: 'Nơi giữ hồ sơ', width: 26, value: (d) => d.holder.name },
  { header: 'Ký nhận', width: 16, value: () => null },
];

export async function exportDossierRegister(ctx: ServiceContext, q: DossierExportQuery, onError: (e: unknown) => void): Promise<{ filename: string; contentType: string; body: Readable }> {
  const { items, orgPath } = await registerRows(ctx, q);
  await appendAudit(ctx.db, ctx.actor, { action: 'dossier.register_export', entityType: 'dossier_movement', entityId: null, orgPath, before: null, after: { filter: q, rows: items.length } });
  const columns: ExportColumn[] = COLUMNS.map((c) => ({ header: c.header, width: c.width, field: null, value: () => null }));
  async function* chunks() {
    yield items.map((d, i) => COLUMNS.map((col) => col.value(d, i + 1)));
  }
  const today = ctx.clock.today();
  return {
    filename: `so-giao-nhan-muon-tra-ho-so-${today}.xlsx`,
    contentType: EXPORT_CONTENT_TYPES.xlsx,
    body: xlsxStream({ title: ['SỔ GIAO NHẬN, MƯỢN TRẢ HỒ SƠ ĐẢNG VIÊN', `Đến ngày ${today.split('-').reverse().join('/')}`], columns, chunks: chunks() }, onError),
  };
}
