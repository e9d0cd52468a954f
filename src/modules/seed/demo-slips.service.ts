import type { Kysely } from 'kysely';
import { fixedClock } from '../../clock.js';
import { addMonths } from '../../domain/calendar/iso-date.js';
import type { DB } from '../../db/types.js';
import { addComment, refer } from '../liaison/liaison.service.js';
import { staffContext } from '../service-context.js';
import { issueSlip, returnSlip } from '../transfer/transfer-slip.service.js';
import { listCases, openCase, recordStep } from '../transfer/transfer.service.js';
import { demoVillageCells, demoWorkplaceMembers } from './demo-liaison.repository.js';
import { dayOf, isoOf } from './seed.dates.js';
import { demoAnchors, demoTransferMembers } from './seed.repository.js';

// Transfer slips and residence liaison of the demo (R-TRF-09, R-REC-08, R-EXIT-05, R-TRF-16):
// slips on every official transfer whose letter is issued (returned where the member was
// received), one more transfer out of the installation whose slip went out five months ago and
// never came back (overdue, and the member past the 3 months of R-EXIT-05), and members of the
// commune's offices and schools referred to their village cells, one with this year's comment of
// the residence cấp ủy and two still owing it. Everything goes through the services.

export interface DemoSlipResult {
  slips: number;
  liaisons: number;
}

/** Run once, after the demo transfers. */
export async function seedDemoSlips(db: Kysely<DB>, today: string): Promise<DemoSlipResult> {
  const ctx = staffContext(db, fixedClock(`${today}T05:00:00Z`));
  const todayDay = dayOf(today);
  const anchors = await demoAnchors(db);

  // The lapsed one: letter 150 days ago, slip the day after, nothing since.
  const pick = (await demoTransferMembers(db, anchors.communeId, 5000)).find((p) => p.home);
  if (!pick) throw new Error('demo dataset has too few members to transfer');
  let c = await openCase(ctx, {
    memberId: pick.id,
    kind: 'permanent',
    reason: 'Chuyển công tác ra tỉnh khác',
    causeDate: isoOf(todayDay - 175),
    openedOn: isoOf(todayDay - 172),
    destination: 'outside',
    destinationText: 'Đảng bộ phường Tân Lập, tỉnh Lâm Sơn',
  });
  c = await recordStep(ctx, c.id, { kind: 'self_review', date: isoOf(todayDay - 165), version: c.version });
  c = await recordStep(ctx, c.id, { kind: 'dues', date: isoOf(todayDay - 160), paidThrough: addMonths(isoOf(todayDay - 150), 1).slice(0, 7), version: c.version });
  c = await recordStep(ctx, c.id, { kind: 'letter', date: isoOf(todayDay - 150), letterNo: '41-GGT/ĐU', version: c.version });

  let slips = 0;
  const cases = (await listCases(ctx, { kind: 'permanent', page: 1, pageSize: 200 })).items.filter((x) => x.letter.issued && x.letter.date !== null);
  for (const x of cases.sort((a, b) => a.id - b.id)) {
    slips++;
    const issuedOn = x.id === c.id ? isoOf(todayDay - 149) : x.letter.date!;
    const r = await issueSlip(ctx, x.id, { slipNo: `${String(slips).padStart(2, '0')}/PB-ĐU`, issuedOn, copyTo: 'Lưu tại Văn phòng cấp ủy' });
    // The receiving cell sends the slip back when the member presents the dossier.
    const back = x.receivedOn ?? (x.destination.scope !== 'inside' ? x.completedOn : null);
    if (back !== null && r.slip) await returnSlip(ctx, x.id, { returnedOn: back, note: 'Đảng viên đã nộp hồ sơ', version: r.slip.version });
  }

  // Residence liaison: three members of the commune's offices and schools.
  const people = await demoWorkplaceMembers(db, anchors.communeId, 3);
  const villages = await demoVillageCells(db, anchors.communeId, 2);
  if (people.length < 3 || villages.length < 2) throw new Error('demo dataset has no offices or villages for residence liaison');
  const year = Number(today.slice(0, 4));
  const a = await refer(ctx, { memberId: people[0]!.id, residenceOrgId: villages[0]!.id, referredOn: isoOf(todayDay - 300), letterNo: '12-GT/ĐU' });
  await addComment(ctx, a.id, { year, rating: 'good', comment: 'Gương mẫu thực hiện nghĩa vụ công dân, tích cực tham gia sinh hoạt tổ dân cư (dữ liệu mẫu)', commentedOn: isoOf(todayDay - 5) });
  await refer(ctx, { memberId: people[1]!.id, residenceOrgId: villages[1]!.id, referredOn: isoOf(todayDay - 200), letterNo: '19-GT/ĐU' });
  await refer(ctx, { memberId: people[2]!.id, residenceName: 'Chi bộ tổ dân phố 7, phường Tân Lập, tỉnh Lâm Sơn', referredOn: isoOf(todayDay - 60), letterNo: '27-GT/ĐU' });
  return { slips, liaisons: 3 };
}
