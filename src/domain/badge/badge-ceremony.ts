import { BADGE_CEREMONY_DAYS, BADGE_LOCAL_BATCHES } from '../rules/badge.params.js';
import { paramOn, type RuleSettings } from '../rules/params.js';
import { periodEnd } from '../rules/period.js';
import { VN_WORKING_CALENDAR, type WorkingCalendar } from '../calendar/working-days.js';

// When badges are presented: R-BADGE-06 (3/2, 19/5, 2/9, 7/11) and, where a province turns it on,
// R-BADGE-07 (Hà Nội's batches by the date the party age is reached, dossiers 30 wd before).

/** R-BADGE-06: the year's four ceremony dates, in order. */
export function badgeCeremonies(year: number): string[] {
  const first = `${year}-01-01`;
  return paramOn(BADGE_CEREMONY_DAYS, first).map((md) => `${year}-${md}`);
}

/**
 * The ceremony at which a member reaching the party age on `reachedOn` is awarded. With R-BADGE-07
 * on, the Hà Nội batch whose window holds the date; otherwise [I] the first ceremony on or after it.
 */
export function badgeCeremonyFor(reachedOn: string, settings?: RuleSettings): string {
  const local = paramOn(BADGE_LOCAL_BATCHES, reachedOn, settings);
  const year = Number(reachedOn.slice(0, 4));
  const md = reachedOn.slice(5);
  if (local !== null) {
    for (const b of local.batches) {
      if (b.fromPreviousYear ? md >= b.from : md >= b.from && md <= b.to) return `${b.fromPreviousYear ? year + 1 : year}-${b.ceremony}`;
      if (b.fromPreviousYear && md <= b.to) return `${year}-${b.ceremony}`;
    }
    throw new RangeError(`no local badge batch covers ${reachedOn}`);
  }
  const next = [...badgeCeremonies(year), ...badgeCeremonies(year + 1)].find((d) => d >= reachedOn);
  return next!;
}

/** R-BADGE-07 [L]: the dossier deadline for a ceremony, or null where the province has not turned it on. */
export function badgeDossierDue(ceremonyDate: string, settings?: RuleSettings, calendar: WorkingCalendar = VN_WORKING_CALENDAR): string | null {
  const local = paramOn(BADGE_LOCAL_BATCHES, ceremonyDate, settings);
  if (local === null) return null;
  return periodEnd(ceremonyDate, { ...local.dossierBefore, amount: -local.dossierBefore.amount }, calendar);
}
