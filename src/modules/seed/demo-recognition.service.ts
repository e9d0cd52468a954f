import type { Kysely } from 'kysely';
import { fixedClock } from '../../clock.js';
import { addMonths } from '../../domain/calendar/iso-date.js';
import type { RecognitionState } from '../../domain/probation/recognition-case.js';
import type { DB } from '../../db/types.js';
import { createMember } from '../member/member.service.js';
import type { RecordRecognitionStepInput } from '../recognition/recognition.schema.js';
import { openCase, recordStep } from '../recognition/recognition.service.js';
import { staffContext } from '../service-context.js';
import { dayOf, isoOf } from './seed.dates.js';
import { demoAdmissionCells, demoAnchors, demoProbationaryMembers } from './seed.repository.js';

// Recognition cases of the demo (issue 5: "cases in every state"). The demo dataset's probationary
// members were all admitted within the last 12 months (their probation is still running), so one of
// them gets a case opened early and the others are members whose probation has ended, entered
// through the member service with their ceremony 12 months and more before today. Every case goes
// through the recognition service step by step, so each decision moves its member (official from
// ceremony + 12 months, or removed) with the roll-ups and audit rows of any other change. Dates
// count back from the seed's `today`, so deadlines run, near or past, whatever day it is loaded.

type Kind = RecordRecognitionStepInput['kind'];
type Vote = 'pass' | 'fail' | 'remove';

interface Plan {
  until: RecognitionState;
  /** Days between the last step (or the opening) and today. */
  lag: number;
  /** The chi bộ votes, in order (R-PROB-06: three failures escalate). */
  cellVotes?: readonly Vote[];
  /** A cell under a đảng ủy cơ sở (which adds its resolution) rather than a chi bộ cơ sở. */
  underCommittee?: boolean;
  /** Days the probation has been over on the opening day of a case with no step yet. */
  endedBefore?: number;
}

// 30 wd (R-PROB-02 after probation ends, R-PROB-04 after the chi bộ resolution) are about 42 days.
const PLANS: readonly Plan[] = [
  { until: 'opened', lag: 3, endedBefore: 0 }, // consideration due in about six weeks
  { until: 'opened', lag: 2, endedBefore: 45 }, // consideration overdue (R-PROB-02)
  { until: 'self_reviewed', lag: 5 },
  { until: 'self_reviewed', lag: 4, cellVotes: ['fail'] }, // one vote without two thirds, to be retaken
  { until: 'cell_resolved', lag: 50, cellVotes: ['pass'], underCommittee: true }, // decision overdue (R-PROB-04)
  { until: 'cell_resolved', lag: 8, cellVotes: ['pass'] },
  { until: 'grassroots_resolved', lag: 30, cellVotes: ['pass'], underCommittee: true }, // decision due soon
  { until: 'escalated', lag: 10, cellVotes: ['fail', 'fail', 'fail'] }, // R-PROB-06
  { until: 'recognized', lag: 30, cellVotes: ['pass'] },
  { until: 'recognized', lag: 90, cellVotes: ['fail', 'pass'], underCommittee: true },
  { until: 'removed', lag: 40, cellVotes: ['remove'] }, // R-PROB-09
];

const GAP: Record<Kind, number> = { self_review: 3, cell_resolution: 7, grassroots_resolution: 10, decision: 20 };

const FAMILY = ['Trịnh', 'Lương', 'Đinh', 'Cao', 'Tạ', 'Hà', 'Lâm', 'Mạc', 'Phùng', 'Kiều', 'Triệu'];
const MIDDLE = { male: ['Văn', 'Hữu', 'Công', 'Xuân'], female: ['Thị', 'Bích', 'Kim', 'Diệu'] };
const GIVEN = { male: ['Khánh', 'Bảo', 'Thắng', 'Lực', 'Hiếu', 'Quý'], female: ['Nhung', 'Hạnh', 'Oanh', 'Thảo', 'Vân', 'Duyên'] };

const votes = (members: number, inFavour: number) => ({ members, inFavour, against: members - inFavour });

export interface DemoRecognitionResult {
  cases: number;
}

/** Adds the demo recognition cases; run once, after the demo dataset and its admission cases. */
export async function seedDemoRecognition(db: Kysely<DB>, today: string): Promise<DemoRecognitionResult> {
  const ctx = staffContext(db, fixedClock(`${today}T05:00:00Z`));
  const anchors = await demoAnchors(db);
  const cells = await demoAdmissionCells(db, anchors.communeId, 200);
  const poolOf = (type: string) => {
    const own = cells.filter((c) => c.orgType === type && c.home);
    return own.length > 0 ? own : cells.filter((c) => c.orgType === type);
  };
  const committeeCells = poolOf('cell');
  const baseCells = poolOf('grassroots_cell');
  const todayDay = dayOf(today);
  let cases = 0;

  // A member of the dataset whose probation is still running: opened ahead of its end.
  const [early] = await demoProbationaryMembers(db, anchors.communeId, 1);
  if (early) {
    await openCase(ctx, { memberId: early.id, openedOn: isoOf(Math.max(dayOf(early.statusSince), todayDay - 1)) });
    cases++;
  }

  for (const [i, plan] of PLANS.entries()) {
    const pool = plan.underCommittee ? committeeCells : baseCells;
    const list = pool.length > 0 ? pool : cells;
    const cell = list[(i * 3) % list.length]!;
    const withCommittee = cell.orgType === 'cell';
    const steps = stepsOf(plan, withCommittee);

    // Walk back from the last step, so it lands `lag` days before today.
    let day = todayDay - plan.lag;
    const dates = steps.map(() => '');
    for (let k = steps.length - 1; k >= 0; k--) {
      dates[k] = isoOf(day);
      day -= GAP[steps[k]!.kind];
    }
    // Probation ended a few days before the self-review, or `endedBefore` days before the opening.
    const openedOn = steps.length > 0 ? isoOf(day) : isoOf(todayDay - plan.lag);
    const ended = steps.length > 0 ? isoOf(dayOf(dates[0]!) - 2) : isoOf(dayOf(openedOn) - (plan.endedBefore ?? 0));
    const ceremony = addMonths(ended, -12);

    const sex = i % 2 === 0 ? 'male' : 'female';
    const birthYear = 1990 + (i % 9);
    const member = await createMember(ctx, {
      fullName: `${FAMILY[i % FAMILY.length]} ${MIDDLE[sex][i % 4]} ${GIVEN[sex][(i * 5) % 6]}`,
      sex,
      birthDate: `${birthYear}-${String(1 + ((i * 5) % 12)).padStart(2, '0')}-${String(2 + i).padStart(2, '0')}`,
      citizenId: `099${sex === 'female' ? 1 : 0}${String(birthYear % 100)}${String(800_003 + i * 41).padStart(6, '0')}`,
      status: 'probationary',
      statusSince: ceremony,
      admissionDate: ceremony,
      orgId: cell.id,
    });
    let c = await openCase(ctx, { memberId: member.id, openedOn: openedOn < ceremony ? ceremony : openedOn });
    for (const [k, s] of steps.entries()) {
      c = await recordStep(ctx, c.id, { ...s, date: dates[k]!, version: c.version } as RecordRecognitionStepInput);
    }
    if (c.state !== plan.until) throw new Error(`demo recognition case ${i} ended in ${c.state}, not ${plan.until}`);
    cases++;
  }
  return { cases };
}

type StepPlan = Omit<RecordRecognitionStepInput, 'date' | 'version'>;

/** The steps of a plan, in order, for a cell that does or does not have a đảng ủy cơ sở above it. */
function stepsOf(plan: Plan, withCommittee: boolean): StepPlan[] {
  if (plan.until === 'opened') return [];
  const out: StepPlan[] = [{ kind: 'self_review' }];
  const cellVotes = plan.cellVotes ?? [];
  for (const [n, v] of cellVotes.entries()) {
    out.push({
      kind: 'cell_resolution',
      resolutionNo: `${20 + n}-NQ/CB`,
      proposal: v === 'remove' ? 'remove' : 'recognize',
      // R-PROB-05: two thirds of 9 is 6; a vote of 5 reaches it neither way.
      votes: v === 'fail' ? votes(9, 5) : votes(9, 8),
    } as StepPlan);
  }
  const passed = cellVotes.at(-1) === 'pass' || cellVotes.at(-1) === 'remove';
  const toDecision = plan.until === 'recognized' || plan.until === 'removed' || plan.until === 'escalated';
  if (passed && withCommittee && (plan.until === 'grassroots_resolved' || toDecision)) {
    out.push({ kind: 'grassroots_resolution', resolutionNo: '55-NQ/ĐU', votes: votes(15, 12) } as StepPlan);
  }
  if (plan.until === 'recognized' || plan.until === 'removed') {
    out.push({
      kind: 'decision',
      decisionNo: `${200 + out.length}-QĐ/ĐU`,
      authority: 'superior_standing_committee',
      result: plan.until,
      votes: votes(11, 9),
    } as StepPlan);
  }
  return out;
}
