import type { Kysely } from 'kysely';
import { fixedClock } from '../../clock.js';
import { badgeCeremoniesOfYear } from '../../domain/badge/badge-batch.js';
import { addCalendarDays, addMonths } from '../../domain/calendar/iso-date.js';
import type { DB } from '../../db/types.js';
import { award, ceremonyOnOrBefore, listCandidates, reissueAward, setConsideration } from '../badge/badge.service.js';
import { createMember } from '../member/member.service.js';
import { staffContext } from '../service-context.js';
import { demoAnchors } from './seed.repository.js';

// Party badges on the demo (issue 5 item 6). The dataset's members are admitted over sixty years,
// so some reach a class at any batch by chance; to be sure every screen shows real data, members
// reaching 30, 40, 50 and 60 years at this year's coming ceremonies are entered through the member
// service in a cell of the anchor commune (which the commune staff account sees), one of them
// seriously ill (listed early) and one under a warning (deferred). The last ceremony's eligible
// candidates of that commune are awarded through the badge service, and one badge is reissued,
// so the register has numbers, a decision and a reissue. Dates count from the seed's `today`.

const FAMILY = ['Hoàng', 'Vương', 'Châu', 'Tôn', 'Doãn', 'Khổng', 'Ninh', 'Quan'];
const GIVEN = { male: ['Chiến', 'Thành', 'Nghĩa', 'Trung', 'Hòa', 'Bình'], female: ['Liên', 'Hương', 'Thu', 'Hằng', 'Mai', 'Tâm'] };

export interface DemoBadgesResult {
  members: number;
  awards: number;
}

/** Adds the demo's badge candidates and register; run once, after the demo dataset. */
export async function seedDemoBadges(db: Kysely<DB>, today: string): Promise<DemoBadgesResult> {
  const ctx = staffContext(db, fixedClock(`${today}T05:00:00Z`));
  const { communeId, cellId } = await demoAnchors(db);
  const year = Number(today.slice(0, 4));
  const coming = [...badgeCeremoniesOfYear(year), ...badgeCeremoniesOfYear(year + 1)].filter((d) => d > today);
  const past = ceremonyOnOrBefore(today);
  let n = 0;
  const add = async (reachedOn: string, badgeClass: number) => {
    const admission = addMonths(reachedOn, -12 * badgeClass);
    const official = addMonths(admission, 12);
    const sex = n % 2 === 0 ? 'male' : 'female';
    const m = await createMember(ctx, {
      fullName: `${FAMILY[n % FAMILY.length]} ${sex === 'male' ? 'Văn' : 'Thị'} ${GIVEN[sex][n % 6]}`,
      sex,
      birthDate: addMonths(admission, -12 * (24 + (n % 7))),
      status: 'official',
      statusSince: official,
      admissionDate: admission,
      officialDate: official,
      orgId: cellId,
    });
    n++;
    return m.id;
  };

  // The next ceremony: one member of each of four classes; the two after it: one of 30 years.
  const [next, ...later] = coming;
  for (const k of [30, 40, 50, 60]) await add(addCalendarDays(next!, -10 - k), k);
  for (const c of later.slice(0, 2)) await add(addCalendarDays(c, -20), 30);
  // R-BADGE-03: seriously ill, 30 years some months after the next ceremony: listed early.
  const ill = await add(addMonths(next!, 5), 30);
  await setConsideration(ctx, ill, { seriouslyIll: true, discipline: null, note: 'Ốm nặng, đang điều trị dài ngày (dữ liệu mẫu)' });
  // R-BADGE-05: a warning two months before today: deferred at the next ceremony.
  const warned = await add(addCalendarDays(next!, -3), 30);
  await setConsideration(ctx, warned, { seriouslyIll: false, discipline: { form: 'warning', decisionDate: addMonths(today, -2), decisionNo: '07-QĐ/UBKT (mẫu)' }, note: null });

  // The register: members of the last ceremony's batch, awarded by a decision ten days before it.
  for (const k of [30, 40, 45]) await add(addCalendarDays(past, -15 - k), k);
  const batch = await listCandidates(ctx, { ceremony: past, org: communeId, limit: 1000, offset: 0 });
  // The early (seriously ill) member above stays on the list of the next ceremony.
  const eligible = batch.items.filter((c) => c.outcome === 'eligible' && !c.early);
  let awards = 0;
  if (eligible.length > 0) {
    const decisionDate = addCalendarDays(past, -10) <= today ? addCalendarDays(past, -10) : today;
    const r = await award(ctx, {
      ceremonyDate: past,
      decisionNo: `${120 + (year % 100)}-QĐ/TU (mẫu)`,
      decisionDate,
      items: eligible.map((c) => ({ memberId: c.memberId, badgeClass: c.badgeClass })),
    });
    awards = r.items.length;
    const lost = r.items[0]!;
    await reissueAward(ctx, lost.id, { date: today, reason: 'Bị mất khi chuyển nhà (dữ liệu mẫu)', version: lost.version });
  }
  return { members: n, awards };
}
