import { addMonths } from '../calendar/iso-date.js';
import { VN_WORKING_CALENDAR, type WorkingCalendar } from '../calendar/working-days.js';
import { paramOn } from '../rules/params.js';
import { periodEnd } from '../rules/period.js';
import { IN_FORCE } from '../rules/sources.js';
import { TRF_PRESENT_DEADLINE, TRF_START_DEADLINE, TRF_TEMPORARY_CELL_MIN, TRF_TEMPORARY_SPANS } from '../rules/transfer.params.js';

// Transfers of party registration (rules.md §7), v1: the single rules the transfer case
// (transfer-case.ts) applies. Every computation takes its event date and uses the parameter
// version in force then.

/** Glossary: chuyển sinh hoạt đảng chính thức / tạm thời. */
export const TRANSFER_KINDS = ['permanent', 'temporary'] as const;
export type TransferKind = (typeof TRANSFER_KINDS)[number];

/** Where the member goes: an org of this installation, one outside it, or abroad (R-TRF-14). */
export const TRANSFER_DESTINATIONS = ['inside', 'outside', 'abroad'] as const;
export type TransferDestination = (typeof TRANSFER_DESTINATIONS)[number];

/** R-TRF-06: what a temporary transfer is for: a stay (residence or work) or full-time study. */
export const TEMPORARY_BASES = ['stay', 'study'] as const;
export type TemporaryBasis = (typeof TEMPORARY_BASES)[number];

/** R-TRF-01: the transfer letter is obtained within 60 wd of the cause (decision in effect, move). */
export function transferStartDue(causeDate: string, calendar: WorkingCalendar = VN_WORKING_CALENDAR): string {
  return periodEnd(causeDate, paramOn(TRF_START_DEADLINE, causeDate), calendar);
}

/** R-TRF-02: the letter is presented to the receiving chi ủy within 30 wd of being introduced. */
export function transferPresentDue(letterDate: string, calendar: WorkingCalendar = VN_WORKING_CALENDAR): string {
  return periodEnd(letterDate, paramOn(TRF_PRESENT_DEADLINE, letterDate), calendar);
}

export type TemporarySpanProblem = { readonly problem: 'too_short'; readonly earliestEnd: string } | { readonly problem: 'too_long'; readonly latestEnd: string };

/**
 * R-TRF-06: a temporary transfer lasts 3 months to under 1 year for a stay, 3 to 24 months for
 * full-time study. Null when `end` fits; else the nearest allowed end.
 */
export function temporarySpanProblem(basis: TemporaryBasis, start: string, end: string): TemporarySpanProblem | null {
  const s = paramOn(TRF_TEMPORARY_SPANS, start);
  const earliestEnd = addMonths(start, basis === 'stay' ? s.stayMin : s.studyMin);
  if (end < earliestEnd) return { problem: 'too_short', earliestEnd };
  if (basis === 'stay') {
    // "under 1 year": the day before start + 12 months is the last allowed.
    const under = addMonths(start, s.stayUnder);
    if (end >= under) return { problem: 'too_long', latestEnd: previousDay(under) };
  } else {
    const latestEnd = addMonths(start, s.studyMax);
    if (end > latestEnd) return { problem: 'too_long', latestEnd };
  }
  return null;
}

function previousDay(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
}

/** R-TRF-09: the form of the transfer letter (giấy giới thiệu sinh hoạt đảng). */
export const LETTER_TYPES = ['ten_box', 'seven_box', 'eight_box', 'two_box'] as const;
export type LetterType = (typeof LETTER_TYPES)[number];

/**
 * R-TRF-09: "loại 2 ô" going abroad, "loại 8 ô" temporary, "loại 7 ô" official within the same
 * đảng bộ cấp trên trực tiếp, "loại 10 ô" official between đảng bộ.
 */
export function letterType(kind: TransferKind, destination: TransferDestination, sameSuperior: boolean): LetterType {
  if (destination === 'abroad') return 'two_box';
  if (kind === 'temporary') return 'eight_box';
  return destination === 'inside' && sameSuperior ? 'seven_box' : 'ten_box';
}

/** R-TRF-03: who signs the letter. */
export const LETTER_ISSUERS = ['superior_committee', 'district_committee', 'provincial_organization_board'] as const;
export type LetterIssuer = (typeof LETTER_ISSUERS)[number];

/**
 * R-TRF-03: the provincial organization board for a TCCSĐ directly under the province; otherwise
 * the cấp ủy cấp trên trực tiếp of the TCCSĐ from 01/07/2025 (QĐ294), the huyện ủy before (QĐ24).
 * Simplified: the letters within one đảng bộ cấp trên trực tiếp (loại 7 ô) are given the same
 * issuer; the tree does not say which of its committees signs.
 */
export function letterIssuer(grassrootsUnderProvince: boolean, letterDate: string): LetterIssuer {
  if (grassrootsUnderProvince) return 'provincial_organization_board';
  return letterDate >= IN_FORCE.QD294 ? 'superior_committee' : 'district_committee';
}

/** R-TRF-10: dues are collected through the month of the letter: "YYYY-MM" paid ≥ the letter's month. */
export function duesPaidForLetter(paidThrough: string, letterDate: string): boolean {
  return paidThrough >= letterDate.slice(0, 7);
}

/** R-TRF-08: this many official members temporarily attached to one host call for a temporary chi bộ. */
export function temporaryCellSuggested(officialAttached: number, date: string): boolean {
  return officialAttached >= paramOn(TRF_TEMPORARY_CELL_MIN, date);
}

/** An org of a chain from the root down to a cell, as the tree holds it. */
export interface ChainOrg {
  readonly id: number;
  readonly orgType: string;
}

/**
 * Where the cell's TCCSĐ sits (R-TRF-03, R-TRF-09): the TCCSĐ is the highest grassroots org on the
 * chain (root first), its direct superior the org above it. Null when the chain has none.
 */
export function grassrootsPlace(chain: readonly ChainOrg[]): { grassrootsId: number; superiorId: number | null; superiorType: string | null } | null {
  const i = chain.findIndex((o) => o.orgType === 'grassroots_committee' || o.orgType === 'grassroots_cell');
  if (i < 0) return null;
  const above = i > 0 ? chain[i - 1]! : null;
  return { grassrootsId: chain[i]!.id, superiorId: above?.id ?? null, superiorType: above?.orgType ?? null };
}

/** R-TRF-09: both cells lie under the same đảng bộ cấp trên trực tiếp (a "loại 7 ô" letter). */
export function underSameSuperior(from: readonly ChainOrg[], to: readonly ChainOrg[]): boolean {
  const a = grassrootsPlace(from);
  const b = grassrootsPlace(to);
  return a !== null && b !== null && a.superiorId !== null && a.superiorId === b.superiorId;
}

/** R-TRF-03: the TCCSĐ sits directly under the province. */
export function grassrootsUnderProvince(chain: readonly ChainOrg[]): boolean {
  return grassrootsPlace(chain)?.superiorType === 'province';
}
