import { memberValueLabels } from '../../i18n/vi.js';
import type { ProfessionalLevel, TheoryLevel } from '../education.js';
import { memoByText } from '../memo.js';
import { normalizeName } from '../vn-name.js';

// Values as office files write them, read into the codes the member record stores (issue 6
// item 2). Pure: each reader answers a value or the reason it cannot, never guesses silently.

/** A cell as a reader hands it over: text from CSV; number, date or text from xlsx. */
export type RawCell = string | number | boolean | Date | null | undefined;

export type Parsed<T> = { ok: true; value: T } | { ok: false; reason: string };

const ok = <T>(value: T): Parsed<T> => ({ ok: true, value });
const fail = <T>(reason: string): Parsed<T> => ({ ok: false, reason });

/** The text of a cell as typed: trimmed; a number as its digits; a date as dd/mm/yyyy. */
export function cellText(v: RawCell): string {
  if (v === null || v === undefined) return '';
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? '' : `${pad(v.getUTCDate())}/${pad(v.getUTCMonth() + 1)}/${v.getUTCFullYear()}`;
  if (typeof v === 'number') return Number.isInteger(v) ? String(v) : String(v);
  if (typeof v === 'boolean') return v ? 'x' : '';
  // A cell our own export guarded against formula injection ("'=…") reads back as typed.
  return v.charCodeAt(0) === 39 ? v.replace(/^'(?=[=+\-@])/, '').trim() : v.trim();
}

const pad = (n: number) => String(n).padStart(2, '0');

function isoOf(y: number, m: number, d: number): string | null {
  if (y < 1800 || y > 2999 || m < 1 || m > 12 || d < 1 || d > 31) return null;
  const t = new Date(Date.UTC(y, m - 1, d));
  if (t.getUTCFullYear() !== y || t.getUTCMonth() !== m - 1 || t.getUTCDate() !== d) return null;
  return `${y}-${pad(m)}-${pad(d)}`;
}

/**
 * Excel's day number in the 1900 date system: 1 is 1900-01-01, and 60 is the 29 February 1900
 * that Lotus counted and Excel keeps, so from 61 on the days are counted from 1899-12-30.
 */
export function excelSerialToIso(serial: number): string | null {
  if (!Number.isFinite(serial) || serial < 1 || serial >= 2958466) return null;
  const days = Math.floor(serial);
  if (days === 60) return null;
  const base = days < 60 ? Date.UTC(1899, 11, 31) : Date.UTC(1899, 11, 30);
  return new Date(base + days * 86_400_000).toISOString().slice(0, 10);
}

/**
 * A two-digit year: up to this year's two digits it is this century, above them the last
 * (today 2026: "26" → 2026, "27" → 1927). Party records hold past dates only, so a year in the
 * future is never the right reading.
 */
function fullYear(yy: number, today: string): number {
  const now = Number(today.slice(0, 4));
  const century = Math.floor(now / 100) * 100;
  return century + yy <= now ? century + yy : century - 100 + yy;
}

/**
 * A date as offices write it: an xlsx date cell or day number, "dd/mm/yyyy" (also with - or .),
 * "d/m/yy", "yyyy-mm-dd", "ngày 5 tháng 3 năm 1975", and a month alone — "tháng 3 năm 1975",
 * "3/1975" — read as the FIRST day of that month (the lists of old members often know no more;
 * the first is the convention the party-age rules use for a month-only date). A year alone is
 * refused: a whole year is too imprecise for a decision date.
 */
export function parseDate(v: RawCell, today: string): Parsed<string | null> {
  if (v === null || v === undefined || v === '') return ok(null);
  if (v instanceof Date) {
    if (Number.isNaN(v.getTime())) return fail('ngày không đọc được');
    return ok(isoOf(v.getUTCFullYear(), v.getUTCMonth() + 1, v.getUTCDate()));
  }
  if (typeof v === 'number') {
    const iso = excelSerialToIso(v);
    return iso ? ok(iso) : fail('số ngày của Excel không hợp lệ');
  }
  const text = cellText(v);
  if (text === '') return ok(null);
  // A list repeats its dates (birth dates, the days of the admission ceremonies): read each once,
  // per day the reading is done on (a two-digit year depends on it).
  let read = dateTextsOn.get(today);
  if (read === undefined) {
    if (dateTextsOn.size >= 4) dateTextsOn.clear();
    dateTextsOn.set(today, (read = memoByText((t) => dateTextOf(t, today))));
  }
  return read(text);
}

const dateTextsOn = new Map<string, (text: string) => Parsed<string | null>>();

function dateTextOf(text: string, today: string): Parsed<string | null> {
  const bad = fail<string | null>('không phải ngày (dd/mm/yyyy, yyyy-mm-dd hoặc "tháng M năm YYYY")');
  const got = (iso: string | null) => (iso ? ok(iso) : fail<string | null>('ngày không tồn tại'));
  let m = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(text);
  if (m) return got(isoOf(Number(m[1]), Number(m[2]), Number(m[3])));
  m = /^(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4}|\d{2})$/.exec(text);
  if (m) {
    const y = m[3]!.length === 2 ? fullYear(Number(m[3]), today) : Number(m[3]);
    return got(isoOf(y, Number(m[2]), Number(m[1])));
  }
  m = /^(\d{1,2})\s*[/.-]\s*(\d{4})$/.exec(text);
  if (m) return got(isoOf(Number(m[2]), Number(m[1]), 1));
  const words = normalizeName(text).replace(/[,.]/g, ' ').replace(/\s+/g, ' ');
  m = /^(?:ngay\s*(\d{1,2})\s*)?thang\s*(\d{1,2})\s*nam\s*(\d{4})$/.exec(words);
  if (m) return got(isoOf(Number(m[3]), Number(m[2]), m[1] ? Number(m[1]) : 1));
  // A day number typed as text (a CSV saved from a sheet whose dates were shown as numbers).
  if (/^\d{5}$/.test(text)) {
    const iso = excelSerialToIso(Number(text));
    if (iso) return ok(iso);
  }
  return bad;
}

const key = memoByText((v: string) => normalizeName(v).replace(/[^a-z0-9]/g, ''));

export function parseSex(v: RawCell): Parsed<'male' | 'female' | null> {
  return sexOf(cellText(v));
}

const sexOf = memoByText((t: string): Parsed<'male' | 'female' | null> => {
  const k = key(t);
  if (k === '') return ok(null);
  if (['nam', 'm', 'male', 'trai'].includes(k)) return ok('male');
  if (['nu', 'f', 'female', 'gai'].includes(k)) return ok('female');
  return fail('giới tính ghi "Nam" hoặc "Nữ"');
});

/** A tick column ("x", "X", "✓", "có", 1): ticked or not. */
export function parseFlag(v: RawCell): Parsed<boolean> {
  if (typeof v === 'boolean') return ok(v);
  const t = cellText(v);
  const k = key(t);
  if (t === '' || ['khong', 'no', '0', 'false'].includes(k)) return ok(false);
  if (['x', 'v', 'co', 'yes', '1', 'true'].includes(k) || /^[✓✔☑xX]$/.test(t)) return ok(true);
  return fail('ô đánh dấu ghi "x" hoặc để trống');
}

/** Political theory level (glossary: theory_level), from the spellings lists use. */
export function parseTheoryLevel(v: RawCell): Parsed<TheoryLevel | null> {
  return theoryLevelOf(cellText(v));
}

const theoryLevelOf = memoByText((t: string): Parsed<TheoryLevel | null> => {
  if (t === '') return ok(null);
  const k = key(t);
  const n = normalizeName(t);
  const codes: Record<string, TheoryLevel> = { none: 'none', elementary: 'elementary', intermediate: 'intermediate', advanced: 'advanced', bachelor: 'bachelor' };
  if (codes[t]) return ok(codes[t]);
  if (n.includes('cu nhan') || ['cn', 'cnct', 'cnllct'].includes(k)) return ok('bachelor');
  if (n.includes('cao cap') || ['cc', 'ccll', 'ccllct'].includes(k)) return ok('advanced');
  if (n.includes('trung cap') || ['tc', 'tcll', 'tcllct'].includes(k)) return ok('intermediate');
  if (n.includes('so cap') || ['sc', 'scll', 'scllct'].includes(k)) return ok('elementary');
  if (n.startsWith('chua') || n.startsWith('khong') || k === '') return ok('none');
  return fail('lý luận chính trị ghi Sơ cấp, Trung cấp, Cao cấp, Cử nhân hoặc Chưa qua đào tạo');
});

export function parseProfessionalLevel(v: RawCell): Parsed<ProfessionalLevel | null> {
  return professionalLevelOf(cellText(v));
}

const professionalLevelOf = memoByText((t: string): Parsed<ProfessionalLevel | null> => {
  if (t === '') return ok(null);
  const n = normalizeName(t);
  const k = key(t);
  if (n.includes('tien si') || ['ts', 'tskh', 'pgsts', 'gsts'].includes(k)) return ok('doctor');
  if (n.includes('thac si') || ['ths', 'thacsi'].includes(k)) return ok('master');
  if (n.includes('dai hoc') || n.includes('cu nhan') || n.includes('ky su') || ['dh', 'cn', 'ks'].includes(k)) return ok('university');
  if (n.includes('cao dang') || k === 'cd') return ok('college');
  if (n.includes('trung cap') || k === 'tc') return ok('intermediate');
  if (n.includes('so cap') || n.includes('cong nhan ky thuat') || k === 'cnkt') return ok('vocational');
  if (n.startsWith('chua') || n.startsWith('khong')) return ok('none');
  for (const [code, label] of Object.entries(memberValueLabels.professionalLevel)) if (key(label) === k || code === t) return ok(code as ProfessionalLevel);
  return fail('trình độ chuyên môn không nhận ra');
});

/** Other spellings of the ethnic groups' names, beside the labels the app shows. */
const ETHNICITY_ALIASES: Record<string, string> = {
  viet: 'kinh', hmong: 'hmong', mong: 'hmong', meo: 'hmong', giarai: 'jrai', jarai: 'jrai', ede: 'ede', rade: 'ede', bana: 'bahnar',
  khome: 'khmer', khmer: 'khmer', cotu: 'co_tu', brukieu: 'bru_van_kieu', vankieu: 'bru_van_kieu', xtieng: 'stieng', stieng: 'stieng',
  raglai: 'raglai', raglay: 'raglai', khomu: 'kho_mu', khmu: 'kho_mu', taoi: 'ta_oi', hani: 'ha_nhi', hanhi: 'ha_nhi', mnong: 'mnong',
};

const RELIGION_ALIASES: Record<string, string> = {
  khong: 'none', kh: 'none', phat: 'buddhism', phatgiao: 'buddhism', daophat: 'buddhism', conggiao: 'catholicism', thienchua: 'catholicism',
  thienchuagiao: 'catholicism', tinlanh: 'protestantism', caodai: 'caodaism', hoahao: 'hoahao', phatgiaohoahao: 'hoahao',
};

/** A reader of a list of codes by their labels, their codes or the aliases, each text read once. */
function byLabel(labels: Record<string, string>, aliases: Record<string, string>, what: string): (v: RawCell) => Parsed<string | null> {
  const read = memoByText((t: string): Parsed<string | null> => {
    if (t === '') return ok(null);
    const k = key(t);
    for (const [code, label] of Object.entries(labels)) if (key(label) === k || key(code) === k) return ok(code);
    if (aliases[k]) return ok(aliases[k]);
    return fail(`${what} "${t}" không có trong danh mục`);
  });
  return (v) => read(cellText(v));
}

/** An ethnic group's name ("Kinh", "Tày", "H'Mông", "Ê-đê") → its code (R-STAT-04 groups by code). */
export const parseEthnicity = byLabel(memberValueLabels.ethnicity, ETHNICITY_ALIASES, 'Dân tộc');

export const parseReligion = byLabel(memberValueLabels.religion, RELIGION_ALIASES, 'Tôn giáo');

/** A record's status as lists name it; only the two statuses a record can start in. */
export function parseStatus(v: RawCell): Parsed<'probationary' | 'official' | null> {
  return statusOf(cellText(v));
}

const statusOf = memoByText((t: string): Parsed<'probationary' | 'official' | null> => {
  const k = key(t);
  if (k === '') return ok(null);
  if (['chinhthuc', 'official', 'ct'].includes(k)) return ok('official');
  if (['dubi', 'probationary', 'db'].includes(k)) return ok('probationary');
  return fail('trạng thái ghi "Chính thức" hoặc "Dự bị"');
});

/**
 * A citizen ID or party card number. Typed as text it is kept as typed (spaces are the
 * service's to strip). Stored by Excel as a NUMBER it has lost its leading zeros — every citizen
 * ID starts with a 0-led province code (001–096) — so a number of 10 or 11 digits is padded
 * back to 12. Card numbers are not padded (old cards are shorter).
 */
export function parseIdNumber(v: RawCell, kind: 'citizenId' | 'partyCardNo'): string | null {
  if (typeof v === 'number' && Number.isInteger(v) && v >= 0) {
    const digits = String(v);
    return kind === 'citizenId' && digits.length >= 10 && digits.length < 12 ? digits.padStart(12, '0') : digits;
  }
  const t = cellText(v);
  return t === '' ? null : t;
}

/**
 * "12/12", "9/12": an xlsx cell may hold it as a DATE (Excel turns "9/12" into 9 December), so a
 * date cell is read back as day/month.
 */
export function parseGeneralEducation(v: RawCell): string | null {
  if (v instanceof Date && !Number.isNaN(v.getTime())) return `${v.getUTCDate()}/${v.getUTCMonth() + 1}`;
  const t = cellText(v);
  return t === '' ? null : t;
}
