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

export function readMemberRow(cells: readonly RawCell[], columns: readonly SheetColumn[], today: string): ReadRow {
  const by = new Map<ImportField, { cell: RawCell; header: string }>();
  for (const c of columns) if (c.field !== null) by.set(c.field, { cell: cells[c.index], header: c.header });
  const draft: MemberDraft = {};
  const columnOf: Partial<Record<string, string>> = {};
  const problems: CellProblem[] = [];

  const meaningful = columns.some((c) => c.field !== null && c.field !== 'rowNo' && cellText(cells[c.index]) !== '');
  const take = <T>(field: ImportField, parse: (v: RawCell) => Parsed<T>): T | null => {
    const got = by.get(field);
    if (!got) return null;
    const r = parse(got.cell);
    if (r.ok) return r.value;
    problems.push({ column: got.header, value: cellText(got.cell), reason: r.reason });
    return null;
  };
  const set = (target: string, value: string | null, field: ImportField) => {
    if (value === null || value === '') return;
    draft[target] = value;
    columnOf[target] = by.get(field)?.header;
  };

  for (const f of TEXT_FIELDS) set(f, cellText(by.get(f)?.cell), f);
  if (draft.fullName === undefined && (by.has('familyAndMiddleName') || by.has('givenName'))) {
    const name = `${cellText(by.get('familyAndMiddleName')?.cell)} ${cellText(by.get('givenName')?.cell)}`.trim();
    set('fullName', name, by.has('givenName') ? 'givenName' : 'familyAndMiddleName');
  }

  // Sex: a column of its own, tick columns "Nam" | "Nữ", or the birth date written under one of them.
  const sex = take('sex', parseSex);
  const ticks = (['male', 'female'] as const).filter((f) => take(f, parseFlag) === true);
  const maleDate = take('birthDateMale', (v) => parseDate(v, today));
  const femaleDate = take('birthDateFemale', (v) => parseDate(v, today));
  const birth = take('birthDate', (v) => parseDate(v, today)) ?? maleDate ?? femaleDate;
  const sexFromColumns = sex ?? (ticks.length === 1 ? ticks[0]! : maleDate && !femaleDate ? 'male' : femaleDate && !maleDate ? 'female' : null);
  if (sexFromColumns) {
    draft.sex = sexFromColumns;
    columnOf.sex = by.get(sex ? 'sex' : ticks.length === 1 ? ticks[0]! : maleDate ? 'birthDateMale' : 'birthDateFemale')?.header;
  }
  if (birth) {
    draft.birthDate = birth;
    columnOf.birthDate = by.get(by.has('birthDate') ? 'birthDate' : maleDate ? 'birthDateMale' : 'birthDateFemale')?.header;
  }

  for (const f of DATE_FIELDS) set(f, take(f, (v) => parseDate(v, today)), f);
  set('ethnicity', take('ethnicity', parseEthnicity), 'ethnicity');
  set('religion', take('religion', parseReligion), 'religion');
  set('theoryLevel', take('theoryLevel', parseTheoryLevel), 'theoryLevel');
  set('professionalLevel', take('professionalLevel', parseProfessionalLevel), 'professionalLevel');
  set('generalEducation', parseGeneralEducation(by.get('generalEducation')?.cell), 'generalEducation');
  set('citizenId', parseIdNumber(by.get('citizenId')?.cell, 'citizenId'), 'citizenId');
  set('partyCardNo', parseIdNumber(by.get('partyCardNo')?.cell, 'partyCardNo'), 'partyCardNo');

  // A list names the status, or says it by the dates: recognized as official, or still on probation.
  const status = take('status', parseStatus) ?? (draft.officialDate ? 'official' : draft.admissionDate ? 'probationary' : null);
  if (status) {
    draft.status = status;
    columnOf.status = by.get(by.has('status') ? 'status' : status === 'official' ? 'officialDate' : 'admissionDate')?.header;
    if (draft.statusSince === undefined) {
      const since = status === 'official' ? (draft.officialDate ?? draft.admissionDate) : draft.admissionDate;
      if (since) {
        draft.statusSince = since;
        columnOf.statusSince = columnOf[status === 'official' && draft.officialDate ? 'officialDate' : 'admissionDate'];
      }
    }
  }

  const text = (f: ImportField) => {
    const t = cellText(by.get(f)?.cell);
    return t === '' ? null : t;
  };
  return { draft, org: { code: text('orgCode'), name: text('orgName') }, problems, columnOf, blank: !meaningful };
}
