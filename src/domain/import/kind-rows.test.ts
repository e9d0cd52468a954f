import { describe, expect, it } from 'vitest';
import { detectKindHeader, KIND_SPECS } from './kind-columns.js';
import { indentedTree, orgTypeFromName, parseOrgKind, parseOrgType, treeOrder } from './org-row.js';
import { parseTargetNumber, parseTargetYear } from './target-row.js';

// The pure reading of org trees and admission targets (issue 6 item 6).

const lines = (...raw: string[]) => raw.map((r, i) => ({ row: i + 2, raw: r }));

describe('indentedTree: a tree given as one column of names', () => {
  it('reads leading numbering "1.", "1.1", "1.1.2" as levels, the parent being the number without its last part', () => {
    const t = indentedTree(lines('1. Đảng bộ A', '1.1. Chi bộ A1', '1.1.1 Tổ đảng A1a', '1.2 Chi bộ A2', '2) Chi bộ B'));
    expect(t.problems).toEqual([]);
    expect(t.items.map((i) => [i.name, i.depth, i.parentRow])).toEqual([
      ['Đảng bộ A', 1, null],
      ['Chi bộ A1', 2, 2],
      ['Tổ đảng A1a', 3, 3],
      ['Chi bộ A2', 2, 2],
      ['Chi bộ B', 1, null],
    ]);
  });

  it('names a numbering whose parent is missing, or a number used twice', () => {
    const t = indentedTree(lines('1. A', '2.3 B', '1. C'));
    expect(t.problems.map((p) => p.row)).toEqual([3, 4]);
    expect(t.problems[0]!.reason).toContain('không có dòng số 2');
    expect(t.problems[1]!.reason).toContain('đã dùng ở dòng 2');
  });

  it('reads indentation (spaces, tabs, bullets): deeper is a child, back to an earlier width is that level again', () => {
    const t = indentedTree(lines('Đảng bộ A', '  - Chi bộ A1', '\tTổ đảng?', '  Chi bộ A2', 'Chi bộ B', '    Tổ đảng B1'));
    expect(t.items.map((i) => [i.name, i.depth, i.parentRow])).toEqual([
      ['Đảng bộ A', 1, null],
      ['Chi bộ A1', 2, 2],
      ['Tổ đảng?', 3, 3],
      ['Chi bộ A2', 2, 2],
      ['Chi bộ B', 1, null],
      ['Tổ đảng B1', 2, 6],
    ]);
  });

  it('refuses a line that backs out to a width no level above used', () => {
    const t = indentedTree(lines('A', '    B', '  C'));
    expect(t.problems).toEqual([{ row: 4, value: '  C', reason: 'thụt lề không khớp cấp nào ở trên' }]);
  });
});

describe('treeOrder: parents first, cycles found', () => {
  it('orders every row after its parent in the file, whatever the file order', () => {
    const o = treeOrder([
      { row: 2, key: 'c', parentKey: 'b' },
      { row: 3, key: 'b', parentKey: 'a' },
      { row: 4, key: 'a', parentKey: null },
      { row: 5, key: 'd', parentKey: 'outside' },
    ]);
    expect(o.order).toEqual([4, 3, 2, 5]);
    expect(o.cycles).toEqual([]);
  });

  it('names the rows of a cycle (A under B under A, and an org under itself) and the rows under a cycle', () => {
    const o = treeOrder([
      { row: 2, key: 'a', parentKey: 'b' },
      { row: 3, key: 'b', parentKey: 'a' },
      { row: 4, key: 'c', parentKey: 'a' },
      { row: 5, key: 'self', parentKey: 'self' },
      { row: 6, key: 'ok', parentKey: null },
    ]);
    expect(o.cycles.map((c) => c.row).sort()).toEqual([2, 3, 5]);
    expect(o.cycles.find((c) => c.row === 2)!.through.sort()).toEqual([2, 3]);
    expect(o.blocked).toEqual([4]);
    expect(o.order).toEqual([6]);
  });
});

describe('R-ORG-03 R-ORG-19 org types and kinds as lists write them', () => {
  it('reads the Vietnamese names and the glossary codes', () => {
    expect(parseOrgType('Đảng bộ cơ sở')).toEqual({ ok: true, value: 'grassroots_committee' });
    expect(parseOrgType('chi bo co so')).toEqual({ ok: true, value: 'grassroots_cell' });
    expect(parseOrgType('Tổ đảng')).toEqual({ ok: true, value: 'group' });
    expect(parseOrgType('section')).toEqual({ ok: true, value: 'section' });
    expect(parseOrgType('Ban chấp hành').ok).toBe(false);
    expect(parseOrgKind('Doanh nghiệp ngoài nhà nước')).toEqual({ ok: true, value: 'private_enterprise' });
    expect(parseOrgKind('Thôn, tổ dân phố')).toEqual({ ok: true, value: 'village' });
    expect(parseOrgKind('Hợp tác xã').ok).toBe(false);
  });

  it('R-ORG-03 R-ORG-02 tells the type from the name under a parent of a known type', () => {
    expect(orgTypeFromName('Chi bộ Thôn Đông', 'superior')).toBe('grassroots_cell');
    expect(orgTypeFromName('Chi bộ Phân xưởng 1', 'grassroots_committee')).toBe('cell');
    expect(orgTypeFromName('Chi bộ Khoa Nội', 'section')).toBe('cell');
    expect(orgTypeFromName('Đảng bộ Công ty May', 'superior')).toBe('grassroots_committee');
    expect(orgTypeFromName('Đảng bộ bộ phận Khối sản xuất', 'grassroots_committee')).toBe('section');
    expect(orgTypeFromName('Đảng bộ xã Đông Hưng', 'province')).toBe('superior');
    expect(orgTypeFromName('Tổ đảng Xóm 1', 'grassroots_cell')).toBe('group');
    expect(orgTypeFromName('Ban Tuyên giáo', 'superior')).toBeNull();
  });
});

describe('target values', () => {
  it('reads a year and a number of members as offices type them', () => {
    expect(parseTargetYear(2026)).toEqual({ ok: true, value: 2026 });
    expect(parseTargetYear('Năm 2025')).toEqual({ ok: true, value: 2025 });
    expect(parseTargetYear('26').ok).toBe(false);
    expect(parseTargetYear('1800').ok).toBe(false);
    expect(parseTargetNumber(12)).toEqual({ ok: true, value: 12 });
    expect(parseTargetNumber('1.200')).toEqual({ ok: true, value: 1200 });
    expect(parseTargetNumber('-2').ok).toBe(false);
    expect(parseTargetNumber(2.5).ok).toBe(false);
    expect(parseTargetNumber('sáu').ok).toBe(false);
  });
});

describe('detectKindHeader', () => {
  it('finds an org header under title rows, with or without diacritics', () => {
    const l = detectKindHeader(KIND_SPECS.orgs, [['DANH SÁCH TỔ CHỨC'], [], ['STT', 'Ma to chuc', 'Ten to chuc dang', 'Ma cap tren']]);
    expect(l).toMatchObject({ row: 2, rows: 1 });
    expect(l!.columns.map((c) => c.field)).toEqual(['rowNo', 'code', 'name', 'parentCode']);
  });

  it('reads a group merged over its sub-headers ("Tổ chức đảng" over Mã | Tên)', () => {
    const l = detectKindHeader(KIND_SPECS.targets, [['STT', 'Tổ chức đảng', '', 'Năm', 'Chỉ tiêu kết nạp'], ['', 'Mã', 'Tên', '', '']]);
    expect(l).toMatchObject({ row: 0, rows: 2 });
    expect(l!.columns.map((c) => c.field)).toEqual(['rowNo', 'orgCode', 'orgName', 'year', 'target']);
  });

  it('needs the kind\'s one indispensable column', () => {
    expect(detectKindHeader(KIND_SPECS.targets, [['Mã tổ chức', 'Năm']])).toBeNull();
    expect(detectKindHeader(KIND_SPECS.orgs, [['Họ và tên', 'Ngày sinh']])).toBeNull();
  });
});
