import type { Kysely } from 'kysely';
import { fixedClock } from '../../clock.js';
import { addMonths } from '../../domain/calendar/iso-date.js';
import type { DB } from '../../db/types.js';
import type { TransferState } from '../../domain/transfer/transfer-case.js';
import { setBlock } from '../transfer/transfer-block.service.js';
import type { OpenTransferInput, RecordTransferStepInput } from '../transfer/transfer.schema.js';
import { openCase, recordStep } from '../transfer/transfer.service.js';
import { staffContext } from '../service-context.js';
import { dayOf, isoOf } from './seed.dates.js';
import { demoAnchors, demoTransferMembers, type DemoTransferMember } from './seed.repository.js';

// Transfer cases of the demo (issue 5 item 4): official transfers between the demo's communes (one
// case seen by both offices), within a commune, out of the installation and abroad; three members
// of another commune temporarily attached to one cell of the home commune (R-TRF-08's suggestion);
// and one blocked by an inspection (R-TRF-04). Every case goes through the transfer service step by
// step, so completions move their members with the roll-ups and audit rows of any other change.
// Dates count back from the seed's `today`, so deadlines run, near or past, whatever day it is loaded.

type Where = 'other_commune' | 'same_commune' | 'outside' | 'abroad';

interface Plan {
  kind: 'permanent' | 'temporary';
  /** From the home commune (seen by the commune staff account) or into it. */
  from: 'home' | 'other';
  to: Where;
  until: TransferState;
  /** Days between the cause and today. */
  age: number;
  /** Set an inspection flag after the last step (R-TRF-04). */
  blocked?: boolean;
  reason: string;
}

// 60 wd (R-TRF-01) are about 84 days, 30 wd (R-TRF-02) about 42.
const PLANS: readonly Plan[] = [
  { kind: 'permanent', from: 'home', to: 'other_commune', until: 'completed', age: 90, reason: 'Chuyển công tác sang xã khác trong tỉnh' },
  { kind: 'permanent', from: 'other', to: 'other_commune', until: 'letter_issued', age: 45, reason: 'Thay đổi nơi cư trú' }, // receipt due soon (R-TRF-02)
  { kind: 'permanent', from: 'home', to: 'other_commune', until: 'received', age: 30, reason: 'Chuyển công tác' },
  { kind: 'permanent', from: 'home', to: 'same_commune', until: 'requested', age: 100, reason: 'Nghỉ hưu, về sinh hoạt nơi cư trú' }, // letter overdue (R-TRF-01)
  { kind: 'permanent', from: 'home', to: 'same_commune', until: 'self_reviewed', age: 20, reason: 'Chuyển nơi làm việc' },
  { kind: 'permanent', from: 'home', to: 'outside', until: 'completed', age: 60, reason: 'Chuyển công tác ra tỉnh khác' },
  { kind: 'permanent', from: 'home', to: 'abroad', until: 'self_reviewed', age: 15, reason: 'Đi làm việc ở nước ngoài trên 12 tháng' },
  { kind: 'permanent', from: 'home', to: 'other_commune', until: 'dues_recorded', age: 25, blocked: true, reason: 'Chuyển công tác' }, // R-TRF-04
  { kind: 'temporary', from: 'other', to: 'other_commune', until: 'received', age: 40, reason: 'Học tập trung tại trường chính trị tỉnh' },
  { kind: 'temporary', from: 'other', to: 'other_commune', until: 'received', age: 38, reason: 'Học tập trung tại trường chính trị tỉnh' },
  { kind: 'temporary', from: 'other', to: 'other_commune', until: 'received', age: 36, reason: 'Học tập trung tại trường chính trị tỉnh' },
];

const ORDER: readonly TransferState[] = ['requested', 'self_reviewed', 'dues_recorded', 'letter_issued', 'received', 'completed'];

export interface DemoTransferResult {
  cases: number;
}

/** Adds the demo transfer cases; run once, after the demo dataset and its other cases. */
export async function seedDemoTransfers(db: Kysely<DB>, today: string): Promise<DemoTransferResult> {
  const ctx = staffContext(db, fixedClock(`${today}T05:00:00Z`));
  const anchors = await demoAnchors(db);
  const people = await demoTransferMembers(db, anchors.communeId, 5000);
  const home = people.filter((p) => p.home);
  const other = people.filter((p) => !p.home);
  if (home.length < 8 || other.length < 6) throw new Error('demo dataset has too few members to transfer');
  const homeCells = [...new Set(home.map((p) => p.orgId))];
  const otherCells = [...new Set(other.map((p) => p.orgId))];
  // The temporary members all come to one cell of the home commune: three make R-TRF-08's suggestion.
  const hostCell = homeCells.at(-1)!;
  const todayDay = dayOf(today);
  const taken = new Set<number>();
  const pick = (pool: readonly DemoTransferMember[], notIn: number): DemoTransferMember => {
    const p = pool.find((x) => !taken.has(x.id) && x.orgId !== notIn && x.orgId !== hostCell);
    if (!p) throw new Error('demo dataset has too few members to transfer');
    taken.add(p.id);
    return p;
  };
  let cases = 0;

  for (const [i, plan] of PLANS.entries()) {
    const m = pick(plan.from === 'home' ? home : other, -1);
    let destinationOrgId: number | null = null;
    if (plan.to === 'same_commune') destinationOrgId = (plan.from === 'home' ? homeCells : otherCells).find((c) => c !== m.orgId && c !== hostCell) ?? null;
    if (plan.to === 'other_commune') destinationOrgId = plan.kind === 'temporary' || plan.from === 'other' ? hostCell : otherCells[i % otherCells.length]!;
    const cause = isoOf(todayDay - plan.age);
    const input: OpenTransferInput = {
      memberId: m.id,
      kind: plan.kind,
      reason: plan.reason,
      causeDate: cause,
      openedOn: isoOf(todayDay - plan.age + 2),
      destination: destinationOrgId !== null ? 'inside' : plan.to === 'abroad' ? 'abroad' : 'outside',
      destinationOrgId,
      destinationText: destinationOrgId !== null ? null : plan.to === 'abroad' ? 'Đảng ủy Bộ Ngoại giao (Cộng hòa Liên bang Đức)' : 'Đảng bộ phường Hòa Bình, tỉnh Lâm Sơn',
      ...(plan.kind === 'temporary' ? { temporaryBasis: 'study' as const, endDate: addMonths(cause, 10) } : {}),
    };
    let c = await openCase(ctx, input);
    // The steps spread over the days from the opening to a few days before today.
    const upto = ORDER.indexOf(plan.until);
    // Nobody here receives a member going out of the installation.
    const steps = ORDER.slice(1, upto + 1).filter((st) => st !== 'received' || input.destination === 'inside');
    const first = todayDay - plan.age + 3;
    const last = todayDay - 2;
    for (const [k, state] of steps.entries()) {
      const date = isoOf(steps.length === 1 ? first : Math.round(first + ((last - first) * k) / Math.max(1, steps.length - 1)));
      c = await recordStep(ctx, c.id, { ...stepFor(state, date), date, version: c.version } as RecordTransferStepInput);
    }
    if (c.state !== plan.until) throw new Error(`demo transfer case ${i} ended in ${c.state}, not ${plan.until}`);
    if (plan.blocked) await setBlock(ctx, m.id, { kind: 'inspection', since: isoOf(todayDay - 1), reason: 'Ủy ban Kiểm tra kiểm tra đảng viên khi có dấu hiệu vi phạm (dữ liệu mẫu)' });
    cases++;
  }
  return { cases };
}

type StepPlan = RecordTransferStepInput extends infer T ? (T extends unknown ? Omit<T, 'date' | 'version'> : never) : never;

function stepFor(state: TransferState, date: string): StepPlan {
  switch (state) {
    case 'self_reviewed':
      return { kind: 'self_review' };
    case 'dues_recorded':
      // Paid through the month after: the letter may come in either.
      return { kind: 'dues', paidThrough: addMonths(date, 1).slice(0, 7) };
    case 'letter_issued':
      return { kind: 'letter', letterNo: `${String(dayOf(date) % 97).padStart(2, '0')}-GGT/ĐU` };
    case 'received':
      return { kind: 'receipt', senderConfirmed: true };
    case 'completed':
      return { kind: 'completion' };
    case 'requested':
      throw new Error('no step leads to requested');
  }
}
