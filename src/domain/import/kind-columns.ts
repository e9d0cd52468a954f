import { headerKey, HEADER_SEARCH_ROWS, IMPORT_FIELDS, type ColumnOverrides } from './columns.js';
import { cellText, type RawCell } from './values.js';

// The columns of the other kinds of import (issue 6 item 6): org trees and yearly admission
// targets. Same header rules as the member lists (columns.ts): the header anywhere in the first
// rows, one row or two (a merged group over its sub-headers), Vietnamese or English names with or
// without diacritics, a saved template overriding the guess. Pure.

export const IMPORT_KINDS = ['members', 'orgs', 'targets'] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];

export const ORG_IMPORT_FIELDS = ['rowNo', 'note', 'code', 'parentCode', 'name', 'orgType', 'orgKind', 'foundedOn', 'foundingDecision', 'effectiveDate'] as const;
export type OrgImportField = (typeof ORG_IMPORT_FIELDS)[number];

export const TARGET_IMPORT_FIELDS = ['rowNo', 'note', 'orgCode', 'orgName', 'year', 'target'] as const;
export type TargetImportField = (typeof TARGET_IMPORT_FIELDS)[number];

/** Every field any kind has: what a job's column may be mapped to (each kind checks its own). */
export const ALL_IMPORT_FIELDS = [...new Set<string>([...IMPORT_FIELDS, ...ORG_IMPORT_FIELDS, ...TARGET_IMPORT_FIELDS])] as [string, ...string[]];

const ORG_ALIASES: Record<OrgImportField, string[]> = {
  rowNo: ['stt', 'tt', 'so tt', 'so thu tu', 'no'],
  note: ['ghi chu', 'note', 'notes'],
  code: ['ma to chuc', 'ma', 'ma so', 'ma don vi', 'ma to chuc dang', 'ma chi bo', 'ma dang bo', 'code', 'org code'],
  parentCode: ['ma cap tren', 'ma to chuc cap tren', 'ma cap tren truc tiep', 'ma dang bo cap tren', 'ma don vi cap tren', 'truc thuoc ma', 'parent code', 'parent'],
  name: ['ten to chuc', 'ten to chuc dang', 'ten', 'to chuc dang', 'to chuc', 'ten chi bo', 'ten dang bo', 'ten don vi', 'don vi', 'name', 'org name'],
  orgType: ['loai to chuc', 'cap to chuc', 'loai', 'cap', 'type', 'org type'],
  orgKind: ['loai hinh', 'loai hinh to chuc', 'loai hinh tccs', 'loai hinh to chuc co so dang', 'kind', 'org kind'],
  foundedOn: ['ngay thanh lap', 'thanh lap', 'ngay thanh lap to chuc', 'founded on', 'founded'],
  foundingDecision: ['so quyet dinh thanh lap', 'quyet dinh thanh lap', 'so quyet dinh', 'quyet dinh', 'founding decision', 'decision'],
  effectiveDate: ['ngay hieu luc', 'hieu luc tu ngay', 'effective date'],
};

const TARGET_ALIASES: Record<TargetImportField, string[]> = {
  rowNo: ['stt', 'tt', 'so tt', 'so thu tu', 'no'],
  note: ['ghi chu', 'note', 'notes'],
  orgCode: ['ma to chuc', 'ma', 'ma don vi', 'ma chi bo', 'ma dang bo', 'org code'],
  orgName: ['ten to chuc', 'to chuc dang', 'to chuc', 'ten chi bo', 'chi bo', 'ten dang bo', 'dang bo', 'don vi', 'ten don vi', 'org', 'org name'],
  year: ['nam', 'nam ke hoach', 'nam giao chi tieu', 'year'],
  target: ['chi tieu', 'chi tieu ket nap', 'chi tieu ket nap dang vien', 'chi tieu ket nap dang vien moi', 'so chi tieu', 'so dang vien ket nap', 'target', 'admission target'],
};

export interface KindSpec {
  fields: readonly string[];
  /** A header must name this field (the one a row cannot do without) to be taken as the header. */
  required: string;
  byKey: Map<string, string>;
}

function spec(aliases: Record<string, string[]>, required: string): KindSpec {
  const byKey = new Map<string, string>();
  for (const [field, keys] of Object.entries(aliases)) for (const k of keys) byKey.set(k, field);
  return { fields: Object.keys(aliases), required, byKey };
}

export const KIND_SPECS = { orgs: spec(ORG_ALIASES, 'name'), targets: spec(TARGET_ALIASES, 'target') } as const;

export interface KindColumn {
  index: number;
  header: string;
  field: string | null;
}

export interface KindLayout {
  row: number;
  rows: 1 | 2;
  columns: KindColumn[];
}

function match(s: KindSpec, header: string, overrides: ColumnOverrides): string | null {
  const k = headerKey(header);
  if (k === '') return null;
  if (k in overrides) return overrides[k] ?? null;
  return s.byKey.get(k) ?? null;
}

function dedupe(cols: KindColumn[]): KindColumn[] {
  const seen = new Set<string>();
  return cols.map((c) => {
    if (c.field === null) return c;
    if (seen.has(c.field)) return { ...c, field: null };
    seen.add(c.field);
    return c;
  });
}

const texts = (row: readonly RawCell[] | undefined) => (row ?? []).map((c) => cellText(c));

/** A top cell merged over several sub-headers names their group; the group joined to each sub-header is tried first. */
function twoRows(s: KindSpec, top: string[], sub: string[], overrides: ColumnOverrides): KindColumn[] {
  const width = Math.max(top.length, sub.length);
  const cols: KindColumn[] = [];
  let group = '';
  for (let index = 0; index < width; index++) {
    const t = top[index] ?? '';
    const b = sub[index] ?? '';
    if (t !== '') group = b !== '' ? t : '';
    const upper = t !== '' ? t : b !== '' ? group : '';
    if (b === '') {
      cols.push({ index, header: upper, field: match(s, upper, overrides) });
      continue;
    }
    const header = upper === '' ? b : `${upper} / ${b}`;
    cols.push({ index, header, field: (upper === '' ? null : match(s, `${upper} ${b}`, overrides)) ?? match(s, b, overrides) ?? (upper === '' ? null : match(s, upper, overrides)) });
  }
  return dedupe(cols);
}

function score(s: KindSpec, cols: KindColumn[]): number {
  const fields = new Set(cols.flatMap((c) => (c.field === null || c.field === 'rowNo' || c.field === 'note' ? [] : [c.field])));
  return fields.has(s.required) ? fields.size : 0;
}

/** The header among the first rows for a kind: the row (or pair) naming most of its fields, the required one among them. */
export function detectKindHeader(s: KindSpec, rows: readonly (readonly RawCell[])[], overrides: ColumnOverrides = {}): KindLayout | null {
  let best: KindLayout | null = null;
  // A tree given as indented names may have a single column: one field is enough.
  let bestScore = 0;
  const n = Math.min(rows.length, HEADER_SEARCH_ROWS);
  for (let i = 0; i < n; i++) {
    const top = texts(rows[i]);
    const single = dedupe(top.map((h, index) => ({ index, header: h, field: match(s, h, overrides) })));
    const s1 = score(s, single);
    if (s1 > bestScore) {
      best = { row: i, rows: 1, columns: single };
      bestScore = s1;
    }
    if (i + 1 < rows.length) {
      const pair = twoRows(s, top, texts(rows[i + 1]), overrides);
      const s2 = score(s, pair);
      const next = texts(rows[i + 1]);
      if (s2 > bestScore && s2 > score(s, dedupe(next.map((h, index) => ({ index, header: h, field: match(s, h, overrides) }))))) {
        best = { row: i, rows: 2, columns: pair };
        bestScore = s2;
      }
    }
  }
  return best;
}
