// R-REC-09: the record number (số lý lịch) is six digits and the 2–3 letter code of the province
// (or đảng bộ trực thuộc Trung ương), e.g. "000001HN". A province gives each direct superior a
// block of numbers; the superior assigns them in order, only to members who filed a phiếu đảng
// viên. A number once issued is never issued again, also by a province formed on 01/07/2025
// from others: blocks of one code may never overlap, whichever province org gave them.

export const RECORD_NO_MAX = 999_999;
const CODE = /^[A-Z]{2,3}$/;
const RECORD_NO = /^([0-9]{6})([A-Z]{2,3})$/;

export function isValidProvinceCode(code: string): boolean {
  return CODE.test(code);
}

/** "000001HN" for the first number under HN. */
export function formatRecordNo(seq: number, code: string): string {
  if (!Number.isInteger(seq) || seq < 1 || seq > RECORD_NO_MAX) throw new RangeError(`record number ${seq} is outside 1…${RECORD_NO_MAX}`);
  if (!isValidProvinceCode(code)) throw new RangeError(`"${code}" is no province code`);
  return `${String(seq).padStart(6, '0')}${code}`;
}

export function parseRecordNo(value: string): { seq: number; code: string } | null {
  const m = RECORD_NO.exec(value);
  if (!m) return null;
  const seq = Number(m[1]);
  return seq >= 1 ? { seq, code: m[2]! } : null;
}

export function isValidRecordNo(value: string): boolean {
  return parseRecordNo(value) !== null;
}

export interface NumberBlock {
  readonly firstNo: number;
  readonly lastNo: number;
  /** The next number to give; lastNo + 1 when the block is used up. */
  readonly nextNo: number;
}

/** Why a block as given cannot exist, or null. */
export function blockIssue(b: { firstNo: number; lastNo: number }): 'range' | 'order' | null {
  if (!Number.isInteger(b.firstNo) || !Number.isInteger(b.lastNo) || b.firstNo < 1 || b.lastNo > RECORD_NO_MAX) return 'range';
  if (b.lastNo < b.firstNo) return 'order';
  return null;
}

/** Two blocks of one code share a number. */
export function blocksOverlap(a: { firstNo: number; lastNo: number }, b: { firstNo: number; lastNo: number }): boolean {
  return a.firstNo <= b.lastNo && b.firstNo <= a.lastNo;
}

/** The number the block gives next, or null when it is used up. */
export function nextInBlock(b: NumberBlock): number | null {
  return b.nextNo <= b.lastNo ? b.nextNo : null;
}

/** Numbers the block has left. */
export function remainingInBlock(b: NumberBlock): number {
  return Math.max(0, b.lastNo - b.nextNo + 1);
}

/**
 * Whether a member may receive a number now: only with a phiếu đảng viên filed (R-REC-09), and
 * never a second one (the first stays theirs, even after they leave: numbers are not reused).
 */
export function recordNoRefusal(m: { formFiledOn: string | null; recordNo: string | null }): 'no_form' | 'has_number' | null {
  if (m.recordNo !== null) return 'has_number';
  if (m.formFiledOn === null) return 'no_form';
  return null;
}
