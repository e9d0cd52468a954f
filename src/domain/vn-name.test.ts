import { describe, expect, it } from 'vitest';
import { nameSortKey, normalizeName, searchWords, tidyFullName } from './vn-name.js';

describe('normalizeName', () => {
  it('gives one key for the same name typed with or without diacritics, in any case', () => {
    const key = 'nguyen van hung';
    expect(normalizeName('Nguyễn Văn Hùng')).toBe(key);
    expect(normalizeName('nguyen van hung')).toBe(key);
    expect(normalizeName('NGUYEN VAN HUNG')).toBe(key);
    expect(normalizeName('NGUYỄN VĂN HÙNG')).toBe(key);
  });

  it('maps đ and Đ to d, which NFD alone does not decompose', () => {
    expect(normalizeName('Đặng Đình Đức')).toBe('dang dinh duc');
    expect(normalizeName('đ')).toBe('d');
  });

  it('strips every tone and vowel mark, precomposed or combining', () => {
    expect(normalizeName('Phạm Thị Ánh Tuyết')).toBe('pham thi anh tuyet');
    expect(normalizeName('Huỳnh Ngọc Ẩn')).toBe('huynh ngoc an');
    expect(normalizeName('Lê Thị Hương'.normalize('NFD'))).toBe('le thi huong');
  });

  it('collapses and trims white space, tabs and non-breaking spaces included', () => {
    expect(normalizeName('  Trần \t Thị\u00a0 Lan  ')).toBe('tran thi lan');
  });
});

describe('nameSortKey', () => {
  it('orders by given name first, as Vietnamese lists do', () => {
    const names = ['Lê Thị Bình', 'Trần Văn An', 'Nguyễn Văn Hùng', 'Đặng Thị Hoa'];
    const sorted = [...names].sort((a, b) => (nameSortKey(a) < nameSortKey(b) ? -1 : 1));
    expect(sorted).toEqual(['Trần Văn An', 'Lê Thị Bình', 'Đặng Thị Hoa', 'Nguyễn Văn Hùng']);
  });
});

describe('searchWords', () => {
  it('keeps only letters and digits of each normalized word', () => {
    expect(searchWords(' Nguyễn  Văn-Hùng! ')).toEqual(['nguyen', 'vanhung']);
    expect(searchWords("dang & 'x':*")).toEqual(['dang', 'x']);
    expect(searchWords('   ')).toEqual([]);
  });
});

describe('tidyFullName', () => {
  it('capitalises each word and composes the characters (NFC)', () => {
    expect(tidyFullName('  nguyễn   văn hùng ')).toBe('Nguyễn Văn Hùng');
    expect(tidyFullName('ĐẶNG THỊ HOA'.normalize('NFD'))).toBe('Đặng Thị Hoa');
  });
});

describe('normalizeName word by word', () => {
  // v1 as first written: the whole string at once. Reading word by word must answer the same.
  const wholeString = (input: string) =>
    input
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      .replace(/[đĐ]/g, 'd')
      .toLowerCase()
      .replace(/\s+/g, ' ')
      .trim();

  it('answers what the whole-string reading answers, odd white space and stray marks included', () => {
    const inputs = [
      'Nguyễn Văn Hùng',
      '  ĐẶNG\tTHỊ\u00a0HOA \n',
      'a \u0301 b',
      '\u0301',
      'Lê\u2003Thị  Bình',
      'İstanbul Ưng',
      'Hồ Chí Minh'.normalize('NFD'),
      '',
      '   ',
    ];
    for (const s of inputs) expect(normalizeName(s), JSON.stringify(s)).toBe(wholeString(s));
  });

  it('answers the same the second time (the word cache) and for many distinct words', () => {
    for (let i = 0; i < 3; i++) expect(normalizeName('Trần Đức Lương')).toBe('tran duc luong');
    for (let i = 0; i < 60_000; i++) expect(normalizeName(`Ánh${i}`)).toBe(`anh${i}`);
  });
});
