import { z } from 'zod';
import type { MemberRow } from '../../db/types.js';
import { detectHeader, headerKey, HEADER_SEARCH_ROWS, isColumnNumberingRow, type ColumnOverrides, type HeaderLayout } from '../../domain/import/columns.js';
import { readMemberRow } from '../../domain/import/member-row.js';
import { holdsMembers, type OrgType } from '../../domain/org-type.js';
import { normalizeName, tidyFullName } from '../../domain/vn-name.js';
import { AppError, type ErrorCode } from '../../errors.js';
import type { Scope } from '../auth/scope.js';
import { newMemberFields, newMemberIssues, type NewMemberFields } from '../member/member.service.js';
import { createMemberBody, FIELD_LABELS, type CreateMemberInput, type PatchMemberInput } from '../member/member.schema.js';
import * as repo from './import.repository.js';
import { sheetRows, type ImportFormat, type ReadMeter, type SheetRow } from './import.reader.js';
import type { ImportProblem } from './import.schema.js';
import { headerWindow, headRows, previewRows } from './import.head.js';

// The dry run's reading of a file, row by row, and the plan it makes for each row: what the
// commit will create, update or leave. The commit runs the very same pass inside its
// transaction, so what it writes is what a dry run over the same database would report.

// Messages of zod in Vietnamese, as the API answers them (src/app.ts sets the same locale).
z.config(z.locales.vi());

/**
 * Rows validated and looked up in the database together: each batch costs a few statements
 * (keys, possible duplicates, staging), whose fixed cost a million-row file pays 1/BATCH times.
 */
export const BATCH = 2000;

export type RowPlan =
  | { kind: 'new'; row: number; input: CreateMemberInput; fields: NewMemberFields }
  | { kind: 'update'; row: number; memberId: number; patch: PatchMemberInput }
  | { kind: 'unchanged'; row: number; memberId: number; version: number };

export interface Counts {
  rows: number;
  new: number;
  toUpdate: number;
  unchanged: number;
  error: number;
  duplicatesInFile: number;
  possibleDuplicates: number;
  [k: string]: number;
}

export interface AnalysisTarget {
  scope: Scope;
  today: string;
  org: { id: number; path: string; name: string };
}

type Db = Parameters<typeof repo.subtreeOrgs>[0];

const problemOf = (row: number, column: string | null, value: string | null, e: AppError, severity: 'error' | 'warning' = 'error'): ImportProblem => ({
  row,
  column,
  value,
  code: e.code,
  message: e.message,
  severity,
});

const digits = (v: string | undefined) => {
  const t = v?.replace(/\s+/g, '') ?? '';
  return t === '' ? null : t;
};

/** The header of a member file and a preview of the first data rows under it. */
export async function readLayout(format: ImportFormat, bytes: Uint8Array, overrides: ColumnOverrides) {
  const head = await headRows(format, bytes);
  const layout = detectHeader(headerWindow(head), overrides);
  if (!layout) throw new AppError('IMPORT_NO_HEADER', { rows: HEADER_SEARCH_ROWS }, { field: 'body' });
  return { layout, preview: previewRows(head, layout) };
}

/** Saved mappings are keyed by header key; a template may name headers as typed. */
export function overridesOf(mapping: Record<string, string | null> | null | undefined): ColumnOverrides {
  const out: Record<string, string | null> = {};
  for (const [h, f] of Object.entries(mapping ?? {})) out[headerKey(h)] = f;
  return out as ColumnOverrides;
}

interface Pending {
  row: number;
  input: CreateMemberInput;
  /** The record's stored columns (normalized name included), derived once per row. */
  fields: NewMemberFields;
  columnOf: Partial<Record<string, string>>;
  provided: Set<string>;
}

/** The fields of a record an import row can change, and how the row's value is stored. */
const COMPARED: { field: keyof PatchMemberInput; column: keyof MemberRow; stored: (v: string) => string | null }[] = [
  { field: 'fullName', column: 'full_name', stored: tidyFullName },
  ...(['otherNames', 'birthplace', 'hometown', 'residence', 'generalEducation', 'occupation', 'positions', 'phone'] as const).map((f) => ({
    field: f,
    column: ({ otherNames: 'other_names', birthplace: 'birthplace', hometown: 'hometown', residence: 'residence', generalEducation: 'general_education', occupation: 'occupation', positions: 'positions', phone: 'phone' } as const)[f],
    stored: (v: string) => (v.trim() === '' ? null : v.trim()),
  })),
  ...(['sex', 'birthDate', 'ethnicity', 'religion', 'admissionDate', 'officialDate', 'youthUnionDate', 'professionalLevel', 'theoryLevel'] as const).map((f) => ({
    field: f,
    column: ({ sex: 'sex', birthDate: 'birth_date', ethnicity: 'ethnicity', religion: 'religion', admissionDate: 'admission_date', officialDate: 'official_date', youthUnionDate: 'youth_union_date', professionalLevel: 'professional_level', theoryLevel: 'theory_level' } as const)[f],
    stored: (v: string) => v,
  })),
  { field: 'citizenId', column: 'citizen_id', stored: (v) => digits(v) },
  { field: 'partyCardNo', column: 'party_card_no', stored: (v) => digits(v) },
];

/** The changed fields of a row against the record it matches; only fields the row fills. */
function patchFor(p: Pending, m: MemberRow): PatchMemberInput | null {
  const patch: Record<string, unknown> = {};
  for (const c of COMPARED) {
    if (!p.provided.has(c.field)) continue;
    const v = p.input[c.field as keyof CreateMemberInput];
    if (typeof v !== 'string') continue;
    const stored = c.stored(v);
    if (stored !== (m[c.column] ?? null)) patch[c.field] = v;
  }
  return Object.keys(patch).length === 0 ? null : ({ ...patch, version: m.version } as PatchMemberInput);
}

export interface AnalysisOptions {
  layout: HeaderLayout;
  /** Called with each batch's plans (the commit writes them); absent for a dry run. */
  onPlans?: (plans: RowPlan[]) => Promise<void>;
  /** Called after each batch with the rows read so far. */
  onBatch?: (rowsRead: number, counts: Counts) => Promise<void>;
  /** Stop at the first row in error (the commit: nothing will be written anyway). */
  stopAtError?: boolean;
  maxProblems: number;
  /** Filled as the file is read (bytes taken so far), for the progress of the job. */
  meter?: ReadMeter;
  /**
   * Skip the look-up of possible duplicates (same name and date of birth): they only warn, and
   * the dry run has reported them; the commit need not search for them again.
   */
  skipPossibleDuplicates?: boolean;
}

export interface Analysis {
  counts: Counts;
  problems: ImportProblem[];
  problemCount: number;
}

/**
 * Reads every data row, validates it with the member form's own rules, finds its org in the
 * chosen subtree and its duplicates (in the file, and in the database by citizen ID, then card
 * number, then name and date of birth), and plans it.
 */
export async function analyse(db: Db, target: AnalysisTarget, format: ImportFormat, bytes: Uint8Array, opts: AnalysisOptions): Promise<Analysis> {
  const { layout } = opts;
  const counts: Counts = { rows: 0, new: 0, toUpdate: 0, unchanged: 0, error: 0, duplicatesInFile: 0, possibleDuplicates: 0 };
  const problems: ImportProblem[] = [];
  let problemCount = 0;
  const rowsInError = new Set<number>();
  const report = (p: ImportProblem) => {
    problemCount++;
    if (p.severity === 'error') rowsInError.add(p.row);
    if (problems.length < opts.maxProblems) problems.push(p);
  };

  // Where rows may go: the chosen org's subtree as the caller sees it.
  const orgs = await repo.subtreeOrgs(db, target.scope, target.org.path);
  const byCode = new Map(orgs.map((o) => [o.code.toLowerCase(), o]));
  const byName = new Map<string, repo.SubtreeOrg[]>();
  for (const o of orgs) byName.set(o.name_norm, [...(byName.get(o.name_norm) ?? []), o]);
  const root = orgs.find((o) => o.path === target.org.path);

  // Every key of the file is remembered (a million rows: a million of each), so the numeric
  // ones are kept as numbers, a fraction of a string's memory ('1' + digits keeps leading zeros).
  const seen = { citizenId: new Map<string | number, number>(), partyCardNo: new Map<string | number, number>(), person: new Map<string, number>() };
  const keyOf = (key: 'citizenId' | 'partyCardNo' | 'person', value: string) => (key !== 'person' && /^[0-9]{1,15}$/.test(value) ? Number(`1${value}`) : value);
  const dataStart = layout.row + layout.rows;
  let batch: Pending[] = [];

  // A file names few cells, each on many rows.
  const orgNameNorms = new Map<string, string>();
  const resolveOrg = (row: number, ref: { code: string | null; name: string | null }, columnOf: (f: 'orgCode' | 'orgName') => string | null) => {
    const at = (value: string, field: 'orgCode' | 'orgName', code: ErrorCode, params: Record<string, string | number>) =>
      report(problemOf(row, columnOf(field), value, new AppError(code, params, { field: 'orgId', row })));
    let org: repo.SubtreeOrg | undefined;
    if (ref.code !== null) {
      org = byCode.get(ref.code.toLowerCase());
      if (!org) return at(ref.code, 'orgCode', 'IMPORT_ORG_UNKNOWN', { value: ref.code, root: target.org.name });
    } else if (ref.name !== null) {
      let norm = orgNameNorms.get(ref.name);
      if (norm === undefined) orgNameNorms.set(ref.name, (norm = normalizeName(ref.name)));
      const found = byName.get(norm) ?? [];
      if (found.length === 0) return at(ref.name, 'orgName', 'IMPORT_ORG_UNKNOWN', { value: ref.name, root: target.org.name });
      if (found.length > 1) return at(ref.name, 'orgName', 'IMPORT_ORG_AMBIGUOUS', { value: ref.name, root: target.org.name, count: found.length });
      org = found[0];
    } else {
      org = root;
    }
    if (!org) return undefined;
    const field = ref.code !== null ? 'orgCode' : 'orgName';
    const value = ref.code ?? ref.name ?? org.name;
    // The same refusals as placing a member through the API.
    if (org.dissolved_on !== null) return at(value, field, 'ORG_DISSOLVED', { name: org.name });
    if (!holdsMembers(org.org_type as OrgType)) return at(value, field, 'ORG_HOLDS_NO_MEMBERS', { name: org.name });
    return org;
  };

  const flush = async () => {
    if (batch.length === 0) return;
    const citizenIds = batch.flatMap((p) => digits(p.input.citizenId ?? undefined) ?? []);
    const cards = batch.flatMap((p) => digits(p.input.partyCardNo ?? undefined) ?? []);
    const holders = await repo.membersByKeys(db, target.scope, citizenIds, cards);
    const byCitizen = new Map(holders.filter((m) => m.citizen_id !== null).map((m) => [m.citizen_id!, m]));
    const byCard = new Map(holders.filter((m) => m.party_card_no !== null).map((m) => [m.party_card_no!, m]));
    const unmatched = batch.filter((p) => !byCitizen.has(digits(p.input.citizenId ?? undefined) ?? '') && !byCard.has(digits(p.input.partyCardNo ?? undefined) ?? ''));
    const similar = opts.skipPossibleDuplicates
      ? []
      : await repo.membersByNameAndBirth(
          db,
          target.scope,
          unmatched.map((p) => ({ nameNorm: p.fields.name_norm, birthDate: p.input.birthDate })),
        );
    const twins = new Map(similar.map((s) => [`${s.name_norm}|${s.birth_date}`, s]));
    const plans: RowPlan[] = [];
    for (const p of batch) {
      const cid = digits(p.input.citizenId ?? undefined);
      const card = digits(p.input.partyCardNo ?? undefined);
      const m1 = cid === null ? undefined : byCitizen.get(cid);
      const m2 = card === null ? undefined : byCard.get(card);
      const col = (f: string) => p.columnOf[f] ?? FIELD_LABELS[f] ?? f;
      if (m1 && m2 && m1.id !== m2.id) {
        report(problemOf(p.row, col('partyCardNo'), card, new AppError('IMPORT_KEYS_CONFLICT', { citizenId: cid!, partyCardNo: card! }, { field: 'partyCardNo', row: p.row })));
        continue;
      }
      const m = m1 ?? m2;
      if (m && !m.in_scope) {
        // Held outside the caller's scope: refused as the API refuses it, naming only the typed value.
        const e = m1 ? new AppError('DUPLICATE_CITIZEN_ID', { value: cid! }, { field: 'citizenId', row: p.row }) : new AppError('DUPLICATE_PARTY_CARD', { value: card! }, { field: 'partyCardNo', row: p.row });
        report(problemOf(p.row, col(m1 ? 'citizenId' : 'partyCardNo'), m1 ? cid : card, e));
        continue;
      }
      if (m) {
        // The card number typed may belong to nobody yet while the citizen ID matched: a change.
        const patch = patchFor(p, m);
        if (patch) {
          counts.toUpdate++;
          plans.push({ kind: 'update', row: p.row, memberId: m.id, patch });
        } else {
          counts.unchanged++;
          plans.push({ kind: 'unchanged', row: p.row, memberId: m.id, version: m.version });
        }
        continue;
      }
      const nameNorm = p.fields.name_norm;
      const twin = twins.get(`${nameNorm}|${p.input.birthDate}`);
      if (twin) {
        counts.possibleDuplicates++;
        report(problemOf(p.row, col('fullName'), p.input.fullName, new AppError('IMPORT_POSSIBLE_DUPLICATE', { name: twin.full_name, birthDate: twin.birth_date }, { field: 'fullName', row: p.row }), 'warning'));
      }
      counts.new++;
      plans.push({ kind: 'new', row: p.row, input: p.input, fields: p.fields });
    }
    batch = [];
    if (opts.onPlans && rowsInError.size === 0) await opts.onPlans(plans);
  };

  const inFile = (row: number, key: 'citizenId' | 'partyCardNo' | 'person', value: string | null, column: string, shown: string | null) => {
    if (value === null) return false;
    const k = keyOf(key, value);
    const first = (seen[key] as Map<string | number, number>).get(k);
    if (first === undefined) {
      (seen[key] as Map<string | number, number>).set(k, row);
      return false;
    }
    const label = key === 'citizenId' ? 'số CCCD' : key === 'partyCardNo' ? 'số thẻ đảng' : 'họ tên và ngày sinh';
    report(problemOf(row, column, shown, new AppError('IMPORT_DUPLICATE_IN_FILE', { key: label, other: first }, { field: key, row }), key === 'person' ? 'warning' : 'error'));
    return key !== 'person';
  };

  const validate = (r: SheetRow) => {
    const read = readMemberRow(r.cells, layout.columns, target.today);
    if (read.blank) return;
    counts.rows++;
    const row = r.n;
    const errorsBefore = rowsInError.has(row);
    for (const c of read.problems) report(problemOf(row, c.column, c.value, new AppError('IMPORT_BAD_VALUE', { column: c.column, value: c.value, reason: c.reason }, { field: c.column, row })));
    const headerOf = (f: 'orgCode' | 'orgName') => layout.columns.find((c) => c.field === f)?.header ?? null;
    const org = resolveOrg(row, read.org, headerOf);

    // The API's own body schema, then the form's rules (R-REC-10) with the API's codes and messages.
    const parsed = createMemberBody.safeParse({ ...read.draft, orgId: org?.id ?? target.org.id });
    const col = (f: string) => read.columnOf[f] ?? FIELD_LABELS[f] ?? f;
    let fields: NewMemberFields | null = null;
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const field = String(issue.path[0] ?? '');
        const label = FIELD_LABELS[field] ?? field;
        report(problemOf(row, col(field), read.draft[field] ?? null, new AppError('VALIDATION', { detail: `${label}: ${issue.message}` }, { field, row })));
      }
    } else {
      fields = newMemberFields(parsed.data);
      for (const e of newMemberIssues(fields, target.today)) {
        const field = (e.details as { field?: string } | undefined)?.field ?? '';
        report(problemOf(row, col(field), read.draft[field] ?? null, new AppError(e.code, e.params, { field, row })));
      }
    }
    const cid = digits(read.draft.citizenId);
    const card = digits(read.draft.partyCardNo);
    const dupe =
      inFile(row, 'citizenId', cid, col('citizenId'), read.draft.citizenId ?? null) ||
      inFile(row, 'partyCardNo', card, col('partyCardNo'), read.draft.partyCardNo ?? null);
    const nameNorm = fields?.name_norm ?? (read.draft.fullName ? normalizeName(tidyFullName(read.draft.fullName)) : null);
    if (!dupe && nameNorm !== null && read.draft.birthDate) {
      inFile(row, 'person', `${nameNorm}|${read.draft.birthDate}`, col('fullName'), read.draft.fullName!);
    }
    if (dupe) counts.duplicatesInFile++;
    if (rowsInError.has(row) && !errorsBefore) {
      counts.error++;
      return;
    }
    if (!parsed.success || !org || !fields) return;
    batch.push({ row, input: parsed.data, fields, columnOf: read.columnOf, provided: new Set(Object.keys(read.draft)) });
  };

  for await (const r of sheetRows(format, bytes, opts.meter)) {
    if (r.n <= dataStart) continue;
    if (r.n <= dataStart + 1 && isColumnNumberingRow(r.cells)) continue;
    validate(r);
    if (opts.stopAtError && rowsInError.size > 0) break;
    if (batch.length >= BATCH) {
      await flush();
      if (opts.stopAtError && rowsInError.size > 0) break;
      await opts.onBatch?.(counts.rows, counts);
    }
  }
  if (!(opts.stopAtError && rowsInError.size > 0)) await flush();
  counts.error = rowsInError.size;
  return { counts, problems, problemCount };
}
