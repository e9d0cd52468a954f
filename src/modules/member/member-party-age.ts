import { partyAgeGaps, partyAgeMonths, type PartyAgeFacts, type StatusInterval } from '../../domain/party-age/party-age.js';
import type { MemberStatus } from '../../domain/member-status.js';

// The member record's facts for party age (R-AGE-01…04), from its stored rows: the admission date
// (the decision's, or the party card's when the decision is lost, R-AGE-02) and the dated status
// intervals (member_status_period), a removal annulled on appeal counting as membership (R-AGE-04). A readmission makes a new record in this version, so a record
// has one admission decision; R-AGE-03's earlier memberships are declared to the đảng tịch
// authority and are not on the record.

export interface StatusPeriodRow {
  status: string;
  valid_from: string;
  valid_to: string | null;
  /** R-AGE-04: a removal annulled as wrongful on appeal (migration 0018); not a gap. */
  annulled_as_wrongful?: boolean | null;
}

export function partyAgeFactsOf(admissionDate: string | null, periods: readonly StatusPeriodRow[]): PartyAgeFacts {
  return {
    admissionDecisions: admissionDate === null ? [] : [admissionDate],
    periods: periods.map((p): StatusInterval => ({ status: p.status as MemberStatus, validFrom: p.valid_from, validTo: p.valid_to, annulledAsWrongful: p.annulled_as_wrongful === true })),
  };
}

export interface PartyAgeView {
  /** The day it counts from (R-AGE-01/02). */
  since: string;
  /** Completed months net of the gaps, on `asOf`. */
  months: number;
  years: number;
  /** Months beyond the whole years. */
  monthsOver: number;
  asOf: string;
  /** The periods out of the party that were netted, [from, to). */
  gaps: { from: string; to: string }[];
}

/** Party age for the member record on `asOf`; null when the record has no admission date. */
export function partyAgeView(admissionDate: string | null, periods: readonly StatusPeriodRow[], asOf: string): PartyAgeView | null {
  if (admissionDate === null) return null;
  const facts = partyAgeFactsOf(admissionDate, periods);
  const months = partyAgeMonths(facts, asOf);
  return { since: admissionDate, months, years: Math.floor(months / 12), monthsOver: months % 12, asOf, gaps: partyAgeGaps(facts, asOf) };
}
