import { z } from 'zod';
import { isColumnNumberingRow, type HeaderLayout } from '../../domain/import/columns.js';
import { readMemberRow } from '../../domain/import/member-row.js';
import { holdsMembers, type OrgType } from '../../domain/org-type.js';
import { normalizeName, tidyFullName } from '../../domain/vn-name.js';
import { AppError, type ErrorCode } from '../../errors.js';
import { newMemberFields, newMemberIssues, type NewMemberFields } from '../member/member.service.js';
import { createMemberBody, FIELD_LABELS, type CreateMemberInput } from '../member/member.schema.js';
import type { ImportProblem } from './import.schema.js';
import type { ByteSource } from './byte-source.js';
import { sheetRows, type ImportFormat, type ReadMeter, type SheetRow } from './import.reader.js';
import type { SubtreeOrg } from './import.repository.js';

// The half of a member file's analysis that needs no database: each data row read, validated
// with the member form's own rules, placed in an org of the chosen subtree, and checked against
// the rows above it (duplicates inside the file). Pure over the file and the subtree's orgs, so
// it can run in a worker thread of its own while the database half works (import.rows.worker.ts).

// Messages of zod in Vietnamese, as the API answers them (src/app.ts sets the same locale).
z.config(z.locales.vi());

/**
 * Rows validated and looked up in the database together: each batch costs a few statements
 * (keys, possible duplicates, staging), whose fixed cost a million-row file pays 1/BATCH times.
 */
export const BATCH = 2000;

/** A valid row, ready for the database half. */
export interface Pending {
  row: number;
  input: CreateMemberInput;
  /** The record's stored columns (normalized name included), derived once per row. */
  fields: NewMemberFields;
  /** The headers of the key and name columns, for the database half's problems. */
  columnOf: { citizenId: string; partyCardNo: string; fullName: string };
  /** The fields the row filled (an update changes only these). */
  provided: string[];
}

/** What the rows read since the last batch give the database half. */
export interface ValidatedBatch {
  rows: Pending[];
  /** In row order; at most the report's cap over the whole file. */
  problems: ImportProblem[];
  /** Problems found, kept or not. */
  problemCount: number;
  /** Rows with at least one error. */
  errorRows: number;
  /** Data rows read (blank rows are not counted). */
  rowsRead: number;
  duplicatesInFile: number;
  meter: ReadMeter;
}

export interface RowTarget {
  today: string;
  org: { id: number; path: string; name: string };
}

export const problemOf = (row: number, column: string | null, value: string | null, e: AppError, severity: 'error' | 'warning' = 'error'): ImportProblem => ({
  row,
  column,
  value,
  code: e.code,
  message: e.message,
  severity,
});

export const digits = (v: string | undefined | null) => {
  const t = v?.replace(/\s+/g, '') ?? '';
  return t === '' ? null : t;
};

type KeyKind = 'citizenId' | 'partyCardNo' | 'person';

export class RowValidator {
  private readonly byCode: Map<string, SubtreeOrg>;
  private readonly byName = new Map<string, SubtreeOrg[]>();
  private readonly root: SubtreeOrg | undefined;
  /** A file names few cells, each on many rows. */
  private readonly orgNameNorms = new Map<string, string>();
  // Every key of the file is remembered (a million rows: a million of each), so the numeric
  // ones are kept as numbers, a fraction of a string's memory ('1' + digits keeps leading zeros).
  private readonly seen = { citizenId: new Map<string | number, number>(), partyCardNo: new Map<string | number, number>(), person: new Map<string | number, number>() };
  private readonly headers = new Map<string, string>();
  private kept = 0;
  private batch: ValidatedBatch;

  constructor(
    private readonly layout: HeaderLayout,
    private readonly target: RowTarget,
    orgs: readonly SubtreeOrg[],
    private readonly maxProblems: number,
  ) {
    this.byCode = new Map(orgs.map((o) => [o.code.toLowerCase(), o]));
    for (const o of orgs) this.byName.set(o.name_norm, [...(this.byName.get(o.name_norm) ?? []), o]);
    this.root = orgs.find((o) => o.path === target.org.path);
    for (const c of layout.columns) if (c.field !== null && !this.headers.has(c.field)) this.headers.set(c.field, c.header);
    this.batch = this.empty();
  }

  private empty(): ValidatedBatch {
    return { rows: [], problems: [], problemCount: 0, errorRows: 0, rowsRead: 0, duplicatesInFile: 0, meter: { bytesRead: 0, totalBytes: 0 } };
  }

  /** The first data row: rows above it are the title and the header. */
  get dataStart(): number {
    return this.layout.row + this.layout.rows;
  }

  /** Valid rows waiting for the database half. */
  get waiting(): number {
    return this.batch.rows.length;
  }

  /** Rows in error so far (the reading stops at the first when asked to). */
  errorsSoFar = 0;

  /** Hands over what was read since the last call. */
  take(meter?: ReadMeter): ValidatedBatch {
    const b = this.batch;
    if (meter) b.meter = { ...meter };
    this.batch = this.empty();
    return b;
  }

  private report(p: ImportProblem, inError: { yes: boolean }) {
    this.batch.problemCount++;
    if (p.severity === 'error') inError.yes = true;
    if (this.kept < this.maxProblems) {
      this.kept++;
      this.batch.problems.push(p);
    }
  }

  private resolveOrg(row: number, ref: { code: string | null; name: string | null }, inError: { yes: boolean }): SubtreeOrg | undefined {
    const target = this.target;
    const at = (value: string, field: 'orgCode' | 'orgName', code: ErrorCode, params: Record<string, string | number>) =>
      void this.report(problemOf(row, this.headers.get(field) ?? null, value, new AppError(code, params, { field: 'orgId', row })), inError);
    let org: SubtreeOrg | undefined;
    if (ref.code !== null) {
      org = this.byCode.get(ref.code.toLowerCase());
      if (!org) return at(ref.code, 'orgCode', 'IMPORT_ORG_UNKNOWN', { value: ref.code, root: target.org.name });
    } else if (ref.name !== null) {
      let norm = this.orgNameNorms.get(ref.name);
      if (norm === undefined) this.orgNameNorms.set(ref.name, (norm = normalizeName(ref.name)));
      const found = this.byName.get(norm) ?? [];
      if (found.length === 0) return at(ref.name, 'orgName', 'IMPORT_ORG_UNKNOWN', { value: ref.name, root: target.org.name });
      if (found.length > 1) return at(ref.name, 'orgName', 'IMPORT_ORG_AMBIGUOUS', { value: ref.name, root: target.org.name, count: found.length });
      org = found[0];
    } else {
      org = this.root;
    }
    if (!org) return undefined;
    const field = ref.code !== null ? 'orgCode' : 'orgName';
    const value = ref.code ?? ref.name ?? org.name;
    // The same refusals as placing a member through the API.
    if (org.dissolved_on !== null) return at(value, field, 'ORG_DISSOLVED', { name: org.name });
    if (!holdsMembers(org.org_type as OrgType)) return at(value, field, 'ORG_HOLDS_NO_MEMBERS', { name: org.name });
    return org;
  }

  /** Whether the key was seen on an earlier row (reported); true for the keys that make an error. */
  private inFile(row: number, key: KeyKind, value: string | null, column: string, shown: string | null, inError: { yes: boolean }): boolean {
    if (value === null) return false;
    const k = key !== 'person' && /^[0-9]{1,15}$/.test(value) ? Number(`1${value}`) : value;
    const seen = this.seen[key];
    const first = seen.get(k);
    if (first === undefined) {
      seen.set(k, row);
      return false;
    }
    const label = key === 'citizenId' ? 'số CCCD' : key === 'partyCardNo' ? 'số thẻ đảng' : 'họ tên và ngày sinh';
    this.report(problemOf(row, column, shown, new AppError('IMPORT_DUPLICATE_IN_FILE', { key: label, other: first }, { field: key, row }), key === 'person' ? 'warning' : 'error'), inError);
    return key !== 'person';
  }

  /** Reads one row of the sheet (the caller skips the rows above dataStart). */
  validate(r: SheetRow): void {
    const { layout, target } = this;
    if (r.n <= this.dataStart + 1 && r.n > this.dataStart && isColumnNumberingRow(r.cells)) return;
    const read = readMemberRow(r.cells, layout.columns, target.today);
    if (read.blank) return;
    const b = this.batch;
    b.rowsRead++;
    const row = r.n;
    const inError = { yes: false };
    for (const c of read.problems) this.report(problemOf(row, c.column, c.value, new AppError('IMPORT_BAD_VALUE', { column: c.column, value: c.value, reason: c.reason }, { field: c.column, row })), inError);
    const org = this.resolveOrg(row, read.org, inError);

    // The API's own body schema, then the form's rules (R-REC-10) with the API's codes and messages.
    const parsed = createMemberBody.safeParse({ ...read.draft, orgId: org?.id ?? target.org.id });
    const col = (f: string) => read.columnOf[f] ?? FIELD_LABELS[f] ?? f;
    let fields: NewMemberFields | null = null;
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const field = String(issue.path[0] ?? '');
        const label = FIELD_LABELS[field] ?? field;
        this.report(problemOf(row, col(field), read.draft[field] ?? null, new AppError('VALIDATION', { detail: `${label}: ${issue.message}` }, { field, row })), inError);
      }
    } else {
      fields = newMemberFields(parsed.data);
      for (const e of newMemberIssues(fields, target.today)) {
        const field = (e.details as { field?: string } | undefined)?.field ?? '';
        this.report(problemOf(row, col(field), read.draft[field] ?? null, new AppError(e.code, e.params, { field, row })), inError);
      }
    }
    const cid = digits(read.draft.citizenId);
    const card = digits(read.draft.partyCardNo);
    const dupe =
      this.inFile(row, 'citizenId', cid, col('citizenId'), read.draft.citizenId ?? null, inError) ||
      this.inFile(row, 'partyCardNo', card, col('partyCardNo'), read.draft.partyCardNo ?? null, inError);
    const nameNorm = fields?.name_norm ?? (read.draft.fullName ? normalizeName(tidyFullName(read.draft.fullName)) : null);
    if (!dupe && nameNorm !== null && read.draft.birthDate) {
      this.inFile(row, 'person', `${nameNorm}|${read.draft.birthDate}`, col('fullName'), read.draft.fullName!, inError);
    }
    if (dupe) b.duplicatesInFile++;
    if (inError.yes) {
      b.errorRows++;
      this.errorsSoFar++;
      return;
    }
    if (!parsed.success || !org || !fields) return;
    b.rows.push({
      row,
      input: parsed.data,
      fields,
      columnOf: { citizenId: col('citizenId'), partyCardNo: col('partyCardNo'), fullName: col('fullName') },
      provided: Object.keys(read.draft),
    });
  }
}

/**
 * The validated batches of a file, read in this thread: a batch each time BATCH valid rows are
 * waiting, and the rest at the end. `stopAtError` ends the reading at the first row in error.
 */
export async function* validatedBatches(validator: RowValidator, format: ImportFormat, source: ByteSource, opts: { meter?: ReadMeter; stopAtError?: boolean }): AsyncGenerator<ValidatedBatch> {
  const meter = opts.meter ?? { bytesRead: 0, totalBytes: source.size };
  for await (const r of sheetRows(format, source, meter)) {
    if (r.n <= validator.dataStart) continue;
    validator.validate(r);
    if (opts.stopAtError && validator.errorsSoFar > 0) break;
    if (validator.waiting >= BATCH) yield validator.take(meter);
  }
  yield validator.take(meter);
}
