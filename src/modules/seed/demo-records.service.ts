import type { Kysely } from 'kysely';
import { fixedClock } from '../../clock.js';
import { addCalendarDays } from '../../domain/calendar/iso-date.js';
import type { DB } from '../../db/types.js';
import { checkCard, closeCard, decideCard, handOverCard, requestCard } from '../records/party-card.service.js';
import { assignRecordNo, createBlock } from '../records/record-no.service.js';
import { approveUpdate, forwardUpdate, returnUpdate, submitUpdate } from '../records/record-update.service.js';
import type { RecordUpdateItem } from '../records/records.schema.js';
import { staffContext } from '../service-context.js';
import { seedDemoDossiers } from './demo-dossiers.service.js';
import { communeMembers, orgCodeAndPath } from './demo-records.repository.js';
import { demoAnchors } from './seed.repository.js';

// Member records and party cards on the demo (issue 5 item 7), all through the services, in the
// anchor commune (which the commune staff account sees): two record-number blocks (the first used
// up), numbers for a dozen members; cards in every state — requested this month, decided, handed
// over (checked this year or not), lost with its reissue request, recovered and kept by the family
// when the commune has such members, one under the old model; phiếu bổ sung at every step; the
// dossier handover and loan register (demo-dossiers.service.ts).

export interface DemoRecordsResult {
  numbers: number;
  cards: number;
  updates: number;
  /** Lines of the dossier handover and loan register. */
  dossiers: number;
}

export async function seedDemoRecords(db: Kysely<DB>, today: string): Promise<DemoRecordsResult> {
  const ctx = staffContext(db, fixedClock(`${today}T05:00:00Z`));
  const { provinceId, communeId, memberId: ownMemberId } = await demoAnchors(db);
  const province = await orgCodeAndPath(db, provinceId);
  const commune = await orgCodeAndPath(db, communeId);
  const code = /^[A-Z]{2,3}$/.test(province.code) ? province.code : 'DV';
  const year = today.slice(0, 4);
  const granted = `${year}-01-05` < today ? `${year}-01-05` : today;
  await createBlock(ctx, { holderOrgId: communeId, code, firstNo: 1, lastNo: 5, decisionNo: '01-QĐ/TU (mẫu)', grantedOn: granted });
  await createBlock(ctx, { holderOrgId: communeId, code, firstNo: 101, lastNo: 400, decisionNo: '02-QĐ/TU (mẫu)', grantedOn: granted });

  const official = await communeMembers(db, commune.path, ['official'], 24);
  let numbers = 0;
  for (const m of official.slice(0, 12)) {
    await assignRecordNo(ctx, m.id, { formFiledOn: addCalendarDays(granted, numbers) <= today ? addCalendarDays(granted, numbers) : today });
    numbers++;
  }

  // Cards: one member each, in each state.
  const c = official.slice(12);
  const month = `${today.slice(0, 7)}-01`;
  const thisMonth = month <= today ? month : today;
  const ago = (days: number) => addCalendarDays(today, -days);
  let cards = 0;
  const request = async (memberId: number, on: string) => {
    cards++;
    return requestCard(ctx, { memberId, requestedOn: on });
  };
  for (const m of c.slice(0, 3)) await request(m.id, thisMonth);
  const decided = await request(c[3]!.id, ago(40));
  await decideCard(ctx, decided.id, { decisionNo: '31-QĐ/ĐU (mẫu)', decisionDate: ago(30), version: decided.version });
  for (const [i, m] of c.slice(4, 6).entries()) {
    const r = await request(m.id, ago(120));
    const d = await decideCard(ctx, r.id, { decisionNo: `2${i}-QĐ/ĐU (mẫu)`, decisionDate: ago(100), version: r.version });
    const h = await handOverCard(ctx, r.id, { date: ago(95), version: d.version });
    if (i === 0) await checkCard(ctx, r.id, { date: ago(5) <= today && ago(5).slice(0, 4) === year ? ago(5) : today, version: h.version });
  }
  const lost = await request(c[6]!.id, ago(200));
  const ld = await decideCard(ctx, lost.id, { decisionNo: '12-QĐ/ĐU (mẫu)', decisionDate: ago(190), version: lost.version });
  const lh = await handOverCard(ctx, lost.id, { date: ago(180), version: ld.version });
  await closeCard(ctx, lost.id, { closing: 'lost', date: ago(3), note: 'Mất khi đi công tác (dữ liệu mẫu)', version: lh.version });
  cards++;
  // R-REC-02: a card decided the day before the QĐ 347 model, with its old number.
  const old = await request(c[7]!.id, '2025-08-20');
  await decideCard(ctx, old.id, { decisionNo: '05-QĐ/HU (mẫu)', decisionDate: '2025-09-01', cardNo: `99${String(c[7]!.id).padStart(6, '0').slice(-6)}`, version: old.version });

  // R-REC-04: members who left keep or return their card. They are off the rolls, so no request can
  // be made for them now: their card (issued before they left) is written as it stood, then closed
  // through the service.
  for (const [statuses, closing] of [
    [['deceased'], 'kept_by_family'],
    [['removed', 'expelled', 'withdrawn'], 'recovered'],
  ] as const) {
    // In the commune when it has one, else elsewhere in the province (seen by the provincial staff).
    const [gone] = [...(await communeMembers(db, commune.path, statuses, 1)), ...(await communeMembers(db, province.path, statuses, 1))];
    if (!gone) continue;
    const card = await db
      .insertInto('party_card')
      .values({ member_id: Number(gone.id), reason: 'new', requested_on: '2025-10-01', request_month: '2025-10', status: 'handed_over', card_no: gone.citizen_id, model: 'qd347', decision_no: '40-QĐ/ĐU (mẫu)', decision_date: '2025-10-10', decided_by_org_id: communeId, handed_over_on: '2025-10-20', created_by: null, created_at: new Date(), updated_by: null, updated_at: new Date() })
      .returning(['id', 'version'])
      .executeTakeFirstOrThrow();
    await closeCard(ctx, Number(card.id), { closing, date: ago(2), version: card.version });
    cards++;
  }

  // R-REC-07: this year's phiếu bổ sung at every step.
  const u = official.slice(0, 8);
  let updates = 0;
  const file = async (memberId: number, changes: Record<string, string>) => {
    updates++;
    return submitUpdate(ctx, { memberId, year: Number(year), occasion: 'yearly', submittedOn: ago(10), changes });
  };
  const up = async (x: RecordUpdateItem, to: RecordUpdateItem['stage']) => {
    let cur = x;
    while (cur.stage !== to && cur.stage !== 'superior') cur = await forwardUpdate(ctx, cur.id, { date: ago(6), version: cur.version });
    return cur;
  };
  await file(u[0]!.id, { occupation: 'Cán bộ hưu trí (mẫu)' });
  await file(u[1]!.id, {});
  await up(await file(u[2]!.id, { positions: 'Chi hội trưởng Hội Cựu chiến binh (mẫu)' }), 'grassroots');
  await up(await file(u[3]!.id, { occupation: 'Giáo viên (mẫu)', residence: 'Thôn Đông (mẫu)' }), 'superior');
  const done = await up(await file(u[4]!.id, { occupation: 'Kỹ sư nông nghiệp (mẫu)' }), 'superior');
  await approveUpdate(ctx, done.id, { date: ago(4), version: done.version });
  const back = await file(u[5]!.id, { positions: 'Trưởng thôn (mẫu)' });
  await returnUpdate(ctx, back.id, { date: ago(5), reason: 'Thiếu xác nhận của chi bộ (dữ liệu mẫu)', version: back.version });
  // The member account's own list (R-REC-07 self-service) shows last year's phiếu, approved; this
  // year's is left for the member to file themselves.
  updates++;
  const lastYear = await submitUpdate(ctx, { memberId: ownMemberId, year: Number(year) - 1, occasion: 'yearly', submittedOn: ago(330), changes: {} });
  let lastUp = lastYear;
  while (lastUp.stage !== 'superior') lastUp = await forwardUpdate(ctx, lastUp.id, { date: ago(325), version: lastUp.version });
  await approveUpdate(ctx, lastUp.id, { date: ago(320), version: lastUp.version });
  const dossiers = await seedDemoDossiers(ctx, official.slice(0, 12).map((m) => Number(m.id)), today);
  return { numbers, cards, updates, dossiers };
}
