import type { Readable } from 'node:stream';
import { appendAudit } from '../audit/audit.repository.js';
import type { ExportCell, ExportColumn } from '../member/member-export.layout.js';
import { EXPORT_CONTENT_TYPES } from '../member/member-export.schema.js';
import { xlsxStream } from '../member/member-export.xlsx.js';
import type { ServiceContext } from '../service-context.js';
import { batchCards, CARD_STATUS_LABELS, issuedRegister } from './party-card.service.js';
import type { ExportBatchQuery, PartyCardItem, RegisterQuery } from './records.schema.js';

// The month's batch of card requests sent to the provincial organization board (R-REC-02) as an
// Excel file, and the register of cards issued (R-REC-11), with the member list export's writer.
// Audited once per file like the member export.

const date = (iso: string | null): ExportCell => (iso === null ? null : { date: iso });

const COLUMNS: { header: string; width: number; value: (c: PartyCardItem, i: number) => ExportCell }[] = [
  { header: 'STT', width: 6, value: (_c, i) => i },
  { header: 'Họ và tên', width: 26, value: (c) => c.member.fullName },
  { header: 'Ngày sinh', width: 12, value: (c) => date(c.member.birthDate) },
  { header: 'Chi bộ', width: 28, value: (c) => c.orgName },
  { header: 'Loại đề nghị', width: 12, value: (c) => (c.reason === 'new' ? 'Cấp mới' : 'Cấp lại') },
  { header: 'Ngày đề nghị', width: 13, value: (c) => date(c.requestedOn) },
  { header: 'Tình trạng', width: 16, value: (c) => CARD_STATUS_LABELS[c.status] },
  { header: 'Số thẻ', width: 15, value: (c) => c.cardNo },
  { header: 'Số quyết định', width: 16, value: (c) => c.decisionNo },
  { header: 'Ngày quyết định', width: 13, value: (c) => date(c.decisionDate) },
  { header: 'Cấp quyết định', width: 26, value: (c) => c.decidedBy?.name ?? null },
];

export async function exportBatch(ctx: ServiceContext, q: ExportBatchQuery, onError: (e: unknown) => void): Promise<{ filename: string; contentType: string; body: Readable }> {
  const { items, orgPath } = await batchCards(ctx, q.org, q.month);
  await appendAudit(ctx.db, ctx.actor, { action: 'party_card.export', entityType: 'party_card', entityId: null, orgPath, before: null, after: { filter: q, rows: items.length } });
  const columns: ExportColumn[] = COLUMNS.map((c) => ({ header: c.header, width: c.width, field: null, value: () => null }));
  async function* chunks() {
    yield items.map((c, i) => COLUMNS.map((col) => col.value(c, i + 1)));
  }
  const [y, m] = q.month.split('-');
  return {
    filename: `de-nghi-the-dang-${q.month}.xlsx`,
    contentType: EXPORT_CONTENT_TYPES.xlsx,
    body: xlsxStream({ title: ['DANH SÁCH ĐỀ NGHỊ PHÁT THẺ ĐẢNG VIÊN', `Tháng ${m}/${y}`], columns, chunks: chunks() }, onError),
  };
}

/** R-REC-11: the register of cards issued, one row per card decided, in decision order. */
export async function exportIssuedRegister(ctx: ServiceContext, q: RegisterQuery, onError: (e: unknown) => void): Promise<{ filename: string; contentType: string; body: Readable }> {
  const { items, orgPath } = await issuedRegister(ctx, q.org);
  await appendAudit(ctx.db, ctx.actor, { action: 'party_card.register_export', entityType: 'party_card', entityId: null, orgPath, before: null, after: { filter: q, rows: items.length } });
  const columns: ExportColumn[] = COLUMNS.map((c) => ({ header: c.header, width: c.width, field: null, value: () => null }));
  async function* chunks() {
    yield items.map((c, i) => COLUMNS.map((col) => col.value(c, i + 1)));
  }
  return {
    filename: `so-phat-the-dang-${ctx.clock.today()}.xlsx`,
    contentType: EXPORT_CONTENT_TYPES.xlsx,
    body: xlsxStream({ title: ['SỔ PHÁT THẺ ĐẢNG VIÊN', `Đến ngày ${ctx.clock.today().split('-').reverse().join('/')}`], columns, chunks: chunks() }, onError),
  };
}
