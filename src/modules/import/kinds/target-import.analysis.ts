import type { KindLayout } from '../../../domain/import/kind-columns.js';
import { parseTargetNumber, parseTargetYear } from '../../../domain/import/target-row.js';
import { cellText, type Parsed, type RawCell } from '../../../domain/import/values.js';
import { normalizeName } from '../../../domain/vn-name.js';
import { AppError, type ErrorCode } from '../../../errors.js';
import type { SheetRow } from '../import.reader.js';
import type { ImportProblem } from '../import.schema.js';
import { problemOf, type KindCounts, type KindTarget } from './kind-common.js';
import * as repo from './kind-import.repository.js';
import { fieldCell } from './kind-layout.js';

// The dry run of an admission-target import (issue 6 item 6; issue 5 item 8), and the commit's
// plan: each row's org found in the import's subtree by code or name, its year and number read,
// and compared with the target already set for that org and year.

type Db = Parameters<typeof repo.subtreeOrgs>[0];

export type TargetPlan =
  | { kind: 'new' | 'update'; row: number; orgId: number; year: number; target: number; note: string | null }
  | { kind: 'unchanged'; row: number; orgId: number; year: number };

export interface TargetAnalysis {
  counts: KindCounts;
  problems: ImportProblem[];
  problemCount: number;
  plans: TargetPlan[];
}

export async function analyseTargets(db: Db, target: KindTarget, rows: readonly SheetRow[], layout: KindLayout): Promise<TargetAnalysis> {
  const counts: KindCounts = { rows: rows.length, new: 0, toUpdate: 0, unchanged: 0, error: 0, duplicatesInFile: 0 };
  const problems: ImportProblem[] = [];
  const inError = new Set<number>();
  const fail = (row: number, column: string | null, value: string | null, code: ErrorCode, params: Record<string, string | number>, field: string) => {
    inError.add(row);
    problems.push(problemOf(row, column, value, new AppError(code, params, { field, row })));
  };
  const header = (f: string, label: string) => layout.columns.find((c) => c.field === f)?.header ?? label;

  const orgs = await repo.subtreeOrgs(db, target.scope, target.org.path);
  const byCode = new Map(orgs.map((o) => [o.code.toLowerCase(), o]));
  const byName = new Map<string, repo.KindOrg[]>();
  for (const o of orgs) byName.set(o.name_norm, [...(byName.get(o.name_norm) ?? []), o]);
  const codes = rows.flatMap((r) => {
    const c = cellText(fieldCell(layout, r, 'orgCode')?.cell);
    return c !== '' && !byCode.has(c.toLowerCase()) ? [c] : [];
  });
  const elsewhere = await repo.takenCodes(db, codes);

  const read: { row: number; orgId: number; year: number; target: number; note: string | null }[] = [];
  const seen = new Map<string, number>();
  for (const r of rows) {
    const take = <T>(field: string, parse: (v: RawCell) => Parsed<T>): T | null => {
      const got = fieldCell(layout, r, field);
      if (!got) return null;
      const p = parse(got.cell);
      if (p.ok) return p.value;
      fail(r.n, got.header, cellText(got.cell), 'IMPORT_BAD_VALUE', { column: got.header, value: cellText(got.cell), reason: p.reason }, field);
      return null;
    };
    const year = take('year', parseTargetYear);
    const number = take('target', parseTargetNumber);
    const note = cellText(fieldCell(layout, r, 'note')?.cell);
    const code = cellText(fieldCell(layout, r, 'orgCode')?.cell);
    const name = cellText(fieldCell(layout, r, 'orgName')?.cell);
    const yh = header('year', 'Năm');
    const th = header('target', 'Chỉ tiêu');
    if (year === null && !inError.has(r.n)) fail(r.n, yh, null, 'IMPORT_REQUIRED', { field: 'năm', column: yh }, 'year');
    if (number === null && !inError.has(r.n)) fail(r.n, th, null, 'IMPORT_REQUIRED', { field: 'chỉ tiêu', column: th }, 'target');

    // The org: by code first, else by name within the subtree; the import's own org when neither is given.
    let org: repo.KindOrg | undefined;
    const ch = header('orgCode', 'Mã tổ chức');
    const nh = header('orgName', 'Tên tổ chức');
    if (code !== '') {
      org = byCode.get(code.toLowerCase());
      if (!org) {
        if (elsewhere.has(code.toLowerCase())) fail(r.n, ch, code, 'IMPORT_ORG_OUT_OF_SCOPE', { value: code, root: target.org.name }, 'orgCode');
        else fail(r.n, ch, code, 'IMPORT_ORG_UNKNOWN', { value: code, root: target.org.name }, 'orgCode');
        continue;
      }
    } else if (name !== '') {
      const found = byName.get(normalizeName(name)) ?? [];
      if (found.length !== 1) {
        if (found.length === 0) fail(r.n, nh, name, 'IMPORT_ORG_UNKNOWN', { value: name, root: target.org.name }, 'orgName');
        else fail(r.n, nh, name, 'IMPORT_ORG_AMBIGUOUS', { value: name, root: target.org.name, count: found.length }, 'orgName');
        continue;
      }
      org = found[0];
    } else {
      org = orgs.find((o) => o.id === target.org.id);
    }
    if (!org || year === null || number === null) continue;
    // The same refusal as setting the target by hand: a year the org did not live through.
    if (org.dissolved_on !== null && org.dissolved_on <= `${year}-01-01`) {
      fail(r.n, code !== '' ? ch : nh, code || name, 'ORG_DISSOLVED', { name: org.name }, 'orgId');
      continue;
    }
    const key = `${org.id}|${year}`;
    const first = seen.get(key);
    if (first !== undefined) {
      counts.duplicatesInFile++;
      fail(r.n, code !== '' ? ch : nh, code || name, 'IMPORT_DUPLICATE_IN_FILE', { key: 'tổ chức và năm', other: first }, 'orgId');
      continue;
    }
    seen.set(key, r.n);
    if (inError.has(r.n)) continue;
    read.push({ row: r.n, orgId: org.id, year, target: number, note: note === '' ? null : note });
  }

  const existing = await repo.targetsOf(
    db,
    target.scope,
    target.org.path,
    read.map((r) => r.orgId),
    read.map((r) => r.year),
  );
  const byKey = new Map(existing.map((t) => [`${t.org_id}|${t.year}`, t]));
  const hasNote = layout.columns.some((c) => c.field === 'note');
  const plans: TargetPlan[] = [];
  for (const r of read) {
    const before = byKey.get(`${r.orgId}|${r.year}`);
    // A file without a note column leaves the notes as they are.
    const note = hasNote ? r.note : (before?.note ?? null);
    if (!before) {
      counts.new++;
      plans.push({ kind: 'new', ...r, note });
    } else if (before.target !== r.target || (before.note ?? null) !== note) {
      counts.toUpdate++;
      plans.push({ kind: 'update', ...r, note });
    } else {
      counts.unchanged++;
      plans.push({ kind: 'unchanged', row: r.row, orgId: r.orgId, year: r.year });
    }
  }
  counts.error = inError.size;
  problems.sort((a, b) => a.row - b.row);
  return { counts, problems, problemCount: problems.length, plans };
}
