import type { Kysely } from 'kysely';
import { fixedClock } from '../../clock.js';
import type { DB } from '../../db/types.js';
import { exemptionDecider } from '../../domain/exit/exemption.js';
import type { RemovalGround, RemovalState } from '../../domain/exit/removal-case.js';
import type { OrgType } from '../../domain/org-type.js';
import { createExemption } from '../exit/exemption.service.js';
import type { RecordRemovalStepInput } from '../exit/exit.schema.js';
import { openRemoval, recordDeath, recordRemovalStep, recordWithdrawal } from '../exit/exit.service.js';
import { createMember } from '../member/member.service.js';
import { staffContext } from '../service-context.js';
import { dayOf, isoOf } from './seed.dates.js';
import { demoAdmissionCells, demoAnchors } from './seed.repository.js';

// Exits of the demo (issue 5 item 5): removal cases in their states — awaiting the self-review,
// awaiting votes, in the appeal window, appealed, restored, closed either way —, two exempt
// members (one open-ended for old age, one temporary ending soon), one member who left on
// request and one deceased. Members are entered through the member service, and every step goes
// through the exit services, so statuses, intervals, roll-ups, due items and audit rows are those
// of any other change. Dates count back from the seed's `today`.

/** A step as the plan gives it: without its date and version, with the days since the step before. */
type StepPlan = RecordRemovalStepInput extends infer U ? (U extends RecordRemovalStepInput ? Omit<U, 'date' | 'version'> & { gap: number } : never) : never;

const votes = (members: number, inFavour: number) => ({ members, inFavour, against: members - inFavour });

const SELF_REVIEW_REFUSED: StepPlan[] = [
  { kind: 'self_review_request', reply: 'refused', gap: 7 },
  { kind: 'self_review_request', reply: 'no_reply', gap: 7 },
  { kind: 'self_review_request', reply: 'refused', gap: 7 },
];
const TO_DECISION: StepPlan[] = [
  ...SELF_REVIEW_REFUSED,
  { kind: 'cell_resolution', resolutionNo: '31-NQ/CB', votes: votes(9, 7), gap: 10 },
  { kind: 'grassroots_resolution', resolutionNo: '62-NQ/ĐU', votes: votes(15, 11), gap: 12 },
  { kind: 'decision', decisionNo: '118-QĐ/ĐU', authority: 'superior_standing_committee', votes: votes(11, 8), gap: 15 },
  { kind: 'notification', gap: 3 },
];

interface Plan {
  until: RemovalState;
  /** Days between the last step (or the opening) and today. */
  lag: number;
  grounds: RemovalGround[];
  steps: StepPlan[];
}

const PLANS: readonly Plan[] = [
  { until: 'opened', lag: 4, grounds: ['missed_meetings'], steps: [{ kind: 'self_review_request', reply: 'refused', gap: 0 }] },
  { until: 'self_reviewed', lag: 6, grounds: ['missed_meetings', 'unpaid_dues'], steps: SELF_REVIEW_REFUSED }, // awaiting the chi bộ vote
  { until: 'cell_resolved', lag: 9, grounds: ['unpaid_dues'], steps: [...SELF_REVIEW_REFUSED, { kind: 'cell_resolution', resolutionNo: '28-NQ/CB', votes: votes(9, 8), gap: 10 }] },
  { until: 'notified', lag: 6, grounds: ['card_returned'], steps: TO_DECISION }, // in its appeal window
  { until: 'appealed', lag: 20, grounds: ['missed_meetings'], steps: [...TO_DECISION, { kind: 'appeal', level: 'provincial', byMember: true, gap: 15 }] },
  {
    until: 'restored',
    lag: 25,
    grounds: ['unpaid_dues'],
    steps: [...TO_DECISION, { kind: 'appeal', level: 'provincial', byMember: true, gap: 15 }, { kind: 'appeal_resolution', decisionNo: '07-QĐ/TU', result: 'upheld', gap: 70 }],
  },
  { until: 'removal_final', lag: 10, grounds: ['two_years_violations'], steps: [...TO_DECISION, { kind: 'finalize', gap: 60 }] },
  {
    until: 'not_removed',
    lag: 40,
    grounds: ['no_progress'],
    steps: [{ kind: 'self_review_request', reply: 'reviewed', gap: 7 }, { kind: 'cell_resolution', resolutionNo: '19-NQ/CB', votes: votes(9, 4), gap: 10 }],
  },
];

const FAMILY = ['Vi', 'Lục', 'Âu', 'Thân', 'Doãn', 'Khúc', 'Giang', 'Ninh', 'Bạch', 'Tôn', 'Hứa', 'Quan'];
const MIDDLE = { male: ['Văn', 'Đức', 'Minh', 'Quang'], female: ['Thị', 'Ngọc', 'Thu', 'Hồng'] };
const GIVEN = { male: ['Tùng', 'Phong', 'Hải', 'Cường', 'Toàn', 'Định'], female: ['Liên', 'Hằng', 'Mận', 'Thoa', 'Tươi', 'Xuân'] };

export interface DemoExitsResult {
  removals: number;
  exemptions: number;
  exits: number;
}

/** Adds the demo exits; run once, after the demo dataset. */
export async function seedDemoExits(db: Kysely<DB>, today: string): Promise<DemoExitsResult> {
  const ctx = staffContext(db, fixedClock(`${today}T05:00:00Z`));
  const anchors = await demoAnchors(db);
  const cells = await demoAdmissionCells(db, anchors.communeId, 200);
  const home = cells.filter((c) => c.home);
  const committeeCells = home.filter((c) => c.orgType === 'cell');
  const pool = committeeCells.length > 0 ? committeeCells : home.length > 0 ? home : cells;
  const todayDay = dayOf(today);
  let n = 0;

  const newMember = async (born: number) => {
    const i = n++;
    const sex = i % 2 === 0 ? 'male' : 'female';
    const birthYear = born + (i % 7);
    const cell = pool[(i * 5) % pool.length]!;
    const joined = `${birthYear + 30}-0${1 + (i % 9)}-1${i % 10}`;
    return createMember(ctx, {
      fullName: `${FAMILY[i % FAMILY.length]} ${MIDDLE[sex][i % 4]} ${GIVEN[sex][(i * 5) % 6]}`,
      sex,
      birthDate: `${birthYear}-${String(1 + ((i * 7) % 12)).padStart(2, '0')}-${String(3 + i).padStart(2, '0')}`,
      citizenId: `098${sex === 'female' ? 1 : 0}${String(birthYear % 100).padStart(2, '0')}${String(700_011 + i * 37).padStart(6, '0')}`,
      status: 'official',
      statusSince: joined,
      admissionDate: `${birthYear + 29}-0${1 + (i % 9)}-1${i % 10}`,
      officialDate: joined,
      orgId: cell.id,
    });
  };

  let removals = 0;
  for (const plan of PLANS) {
    const member = await newMember(1975);
    // Walk back from the last step, so it lands `lag` days before today.
    let day = todayDay - plan.lag;
    const dates = plan.steps.map(() => '');
    for (let k = plan.steps.length - 1; k >= 0; k--) {
      dates[k] = isoOf(day);
      day -= plan.steps[k]!.gap;
    }
    let c = await openRemoval(ctx, { memberId: member.id, openedOn: isoOf(day - 5), grounds: plan.grounds });
    for (const [k, s] of plan.steps.entries()) {
      // A chi bộ cơ sở has no đảng ủy cơ sở resolution: its case goes from the chi bộ to the decision.
      if (s.kind === 'grassroots_resolution' && !c.nextSteps.includes(s.kind)) continue;
      const { gap: _gap, ...step } = s;
      c = await recordRemovalStep(ctx, c.id, { ...step, date: dates[k]!, version: c.version } as RecordRemovalStepInput);
    }
    if (c.state !== plan.until) throw new Error(`demo removal case ${removals} ended in ${c.state}, not ${plan.until}`);
    removals++;
  }

  // R-EXIT-10: an elderly member exempt for a year, open-ended; R-EXIT-12: one away, back in about ten days.
  const elder = await newMember(1942);
  await createExemption(ctx, {
    memberId: elder.id,
    kind: 'old_age_health',
    from: isoOf(todayDay - 365),
    to: null,
    decidedBy: 'cell',
    decisionDate: isoOf(todayDay - 370),
    decisionNo: '04-QĐ/CB',
    documents: ['Đơn đề nghị miễn sinh hoạt', 'Giấy xác nhận của trạm y tế xã'],
  });
  const away = await newMember(1985);
  await createExemption(ctx, {
    memberId: away.id,
    kind: 'temporary_absence',
    from: isoOf(todayDay - 150),
    to: isoOf(todayDay + 10),
    // R-EXIT-12: the cấp ủy cơ sở approves (the chi bộ's own committee for a chi bộ cơ sở).
    decidedBy: exemptionDecider('temporary_absence', (pool.find((c) => c.id === away.orgId)?.orgType ?? 'cell') as OrgType),
    decisionDate: isoOf(todayDay - 155),
    decisionNo: '15-QĐ/ĐU',
    documents: ['Đơn đề nghị', 'Giấy xác nhận nơi làm việc tạm thời'],
  });

  // R-EXIT-07 and a death, for the departed and deceased registers.
  const leaving = await newMember(1980);
  await recordWithdrawal(ctx, { memberId: leaving.id, requestDate: isoOf(todayDay - 60), decisionDate: isoOf(todayDay - 30), decisionNo: '131-QĐ/ĐU', violating: false, version: leaving.version });
  const deceased = await newMember(1938);
  await recordDeath(ctx, { memberId: deceased.id, dateOfDeath: isoOf(todayDay - 45), version: deceased.version });
  return { removals, exemptions: 2, exits: 2 };
}
