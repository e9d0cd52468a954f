import { describe, expect, it } from 'vitest';
import { csvField, csvLine } from './csv.js';

describe('csvField', () => {
  it('leaves plain text and numbers as they are', () => {
    expect(csvField('Nguyễn Văn Hùng')).toBe('Nguyễn Văn Hùng');
    expect(csvField(12)).toBe('12');
    expect(csvField(null)).toBe('');
  });

  it('quotes a comma, a quote or a line break, doubling the quotes (RFC 4180)', () => {
    expect(csvField('Thôn 3, xã An Phú')).toBe('"Thôn 3, xã An Phú"');
    expect(csvField('Bí thư "chi bộ"')).toBe('"Bí thư ""chi bộ"""');
    expect(csvField('dòng 1\ndòng 2')).toBe('"dòng 1\ndòng 2"');
    expect(csvField('a\r\nb')).toBe('"a\r\nb"');
  });

  it('turns what a spreadsheet would run as a formula into text (OWASP CSV injection)', () => {
    expect(csvField('=1+1')).toBe("'=1+1");
    expect(csvField('+84 912 345 678')).toBe("'+84 912 345 678");
    expect(csvField('-2')).toBe("'-2");
    expect(csvField('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvField('\t=cmd')).toBe("'\t=cmd");
    // Both at once: the apostrophe goes inside the quotes, where the spreadsheet sees it first.
    expect(csvField('=HYPERLINK("http://x","y")')).toBe(`"'=HYPERLINK(""http://x"",""y"")"`);
    // Only the first character counts.
    expect(csvField('Trần Thị A-B')).toBe('Trần Thị A-B');
  });

  it('ends a line with CRLF', () => {
    expect(csvLine([1, 'a,b', null, '=x'])).toBe(`1,"a,b",,'=x\r\n`);
  });
});
