import { appendAudit } from '../audit/audit.repository.js';
import { registerDate, registerFile, viDate, type RegisterColumn, type RegisterFile } from '../records/register-file.js';
import type { ServiceContext } from '../service-context.js';
import { allLiaisons } from './liaison.service.js';
import type { LiaisonRegisterQuery, ResidenceLiaison } from './liaison.schema.js';

// R-REC-11: the register of members referred to their residence (sổ theo dõi đảng viên giới
// thiệu về sinh hoạt nơi cư trú), one row per referral with its yearly comments. Audited once per file.

export const RATING_LABELS: Record<ResidenceLiaison['comments'][number]['rating'], string> = { good: 'Tốt', fair: 'Khá, còn hạn chế', poor: 'Chưa tốt' };

const COLUMNS: readonly RegisterColumn<ResidenceLiaison>[] = [
  { header: 'STT', width: 6, value: (_l, i) => i },
  { header: 'Họ và tên', width: 26, value: (l) => l.member.fullName },
  { header: 'Ngày sinh', width: 12, value: (l) => registerDate(l.member.birthDate) },
  { header: 'Chi bộ nơi công tác', width: 28, value: (l) => l.org.name },
  { header: 'Chi bộ nơi cư trú', width: 28, value: (l) => l.residence.name },
  { header: 'Số giấy giới thiệu', width: 16, value: (l) => l.letterNo },
  { header: 'Ngày giới thiệu', width: 13, value: (l) => registerDate(l.referredOn) },
  { header: 'Ngày kết thúc', width: 13, value: (l) => registerDate(l.endedOn) },
  { header: 'Nhận xét hằng năm của cấp ủy nơi cư trú', width: 50, value: (l) => l.comments.map((c) => `${c.year}: ${RATING_LABELS[c.rating]} — ${c.comment}`).join('\n') || null },
];

export async function exportLiaisonRegister(ctx: ServiceContext, q: LiaisonRegisterQuery, onError: (e: unknown) => void): Promise<RegisterFile> {
  const { items, orgPath } = await allLiaisons(ctx, q.org);
  await appendAudit(ctx.db, ctx.actor, { action: 'residence_liaison.register_export', entityType: 'residence_liaison', entityId: null, orgPath, before: null, after: { filter: q, rows: items.length } });
  const today = ctx.clock.today();
  return registerFile({ filename: `so-sinh-hoat-noi-cu-tru-${today}.xlsx`, title: ['SỔ THEO DÕI ĐẢNG VIÊN GIỚI THIỆU VỀ SINH HOẠT NƠI CƯ TRÚ', `Đến ngày ${viDate(today)}`], columns: COLUMNS, rows: items }, onError);
}
