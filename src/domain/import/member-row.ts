import type { ImportField, SheetColumn } from './columns.js';
import {
  cellText,
  parseDate,
  parseEthnicity,
  parseFlag,
  parseGeneralEducation,
  parseIdNumber,
  parseProfessionalLevel,
  parseReligion,
  parseSex,
  parseStatus,
  parseTheoryLevel,
  type Parsed,
  type RawCell,
} from './values.js';

// One row of a member list read into the shape of the member form's create body (without the
// org, which the service resolves). Pure. Values that cannot be read are reported here with the
// column they came from; everything else — required fields, the rules of R-REC-10 — is left to
// the same validation the API runs, so the messages are the API's own.

/** The create body's fields as read from a row; a field absent when the row left it empty. */
export type MemberDraft = Record<string, string | undefined>;

export interface CellProblem {
  /** The column's header as the file spells it. */
  column: string;
  value: string;
  reason: string;
}

export interface ReadRow {
  draft: MemberDraft;
  /** How the row names its org: a code, a name, or neither (the whole file's org applies). */
  org: { code: string | null; name: string | null };
  problems: CellProblem[];
  /** The column each draft field was read from, so a later problem can name it. */
  columnOf: Partial<Record<string, string>>;
  /** Nothing in the row (blank, or only a row number): skipped, not an error. */
  blank: boolean;
}

const DATE_FIELDS = ['admissionDate', 'officialDate', 'youthUnionDate', 'statusSince'] as const;
const TEXT_FIELDS = ['fullName', 'otherNames', 'birthplace', 'hometown', 'residence', 'occupation', 'positions', 'phone'] as const;

/** The mapped columns of a layout by field, worked out once per layout (a file has one). */
interface LayoutFields {
  byField: Map<ImportField, SheetColumn>;
  /** The columns that make a row worth reading (any mapped one but the row number). */
  counted: SheetColumn[];
}
const fieldsOfLayout = new WeakMap<readonly SheetColumn[], LayoutFields>();

function fieldsOf(columns: readonly SheetColumn[]): LayoutFields {
  let f = fieldsOfLayout.get(columns);
  if (!f) {
    const byField = new Map<ImportField, SheetColumn>();
    for (const c of columns) if (c.field !== null) byField.set(c.field, c);
    fieldsOfLayout.set(columns, (f = { byField, counted: columns.filter((c) => c.field !== null && c.field !== 'rowNo') }));
  }
  return f;
}

// One row's reading. Plain functions over it rather than closures made per row: a million-row
// list calls them millions of times.
interface Reading {
  cells: readonly RawCell[];
  byField: Map<ImportField, SheetColumn>;
  draft: MemberDraft;
  columnOf: Partial<Record<string, string>>;
  problems: CellProblem[];
}

const cellOf = (r: Reading, field: ImportField): RawCell => {
  const c = r.byField.get(field);
  return c === undefined ? undefined : r.cells[c.index];
};
const headerOf = (r: Reading, field: ImportField): string | undefined => r.byField.get(field)?.header;

function take<T>(r: Reading, field: ImportField, parse: (v: RawCell) => Parsed<T>): T | null {
  const c = r.byField.get(field);
  if (c === undefined) return null;
  const cell = r.cells[c.index];
  const got = parse(cell);
  if (got.ok) return got.value;
  r.problems.push({ column: c.header, value: cellText(cell), reason: got.reason });
  return null;
}

function takeDate(r: Reading, field: ImportField, today: string): string | null {
  const c = r.byField.get(field);
  if (c === undefined) return null;
  const cell = r.cells[c.index];
  const got = parseDate(cell, today);
  if (got.ok) return got.value;
  r.problems.push({ column: c.header, value: cellText(cell), reason: got.reason });
  return null;
}

function set(r: Reading, target: string, value: string | null, field: ImportField): void {
  if (value === null || value === '') return;
  r.draft[target] = value;
  r.columnOf[target] = headerOf(r, field);
}

function textOf(r: Reading, field: ImportField): string | null {
  const t = cellText(cellOf(r, field));
  return t === '' ? null : t;
}

export function readMemberRow(cells: readonly RawCell[], columns: readonly SheetColumn[], today: string): ReadRow {
  const { byField, counted } = fieldsOf(columns);
  const r: Reading = { cells, byField, draft: {}, columnOf: {}, problems: [] };
  const { draft, columnOf } = r;
  let meaningful = false;
  for (const c of counted) if (cellText(cells[c.index]) !== '') {
    meaningful = true;
    break;
  }

  for (const f of TEXT_FIELDS) set(r, f, cellText(cellOf(r, f)), f);
  if (draft.fullName === undefined && (byField.has('familyAndMiddleName') || byField.has('givenName'))) {
    const name = `${cellText(cellOf(r, 'familyAndMiddleName'))} ${cellText(cellOf(r, 'givenName'))}`.trim();
    set(r, 'fullName', name, byField.has('givenName') ? 'givenName' : 'familyAndMiddleName');
  }

  // Sex: a column of its own, tick columns "Nam" | "Nữ", or the birth date written under one of them.
  const sex = take(r, 'sex', parseSex);
  const male = take(r, 'male', parseFlag) === true;
  const female = take(r, 'female', parseFlag) === true;
  const tick = male !== female ? (male ? 'male' : 'female') : null;
  const maleDate = takeDate(r, 'birthDateMale', today);
  const femaleDate = takeDate(r, 'birthDateFemale', today);
  const birth = takeDate(r, 'birthDate', today) ?? maleDate ?? femaleDate;
  const sexFromColumns = sex ?? tick ?? (maleDate && !femaleDate ? 'male' : femaleDate && !maleDate ? 'female' : null);
  if (sexFromColumns) {
    draft.sex = sexFromColumns;
    columnOf.sex = headerOf(r, sex ? 'sex' : tick ? tick : maleDate ? 'birthDateMale' : 'birthDateFemale');
  }
  if (birth) {
    draft.birthDate = birth;
    columnOf.birthDate = headerOf(r, byField.has('birthDate') ? 'birthDate' : maleDate ? 'birthDateMale' : 'birthDateFemale');
  }

  for (const f of DATE_FIELDS) set(r, f, takeDate(r, f, today), f);
  set(r, 'ethnicity', take(r, 'ethnicity', parseEthnicity), 'ethnicity');
  set(r, 'religion', take(r, 'religion', parseReligion), 'religion');
  set(r, 'theoryLevel', take(r, 'theoryLevel', parseTheoryLevel), 'theoryLevel');
  set(r, 'professionalLevel', take(r, 'professionalLevel', parseProfessionalLevel), 'professionalLevel');
  set(r, 'generalEducation', parseGeneralEducation(cellOf(r, 'generalEducation')), 'generalEducation');
  set(r, 'citizenId', parseIdNumber(cellOf(r, 'citizenId'), 'citizenId'), 'citizenId');
  set(r, 'partyCardNo', parseIdNumber(cellOf(r, 'partyCardNo'), 'partyCardNo'), 'partyCardNo');

  // A list names the status, or says it by the dates: recognized as official, or still on probation.
  const status = take(r, 'status', parseStatus) ?? (draft.officialDate ? 'official' : draft.admissionDate ? 'probationary' : null);
  if (status) {
    draft.status = status;
    columnOf.status = headerOf(r, byField.has('status') ? 'status' : status === 'official' ? 'officialDate' : 'admissionDate');
    if (draft.statusSince === undefined) {
      const since = status === 'official' ? (draft.officialDate ?? draft.admissionDate) : draft.admissionDate;
      if (since) {
        draft.statusSince = since;
        columnOf.statusSince = columnOf[status === 'official' && draft.officialDate ? 'officialDate' : 'admissionDate'];
      }
    }
  }

  return { draft, org: { code: textOf(r, 'orgCode'), name: textOf(r, 'orgName') }, problems: r.problems, columnOf, blank: !meaningful };
}
