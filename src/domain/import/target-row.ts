import type { Parsed, RawCell } from './values.js';
import { cellText } from './values.js';

// Yearly admission targets as offices list them (issue 6 item 6; issue 5 item 8): one row per
// org and year with the number of members to admit. Pure: the values of a row, each read or
// refused with its reason; which org a row names is the service's question.

const ok = <T>(value: T): Parsed<T> => ({ ok: true, value });
const fail = <T>(reason: string): Parsed<T> => ({ ok: false, reason });

/** The years a target may be set for (the admission_target check). */
export const TARGET_YEARS = { min: 1930, max: 2100 } as const;

/** A year: 2026, "2026", "Năm 2026". */
export function parseTargetYear(v: RawCell): Parsed<number | null> {
  const t = cellText(v).replace(/^n[aă]m\s+/i, '');
  if (t === '') return ok(null);
  if (!/^\d{4}$/.test(t)) return fail(`không phải năm (4 chữ số, từ ${TARGET_YEARS.min} đến ${TARGET_YEARS.max})`);
  const y = Number(t);
  return y < TARGET_YEARS.min || y > TARGET_YEARS.max ? fail(`năm ngoài khoảng ${TARGET_YEARS.min}–${TARGET_YEARS.max}`) : ok(y);
}

/** A number of members: a whole number from 0; "1.200" and "1,200" are thousands as offices write them. */
export function parseTargetNumber(v: RawCell): Parsed<number | null> {
  if (typeof v === 'number') return Number.isInteger(v) && v >= 0 && v <= 10_000_000 ? ok(v) : fail('phải là số nguyên không âm');
  const t = cellText(v).replace(/\s+/g, '');
  if (t === '') return ok(null);
  if (!/^\d{1,3}([.,]\d{3})*$|^\d+$/.test(t)) return fail('phải là số nguyên không âm');
  const n = Number(t.replace(/[.,]/g, ''));
  return n > 10_000_000 ? fail('lớn quá mức (tối đa 10.000.000)') : ok(n);
}
