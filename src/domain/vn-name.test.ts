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
