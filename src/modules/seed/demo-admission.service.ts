import type { Kysely } from 'kysely';
import { fixedClock } from '../../clock.js';
import type { AdmissionState } from '../../domain/admission/admission-case.js';
import type { DB } from '../../db/types.js';
import type { RecordStepInput } from '../admission/admission.schema.js';
import { createCandidate, openCase, recordStep } from '../admission/admission.service.js';
import { staffContext } from '../service-context.js';
import { dayOf, isoOf } from './seed.dates.js';
import { demoAdmissionCells, demoAnchors, type DemoAdmissionCell } from './seed.repository.js';

// Candidates and admission cases of the demo (issue 5: "the demo contains candidates and cases in
// every state"). They go through the admission service, step by step, so that each one is a case
// the rules accept and the member records of the admitted ones carry their roll-ups and audit rows
// like any other. Dates count back from the seed's `today`, so that the demo always has deadlines
// that are running, due soon and overdue, whatever day it is loaded.

type StepKind = RecordStepInput['kind'];

/** Days from the previous step to each step: short enough to keep every deadline of the full path. */
const GAP: Record<StepKind, number> = {
  course_certificate: 10,
  sponsors: 14,
  background_check_requested: 7,
  background_check_replied: 21,
  comments: 7,
  cell_resolution: 7,
  grassroots_resolution: 14,
  decision: 21,
  ceremony: 14,
  member_forms: 10,
};
const ORDER = Object.keys(GAP) as StepKind[];

interface DemoCasePlan {
  /** Where the case stops (rejected: at a failed chi bộ vote). */
  until: AdmissionState;
  /** Days between its last step and today: what makes a deadline run, near or past. */
  lag: number;
  /** A cell under a đảng ủy cơ sở (which adds its resolution, R-ADM-17) rather than a chi bộ cơ sở. */
  underCommittee?: boolean;
}

// One case or more per state. The comments say which deadline the lag is chosen for (30 wd for
// the background reply and the ceremony are about 42 days; 45 wd for the decision about 65).
const PLANS: readonly DemoCasePlan[] = [
  { until: 'opened', lag: 3 },
  { until: 'course_certified', lag: 12 },
  { until: 'sponsored', lag: 5 },
  { until: 'background_check_pending', lag: 55 }, // reply overdue (R-ADM-14)
  { until: 'background_check_pending', lag: 36 }, // reply due within days
  { until: 'background_checked', lag: 4 },
  { until: 'comments_collected', lag: 2 },
  { until: 'cell_resolved', lag: 80, underCommittee: true }, // decision overdue (R-ADM-19)
  { until: 'cell_resolved', lag: 8 },
  { until: 'grassroots_resolved', lag: 45, underCommittee: true }, // decision due soon
  { until: 'decided', lag: 55 }, // ceremony overdue (R-ADM-22)
  { until: 'decided', lag: 36 }, // ceremony due within days
  { until: 'admitted', lag: 10 },
  { until: 'completed', lag: 30 },
  { until: 'completed', lag: 120, underCommittee: true },
  { until: 'rejected', lag: 40 },
];

/** Candidates on the register without a case yet, for the "open a case" button. */
const WAITING = 3;

const FAMILY = ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Hoàng', 'Vũ', 'Đặng', 'Bùi', 'Đỗ', 'Ngô'];
const MIDDLE = { male: ['Văn', 'Đức', 'Minh', 'Quang'], female: ['Thị', 'Ngọc', 'Thu', 'Thanh'] };
const GIVEN = { male: ['Hùng', 'Dũng', 'Nam', 'Long', 'Tuấn', 'Phong'], female: ['Lan', 'Hoa', 'Mai', 'Hương', 'Trang', 'Yến'] };

const STATE_AFTER: Partial<Record<AdmissionState, StepKind>> = {
  course_certified: 'course_certificate',
  sponsored: 'sponsors',
  background_check_pending: 'background_check_requested',
  background_checked: 'background_check_replied',
  comments_collected: 'comments',
  cell_resolved: 'cell_resolution',
  grassroots_resolved: 'grassroots_resolution',
  decided: 'decision',
  admitted: 'ceremony',
  completed: 'member_forms',
  rejected: 'cell_resolution',
};

/** The steps of a plan, in order, for a cell that does or does not have a đảng ủy cơ sở above it. */
function stepsOf(plan: DemoCasePlan, underCommittee: boolean): StepKind[] {
  const last = STATE_AFTER[plan.until];
  if (!last) return [];
  const kinds = ORDER.filter((k) => k !== 'grassroots_resolution' || underCommittee);
  return kinds.slice(0, kinds.indexOf(last) + 1);
}

/**
 * The people checked (R-ADM-11): the applicant and the father are checked; the mother is skipped
 * on one of the R-ADM-12 grounds, in turn; every third case has a spouse checked abroad.
 */
function backgroundSubjects(fullName: string, birthYear: number, date: string, i: number) {
  const family = fullName.split(' ')[0]!;
  const check = (checkerName: string) => ({ checkerName, checkerPosition: 'Chi ủy viên', letterDate: date });
  const skip =
    i % 2 === 0
      ? { ground: 'same_commune' as const, confirmedBy: 'Đảng ủy xã (xác nhận cùng cư trú từ đời ông bà)', confirmedOn: date }
      : { ground: 'member_relative' as const, confirmedBy: `Đảng viên ${family} Văn Trung, chi bộ khu dân cư số 2 (lý lịch đã được cấp ủy xác nhận)`, confirmedOn: date };
  const base = { checkedAt: 'Đảng ủy xã nơi cư trú', abroad: false };
  return [
    { ...base, relation: 'applicant' as const, fullName, birthYear, check: check('Đỗ Văn Kiểm'), skip: null },
    { ...base, relation: 'father' as const, fullName: `${family} Văn Thành`, birthYear: birthYear - 27, check: check('Đỗ Văn Kiểm'), skip: null },
    { ...base, relation: 'mother' as const, fullName: `Trần Thị Lụa`, birthYear: birthYear - 25, check: null, skip },
    ...(i % 3 === 0
      ? [{ relation: 'spouse' as const, fullName: 'Vũ Minh Khang', birthYear: birthYear - 1, checkedAt: 'Chi bộ Đại sứ quán tại Hàn Quốc', abroad: true, check: check('Ngô Thị Thẩm'), skip: null }]
      : []),
  ];
}

function stepBody(kind: StepKind, date: string, version: number, i: number, cell: DemoAdmissionCell, failed: boolean, who: { fullName: string; birthYear: number }): RecordStepInput {
  const votes = (members: number, inFavour: number) => ({ members, inFavour, against: members - inFavour });
  const ballot = { method: i % 2 === 0 ? ('secret_ballot' as const) : ('raised_card' as const), reportedUpOn: failed ? date : null };
  const year = date.slice(0, 4);
  switch (kind) {
    case 'sponsors':
      return {
        kind,
        date,
        version,
        sponsors: cell.sponsorIds.map((memberId) => ({ memberId, togetherSince: isoOf(dayOf(date) - 5 * 365), togetherBy: 'work' as const, isReplacement: false })),
        youthUnionOrgExists: false,
        tradeUnionOrgExists: false,
        isYouthUnionCadre: false,
      };
    case 'background_check_requested':
      // The letters are dated the request day; the replies the reply step's day.
      return { kind, date, version, abroad: false, subjects: backgroundSubjects(who.fullName, who.birthYear, date, i) };
    case 'background_check_replied': {
      const checked = backgroundSubjects(who.fullName, who.birthYear, date, i).flatMap((s, index) => (s.check ? [index] : []));
      return { kind, date, version, replies: checked.map((subjectIndex) => ({ subjectIndex, replyDate: date, result: 'clear' as const })) };
    }
    case 'comments':
      // R-ADM-15: the residence chi bộ, the trade union the applicant belongs to, and the 5D summary.
      return {
        kind,
        date,
        version,
        organizations: ['trade_union'],
        comments: [
          { from: 'residence', date, summary: 'Chi bộ khu dân cư nhận xét: chấp hành tốt quy định nơi cư trú, gia đình gương mẫu.' },
          { from: 'trade_union', date, summary: 'Công đoàn cơ sở nhận xét: nhiệt tình, hoàn thành tốt nhiệm vụ.' },
        ],
        summary: 'Các ý kiến nhận xét đều đồng ý đề nghị chi bộ xem xét kết nạp.',
      };
    case 'cell_resolution':
      // R-ADM-16: two thirds of 9 is 6; the rejected case gets 5 and its result goes up (R-ADM-34).
      return { kind, date, version, resolutionNo: `${10 + i}-NQ/CB`, votes: failed ? votes(9, 5) : votes(9, 8), ballot };
    case 'grassroots_resolution':
      return { kind, date, version, resolutionNo: `${40 + i}-NQ/ĐU`, votes: votes(15, 13), ballot };
    case 'decision':
      return { kind, date, version, decisionNo: `${100 + i}-QĐ/ĐU`, authority: 'superior_standing_committee', votes: votes(11, 9), ballot };
    case 'ceremony':
      return { kind, date, version, superiorConsent: false, notes: `Lễ kết nạp tại chi bộ, năm ${year}` };
    case 'course_certificate':
    case 'member_forms':
      return { kind, date, version };
  }
}

export interface DemoAdmissionResult {
  candidates: number;
  cases: number;
}

/** Adds the demo candidates and admission cases; run once, after the demo dataset is loaded. */
export async function seedDemoAdmission(db: Kysely<DB>, today: string): Promise<DemoAdmissionResult> {
  const ctx = staffContext(db, fixedClock(`${today}T05:00:00Z`));
  const anchors = await demoAnchors(db);
  const cells = await demoAdmissionCells(db, anchors.communeId, 200);
  if (cells.length === 0) throw new Error('demo dataset has no cell with two official members');
  // The commune staff account should see most states: its own cells first, others when the
  // commune has no cell of the kind a plan needs.
  const poolOf = (type: string) => {
    const own = cells.filter((c) => c.orgType === type && c.home);
    if (own.length > 0) return own;
    const home = cells.filter((c) => c.home);
    return home.length > 0 && type === 'grassroots_cell' ? home : cells.filter((c) => c.orgType === type);
  };
  const committeeCells = poolOf('cell');
  const baseCells = poolOf('grassroots_cell');
  const todayDay = dayOf(today);
  const total = PLANS.length + WAITING;

  let cases = 0;
  for (let i = 0; i < total; i++) {
    const plan = PLANS[i];
    const pool = plan?.underCommittee ? committeeCells : baseCells;
    const cell = (pool.length > 0 ? pool : cells)[i % (pool.length > 0 ? pool.length : cells.length)]!;
    const sex = i % 2 === 0 ? 'female' : 'male';
    const birthYear = 1984 + (i % 11);
    const fullName = `${FAMILY[i % FAMILY.length]} ${MIDDLE[sex][i % 4]} ${GIVEN[sex][(i * 5) % 6]}`;
    const kinds = plan ? stepsOf(plan, cell.orgType === 'cell') : [];
    // Walk back from the last step to the opening, so the last step lands `lag` days before today.
    let day = todayDay - (plan?.lag ?? 20);
    const dates = kinds.map(() => '');
    for (let k = kinds.length - 1; k >= 0; k--) {
      dates[k] = isoOf(day);
      day -= GAP[kinds[k]!];
    }
    const openedOn = isoOf(kinds.length > 0 ? day : todayDay - (plan?.lag ?? 20));

    const candidate = await createCandidate(ctx, {
      fullName,
      sex,
      birthDate: `${birthYear}-${String(1 + (i % 12)).padStart(2, '0')}-${String(3 + i).padStart(2, '0')}`,
      citizenId: `099${sex === 'female' ? 1 : 0}${String(birthYear % 100)}${String(700_001 + i * 37).padStart(6, '0')}`,
      orgId: cell.id,
      youthUnionMember: false,
      courseCertificateDate: isoOf(todayDay - 200 - i),
    });
    if (!plan) continue;
    let c = await openCase(ctx, { candidateId: candidate.id, openedOn });
    for (const [k, kind] of kinds.entries()) {
      c = await recordStep(ctx, c.id, stepBody(kind, dates[k]!, c.version, i, cell, plan.until === 'rejected', { fullName, birthYear }));
    }
    if (c.state !== plan.until) throw new Error(`demo admission case ${i} ended in ${c.state}, not ${plan.until}`);
    cases++;
  }
  return { candidates: total, cases };
}
