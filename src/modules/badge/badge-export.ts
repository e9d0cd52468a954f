import type { Readable } from 'node:stream';
import { appendAudit } from '../audit/audit.repository.js';
import type { ExportCell, ExportColumn } from '../member/member-export.layout.js';
import { EXPORT_CONTENT_TYPES } from '../member/member-export.schema.js';
import { xlsxStream } from '../member/member-export.xlsx.js';
import { STATUS_LABELS } from '../member/member.schema.js';
import type { ServiceContext } from '../service-context.js';
import type { BadgeAwardItem, ExportAwardsQuery } from './badge.schema.js';
import { awardsForExport } from './badge.service.js';

// The badge register (Sổ đăng ký Huy hiệu Đảng, R-BADGE-04) as an Excel file, with the member
// list export's writer: a title block, one row per badge in register order (ceremony, class,
// number). Audited once per file.

const AWARD_STATUS: Record<BadgeAwardItem['status'], string> = { awarded: 'Đang giữ', returned: 'Đã trả lại', reissued: 'Đã cấp lại' };
const date = (iso: string | null): ExportCell => (iso === null ? null : { date: iso });

const COLUMNS: { header: string; width: number; value: (a: BadgeAwardItem, i: number) => ExportCell }[] = [
  { header: 'STT', width: 6, value: (_a, i) => i },
  { header: 'Số Huy hiệu', width: 16, value: (a) => a.badgeNo },
  { header: 'Loại Huy hiệu', width: 12, value: (a) => `${a.badgeClass} năm` },
  { header: 'Họ và tên', width: 26, value: (a) => a.member.fullName },
  { header: 'Ngày sinh', width: 12, value: (a) => date(a.member.birthDate) },
  { header: 'Chi bộ', width: 28, value: (a) => a.orgName },
  { header: 'Ngày đủ tuổi đảng', width: 13, value: (a) => date(a.reachedOn) },
  { header: 'Đợt trao', width: 12, value: (a) => date(a.ceremonyDate) },
  { header: 'Số quyết định', width: 16, value: (a) => a.decisionNo },
  { header: 'Ngày quyết định', width: 13, value: (a) => date(a.decisionDate) },
  { header: 'Tình trạng', width: 12, value: (a) => AWARD_STATUS[a.status] },
  { header: 'Ngày trả lại / cấp lại', width: 13, value: (a) => date(a.returnedOn ?? a.reissuedOn) },
  { header: 'Lý do', width: 30, value: (a) => a.returnReason ?? a.reissueReason },
  { header: 'Trạng thái đảng viên', width: 14, value: (a) => STATUS_LABELS[a.member.status] ?? a.member.status },
];

export async function exportAwards(ctx: ServiceContext, q: ExportAwardsQuery, onError: (e: unknown) => void): Promise<{ filename: string; contentType: string; body: Readable }> {
  const { items, orgPath } = await awardsForExport(ctx, q);
  await appendAudit(ctx.db, ctx.actor, { action: 'badge.export', entityType: 'badge_award', entityId: null, orgPath, before: null, after: { filter: q, rows: items.length } });
  const columns: ExportColumn[] = COLUMNS.map((c) => ({ header: c.header, width: c.width, field: null, value: () => null }));
  async function* chunks() {
    yield items.map((a, i) => COLUMNS.map((c) => c.value(a, i + 1)));
  }
  const title = ['SỔ ĐĂNG KÝ HUY HIỆU ĐẢNG', q.year ? `Năm ${q.year}` : `Đến ngày ${ctx.clock.today().split('-').reverse().join('/')}`];
  return {
    filename: `so-huy-hieu-dang-${ctx.clock.today()}.xlsx`,
    contentType: EXPORT_CONTENT_TYPES.xlsx,
    body: xlsxStream({ title, columns, chunks: chunks() }, onError),
  };
}
