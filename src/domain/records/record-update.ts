import { paramOn } from '../rules/params.js';
import { periodEnd } from '../rules/period.js';
import { RECORD_UPDATE_AFTER_TRANSFER } from '../rules/records.params.js';

// R-REC-07: the yearly phiếu bổ sung hồ sơ đảng viên (Mẫu 3-HSĐV), also filed on each official
// transfer. It carries only the fields that changed; every other field is "K" (không thay đổi).
// It goes up chi bộ → đảng ủy cơ sở → the direct superior, which updates the record. A member of a
// chi bộ cơ sở has no đảng ủy cơ sở: their phiếu goes from the chi bộ straight to the superior.

/** The member-record fields a phiếu bổ sung may change (what changes from year to year). */
export const RECORD_UPDATE_FIELDS = ['otherNames', 'residence', 'religion', 'occupation', 'positions', 'generalEducation', 'professionalLevel', 'theoryLevel', 'phone'] as const;
export type RecordUpdateField = (typeof RECORD_UPDATE_FIELDS)[number];

export type UpdateStage = 'cell' | 'grassroots' | 'superior' | 'approved' | 'returned';

/** The levels a phiếu passes, in order, for a member whose grassroots org is of `grassrootsType`. */
export function updateLevels(grassrootsType: 'grassroots_committee' | 'grassroots_cell'): readonly UpdateStage[] {
  return grassrootsType === 'grassroots_committee' ? ['cell', 'grassroots', 'superior'] : ['cell', 'superior'];
}

/** The stage after `stage` is forwarded, or null when it is not an open stage that forwards (the superior approves). */
export function forwardedStage(stage: UpdateStage, levels: readonly UpdateStage[]): UpdateStage | null {
  const i = levels.indexOf(stage);
  return i >= 0 && i < levels.length - 1 ? levels[i + 1]! : null;
}

export function isOpenStage(stage: UpdateStage): boolean {
  return stage === 'cell' || stage === 'grassroots' || stage === 'superior';
}

/**
 * The changes a phiếu carries: each sent field must differ from the record (an unchanged field is
 * "K" and is not sent; a phiếu of all "K" is filed with no change). Returns the first field sent
 * unchanged, or the changes with their before.
 */
export function phieuChanges(
  current: Readonly<Record<string, unknown>>,
  sent: Readonly<Partial<Record<RecordUpdateField, unknown>>>,
): { ok: true; changes: Record<string, { before: unknown; after: unknown }> } | { ok: false; unchanged: string } {
  const changes: Record<string, { before: unknown; after: unknown }> = {};
  for (const field of RECORD_UPDATE_FIELDS) {
    if (!(field in sent)) continue;
    const after = sent[field] ?? null;
    const before = current[field] ?? null;
    if (after === before) return { ok: false, unchanged: field };
    changes[field] = { before, after };
  }
  return { ok: true, changes };
}

/** Fields changed on the record since the phiếu was filed: approving would overwrite them. */
export function changedSinceFiled(current: Readonly<Record<string, unknown>>, changes: Readonly<Record<string, { before: unknown }>>): string[] {
  return Object.entries(changes)
    .filter(([field, c]) => (current[field] ?? null) !== (c.before ?? null))
    .map(([field]) => field);
}

/** What is due after an official transfer: the receiving side's phiếu bổ sung (R-REC-07). */
export interface RecordUpdateDeadline {
  readonly step: 'record_update';
  readonly ruleId: 'R-REC-07';
  readonly due: string;
  readonly dueWithExtension: null;
}

/**
 * R-REC-07: a member received by an official transfer on `completedOn` files a phiếu bổ sung at
 * the receiving org, due by the version of RECORD_UPDATE_AFTER_TRANSFER in force that day, until a
 * phiếu of the transfer occasion filed on or after that day (`filedOn`, null when none) meets it.
 * Null when met (RuleNotInForceError before the first version: the caller shows nothing).
 */
export function transferUpdateDeadline(completedOn: string, filedOn: string | null): RecordUpdateDeadline | null {
  if (filedOn !== null && filedOn >= completedOn) return null;
  return { step: 'record_update', ruleId: 'R-REC-07', due: periodEnd(completedOn, paramOn(RECORD_UPDATE_AFTER_TRANSFER, completedOn)), dueWithExtension: null };
}
