import { addCalendarDays } from '../../domain/calendar/iso-date.js';
import { dossierKeepers } from '../../domain/records/dossier.js';
import { recordMovement, returnDossier } from '../records/dossier.service.js';
import { directSuperiorOf } from '../records/records.orgs.js';
import { findMember, orgChain } from '../records/records.repository.js';
import type { ServiceContext } from '../service-context.js';

// The dossier handover and loan register on the demo (R-REC-06/11), through the service: ten
// dossiers received by their members' grassroots orgs, one lent and returned, two out on loan (one
// past its due date), and one handed up to the direct superior, which received it.

export async function seedDemoDossiers(ctx: ServiceContext, memberIds: readonly number[], today: string): Promise<number> {
  const ago = (days: number) => addCalendarDays(today, -days);
  let rows = 0;
  const keepers = new Map<number, { grassroots: number; superior: { id: number; name: string } }>();
  for (const [i, id] of memberIds.slice(0, 10).entries()) {
    const m = await findMember(ctx.db, ctx.scope, id);
    if (!m) continue;
    const chain = await orgChain(ctx.db, m.org_path);
    const superior = directSuperiorOf(chain);
    const [keeper] = dossierKeepers(chain, superior);
    if (!keeper || !superior) continue;
    keepers.set(id, { grassroots: keeper.id, superior: { id: superior.id, name: superior.name } });
    await recordMovement(ctx, {
      kind: 'received',
      memberId: id,
      holderOrgId: keeper.id,
      date: ago(300 - i),
      reason: i % 3 === 0 ? 'transfer_in' : 'admission',
      counterpart: i % 3 === 0 ? 'Đảng ủy nơi chuyển đi (mẫu)' : 'Chi bộ nơi kết nạp (mẫu)',
      documentNo: `BB-${String(i + 1).padStart(2, '0')} (mẫu)`,
    });
    rows++;
  }
  const [late, out, back, up] = memberIds.filter((id) => keepers.has(id));
  const lend = async (memberId: number, date: string, dueBack: string, counterpart: string, purpose: string) => {
    rows++;
    return recordMovement(ctx, { kind: 'lent', memberId, date, dueBack, counterpart, purpose });
  };
  if (late) await lend(late, ago(40), ago(10), 'Đ/c Lê Văn Kiểm, Ủy ban Kiểm tra (mẫu)', 'Xác minh đơn thư (dữ liệu mẫu)');
  if (out) await lend(out, ago(5), addCalendarDays(today, 10), 'Đ/c Trần Thị Quy, Ban Tổ chức (mẫu)', 'Rà soát quy hoạch cán bộ (dữ liệu mẫu)');
  if (back) {
    const loan = await lend(back, ago(100), ago(85), 'Đ/c Phạm Văn Thẩm, Ban Tổ chức (mẫu)', 'Thẩm tra lý lịch người thân (dữ liệu mẫu)');
    await returnDossier(ctx, loan.id, { date: ago(90) });
  }
  if (up) {
    const superior = keepers.get(up)!.superior;
    await recordMovement(ctx, { kind: 'handed_over', memberId: up, date: ago(20), reason: 'to_superior', counterpart: superior.name, documentNo: 'BB-20 (mẫu)' });
    await recordMovement(ctx, { kind: 'received', memberId: up, holderOrgId: superior.id, date: ago(20), reason: 'other', counterpart: 'Đảng ủy cơ sở giao lên (mẫu)', documentNo: 'BB-20 (mẫu)' });
    rows += 2;
  }
  return rows;
}
