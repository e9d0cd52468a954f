import type { KindLayout } from '../../../domain/import/kind-columns.js';
import { indentedTree, orgTypeFromName, parseOrgKind, parseOrgType, treeOrder, type TreeRow } from '../../../domain/import/org-row.js';
import { cellText, parseDate, type Parsed, type RawCell } from '../../../domain/import/values.js';
import type { OrgKind, OrgType } from '../../../domain/org-type.js';
import { wouldCycle } from '../../../domain/org-structure.js';
import { normalizeName } from '../../../domain/vn-name.js';
import { AppError, type ErrorCode } from '../../../errors.js';
import { checkCanContain, checkEffectiveDate } from '../../org/org-guards.js';
import { typeLabel } from '../../org/org-labels.js';
import { createOrgBody, type CreateOrgInput } from '../../org/org.schema.js';
import type { SheetRow } from '../import.reader.js';
import type { ImportProblem } from '../import.schema.js';
import { fieldCell } from './kind-layout.js';
import * as repo from './kind-import.repository.js';
import { problemOf, type KindCounts, type KindTarget } from './kind-common.js';

// The dry run of an org import (issue 6 item 6), and the commit's plan: each row matched to an
// org of the import's subtree (by code, or in a tree of indented names by name under its
// parent) or planned as a new one under its parent (in the file or existing), checked as the org
// service will check it (R-ORG-03 types, dated history, code uniqueness). Rows are planned
// parents first, so the commit creates them in this order.

type Db = Parameters<typeof repo.subtreeOrgs>[0];

/** Where an org goes: an org that exists, or the org a row above creates. */
export type ParentRef = { orgId: number } | { row: number };

export type OrgPlan =
  | { kind: 'new'; row: number; parent: ParentRef; input: Omit<CreateOrgInput, 'parentId'> }
  | { kind: 'update'; row: number; orgId: number; version: number; rename: { name?: string; orgKind?: OrgKind | null } | null; moveTo: ParentRef | null; effectiveDate: string }
  | { kind: 'unchanged'; row: number; orgId: number };

export interface OrgAnalysis {
  counts: KindCounts;
  problems: ImportProblem[];
  problemCount: number;
  plans: OrgPlan[];
}

interface Read {
  row: number;
  code: string | null;
  parentCode: string | null;
  name: string;
  /** The parent's row in a tree of indented names. */
  parentRow: number | null;
  orgType: OrgType | null;
  orgKind: OrgKind | null;
  foundedOn: string | null;
  foundingDecision: string | null;
  effectiveDate: string | null;
  headers: Record<string, string>;
  /** Each cell as typed, for the report. */
  typed: Record<string, string>;
}

/** What a planned row will be, for the rows under it. */
interface Planned {
  type: OrgType;
  code: string;
  ref: ParentRef;
  /** The nearest existing org at or above it: where a move under it would land. */
  anchorPath: string;
  /** The day from which a child may be founded under it. */
  since: string | null;
}

const text = (v: RawCell) => {
  const t = cellText(v);
  return t === '' ? null : t;
};

export async function analyseOrgs(db: Db, target: KindTarget, rows: readonly SheetRow[], layout: KindLayout): Promise<OrgAnalysis> {
  const counts: KindCounts = { rows: rows.length, new: 0, toUpdate: 0, unchanged: 0, error: 0, duplicatesInFile: 0 };
  const problems: ImportProblem[] = [];
  const inError = new Set<number>();
  const report = (row: number, column: string | null, value: string | null, e: AppError) => {
    inError.add(row);
    problems.push(problemOf(row, column, value, e));
  };
  const fail = (row: number, column: string | null, value: string | null, code: ErrorCode, params: Record<string, string | number>, field: string) =>
    report(row, column, value, new AppError(code, params, { field, row }));
  const has = (f: string) => layout.columns.some((c) => c.field === f);
  const indented = !has('parentCode');
  const root = target.org;

  // ---- reading the rows -------------------------------------------------------------------------
  // The indentation is in the leading spaces of the cell as typed, which cellText trims.
  const rawName = (r: SheetRow) => {
    const cell = fieldCell(layout, r, 'name')?.cell;
    return typeof cell === 'string' ? cell : cellText(cell);
  };
  const tree = indented ? indentedTree(rows.map((r) => ({ row: r.n, raw: rawName(r) }))) : null;
  const treeItem = new Map(tree?.items.map((i) => [i.row, i]) ?? []);
  const nameHeader = layout.columns.find((c) => c.field === 'name')?.header ?? 'Tên tổ chức';
  for (const p of tree?.problems ?? []) fail(p.row, nameHeader, p.value, 'IMPORT_BAD_VALUE', { column: nameHeader, value: p.value.trim(), reason: p.reason }, 'name');

  const reads: Read[] = rows.map((r) => {
    const headers: Record<string, string> = {};
    const typed: Record<string, string> = {};
    const take = <T>(field: string, parse: (v: RawCell) => Parsed<T>): T | null => {
      const got = fieldCell(layout, r, field);
      if (!got) return null;
      headers[field] = got.header;
      typed[field] = cellText(got.cell);
      const p = parse(got.cell);
      if (p.ok) return p.value;
      fail(r.n, got.header, cellText(got.cell), 'IMPORT_BAD_VALUE', { column: got.header, value: cellText(got.cell), reason: p.reason }, field);
      return null;
    };
    const plain = (field: string) => take(field, (v) => ({ ok: true, value: text(v) }));
    const item = treeItem.get(r.n);
    const name = indented ? (item?.name ?? '') : (plain('name') ?? '');
    headers.name = nameHeader;
    return {
      row: r.n,
      code: plain('code'),
      parentCode: plain('parentCode'),
      name,
      parentRow: item?.parentRow ?? null,
      orgType: take('orgType', parseOrgType),
      orgKind: take('orgKind', parseOrgKind),
      foundedOn: take('foundedOn', (v) => parseDate(v, target.today)),
      foundingDecision: plain('foundingDecision'),
      effectiveDate: take('effectiveDate', (v) => parseDate(v, target.today)),
      headers,
      typed,
    };
  });
  const col = (r: Read, f: string, label: string) => r.headers[f] ?? label;
  const typed = (r: Read, f: string) => r.typed[f] || null;
  for (const r of reads) if (r.name === '' && !inError.has(r.row)) fail(r.row, nameHeader, null, 'IMPORT_REQUIRED', { field: 'tên tổ chức', column: nameHeader }, 'name');
  if (!indented) for (const r of reads) if (r.code === null) fail(r.row, col(r, 'code', 'Mã tổ chức'), null, 'IMPORT_REQUIRED', { field: 'mã tổ chức', column: col(r, 'code', 'Mã tổ chức') }, 'code');

  // ---- the file's own tree: duplicates, order, cycles ---------------------------------------------
  const keyOf = new Map<number, string>();
  const rowOfKey = new Map<string, number>();
  const rowOfName = new Map<string, number>();
  const treeRows: TreeRow[] = [];
  const byRow = new Map(reads.map((r) => [r.row, r]));
  for (const r of reads) {
    const key = r.code !== null ? r.code.toLowerCase() : `#${r.row}`;
    const first = rowOfKey.get(key);
    // Without codes, two rows of one name under one parent are the same org twice.
    const nameKey = r.code === null ? `${r.parentRow ?? ''}|${normalizeName(r.name)}` : null;
    const firstByName = nameKey === null ? undefined : rowOfName.get(nameKey);
    if (first !== undefined || firstByName !== undefined) {
      counts.duplicatesInFile++;
      fail(r.row, col(r, first !== undefined ? 'code' : 'name', 'Mã tổ chức'), r.code ?? r.name, 'IMPORT_DUPLICATE_IN_FILE', { key: first !== undefined ? 'mã tổ chức' : 'tên tổ chức cùng cấp trên', other: first ?? firstByName! }, 'code');
      continue;
    }
    rowOfKey.set(key, r.row);
    if (nameKey !== null) rowOfName.set(nameKey, r.row);
    keyOf.set(r.row, key);
  }
  const rootCode = root.code.toLowerCase();
  for (const r of reads) {
    const key = keyOf.get(r.row);
    if (key === undefined) continue;
    let parentKey: string | null = null;
    if (indented) parentKey = r.parentRow === null ? null : (keyOf.get(r.parentRow) ?? `#${r.parentRow}`);
    else if (r.parentCode !== null && r.parentCode.toLowerCase() !== rootCode) parentKey = r.parentCode.toLowerCase();
    treeRows.push({ row: r.row, key, parentKey });
  }
  const { order, cycles, blocked } = treeOrder(treeRows);
  const parentKeyOf = new Map(treeRows.map((t) => [t.row, t.parentKey]));
  for (const c of cycles) fail(c.row, col(byRow.get(c.row)!, 'parentCode', 'Mã cấp trên'), byRow.get(c.row)!.parentCode, 'IMPORT_ORG_CYCLE', { rows: c.through.join(', ') }, 'parentCode');
  for (const b of blocked) fail(b, col(byRow.get(b)!, 'parentCode', 'Mã cấp trên'), byRow.get(b)!.parentCode, 'IMPORT_PARENT_IN_CYCLE', { rows: cycles.map((c) => c.row).join(', ') }, 'parentCode');

  // ---- the database: the subtree, codes elsewhere, dates of the last changes ---------------------------
  const orgs = await repo.subtreeOrgs(db, target.scope, root.path);
  const byCode = new Map(orgs.map((o) => [o.code.toLowerCase(), o]));
  const byId = new Map(orgs.map((o) => [o.id, o]));
  const mentioned = reads.flatMap((r) => [r.code, r.parentCode].filter((c): c is string => c !== null));
  const elsewhere = await repo.takenCodes(
    db,
    mentioned.filter((c) => !byCode.has(c.toLowerCase())),
  );
  const last = await repo.lastChanges(db, target.scope, root.path, orgs.map((o) => o.id));
  const rootOrg = byId.get(root.id)!;

  // ---- planning, parents first --------------------------------------------------------------------------
  const planned = new Map<number, Planned>();
  const plans: OrgPlan[] = [];
  const madeCodes = new Set(reads.flatMap((r) => (r.code !== null ? [r.code.toLowerCase()] : [])));
  const usedUnder = new Map<string, Set<string>>();
  const guard = (row: number, column: string | null, value: string | null, check: () => void): boolean => {
    try {
      check();
      return true;
    } catch (e) {
      if (!(e instanceof AppError)) throw e;
      report(row, column, value, new AppError(e.code, e.params, { ...(e.details as object), row }));
      return false;
    }
  };
  const existingPlanned = (o: repo.KindOrg): Planned => ({ type: o.org_type as OrgType, code: o.code, ref: { orgId: o.id }, anchorPath: o.path, since: last.get(o.id) ?? null });

  for (const rowNo of order) {
    const r = byRow.get(rowNo)!;
    if (inError.has(r.row) && r.name === '') continue;
    const pcol = col(r, 'parentCode', 'Mã cấp trên');
    const ccol = col(r, 'code', 'Mã tổ chức');

    // The parent: the import's org, a row above, or an org of the subtree.
    const parentKey = parentKeyOf.get(r.row) ?? null;
    let parent: Planned | undefined;
    if (parentKey === null) parent = existingPlanned(rootOrg);
    else if (rowOfKey.has(parentKey)) {
      const pr = rowOfKey.get(parentKey)!;
      parent = planned.get(pr);
      if (!parent) {
        fail(r.row, indented ? nameHeader : pcol, indented ? r.name : r.parentCode, 'IMPORT_PARENT_IN_ERROR', { other: pr }, 'parentCode');
        continue;
      }
    } else if (parentKey.startsWith('#')) {
      // A row of an indented tree under a line that was itself refused (a duplicate).
      fail(r.row, nameHeader, r.name, 'IMPORT_PARENT_IN_ERROR', { other: Number(parentKey.slice(1)) }, 'name');
      continue;
    } else {
      const o = byCode.get(parentKey);
      if (!o) {
        if (elsewhere.has(parentKey)) fail(r.row, pcol, r.parentCode, 'IMPORT_ORG_OUT_OF_SCOPE', { value: r.parentCode!, root: root.name }, 'parentCode');
        else fail(r.row, pcol, r.parentCode, 'IMPORT_PARENT_UNKNOWN', { value: r.parentCode!, root: root.name }, 'parentCode');
        continue;
      }
      if (o.dissolved_on !== null) {
        fail(r.row, pcol, r.parentCode, 'ORG_DISSOLVED', { name: o.name }, 'parentCode');
        continue;
      }
      parent = existingPlanned(o);
    }

    // The org the row names, if it exists.
    let existing: repo.KindOrg | undefined;
    if (r.code !== null) {
      const key = r.code.toLowerCase();
      if (key === rootCode) {
        fail(r.row, ccol, r.code, 'IMPORT_ORG_IS_ROOT', { name: root.name }, 'code');
        continue;
      }
      existing = byCode.get(key);
      if (!existing && elsewhere.has(key)) {
        fail(r.row, ccol, r.code, 'IMPORT_ORG_OUT_OF_SCOPE', { value: r.code, root: root.name }, 'code');
        continue;
      }
    } else if (indented && 'orgId' in parent.ref) {
      const parentId = parent.ref.orgId;
      const norm = normalizeName(r.name);
      existing = orgs.find((o) => o.parent_id === parentId && o.dissolved_on === null && o.name_norm === norm);
    }
    if (inError.has(r.row)) continue;

    if (existing) {
      const o = existing;
      if (o.dissolved_on !== null) {
        fail(r.row, ccol, r.code, 'ORG_DISSOLVED', { name: o.name }, 'code');
        continue;
      }
      if (r.orgType !== null && r.orgType !== o.org_type) {
        fail(r.row, col(r, 'orgType', 'Loại tổ chức'), typed(r, 'orgType'), 'IMPORT_ORG_TYPE_CHANGE', { code: o.code, from: typeLabel(o.org_type), to: typeLabel(r.orgType) }, 'orgType');
        continue;
      }
      const rename: { name?: string; orgKind?: OrgKind | null } = {};
      if (r.name !== o.name) rename.name = r.name;
      if (r.orgKind !== null && r.orgKind !== o.org_kind) rename.orgKind = r.orgKind;
      const parentId = 'orgId' in parent.ref ? parent.ref.orgId : null;
      // Matched by name under its parent, a row cannot say it moved; matched by code, it can.
      const moves = indented && r.code === null ? false : parentId !== o.parent_id;
      const effectiveDate = r.effectiveDate ?? target.today;
      const ecol = col(r, 'effectiveDate', 'Ngày hiệu lực');
      if (moves) {
        if (wouldCycle(o.path, parent.anchorPath)) {
          fail(r.row, pcol, r.parentCode, 'ORG_CYCLE', { name: o.name }, 'parentCode');
          continue;
        }
        if (!guard(r.row, pcol, r.parentCode, () => checkCanContain(parent.type, o.org_type, 'parentCode'))) continue;
      }
      const lastOfOrg = last.get(o.id) ?? null;
      const since = moves && parent.since !== null && (lastOfOrg === null || parent.since > lastOfOrg) ? parent.since : lastOfOrg;
      const changes = Object.keys(rename).length > 0 || moves;
      if (changes && !guard(r.row, ecol, typed(r, 'effectiveDate'), () => checkEffectiveDate(effectiveDate, target.today, since, o, 'effectiveDate'))) continue;
      planned.set(r.row, { type: o.org_type as OrgType, code: o.code, ref: { orgId: o.id }, anchorPath: moves ? parent.anchorPath : o.path, since: changes ? effectiveDate : lastOfOrg });
      if (changes) {
        counts.toUpdate++;
        plans.push({ kind: 'update', row: r.row, orgId: o.id, version: o.version, rename: Object.keys(rename).length > 0 ? rename : null, moveTo: moves ? parent.ref : null, effectiveDate });
      } else {
        counts.unchanged++;
        plans.push({ kind: 'unchanged', row: r.row, orgId: o.id });
      }
      continue;
    }

    // A new org under its parent.
    let code = r.code;
    if (code === null) {
      code = await madeUpCode(db, parent.code, madeCodes, usedUnder);
      if (code === null) {
        fail(r.row, nameHeader, r.name, 'IMPORT_CODE_UNAVAILABLE', { name: r.name }, 'code');
        continue;
      }
    }
    const type = r.orgType ?? orgTypeFromName(r.name, parent.type);
    if (type === null) {
      fail(r.row, col(r, 'orgType', nameHeader), r.name, 'IMPORT_ORG_TYPE_UNKNOWN', { name: r.name }, 'orgType');
      continue;
    }
    const foundedOn = r.foundedOn ?? target.today;
    const input = { code, name: r.name, orgType: type, orgKind: r.orgKind, foundedOn, foundingDecision: r.foundingDecision };
    const parsed = createOrgBody.safeParse({ ...input, parentId: 1 });
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const field = String(issue.path[0] ?? '');
        report(r.row, col(r, field, field), String((input as Record<string, unknown>)[field] ?? ''), new AppError('VALIDATION', { detail: `${field === 'code' ? 'Mã tổ chức' : field === 'name' ? 'Tên tổ chức' : field}: ${issue.message}` }, { field, row: r.row }));
      }
      continue;
    }
    const tcol = col(r, 'orgType', nameHeader);
    if (!guard(r.row, tcol, typed(r, 'orgType') ?? r.name, () => checkCanContain(parent.type, type, 'orgType'))) continue;
    const fcol = col(r, 'foundedOn', 'Ngày thành lập');
    if (!guard(r.row, fcol, typed(r, 'foundedOn'), () => checkEffectiveDate(foundedOn, target.today, parent.since, { name: r.name }, 'foundedOn'))) continue;
    planned.set(r.row, { type, code, ref: { row: r.row }, anchorPath: parent.anchorPath, since: foundedOn });
    counts.new++;
    plans.push({ kind: 'new', row: r.row, parent: parent.ref, input: { ...parsed.data } });
  }
  counts.error = inError.size;
  problems.sort((a, b) => a.row - b.row);
  return { counts, problems, problemCount: problems.length, plans };
}

/**
 * A code for an org the file names without one: the parent's code, a dot and the first free
 * number ("XA-DH.3"). Free among every code in the country and those the file uses.
 */
async function madeUpCode(db: Db, parentCode: string, inFile: Set<string>, cache: Map<string, Set<string>>): Promise<string | null> {
  const prefix = `${parentCode}.`;
  let used = cache.get(prefix.toLowerCase());
  if (!used) cache.set(prefix.toLowerCase(), (used = await repo.codesLike(db, prefix)));
  for (let n = 1; ; n++) {
    const code = `${prefix}${n}`;
    if (code.length > 40) return null;
    if (used.has(code.toLowerCase()) || inFile.has(code.toLowerCase())) continue;
    used.add(code.toLowerCase());
    inFile.add(code.toLowerCase());
    return code;
  }
}
