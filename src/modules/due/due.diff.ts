import { createHash } from 'node:crypto';
import type { CaseDue, NewItem, StoredItem } from './due.repository.js';

// What the daily job writes (issue 5 item 9): the difference between the items stored for a range
// of cases and the deadlines recomputed for it, so that a day with nothing new writes nothing.

/** The due_item rows a batch of cases calls for. */
export function itemRows(cases: readonly CaseDue[]): NewItem[] {
  return cases.flatMap((c) =>
    c.deadlines.map((d) => ({
      case_id: c.caseId,
      step: d.step,
      rule_id: d.ruleId,
      due_on: d.due,
      due_with_extension: d.dueWithExtension,
      org_id: c.orgId,
      subject_name: c.subjectName,
      member_id: c.memberId,
    })),
  );
}

// Byte order of the ASCII step and rule ids, as `collate "C"` sorts them in SQL.
const byKey = (a: NewItem, b: NewItem) => a.case_id - b.case_id || (a.step < b.step ? -1 : a.step > b.step ? 1 : 0) || (a.rule_id < b.rule_id ? -1 : a.rule_id > b.rule_id ? 1 : 0);

/**
 * The digest of a range's rows as the database computes it from the stored ones
 * (due.repository `rangeFingerprint`): the fields joined by the unit separator, one line per row in
 * key order. Equal digests and counts mean the range needs no write, and then no row need travel.
 */
export function fingerprint(rows: readonly NewItem[]): string | null {
  if (rows.length === 0) return null;
  const lines = [...rows]
    .sort(byKey)
    .map((r) => [r.case_id, r.step, r.rule_id, r.due_on, r.due_with_extension ?? '', r.org_id, r.subject_name, r.member_id ?? ''].join('\u001f'));
  return createHash('md5').update(lines.join('\n'), 'utf8').digest('hex');
}

export interface ItemChanges {
  insert: NewItem[];
  update: StoredItem[];
  remove: number[];
}

/** The writes that turn `stored` (the rows of a range of case ids) into `rows` (what the open cases of that range call for). */
export function itemChanges(rows: readonly NewItem[], stored: readonly StoredItem[]): ItemChanges {
  const ofCase = new Map<number, StoredItem[]>();
  for (const r of stored) {
    const list = ofCase.get(r.case_id);
    if (list) list.push(r);
    else ofCase.set(r.case_id, [r]);
  }
  const matched = new Set<number>();
  const out: ItemChanges = { insert: [], update: [], remove: [] };
  for (const row of rows) {
    const old = ofCase.get(row.case_id)?.find((s) => s.step === row.step && s.rule_id === row.rule_id);
    if (old === undefined) {
      out.insert.push(row);
      continue;
    }
    matched.add(old.id);
    const same =
      old.due_on === row.due_on && old.due_with_extension === row.due_with_extension && old.org_id === row.org_id && old.subject_name === row.subject_name && old.member_id === row.member_id;
    if (!same) out.update.push({ ...row, id: old.id });
  }
  // What no open case calls for any more: closed cases, deadlines met.
  for (const r of stored) if (!matched.has(r.id)) out.remove.push(r.id);
  return out;
}
