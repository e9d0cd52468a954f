import { addCalendarDays, addMonths, calendarDaysBetween, completedMonths, maxDate, minDate } from '../calendar/iso-date.js';
import type { MemberStatus } from '../member-status.js';

// Party age (tuổi đảng), R-AGE-01 to R-AGE-04: months from the (first) admission decision, net of
// every period out of the party. Input is the member's dated status history, the shape of
// member_status_period (valid_to exclusive, null while current).
//
// How gaps are netted [I]: gaps are subtracted day for day, and the rest is counted in completed
// calendar months. Equivalently, the admission date is moved later by the days of gaps and
// completed months are counted from there to the date asked about.

export interface StatusInterval {
  readonly status: MemberStatus;
  readonly validFrom: string;
  readonly validTo: string | null;
  /**
   * R-AGE-04: this removal or expulsion was annulled as wrongful and the member restored; the
   * period counts as membership (the member owes the dues for it).
   */
  readonly annulledAsWrongful?: boolean;
}

export interface PartyAgeFacts {
  /**
   * Dates the admission decisions were signed, earliest first: the admission (R-AGE-01; the
   * party-card date when the decision is lost, R-AGE-02) and any readmission (R-AGE-03). Party age
   * counts from the first; a readmission decision ends the gap before it.
   */
  readonly admissionDecisions: readonly string[];
  readonly periods: readonly StatusInterval[];
}

/**
 * Statuses that are time out of the party (R-AGE-01: expulsion, xóa tên; leaving; death ends the
 * count). `transferred` counts: a member transferred out of this installation is still a member
 * elsewhere; a lapsed transfer becomes a removal (R-EXIT-05), which is a gap [I].
 */
const OUT_OF_PARTY: readonly MemberStatus[] = ['removed', 'expelled', 'withdrawn', 'deceased'];

function isGap(p: StatusInterval): boolean {
  return OUT_OF_PARTY.includes(p.status) && !(p.annulledAsWrongful && (p.status === 'removed' || p.status === 'expelled'));
}

/** The gaps before `asOf`, as [from, to) pairs, each ending no later than the next admission decision. */
export function partyAgeGaps(facts: PartyAgeFacts, asOf: string): { from: string; to: string }[] {
  const [first] = facts.admissionDecisions;
  if (first === undefined) return [];
  const gaps: { from: string; to: string }[] = [];
  for (const p of facts.periods.filter(isGap)) {
    const from = maxDate(p.validFrom, first);
    const readmission = facts.admissionDecisions.find((d) => d > from);
    let to = minDate(p.validTo ?? asOf, asOf);
    if (readmission !== undefined) to = minDate(to, readmission);
    if (from < to) gaps.push({ from, to });
  }
  return mergeOverlaps(gaps);
}

function mergeOverlaps(gaps: { from: string; to: string }[]): { from: string; to: string }[] {
  const sorted = [...gaps].sort((a, b) => (a.from < b.from ? -1 : 1));
  const out: { from: string; to: string }[] = [];
  for (const g of sorted) {
    const last = out[out.length - 1];
    if (last && g.from <= last.to) last.to = maxDate(last.to, g.to);
    else out.push({ ...g });
  }
  return out;
}

/** Days out of the party before `asOf`. */
export function gapDays(facts: PartyAgeFacts, asOf: string): number {
  return partyAgeGaps(facts, asOf).reduce((sum, g) => sum + calendarDaysBetween(g.from, g.to), 0);
}

/** Party age in completed months on `asOf` (0 before the first admission decision). */
export function partyAgeMonths(facts: PartyAgeFacts, asOf: string): number {
  const [first] = facts.admissionDecisions;
  if (first === undefined || asOf < first) return 0;
  const days = gapDays(facts, asOf);
  // Most members have no gap: no day arithmetic then.
  return completedMonths(days === 0 ? first : addCalendarDays(first, days), asOf);
}

/** Whether the member is in the party on `date` (not in a gap), from the first admission decision on. */
export function inPartyOn(facts: PartyAgeFacts, date: string): boolean {
  const [first] = facts.admissionDecisions;
  if (first === undefined || date < first) return false;
  return !partyAgeGaps(facts, addCalendarDays(date, 1)).some((g) => g.from <= date && date < g.to);
}

/**
 * The day party age reaches `months`, or null if the history does not reach it (the member
 * left, died, or the day is after a still-open gap). Later events can only move the day later.
 */
export function partyAgeReachedOn(facts: PartyAgeFacts, months: number): string | null {
  const [first] = facts.admissionDecisions;
  if (first === undefined) return null;
  let day = addMonths(first, months);
  for (let i = 0; i < 100; i++) {
    const next = addMonths(addCalendarDays(first, gapDays(facts, day)), months);
    if (next === day) return inPartyOn(facts, day) ? day : null;
    day = next;
  }
  return null;
}
