import { describe, expect, it } from 'vitest';
import { blockIssue, blocksOverlap, formatRecordNo, isValidProvinceCode, isValidRecordNo, nextInBlock, parseRecordNo, recordNoRefusal, remainingInBlock } from './record-no.js';

describe('R-REC-09 record numbers', () => {
  it('R-REC-09: six digits and the 2–3 letter province code', () => {
    expect(formatRecordNo(1, 'HN')).toBe('000001HN');
    expect(formatRecordNo(999_999, 'HCM')).toBe('999999HCM');
    expect(() => formatRecordNo(0, 'HN')).toThrow(RangeError);
    expect(() => formatRecordNo(1_000_000, 'HN')).toThrow(RangeError);
    expect(() => formatRecordNo(1, 'H')).toThrow(RangeError);
    expect(() => formatRecordNo(1, 'HNOI')).toThrow(RangeError);
    expect(isValidProvinceCode('hn')).toBe(false);
  });

  it('R-REC-09: parses and validates', () => {
    expect(parseRecordNo('000123HN')).toEqual({ seq: 123, code: 'HN' });
    expect(parseRecordNo('000123HCM')).toEqual({ seq: 123, code: 'HCM' });
    expect(isValidRecordNo('000000HN')).toBe(false);
    expect(isValidRecordNo('00123HN')).toBe(false);
    expect(isValidRecordNo('0001234HN')).toBe(false);
    expect(isValidRecordNo('000123hn')).toBe(false);
    expect(isValidRecordNo('000123H')).toBe(false);
  });

  it('R-REC-09: sequential within the block, none when it is used up', () => {
    expect(nextInBlock({ firstNo: 101, lastNo: 103, nextNo: 101 })).toBe(101);
    expect(nextInBlock({ firstNo: 101, lastNo: 103, nextNo: 103 })).toBe(103);
    expect(nextInBlock({ firstNo: 101, lastNo: 103, nextNo: 104 })).toBeNull();
    expect(remainingInBlock({ firstNo: 101, lastNo: 103, nextNo: 102 })).toBe(2);
    expect(remainingInBlock({ firstNo: 101, lastNo: 103, nextNo: 104 })).toBe(0);
  });

  it('R-REC-09: blocks of one code never share a number (also across the 2025 merges)', () => {
    expect(blocksOverlap({ firstNo: 1, lastNo: 100 }, { firstNo: 100, lastNo: 200 })).toBe(true);
    expect(blocksOverlap({ firstNo: 1, lastNo: 100 }, { firstNo: 101, lastNo: 200 })).toBe(false);
    expect(blocksOverlap({ firstNo: 50, lastNo: 60 }, { firstNo: 1, lastNo: 100 })).toBe(true);
    expect(blockIssue({ firstNo: 0, lastNo: 10 })).toBe('range');
    expect(blockIssue({ firstNo: 1, lastNo: 1_000_000 })).toBe('range');
    expect(blockIssue({ firstNo: 10, lastNo: 9 })).toBe('order');
    expect(blockIssue({ firstNo: 10, lastNo: 10 })).toBeNull();
  });

  it('R-REC-09: only to members who filed a phiếu, and never a second number', () => {
    expect(recordNoRefusal({ formFiledOn: null, recordNo: null })).toBe('no_form');
    expect(recordNoRefusal({ formFiledOn: '2026-01-02', recordNo: null })).toBeNull();
    expect(recordNoRefusal({ formFiledOn: '2026-01-02', recordNo: '000001HN' })).toBe('has_number');
  });
});
