import { ORG_KINDS, ORG_TYPES, type OrgKind, type OrgType } from '../org-type.js';
import { normalizeName } from '../vn-name.js';
import type { Parsed, RawCell } from './values.js';
import { cellText } from './values.js';

// Org trees as offices list them (issue 6 item 6): either a code and the parent's code on each
// row, or one column of names whose indentation or leading numbering ("1.", "1.1", "1.1.2")
// gives the tree. Reading the cells, finding each row's parent and the order to create them in,
// and the cycles and unknown parents that make a file unusable. Pure (R-ORG-03 for the types).

const ok = <T>(value: T): Parsed<T> => ({ ok: true, value });
const fail = <T>(reason: string): Parsed<T> => ({ ok: false, reason });

/** Type names as lists write them (no diacritics, lower case) → the glossary's org type. */
const TYPE_WORDS: [string, OrgType][] = [
  ['dang bo tinh', 'province'],
  ['dang bo thanh pho', 'province'],
  ['cap tren co so', 'superior'],
  ['cap tren truc tiep', 'superior'],
  ['dang bo cap tren co so', 'superior'],
  ['dang bo co so', 'grassroots_committee'],
  ['dang uy co so', 'grassroots_committee'],
  ['chi bo co so', 'grassroots_cell'],
  ['dang bo bo phan', 'section'],
  ['chi bo truc thuoc', 'cell'],
  ['chi bo', 'cell'],
  ['to dang', 'group'],
];

/** An org type cell: the glossary name ("grassroots_cell") or its Vietnamese name ("Chi bộ cơ sở"). */
export function parseOrgType(v: RawCell): Parsed<OrgType | null> {
  const t = cellText(v);
  if (t === '') return ok(null);
  if ((ORG_TYPES as readonly string[]).includes(t)) return ok(t as OrgType);
  const k = normalizeName(t).replace(/[^a-z0-9]+/g, ' ').trim();
  const hit = TYPE_WORDS.find(([w]) => k === w);
  return hit ? ok(hit[1]) : fail('không phải loại tổ chức (đảng bộ cơ sở, chi bộ cơ sở, đảng bộ bộ phận, chi bộ, tổ đảng, cấp trên cơ sở)');
}

const KIND_WORDS: [string, OrgKind][] = [
  ['xa phuong dac khu', 'commune'],
  ['xa', 'commune'],
  ['phuong', 'commune'],
  ['dac khu', 'commune'],
  ['co quan hanh chinh', 'administrative'],
  ['don vi su nghiep', 'public_service'],
  ['doanh nghiep nha nuoc', 'state_enterprise'],
  ['doanh nghiep ngoai nha nuoc', 'private_enterprise'],
  ['luc luong vu trang', 'armed_forces'],
  ['quan doi', 'armed_forces'],
  ['cong an', 'armed_forces'],
  ['ngoai nuoc', 'overseas'],
  ['thon', 'village'],
  ['to dan pho', 'village'],
  ['thon to dan pho', 'village'],
];

/** A grassroots kind cell (R-ORG-19): the code or the Vietnamese words. */
export function parseOrgKind(v: RawCell): Parsed<OrgKind | null> {
  const t = cellText(v);
  if (t === '') return ok(null);
  if ((ORG_KINDS as readonly string[]).includes(t)) return ok(t as OrgKind);
  const k = normalizeName(t).replace(/[^a-z0-9]+/g, ' ').trim();
  const hit = KIND_WORDS.find(([w]) => k === w);
  return hit ? ok(hit[1]) : fail('không phải loại hình tổ chức cơ sở đảng (R-ORG-19)');
}

/**
 * The type an org's name says under a parent of a known type (R-ORG-03), for lists without a
 * type column: "Tổ đảng …" a group; "Đảng bộ bộ phận …" a section; "Chi bộ …" a cell inside a
 * đảng bộ cơ sở, else a chi bộ cơ sở; "Đảng bộ xã/phường/đặc khu …" under a province a superior
 * (R-ORG-02); another "Đảng bộ …" a section inside a đảng bộ cơ sở, else a đảng bộ cơ sở.
 */
export function orgTypeFromName(name: string, parentType: OrgType): OrgType | null {
  const k = normalizeName(name);
  const inGrassroots = parentType === 'grassroots_committee' || parentType === 'section';
  if (k.startsWith('to dang')) return 'group';
  if (k.startsWith('dang bo bo phan')) return 'section';
  if (k.startsWith('chi bo')) return inGrassroots ? 'cell' : 'grassroots_cell';
  if (k.startsWith('dang bo') || k.startsWith('dang uy')) {
    if (parentType === 'grassroots_committee') return 'section';
    if (/^dang (bo|uy) (xa|phuong|dac khu)\b/.test(k) && (parentType === 'province' || parentType === 'central')) return 'superior';
    return 'grassroots_committee';
  }
  return null;
}

// ---- the tree as indented names -------------------------------------------------------------------

export interface IndentedLine {
  row: number;
  /** The cell as the file holds it, leading spaces kept. */
  raw: string;
}

export interface IndentedItem {
  row: number;
  name: string;
  /** 1 for the first level under the import's org. */
  depth: number;
  /** The row of the parent in the file; null: directly under the import's org. */
  parentRow: number | null;
}

export interface IndentedTree {
  items: IndentedItem[];
  problems: { row: number; value: string; reason: string }[];
}

/** "1.", "1.2", "1.2.3", "1)" or "1.2." then the name; roman and letter numbering are not levels. */
const NUMBERING = /^(\d+(?:\.\d+)*)[.)]?\s+(?=\S)/;
const BULLET = /^[-+*•–]\s*/;

const widthOf = (lead: string) => [...lead].reduce((w, c) => w + (c === '\t' ? 4 : 1), 0);

/**
 * The tree a column of names gives: by leading numbering when every line has one ("1.1" is
 * under "1"), else by indentation (leading spaces or tabs, a line indented more than the one
 * above is its child, back to an earlier width is that level again). A numbering whose parent
 * is missing, or an indentation that matches no open level, is a problem of that row.
 */
export function indentedTree(lines: readonly IndentedLine[]): IndentedTree {
  const items: IndentedItem[] = [];
  const problems: IndentedTree['problems'] = [];
  const byNumber = lines.every((l) => NUMBERING.test(l.raw.trim()));
  if (byNumber) {
    const rowOf = new Map<string, number>();
    for (const l of lines) {
      const text = l.raw.trim();
      const m = NUMBERING.exec(text)!;
      const number = m[1]!;
      const name = text.slice(m[0].length).replace(BULLET, '').trim();
      const parts = number.split('.');
      const parentNumber = parts.slice(0, -1).join('.');
      if (rowOf.has(number)) {
        problems.push({ row: l.row, value: text, reason: `số thứ tự ${number} đã dùng ở dòng ${rowOf.get(number)}` });
        continue;
      }
      const parentRow = parentNumber === '' ? null : rowOf.get(parentNumber);
      if (parentRow === undefined) {
        problems.push({ row: l.row, value: text, reason: `không có dòng số ${parentNumber} đứng trên để làm cấp trên` });
        continue;
      }
      rowOf.set(number, l.row);
      items.push({ row: l.row, name, depth: parts.length, parentRow });
    }
    return { items, problems };
  }
  // By indentation: a stack of the open levels' widths and rows.
  const open: { width: number; row: number }[] = [];
  let base: number | null = null;
  for (const l of lines) {
    const lead = /^\s*/.exec(l.raw)![0];
    const text = l.raw.slice(lead.length).replace(BULLET, '').trim();
    const width = widthOf(lead);
    base ??= width;
    let closed = false;
    while (open.length > 0 && open[open.length - 1]!.width > width) {
      open.pop();
      closed = true;
    }
    const top = open[open.length - 1];
    if (top && top.width === width) open.pop();
    else if (width < base || (closed && (top === undefined || top.width < width))) {
      // Back out to a width no level above used: which level is meant cannot be told.
      problems.push({ row: l.row, value: l.raw, reason: 'thụt lề không khớp cấp nào ở trên' });
      continue;
    }
    const parent = open[open.length - 1];
    items.push({ row: l.row, name: text, depth: open.length + 1, parentRow: parent?.row ?? null });
    open.push({ width, row: l.row });
  }
  return { items, problems };
}

// ---- order of creation and cycles -------------------------------------------------------------------

export interface TreeRow {
  row: number;
  /** The row's own key (its code, lower case). */
  key: string;
  /** The parent's key; null: directly under the import's org. */
  parentKey: string | null;
}

export interface TreeOrder {
  /** Rows in an order where every parent in the file comes before its children. */
  order: number[];
  /** Rows whose parents go round in a circle (A under B, B under A), with the circle's rows. */
  cycles: { row: number; through: number[] }[];
  /** Rows under a cycle: their parent can never be made. */
  blocked: number[];
}

/**
 * The order to create a file's orgs in (parents first), and the rows caught in a cycle of
 * parent codes. A parent not in the file is outside this function (the database has it or not).
 */
export function treeOrder(rows: readonly TreeRow[]): TreeOrder {
  const byKey = new Map(rows.map((r) => [r.key, r]));
  const state = new Map<number, 'visiting' | 'done' | 'cycle'>();
  const order: number[] = [];
  const cycles: TreeOrder['cycles'] = [];
  const blocked: number[] = [];
  for (const start of rows) {
    if (state.has(start.row)) continue;
    // Walk up the parents until a row already placed, one outside the file, or a row on this walk.
    const walk: TreeRow[] = [];
    let cur: TreeRow | undefined = start;
    while (cur && !state.has(cur.row)) {
      state.set(cur.row, 'visiting');
      walk.push(cur);
      cur = cur.parentKey === null ? undefined : byKey.get(cur.parentKey);
    }
    const hit = cur ? state.get(cur.row) : undefined;
    let cutAt = walk.length;
    if (cur && hit === 'visiting') {
      const i = walk.indexOf(cur);
      const circle = walk.slice(i).map((r) => r.row);
      for (const r of walk.slice(i)) {
        state.set(r.row, 'cycle');
        cycles.push({ row: r.row, through: circle });
      }
      cutAt = i;
    }
    const isBlocked = hit === 'cycle' || (cur !== undefined && hit === 'visiting');
    // Rows below a cycle cannot be placed either.
    for (let i = cutAt - 1; i >= 0; i--) {
      const r = walk[i]!;
      if (isBlocked) {
        state.set(r.row, 'cycle');
        blocked.push(r.row);
      } else {
        state.set(r.row, 'done');
        order.push(r.row);
      }
    }
  }
  return { order, cycles, blocked };
}
