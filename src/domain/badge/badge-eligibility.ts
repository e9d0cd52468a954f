import { addMonths } from '../calendar/iso-date.js';
import type { DisciplineForm } from '../discipline.js';
import { partyAgeMonths, partyAgeReachedOn, type PartyAgeFacts } from '../party-age/party-age.js';
import { BADGE_CLASSES, BADGE_DISCIPLINE_DEFERRAL, BADGE_EARLY_AWARD } from '../rules/badge.params.js';
import { paramOn } from '../rules/params.js';

// Whether a member may be awarded the badge of a class on a consideration date:
// R-BADGE-01 (classes), 02 (party age in months, qualifications kept), 03 (early award for serious
// illness or posthumously), 05 (deferral after discipline). Exempt members stay eligible (R-EXIT-10):
// exemption is not a gap in party age.

export interface DisciplineInForce {
  readonly form: DisciplineForm;
  readonly decisionDate: string;
  /** The chi bộ recognised that the member has improved (R-BADGE-05); null: not (yet). */
  readonly improvementRecognisedOn: string | null;
}

export interface BadgeCandidate {
  readonly partyAge: PartyAgeFacts;
  /** The member kept the qualifications of a party member (R-BADGE-02). */
  readonly keptQualifications: boolean;
  /** Seriously ill, so the award may come early (R-BADGE-03). */
  readonly seriouslyIll: boolean;
  readonly diedOn: string | null;
  /**
   * The discipline in force on the consideration date, or null. Which discipline is still "in
   * force" is the discipline module's answer; this rule only defers the award after it.
   */
  readonly discipline: DisciplineInForce | null;
}

export type BadgeDecision =
  | { readonly outcome: 'eligible'; readonly early: boolean; readonly posthumous: boolean }
  /** Party age not reached; `earliestOn` is the first day it will be (null: not while out of the party). */
  | { readonly outcome: 'not_yet'; readonly earliestOn: string | null }
  /** R-BADGE-05: `until` is the end of the waiting time; null: waiting for the chi bộ to recognise improvement. */
  | { readonly outcome: 'deferred'; readonly until: string | null }
  | { readonly outcome: 'not_qualified' };

/** R-BADGE-01: the classes in force on `date`. */
export function badgeClasses(date: string): readonly number[] {
  return paramOn(BADGE_CLASSES, date);
}

/** R-BADGE-03: months early a class may be awarded for serious illness (classes 30–65: 12; 70–90: 24). */
export function illnessEarlyMonths(badgeClass: number, date: string): number {
  const p = paramOn(BADGE_EARLY_AWARD, date);
  return badgeClass >= 70 ? p.illnessFrom70 : p.illnessUpTo65;
}

export function badgeDecision(badgeClass: number, c: BadgeCandidate, considerationDate: string): BadgeDecision {
  if (!badgeClasses(considerationDate).includes(badgeClass)) throw new RangeError(`no badge class of ${badgeClass} years on ${considerationDate}`);
  if (!c.keptQualifications || c.discipline?.form === 'expulsion') return { outcome: 'not_qualified' };

  const full = badgeClass * 12;
  const diedOn = c.diedOn !== null && c.diedOn <= considerationDate ? c.diedOn : null;
  const posthumous = diedOn !== null;
  // A posthumous award looks at the party age at death; otherwise at the consideration date.
  const ageDate = diedOn ?? considerationDate;
  const early = posthumous ? paramOn(BADGE_EARLY_AWARD, considerationDate).posthumous : c.seriouslyIll ? illnessEarlyMonths(badgeClass, considerationDate) : 0;
  const months = partyAgeMonths(c.partyAge, ageDate);
  if (months < full - early) return { outcome: 'not_yet', earliestOn: posthumous ? null : partyAgeReachedOn(c.partyAge, full - early) };

  const d = c.discipline;
  if (d !== null && d.form !== 'expulsion') {
    const until = addMonths(d.decisionDate, paramOn(BADGE_DISCIPLINE_DEFERRAL, d.decisionDate)[d.form]);
    if (considerationDate < until) return { outcome: 'deferred', until };
    if (d.improvementRecognisedOn === null || d.improvementRecognisedOn > considerationDate) return { outcome: 'deferred', until: null };
  }
  return { outcome: 'eligible', early: months < full, posthumous };
}
