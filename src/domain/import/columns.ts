import { normalizeName } from '../vn-name.js';
import { cellText, type RawCell } from './values.js';

// Which column holds what (issue 6 item 2): the header row found among the first rows of a
// sheet, a one- or two-row header (merged cells), each header matched by its Vietnamese or
// English name with or without diacritics. Pure.

export const IMPORT_FIELDS = [
  'rowNo', 'note', 'fullName', 'familyAndMiddleName', 'givenName', 'otherNames', 'sex', 'male', 'female',
  'birthDate', 'birthDateMale', 'birthDateFemale', 'birthplace', 'hometown', 'residence', 'ethnicity', 'religion',
  'citizenId', 'partyCardNo', 'admissionDate', 'officialDate', 'youthUnionDate', 'generalEducation',
  'professionalLevel', 'theoryLevel', 'occupation', 'positions', 'phone', 'status', 'statusSince', 'orgCode', 'orgName',
] as const;
export type ImportField = (typeof IMPORT_FIELDS)[number];

/** Header words → field. Keys are headerKey() forms: no diacritics, lower case, words only. */
const ALIASES: Record<ImportField, string[]> = {
  rowNo: ['stt', 'tt', 'so tt', 'so thu tu', 'no'],
  note: ['ghi chu', 'note', 'notes'],
  fullName: ['ho va ten', 'ho ten', 'ho va ten dang vien', 'ho ten dang vien', 'ten dang vien', 'ho va ten khai sinh', 'full name', 'name'],
  familyAndMiddleName: ['ho va ten dem', 'ho va dem', 'ho dem', 'ho'],
  givenName: ['ten'],
  otherNames: ['ten goi khac', 'ten khac', 'other names'],
  sex: ['gioi tinh', 'gioi', 'phai', 'sex', 'gender'],
  male: ['nam'],
  female: ['nu'],
  birthDate: ['ngay sinh', 'ngay thang nam sinh', 'sinh ngay', 'date of birth', 'birth date', 'birthdate', 'dob'],
  birthDateMale: ['ngay sinh nam', 'ngay thang nam sinh nam'],
  birthDateFemale: ['ngay sinh nu', 'ngay thang nam sinh nu'],
  birthplace: ['noi sinh', 'place of birth', 'birthplace'],
  hometown: ['que quan', 'nguyen quan', 'hometown'],
  residence: ['noi o hien nay', 'noi o', 'cho o hien nay', 'noi cu tru', 'dia chi', 'noi thuong tru', 'residence', 'address'],
  ethnicity: ['dan toc', 'ethnicity'],
  religion: ['ton giao', 'religion'],
  citizenId: ['so cccd', 'cccd', 'so can cuoc cong dan', 'can cuoc cong dan', 'so can cuoc', 'so cmnd cccd', 'cmnd cccd', 'so dinh danh', 'so dinh danh ca nhan', 'citizen id'],
  partyCardNo: ['so the dang', 'so the dang vien', 'the dang', 'the dang vien', 'party card', 'party card no', 'party card number'],
  admissionDate: ['ngay vao dang', 'ngay ket nap', 'ngay ket nap dang', 'ngay ket nap vao dang', 'vao dang', 'du bi', 'admission date'],
  officialDate: ['ngay chinh thuc', 'ngay cong nhan chinh thuc', 'ngay cong nhan dang vien chinh thuc', 'chinh thuc', 'official date'],
  youthUnionDate: ['ngay vao doan', 'ngay ket nap doan', 'youth union date'],
  generalEducation: ['giao duc pho thong', 'trinh do giao duc pho thong', 'trinh do van hoa', 'van hoa', 'gdpt', 'general education'],
  professionalLevel: ['trinh do chuyen mon', 'chuyen mon', 'chuyen mon nghiep vu', 'trinh do chuyen mon nghiep vu', 'professional level'],
  theoryLevel: ['ly luan chinh tri', 'trinh do ly luan chinh tri', 'trinh do llct', 'llct', 'ly luan', 'theory level'],
  occupation: ['nghe nghiep', 'nghe nghiep hien nay', 'occupation'],
  positions: ['chuc vu', 'chuc vu dang chinh quyen', 'chuc vu chinh quyen', 'chuc vu dang', 'positions', 'position'],
  phone: ['dien thoai', 'so dien thoai', 'sdt', 'dt', 'phone'],
  status: ['trang thai', 'tinh trang', 'status'],
  statusSince: ['ngay bat dau trang thai', 'status since'],
  orgCode: ['ma chi bo', 'ma to chuc', 'ma don vi', 'org code'],
  orgName: ['chi bo', 'ten chi bo', 'sinh hoat tai chi bo', 'sinh hoat tai', 'to chuc dang', 'don vi', 'org'],
};

const BY_KEY = new Map<string, ImportField>();
for (const [field, keys] of Object.entries(ALIASES) as [ImportField, string[]][]) for (const k of keys) BY_KEY.set(k, field);

/** A header as it is compared: no diacritics, lower case, no "(1)" numbering or "(dd/mm/yyyy)" hint, words only. */
export function headerKey(header: string): string {
  return normalizeName(header.replace(/\([^)]*\)/g, ' '))
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

/** Saved mapping (a template): header key → field, or null to ignore that column. */
export type ColumnOverrides = Readonly<Record<string, ImportField | null>>;

export function matchHeader(header: string, overrides: ColumnOverrides = {}): ImportField | null {
  const k = headerKey(header);
  if (k === '') return null;
  if (k in overrides) return overrides[k] ?? null;
  return BY_KEY.get(k) ?? null;
}

export interface SheetColumn {
  index: number;
  /** The header as the file spells it (both rows of a two-row header, joined by " / "). */
  header: string;
  field: ImportField | null;
}

export interface HeaderLayout {
  /** 0-based index of the header's first row, and how many rows it spans (1 or 2). */
  row: number;
  rows: 1 | 2;
  columns: SheetColumn[];
}

/** How many rows from the top are searched for the header (issue 6 item 1). */
export const HEADER_SEARCH_ROWS = 20;

const texts = (row: readonly RawCell[] | undefined) => (row ?? []).map((c) => cellText(c));

/** Assigns fields in column order; a field claimed twice keeps its first column. */
function dedupe(cols: SheetColumn[]): SheetColumn[] {
  const seen = new Set<ImportField>();
  return cols.map((c) => {
    if (c.field === null) return c;
    if (seen.has(c.field)) return { ...c, field: null };
    seen.add(c.field);
    return c;
  });
}

function oneRow(row: string[], overrides: ColumnOverrides): SheetColumn[] {
  return dedupe(row.map((h, index) => ({ index, header: h, field: matchHeader(h, overrides) })));
}

/**
 * A two-row header: a top cell merged across several columns names a group ("Ngày sinh" over
 * "Nam" | "Nữ", "Ngày vào Đảng" over "Dự bị" | "Chính thức"), a top cell merged down the two
 * rows leaves the lower one empty. A streamed sheet gives merged cells empty except the first,
 * so an empty top cell above a sub-header continues the group on its left.
 */
function twoRows(top: string[], sub: string[], overrides: ColumnOverrides): SheetColumn[] {
  const width = Math.max(top.length, sub.length);
  const cols: SheetColumn[] = [];
  let group = '';
  for (let index = 0; index < width; index++) {
    const t = top[index] ?? '';
    const s = sub[index] ?? '';
    if (t !== '') group = s !== '' ? t : '';
    const upper = t !== '' ? t : s !== '' ? group : '';
    if (s === '') {
      cols.push({ index, header: upper, field: matchHeader(upper, overrides) });
      continue;
    }
    const header = upper === '' ? s : `${upper} / ${s}`;
    const topField = upper === '' ? null : matchHeader(upper, overrides);
    const subField = matchHeader(s, overrides);
    let field: ImportField | null;
    if ((topField === 'birthDate' || topField === 'sex') && (subField === 'male' || subField === 'female')) {
      // "Ngày sinh" over Nam | Nữ: the date is written under the member's sex.
      field = topField === 'sex' ? subField : subField === 'male' ? 'birthDateMale' : 'birthDateFemale';
    } else {
      field = matchHeader(`${upper} ${s}`, overrides) ?? subField;
    }
    cols.push({ index, header, field });
  }
  return dedupe(cols);
}

const score = (cols: SheetColumn[]) => {
  const fields = new Set(cols.flatMap((c) => (c.field === null || c.field === 'rowNo' || c.field === 'note' ? [] : [c.field])));
  const named = fields.has('fullName') || fields.has('givenName');
  return named ? fields.size : 0;
};

/**
 * The header among the first HEADER_SEARCH_ROWS rows: the row (or pair of rows) that names the
 * most member fields, one of them the name. Null when no row names at least two fields.
 */
export function detectHeader(rows: readonly (readonly RawCell[])[], overrides: ColumnOverrides = {}): HeaderLayout | null {
  let best: HeaderLayout | null = null;
  let bestScore = 1;
  const n = Math.min(rows.length, HEADER_SEARCH_ROWS);
  for (let i = 0; i < n; i++) {
    const top = texts(rows[i]);
    const single = oneRow(top, overrides);
    const s1 = score(single);
    if (s1 > bestScore) {
      best = { row: i, rows: 1, columns: single };
      bestScore = s1;
    }
    if (i + 1 < rows.length) {
      const pair = twoRows(top, texts(rows[i + 1]), overrides);
      const s2 = score(pair);
      if (s2 > bestScore && s2 > score(oneRow(texts(rows[i + 1]), overrides))) {
        best = { row: i, rows: 2, columns: pair };
        bestScore = s2;
      }
    }
  }
  return best;
}

/** A row under the header that numbers the columns ("(1)", "(2)" … or 1, 2, 3 …): not a member. */
export function isColumnNumberingRow(row: readonly RawCell[]): boolean {
  const cells = texts(row).filter((t) => t !== '');
  return cells.length >= 3 && cells.every((t) => /^\(?\d{1,2}\)?$/.test(t)) && cells.map((t) => Number(t.replace(/[()]/g, ''))).every((v, i, a) => i === 0 || v > a[i - 1]!);
}

export function isEmptyRow(row: readonly RawCell[]): boolean {
  return row.every((c) => cellText(c) === '');
}
