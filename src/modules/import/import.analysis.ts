import type { MemberRow } from '../../db/types.js';
import { detectHeader, headerKey, HEADER_SEARCH_ROWS, type ColumnOverrides, type HeaderLayout } from '../../domain/import/columns.js';
import { tidyFullName } from '../../domain/vn-name.js';
import { AppError } from '../../errors.js';
import type { Scope } from '../auth/scope.js';
import type { NewMemberFields } from '../member/member.service.js';
import type { CreateMemberInput, PatchMemberInput } from '../member/member.schema.js';
import type { ByteSource } from './byte-source.js';
import * as repo from './import.repository.js';
import type { ImportFormat, ReadMeter } from './import.reader.js';
import type { ImportProblem } from './import.schema.js';
import { headerWindow, headRows, previewRows } from './import.head.js';
import { digits, pendingRows, problemOf, type Pending } from './import.rows.js';
import { readBatches, type ReadingThread } from './import.rows.thread.js';

// The dry run's reading of a file, row by row, and the plan it makes for each row: what the
// commit will create, update or leave. The commit runs the very same pass inside its
// transaction, so what it writes is what a dry run over the same database would report.

export { BATCH } from './import.rows.js';

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

/** The header of a member file and a preview of the first data rows under it. */
export async function readLayout(format: ImportFormat, source: ByteSource, overrides: ColumnOverrides) {
  const head = await headRows(format, source);
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
    if (!p.provided.includes(c.field)) continue;
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
  /** Where the rows are read: a worker thread for a large file unless told (tests compare both). */
  thread?: ReadingThread;
}

export interface Analysis {
  counts: Counts;
  problems: ImportProblem[];
  problemCount: number;
}

/**
 * Reads every data row, validates it with the member form's own rules, finds its org in the
 * chosen subtree and its duplicates (in the file, and in the database by citizen ID, then card
 * number, then name and date of birth), and plans it. The reading and validating (import.rows.ts)
 * runs in a worker thread for a large file, ahead of the database look-ups done here.
 */
export async function analyse(db: Db, target: AnalysisTarget, format: ImportFormat, source: ByteSource, opts: AnalysisOptions): Promise<Analysis> {
  const counts: Counts = { rows: 0, new: 0, toUpdate: 0, unchanged: 0, error: 0, duplicatesInFile: 0, possibleDuplicates: 0 };
  const problems: ImportProblem[] = [];
  let problemCount = 0;
  // Rows in error: those the reading found, and those the look-ups found (never the same rows).
  let errorRows = 0;
  const report = (p: ImportProblem) => {
    problemCount++;
    if (p.severity === 'error') errorRows++;
    if (problems.length < opts.maxProblems) problems.push(p);
  };

  // Where rows may go: the chosen org's subtree as the caller sees it.
  const orgs = await repo.subtreeOrgs(db, target.scope, target.org.path);

  const flush = async (batch: readonly Pending[]) => {
    if (batch.length === 0) return;
    const citizenIds = batch.flatMap((p) => digits(p.input.citizenId) ?? []);
    const cards = batch.flatMap((p) => digits(p.input.partyCardNo) ?? []);
    const holders = await repo.membersByKeys(db, target.scope, citizenIds, cards);
    const byCitizen = new Map(holders.filter((m) => m.citizen_id !== null).map((m) => [m.citizen_id!, m]));
    const byCard = new Map(holders.filter((m) => m.party_card_no !== null).map((m) => [m.party_card_no!, m]));
    const unmatched = batch.filter((p) => !byCitizen.has(digits(p.input.citizenId) ?? '') && !byCard.has(digits(p.input.partyCardNo) ?? ''));
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
      const cid = digits(p.input.citizenId);
      const card = digits(p.input.partyCardNo);
      const m1 = cid === null ? undefined : byCitizen.get(cid);
      const m2 = card === null ? undefined : byCard.get(card);
      if (m1 && m2 && m1.id !== m2.id) {
        report(problemOf(p.row, p.columnOf.partyCardNo, card, new AppError('IMPORT_KEYS_CONFLICT', { citizenId: cid!, partyCardNo: card! }, { field: 'partyCardNo', row: p.row })));
        continue;
      }
      const m = m1 ?? m2;
      if (m && !m.in_scope) {
        // Held outside the caller's scope: refused as the API refuses it, naming only the typed value.
        const e = m1 ? new AppError('DUPLICATE_CITIZEN_ID', { value: cid! }, { field: 'citizenId', row: p.row }) : new AppError('DUPLICATE_PARTY_CARD', { value: card! }, { field: 'partyCardNo', row: p.row });
        report(problemOf(p.row, m1 ? p.columnOf.citizenId : p.columnOf.partyCardNo, m1 ? cid : card, e));
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
      const twin = twins.get(`${p.fields.name_norm}|${p.input.birthDate}`);
      if (twin) {
        counts.possibleDuplicates++;
        report(problemOf(p.row, p.columnOf.fullName, p.input.fullName, new AppError('IMPORT_POSSIBLE_DUPLICATE', { name: twin.full_name, birthDate: twin.birth_date }, { field: 'fullName', row: p.row }), 'warning'));
      }
      counts.new++;
      plans.push({ kind: 'new', row: p.row, input: p.input, fields: p.fields });
    }
    if (opts.onPlans && errorRows === 0) await write(plans);
  };

  // Outside a transaction (the dry run's staging, on the pool) a batch's plans are written while
  // the next batch is looked up: the two statements run on two connections, and the main thread
  // does not wait on one before the next. Written in order, one at a time; a failed write ends
  // the reading. In a transaction (the commit) each batch is written before the next is read.
  // One write at most is in flight: a batch waits for the last one before its own starts, so
  // plans never pile up in memory when the writes are the slower half.
  let writing: Promise<void> = Promise.resolve();
  const write = async (plans: RowPlan[]) => {
    if (db.isTransaction) return opts.onPlans!(plans);
    await writing;
    writing = opts.onPlans!(plans);
    writing.catch(() => undefined);
  };

  const stopped = () => opts.stopAtError === true && errorRows > 0;
  const job = { format, source, layout: opts.layout, target: { today: target.today, org: target.org }, orgs, maxProblems: opts.maxProblems, stopAtError: opts.stopAtError === true };
  try {
    for await (const b of readBatches(job, { meter: opts.meter, thread: opts.thread })) {
      counts.rows += b.rowsRead;
      counts.duplicatesInFile += b.duplicatesInFile;
      problemCount += b.problemCount;
      errorRows += b.errorRows;
      for (const p of b.problems) if (problems.length < opts.maxProblems) problems.push(p);
      if (opts.meter) Object.assign(opts.meter, b.meter);
      if (stopped()) break;
      await flush(pendingRows(b.rows));
      if (stopped()) break;
      await opts.onBatch?.(counts.rows, counts);
    }
  } finally {
    // Nothing is left writing behind the caller's back, whatever ended the reading.
    await writing.catch(() => undefined);
  }
  await writing;
  counts.error = errorRows;
  return { counts, problems, problemCount };
}
