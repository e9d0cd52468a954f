import { appendAudit } from '../audit/audit.repository.js';
import { registerDate, registerFile, viDate, type RegisterColumn, type RegisterFile } from '../records/register-file.js';
import type { ServiceContext } from '../service-context.js';
import { listSlips } from './transfer-slip.service.js';
import type { SlipListItem, SlipRegisterQuery } from './transfer-slip.schema.js';

// R-REC-11: the register of transfer slips (sổ theo dõi phiếu báo chuyển sinh hoạt đảng), every
// slip of the cases in scope in issue order, with its return and the check marks of R-REC-08 and
// R-EXIT-05. Audited once per file like the other registers.

const COLUMNS: readonly RegisterColumn<SlipListItem>[] = [
  { header: 'STT', width: 6, value: (_s, i) => i },
  { header: 'Số phiếu', width: 14, value: (s) => s.slipNo },
  { header: 'Ngày lập', width: 12, value: (s) => registerDate(s.issuedOn) },
  { header: 'Họ và tên', width: 26, value: (s) => s.member.fullName },
  { header: 'Ngày sinh', width: 12, value: (s) => registerDate(s.member.birthDate) },
  { header: 'Nơi đi', width: 28, value: (s) => s.sourceName },
  { header: 'Nơi đến', width: 28, value: (s) => s.destinationName },
  { header: 'Giấy giới thiệu số', width: 16, value: (s) => s.letterNo },
  { header: 'Gửi phiếu đến', width: 28, value: (s) => s.sentTo },
  { header: 'Phiếu thứ hai', width: 24, value: (s) => s.copyTo },
  { header: 'Ngày báo nhận', width: 13, value: (s) => registerDate(s.returnedOn) },
  { header: 'Hạn kiểm tra', width: 13, value: (s) => registerDate(s.checkDue) },
  { header: 'Ghi chú', width: 30, value: (s) => (s.lapsed ? 'Quá 3 tháng chưa nộp hồ sơ' : s.overdue ? 'Quá hạn chưa báo nhận' : s.returnNote) },
];

export async function exportSlipRegister(ctx: ServiceContext, q: SlipRegisterQuery, onError: (e: unknown) => void): Promise<RegisterFile> {
  const { items, orgPath } = await listSlips(ctx, { org: q.org, filter: 'all' });
  await appendAudit(ctx.db, ctx.actor, { action: 'transfer_slip.register_export', entityType: 'transfer_slip', entityId: null, orgPath, before: null, after: { filter: q, rows: items.length } });
  const today = ctx.clock.today();
  return registerFile({ filename: `so-phieu-bao-${today}.xlsx`, title: ['SỔ THEO DÕI PHIẾU BÁO CHUYỂN SINH HOẠT ĐẢNG', `Đến ngày ${viDate(today)}`], columns: COLUMNS, rows: items }, onError);
}
