import { addCalendarDays, addMonths } from '../calendar/iso-date.js';
import { partyAgeMonths, partyAgeReachedOn } from '../party-age/party-age.js';
import { BADGE_CEREMONY_DAYS, BADGE_DISCIPLINE_DEFERRAL } from '../rules/badge.params.js';
import { paramOn, RuleNotInForceError } from '../rules/params.js';
import { badgeClasses, badgeDecision, illnessEarlyMonths, type BadgeCandidate } from './badge-eligibility.js';

// The candidates of one ceremony batch (R-BADGE-06): which class each member is listed for at a
// ceremony, on top of the eligibility of badge-eligibility.ts. Version 1.
//
// A member is listed at the batch of the day their party age reaches the class (R-BADGE-02; by
// default [I] the first ceremony on or after it, R-BADGE-06). Two more ways onto a list:
// - R-BADGE-03: a seriously ill member is listed from the first batch at which the early award is
//   open until the batch of the full age;
// - R-BADGE-05: a member deferred at their batch by a discipline is listed again at every later
//   batch, deferred or (once the waiting time is over and the chi bộ recognised improvement)
//   eligible, until awarded.
// Members with a badge of the class already in the register are not listed for it.

// Batches are laid out with the ceremony days in force on the ceremony asked about, also for a day
// reached before those days were set (a member deferred for years).
export function badgeCeremoniesAsAt(year: number, asAt: string): string[] {
  return paramOn(BADGE_CEREMONY_DAYS, asAt).map((md) => `${year}-${md}`);
}
const ceremoniesOf = badgeCeremoniesAsAt;

/**
 * R-BADGE-06: whether `date` is one of the year's ceremony dates under rules in force on it (no
 * batch is computed before the badge rules of QĐ294 / HD06 are in force).
 */
export function isBadgeCeremony(date: string): boolean {
  try {
    return ceremoniesOf(Number(date.slice(0, 4)), date).includes(date) && badgeClasses(date).length > 0;
  } catch (e) {
    if (e instanceof RuleNotInForceError) return false;
    throw e;
  }
}

/** R-BADGE-06: the ceremonies of a year that batches can be computed for (rules in force on them). */
export function badgeCeremoniesOfYear(year: number): string[] {
  const asAt = `${year}-12-31`;
  try {
    return ceremoniesOf(year, asAt).filter(isBadgeCeremony);
  } catch (e) {
    if (e instanceof RuleNotInForceError) return [];
    throw e;
  }
}

/**
 * R-BADGE-05: whether the waiting time after a discipline decided on `decisionDate` is known (a
 * version of the rule in force then). Before it, badgeDecision cannot answer: such a discipline is
 * refused where it is recorded rather than applied under a later rule.
 */
export function disciplineDeferralKnown(decisionDate: string): boolean {
  try {
    paramOn(BADGE_DISCIPLINE_DEFERRAL, decisionDate);
    return true;
  } catch (e) {
    if (e instanceof RuleNotInForceError) return false;
    throw e;
  }
}

/** The last ceremony on or before `date` (rules in force on `date`). */
export function badgeCeremonyOnOrBefore(date: string): string {
  const year = Number(date.slice(0, 4));
  return [...ceremoniesOf(year - 1, date), ...ceremoniesOf(year, date)].filter((d) => d <= date).pop()!;
}

/** R-BADGE-06: the first day of a batch: the day after the previous ceremony. */
export function badgeBatchStart(ceremony: string): string {
  const year = Number(ceremony.slice(0, 4));
  const before = [...ceremoniesOf(year - 1, ceremony), ...ceremoniesOf(year, ceremony)].filter((d) => d < ceremony);
  return addCalendarDays(before[before.length - 1]!, 1);
}

/** [I] The batch of a day reached: the first ceremony on or after it (as badgeCeremonyFor, R-BADGE-06). */
function batchOf(reachedOn: string, ceremony: string): string {
  const year = Number(reachedOn.slice(0, 4));
  return [...ceremoniesOf(year, ceremony), ...ceremoniesOf(year + 1, ceremony)].find((d) => d >= reachedOn)!;
}

/**
 * For the database's pre-filter: per class, the admission dates of the members who, with no period
 * out of the party, reach it within the batch (a few days wider, for month-end days). Members with a
 * gap or with badge facts (illness, discipline) are read apart.
 */
export function badgeAdmissionWindows(ceremony: string): { badgeClass: number; from: string; to: string }[] {
  const start = badgeBatchStart(ceremony);
  return badgeClasses(ceremony).map((k) => ({
    badgeClass: k,
    from: addCalendarDays(addMonths(start, -12 * k), -3),
    to: addCalendarDays(addMonths(ceremony, -12 * k), 3),
  }));
}

export interface BatchMember extends BadgeCandidate {
  /** Classes already in the register for this member. */
  readonly awardedClasses: readonly number[];
}

export interface BatchCandidacy {
  readonly badgeClass: number;
  readonly reachedOn: string;
  /** Party age in completed months on the ceremony. */
  readonly partyAgeMonths: number;
  readonly outcome: 'eligible' | 'deferred';
  readonly early: boolean;
  readonly carriedOver: boolean;
  /** R-BADGE-05: end of the waiting time; null while waiting for the chi bộ (only when deferred). */
  readonly deferredUntil: string | null;
}

/** The classes `m` is listed for at `ceremony` (R-BADGE-02, 03, 05, 06). Living members only. */
export function batchCandidacies(m: BatchMember, ceremony: string): BatchCandidacy[] {
  const out: BatchCandidacy[] = [];
  const [first] = m.partyAge.admissionDecisions;
  if (first === undefined) return out;
  const { start, classes } = batchOfCeremony(ceremony);
  const plain = m.keptQualifications && m.diedOn === null && !m.seriouslyIll && m.discipline === null && !hasGap(m);
  for (const k of classes) {
    if (m.awardedClasses.includes(k)) continue;
    // Gaps only move the day later, so the gapless day (less the early months) bounds it below:
    // most classes of most members are ruled out here, without date arithmetic (12k months are k
    // years: the same day k years on, 29/02 becoming 28/02 outside leap years).
    const lowest = m.seriouslyIll ? addMonths(first, 12 * k - illnessEarlyMonths(k, ceremony)) : yearsOn(first, k);
    if (lowest > ceremony) continue;
    if (plain && lowest < start) continue;
    if (plain) {
      // No gap, illness or discipline: the day reached is the gapless day, inside the batch, so
      // badgeDecision's answer is eligible, not early (R-BADGE-02); the general path below agrees.
      out.push({ badgeClass: k, reachedOn: lowest, partyAgeMonths: partyAgeMonths(m.partyAge, ceremony), outcome: 'eligible', early: false, carriedOver: false, deferredUntil: null });
      continue;
    }
    const reachedOn = partyAgeReachedOn(m.partyAge, 12 * k);
    if (reachedOn === null) continue;
    const batchOfAge = batchOf(reachedOn, ceremony);
    let listed = batchOfAge === ceremony;
    if (!listed && batchOfAge > ceremony && m.seriouslyIll) {
      const earlyOn = partyAgeReachedOn(m.partyAge, 12 * k - illnessEarlyMonths(k, ceremony));
      listed = earlyOn !== null && earlyOn <= ceremony;
    }
    if (!listed && batchOfAge < ceremony && m.discipline !== null) listed = deferredAt(k, m, batchOfAge);
    if (!listed) continue;
    const d = badgeDecision(k, m, ceremony);
    if (d.outcome !== 'eligible' && d.outcome !== 'deferred') continue;
    out.push({
      badgeClass: k,
      reachedOn,
      partyAgeMonths: partyAgeMonths(m.partyAge, ceremony),
      outcome: d.outcome,
      early: d.outcome === 'eligible' && d.early,
      carriedOver: batchOfAge < ceremony,
      deferredUntil: d.outcome === 'deferred' ? d.until : null,
    });
  }
  return out;
}

/** The batch's first day and classes, computed once per ceremony (a list computes thousands of members). */
const batchCache = new Map<string, { start: string; classes: readonly number[] }>();
function batchOfCeremony(ceremony: string): { start: string; classes: readonly number[] } {
  let b = batchCache.get(ceremony);
  if (!b) {
    b = { start: badgeBatchStart(ceremony), classes: badgeClasses(ceremony) };
    if (batchCache.size > 100) batchCache.clear();
    batchCache.set(ceremony, b);
  }
  return b;
}

/** addMonths(date, 12 * years), by string: the same month and day, 29/02 → 28/02 outside leap years. */
function yearsOn(date: string, years: number): string {
  const y = Number(date.slice(0, 4)) + years;
  const md = date.slice(5);
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  return `${String(y).padStart(4, '0')}-${md === '02-29' && !leap ? '02-28' : md}`;
}

/** R-BADGE-05: whether the member was deferred at an earlier batch (the discipline already decided then). */
function deferredAt(k: number, m: BatchMember, batch: string): boolean {
  if (m.discipline === null || m.discipline.decisionDate > batch) return false;
  try {
    return badgeDecision(k, m, batch).outcome === 'deferred';
  } catch (e) {
    // A batch before the badge rules were in force: the discipline was there, so it deferred.
    if (e instanceof RuleNotInForceError) return true;
    throw e;
  }
}

function hasGap(m: BatchMember): boolean {
  return m.partyAge.periods.some((p) => OUT_OF_PARTY.includes(p.status) && !p.annulledAsWrongful);
}

const OUT_OF_PARTY: readonly string[] = ['removed', 'expelled', 'withdrawn', 'deceased'];
