import { z } from 'zod';
import { isColumnNumberingRow, type HeaderLayout } from '../../domain/import/columns.js';
import { readMemberRow, type ReadRow } from '../../domain/import/member-row.js';
import { holdsMembers, type OrgType } from '../../domain/org-type.js';
import { normalizeName, tidyFullName } from '../../domain/vn-name.js';
import { AppError, type ErrorCode } from '../../errors.js';
import { newMemberFields, newMemberIssues, type NewMemberFields } from '../member/member.service.js';
import { createMemberBody, FIELD_LABELS, type CreateMemberInput } from '../member/member.schema.js';
import { RowsByNumber, RowsByText } from './import.file-keys.js';
import { parseMemberBody } from './import.member-body.js';
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
  columnOf: ColumnsOfKeys;
  /** The fields the row filled (an update changes only these). */
  provided: string[];
}

export interface ColumnsOfKeys {
  citizenId: string;
  partyCardNo: string;
  fullName: string;
}

/** The create body's fields, in its order (orgId last): the columns of ValidRows.input. */
const INPUT_FIELDS = Object.keys(createMemberBody.shape) as (keyof CreateMemberInput)[];

/**
 * The valid rows of a batch as the thread that read them posts them: column by column, the
 * input only (the database half derives the rest). A structured clone writes an object's field
 * names with every object, a row's input and record ~1.2 KB; as columns they are written once.
 */
export interface ValidRows {
  row: number[];
  /** Per field of INPUT_FIELDS, each row's value; undefined where the row left it empty. */
  input: (string | number | undefined)[][];
  /**
   * The record's names as the reading derived them (memberNames), so that the database half, on
   * the embedded database the slower half, does not derive them again: the stored full name only
   * where tidying changed the input's, and the normalized name.
   */
  fullName: (string | undefined)[];
  nameNorm: string[];
  /** The distinct headers of the key and name columns, and which one each row has. */
  columnsOf: ColumnsOfKeys[];
  columnsAt: number[];
}

const noRows = (): ValidRows => ({ row: [], input: INPUT_FIELDS.map(() => []), fullName: [], nameNorm: [], columnsOf: [], columnsAt: [] });

/**
 * The rows of a batch as the database half works on them: the input as the body schema gave it
 * (its key order), the record's columns, the fields the row filled (the input's but the org).
 */
export function pendingRows(rows: ValidRows): Pending[] {
  const out: Pending[] = [];
  for (let i = 0; i < rows.row.length; i++) {
    const input: Record<string, unknown> = {};
    const provided: string[] = [];
    for (let f = 0; f < INPUT_FIELDS.length; f++) {
      const v = rows.input[f]![i];
      if (v === undefined) continue;
      const field = INPUT_FIELDS[f]!;
      input[field] = v;
      if (field !== 'orgId') provided.push(field);
    }
    const body = input as CreateMemberInput;
    const names = { full_name: rows.fullName[i] ?? body.fullName, name_norm: rows.nameNorm[i]! };
    out.push({ row: rows.row[i]!, input: body, fields: newMemberFields(body, names), columnOf: rows.columnsOf[rows.columnsAt[i]!]!, provided });
  }
  return out;
}

/** What the rows read since the last batch give the database half. */
export interface ValidatedBatch {
  rows: ValidRows;
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

/**
 * Bytes the file's keys may take. They live in typed arrays, outside the worker's heap and its
 * cap (WORKER_HEAP_MIB), so they are bounded here: ~100 bytes a row, about 2.5 million rows.
 */
export const KEY_BYTES_CAP = 256 * 1024 * 1024;

/** The header a field was read from, or the form's name for it. */
const columnName = (columnOf: ReadRow['columnOf'], field: string): string => columnOf[field] ?? FIELD_LABELS[field] ?? field;

export class RowValidator {
  private readonly byCode: Map<string, SubtreeOrg>;
  private readonly byName = new Map<string, SubtreeOrg[]>();
  private readonly root: SubtreeOrg | undefined;
  /** A file names few cells, each on many rows. */
  private readonly orgNameNorms = new Map<string, string>();
  // Every key of the file is remembered (a million rows: a million of each) in typed arrays
  // (import.file-keys.ts); the numeric ones as numbers ('1' + digits keeps leading zeros), the
  // rare other ones (an invalid number, reported anyway) in a Map beside.
  private readonly seen = { citizenId: new RowsByNumber(), partyCardNo: new RowsByNumber(), person: new RowsByText() };
  private readonly seenText = { citizenId: new Map<string, number>(), partyCardNo: new Map<string, number>() };
  private readonly headers = new Map<string, string>();
  private kept = 0;
  private rowsSoFar = 0;
  private batch: ValidatedBatch;

  constructor(
    private readonly layout: HeaderLayout,
    private readonly target: RowTarget,
    orgs: readonly SubtreeOrg[],
    private readonly maxProblems: number,
    private readonly keyBytesCap = KEY_BYTES_CAP,
  ) {
    this.byCode = new Map(orgs.map((o) => [o.code.toLowerCase(), o]));
    for (const o of orgs) this.byName.set(o.name_norm, [...(this.byName.get(o.name_norm) ?? []), o]);
    this.root = orgs.find((o) => o.path === target.org.path);
    for (const c of layout.columns) if (c.field !== null && !this.headers.has(c.field)) this.headers.set(c.field, c.header);
    this.batch = this.empty();
  }

  private empty(): ValidatedBatch {
    return { rows: noRows(), problems: [], problemCount: 0, errorRows: 0, rowsRead: 0, duplicatesInFile: 0, meter: { bytesRead: 0, totalBytes: 0 } };
  }

  /** The first data row: rows above it are the title and the header. */
  get dataStart(): number {
    return this.layout.row + this.layout.rows;
  }

  /** Valid rows waiting for the database half. */
  get waiting(): number {
    return this.batch.rows.row.length;
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

  /** The file's keys outgrow their share of memory: the file is refused as the heap cap refuses it. */
  private checkKeyBytes(): void {
    const { citizenId, partyCardNo, person } = this.seen;
    if (citizenId.bytes + partyCardNo.bytes + person.bytes > this.keyBytesCap) {
      throw new AppError('IMPORT_FILE_TOO_MANY_ROWS', { rows: this.rowsSoFar }, { field: 'body' });
    }
  }

  private orgProblem(row: number, value: string, field: 'orgCode' | 'orgName', code: ErrorCode, params: Record<string, string | number>, inError: { yes: boolean }): undefined {
    this.report(problemOf(row, this.headers.get(field) ?? null, value, new AppError(code, params, { field: 'orgId', row })), inError);
    return undefined;
  }

  private resolveOrg(row: number, ref: { code: string | null; name: string | null }, inError: { yes: boolean }): SubtreeOrg | undefined {
    const target = this.target;
    let org: SubtreeOrg | undefined;
    if (ref.code !== null) {
      org = this.byCode.get(ref.code.toLowerCase());
      if (!org) return this.orgProblem(row, ref.code, 'orgCode', 'IMPORT_ORG_UNKNOWN', { value: ref.code, root: target.org.name }, inError);
    } else if (ref.name !== null) {
      let norm = this.orgNameNorms.get(ref.name);
      if (norm === undefined) this.orgNameNorms.set(ref.name, (norm = normalizeName(ref.name)));
      const found = this.byName.get(norm) ?? [];
      if (found.length === 0) return this.orgProblem(row, ref.name, 'orgName', 'IMPORT_ORG_UNKNOWN', { value: ref.name, root: target.org.name }, inError);
      if (found.length > 1) return this.orgProblem(row, ref.name, 'orgName', 'IMPORT_ORG_AMBIGUOUS', { value: ref.name, root: target.org.name, count: found.length }, inError);
      org = found[0];
    } else {
      org = this.root;
    }
    if (!org) return undefined;
    const field = ref.code !== null ? 'orgCode' : 'orgName';
    const value = ref.code ?? ref.name ?? org.name;
    // The same refusals as placing a member through the API.
    if (org.dissolved_on !== null) return this.orgProblem(row, value, field, 'ORG_DISSOLVED', { name: org.name }, inError);
    if (!holdsMembers(org.org_type as OrgType)) return this.orgProblem(row, value, field, 'ORG_HOLDS_NO_MEMBERS', { name: org.name }, inError);
    return org;
  }

  /** Whether the key was seen on an earlier row (reported); true for the keys that make an error. */
  private inFile(row: number, key: KeyKind, value: string | null, columnOf: ReadRow['columnOf'], shown: string | null, inError: { yes: boolean }): boolean {
    if (value === null) return false;
    let first: number | undefined;
    if (key === 'person') first = this.seen.person.firstOrSet(value, row);
    else if (value.length <= 15 && /^[0-9]+$/.test(value)) first = this.seen[key].firstOrSet(Number(`1${value}`), row);
    else {
      const seen = this.seenText[key];
      first = seen.get(value);
      if (first === undefined) seen.set(value, row);
    }
    if (first === undefined) return false;
    const label = key === 'citizenId' ? 'số CCCD' : key === 'partyCardNo' ? 'số thẻ đảng' : 'họ tên và ngày sinh';
    this.report(problemOf(row, columnName(columnOf, key === 'person' ? 'fullName' : key), shown, new AppError('IMPORT_DUPLICATE_IN_FILE', { key: label, other: first }, { field: key, row }), key === 'person' ? 'warning' : 'error'), inError);
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
    if ((++this.rowsSoFar & 1023) === 0) this.checkKeyBytes();
    const row = r.n;
    const inError = { yes: false };
    for (const c of read.problems) this.report(problemOf(row, c.column, c.value, new AppError('IMPORT_BAD_VALUE', { column: c.column, value: c.value, reason: c.reason }, { field: c.column, row })), inError);
    const org = this.resolveOrg(row, read.org, inError);

    // The API's own body schema, then the form's rules (R-REC-10) with the API's codes and messages.
    const parsed = parseMemberBody(read.draft, org?.id ?? target.org.id);
    const { columnOf } = read;
    let fields: NewMemberFields | null = null;
    if (!parsed.success) {
      for (const issue of parsed.issues) {
        const field = String(issue.path[0] ?? '');
        const label = FIELD_LABELS[field] ?? field;
        this.report(problemOf(row, columnName(columnOf, field), read.draft[field] ?? null, new AppError('VALIDATION', { detail: `${label}: ${issue.message}` }, { field, row })), inError);
      }
    } else {
      fields = newMemberFields(parsed.data);
      for (const e of newMemberIssues(fields, target.today)) {
        const field = (e.details as { field?: string } | undefined)?.field ?? '';
        this.report(problemOf(row, columnName(columnOf, field), read.draft[field] ?? null, new AppError(e.code, e.params, { field, row })), inError);
      }
    }
    const cid = digits(read.draft.citizenId);
    const card = digits(read.draft.partyCardNo);
    const dupe =
      this.inFile(row, 'citizenId', cid, columnOf, read.draft.citizenId ?? null, inError) ||
      this.inFile(row, 'partyCardNo', card, columnOf, read.draft.partyCardNo ?? null, inError);
    const nameNorm = fields?.name_norm ?? (read.draft.fullName ? normalizeName(tidyFullName(read.draft.fullName)) : null);
    if (!dupe && nameNorm !== null && read.draft.birthDate) {
      this.inFile(row, 'person', `${nameNorm}|${read.draft.birthDate}`, columnOf, read.draft.fullName!, inError);
    }
    if (dupe) b.duplicatesInFile++;
    if (inError.yes) {
      b.errorRows++;
      this.errorsSoFar++;
      return;
    }
    if (!parsed.success || !org || !fields) return;
    const rows = b.rows;
    rows.row.push(row);
    // The provided fields are the draft's: the body keeps exactly the draft's keys, and the org.
    const data = parsed.data as Record<string, string | number | undefined>;
    for (let f = 0; f < INPUT_FIELDS.length; f++) rows.input[f]!.push(data[INPUT_FIELDS[f]!]);
    rows.fullName.push(fields.full_name === parsed.data.fullName ? undefined : fields.full_name);
    rows.nameNorm.push(fields.name_norm);
    rows.columnsAt.push(this.columnsIndex(rows, columnName(columnOf, 'citizenId'), columnName(columnOf, 'partyCardNo'), columnName(columnOf, 'fullName')));
  }

  /** The batch's entry for these headers: rows of a file share one or two. */
  private columnsIndex(rows: ValidRows, citizenId: string, partyCardNo: string, fullName: string): number {
    const all = rows.columnsOf;
    for (let i = all.length - 1; i >= 0; i--) {
      const c = all[i]!;
      if (c.citizenId === citizenId && c.partyCardNo === partyCardNo && c.fullName === fullName) return i;
    }
    return all.push({ citizenId, partyCardNo, fullName }) - 1;
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
