import { describe, expect, it } from 'vitest';
import { exportColumns } from '../../modules/member/member-export.layout.js';
import { detectHeader, headerKey, isColumnNumberingRow, matchHeader } from './columns.js';
import { CsvRecords, detectDelimiter } from './csv-records.js';
import { readMemberRow } from './member-row.js';
import { decodeText, detectEncoding, encodeTcvn3, encodeWindows1258, TCVN3_HIGH, textDecoder, WINDOWS_1258_HIGH } from './text-decoding.js';
import { excelSerialToIso, parseDate, parseEthnicity, parseFlag, parseIdNumber, parseProfessionalLevel, parseReligion, parseSex, parseTheoryLevel, parseGeneralEducation } from './values.js';

const TODAY = '2026-11-20';
const SAMPLE = 'Họ và tên,Ngày sinh,Quê quán\r\nNguyễn Văn Hùng,05/03/1975,Xã Đông Hưng\r\nTrần Thị Ánh Tuyết,1/2/80,Phường Hải Châu\r\nLê Thị Mỹ Hạnh,tháng 3 năm 1975,Ấp Mỹ Thạnh\r\n';

describe('dates as offices write them (issue 6 item 1)', () => {
  const d = (v: Parameters<typeof parseDate>[0]) => parseDate(v, TODAY);
  it('reads Excel day numbers in the 1900 system, with its phantom 29 February 1900', () => {
    expect(excelSerialToIso(1)).toBe('1900-01-01');
    expect(excelSerialToIso(59)).toBe('1900-02-28');
    expect(excelSerialToIso(60)).toBeNull();
    expect(excelSerialToIso(61)).toBe('1900-03-01');
    expect(excelSerialToIso(27458)).toBe('1975-03-05');
    expect(d(27458)).toEqual({ ok: true, value: '1975-03-05' });
    expect(d('27458')).toEqual({ ok: true, value: '1975-03-05' });
  });
  it('reads dd/mm/yyyy, d/m/yy, yyyy-mm-dd and xlsx date cells', () => {
    expect(d('05/03/1975')).toEqual({ ok: true, value: '1975-03-05' });
    expect(d('5-3-1975')).toEqual({ ok: true, value: '1975-03-05' });
    expect(d('5.3.1975')).toEqual({ ok: true, value: '1975-03-05' });
    expect(d('1/2/80')).toEqual({ ok: true, value: '1980-02-01' });
    expect(d('1/2/26')).toEqual({ ok: true, value: '2026-02-01' });
    expect(d('1/2/27')).toEqual({ ok: true, value: '1927-02-01' });
    expect(d('1975-03-05')).toEqual({ ok: true, value: '1975-03-05' });
    expect(d(new Date(Date.UTC(1975, 2, 5)))).toEqual({ ok: true, value: '1975-03-05' });
  });
  it('reads "tháng 3 năm 1975" and "3/1975" as the first of the month, and a full "ngày … tháng … năm …"', () => {
    expect(d('tháng 3 năm 1975')).toEqual({ ok: true, value: '1975-03-01' });
    expect(d('Tháng 03, năm 1975')).toEqual({ ok: true, value: '1975-03-01' });
    expect(d('thang 3 nam 1975')).toEqual({ ok: true, value: '1975-03-01' });
    expect(d('03/1975')).toEqual({ ok: true, value: '1975-03-01' });
    expect(d('ngày 19 tháng 5 năm 1990')).toEqual({ ok: true, value: '1990-05-19' });
  });
  it('refuses dates that do not exist and text that is no date; empty is no date', () => {
    expect(d('31/02/1980').ok).toBe(false);
    expect(d('1975').ok).toBe(false);
    expect(d('abc').ok).toBe(false);
    expect(d('')).toEqual({ ok: true, value: null });
    expect(d(null)).toEqual({ ok: true, value: null });
  });
});

describe('values mapped to codes (issue 6 item 2)', () => {
  it('reads sex, tick flags, theory and professional levels', () => {
    expect(parseSex('Nam')).toEqual({ ok: true, value: 'male' });
    expect(parseSex('nữ')).toEqual({ ok: true, value: 'female' });
    expect(parseSex('NU')).toEqual({ ok: true, value: 'female' });
    expect(parseSex('khác').ok).toBe(false);
    for (const x of ['x', 'X', '✓', 'có']) expect(parseFlag(x)).toEqual({ ok: true, value: true });
    expect(parseFlag('')).toEqual({ ok: true, value: false });
    const theory: [string, string | null][] = [
      ['Sơ cấp', 'elementary'], ['SC', 'elementary'], ['Trung cấp', 'intermediate'], ['trung cap LLCT', 'intermediate'], ['Cao cấp', 'advanced'],
      ['Cao cấp lý luận chính trị', 'advanced'], ['CC', 'advanced'], ['Cử nhân', 'bachelor'], ['Chưa qua đào tạo', 'none'], ['', null],
    ];
    for (const [text, code] of theory) expect(parseTheoryLevel(text), text).toEqual({ ok: true, value: code });
    expect(parseTheoryLevel('giỏi').ok).toBe(false);
    expect(parseProfessionalLevel('Đại học')).toEqual({ ok: true, value: 'university' });
    expect(parseProfessionalLevel('ThS')).toEqual({ ok: true, value: 'master' });
    expect(parseProfessionalLevel('Tiến sĩ')).toEqual({ ok: true, value: 'doctor' });
  });
  it('maps ethnic group and religion names to their codes, with or without diacritics and hyphens', () => {
    expect(parseEthnicity('Kinh')).toEqual({ ok: true, value: 'kinh' });
    expect(parseEthnicity('Tày')).toEqual({ ok: true, value: 'tay' });
    expect(parseEthnicity("H'Mông")).toEqual({ ok: true, value: 'hmong' });
    expect(parseEthnicity('Ê-đê')).toEqual({ ok: true, value: 'ede' });
    expect(parseEthnicity('bru van kieu')).toEqual({ ok: true, value: 'bru_van_kieu' });
    expect(parseEthnicity('Sao Hỏa').ok).toBe(false);
    expect(parseReligion('Không')).toEqual({ ok: true, value: 'none' });
    expect(parseReligion('Thiên Chúa giáo')).toEqual({ ok: true, value: 'catholicism' });
    expect(parseReligion('Phật giáo Hòa Hảo')).toEqual({ ok: true, value: 'hoahao' });
  });
  it('gives back the leading zeros Excel took from a citizen ID stored as a number', () => {
    expect(parseIdNumber(1096012345, 'citizenId')).toBe('001096012345');
    expect(parseIdNumber(79096012345, 'citizenId')).toBe('079096012345');
    expect(parseIdNumber('001 096 012 345', 'citizenId')).toBe('001 096 012 345');
    expect(parseIdNumber(12345678, 'partyCardNo')).toBe('12345678');
    expect(parseGeneralEducation(new Date(Date.UTC(2026, 11, 9)))).toBe('9/12');
  });
});

describe('text encodings of CSV files (issue 6 item 1)', () => {
  it('holds the Windows-1258 table equal to the platform decoder of that code page', () => {
    const bytes = Uint8Array.from({ length: 128 }, (_, i) => 0x80 + i);
    expect(WINDOWS_1258_HIGH).toBe(new TextDecoder('windows-1258').decode(bytes));
  });
  it('holds a TCVN3 table of 128 distinct entries with every lower-case Vietnamese toned letter', () => {
    expect([...TCVN3_HIGH]).toHaveLength(128);
    expect(new Set(TCVN3_HIGH).size).toBe(128);
    const lower = 'àảãáạăằẳẵắặâầẩẫấậèẻẽéẹêềểễếệìỉĩíịòỏõóọôồổỗốộơờởỡớợùủũúụưừửữứựỳỷỹýỵđ';
    for (const ch of lower) expect(TCVN3_HIGH, ch).toContain(ch);
    // Fixed points of TCVN 5712:1993: á at 0xB8, đ at 0xAE, ự at 0xF9, Đ at 0xA7.
    expect(TCVN3_HIGH[0xb8 - 0x80]).toBe('á');
    expect(TCVN3_HIGH[0xae - 0x80]).toBe('đ');
    expect(TCVN3_HIGH[0xf9 - 0x80]).toBe('ự');
    expect(TCVN3_HIGH[0xa7 - 0x80]).toBe('Đ');
  });
  it('detects UTF-8 with and without BOM, Windows-1258 and TCVN3, and decodes each to the same NFC text', () => {
    const utf8 = new TextEncoder().encode(SAMPLE);
    const bom = Uint8Array.from([0xef, 0xbb, 0xbf, ...utf8]);
    const cp1258 = encodeWindows1258(SAMPLE);
    // TCVN3 has no upper-case toned letters: the sample's capitals are plain or Đ/Ă/Â…
    const tcvnText = SAMPLE.replace('Ánh', 'Anh').replace('Ấp', 'Âp');
    const tcvn = encodeTcvn3(tcvnText);
    expect(detectEncoding(utf8)).toBe('utf-8');
    expect(detectEncoding(bom)).toBe('utf-8');
    expect(detectEncoding(cp1258)).toBe('windows-1258');
    expect(detectEncoding(tcvn)).toBe('tcvn3');
    expect(decodeText(utf8).text).toBe(SAMPLE.normalize('NFC'));
    expect(decodeText(bom).text).toBe(SAMPLE.normalize('NFC'));
    expect(decodeText(cp1258)).toEqual({ encoding: 'windows-1258', text: SAMPLE.normalize('NFC') });
    expect(decodeText(tcvn)).toEqual({ encoding: 'tcvn3', text: tcvnText.normalize('NFC') });
  });
  it('decodes in chunks without splitting a Windows-1258 letter from its tone mark', () => {
    const bytes = encodeWindows1258('Nguyễn Văn Hùng');
    for (let cut = 1; cut < bytes.length; cut++) {
      const d = textDecoder('windows-1258');
      expect(d.write(bytes.subarray(0, cut)) + d.write(bytes.subarray(cut)) + d.end()).toBe('Nguyễn Văn Hùng'.normalize('NFC'));
    }
  });
});

describe('CSV records', () => {
  it('parses quoted fields, doubled quotes, embedded line breaks, CRLF, across chunk boundaries', () => {
    const text = 'a,"b, c","say ""hi"""\r\n"x\ny",2,\r\nlast,1,2';
    for (let cut = 0; cut <= text.length; cut++) {
      const p = new CsvRecords(',');
      const rows = [...p.push(text.slice(0, cut)), ...p.push(text.slice(cut)), ...p.end()];
      expect(rows, `cut ${cut}`).toEqual([['a', 'b, c', 'say "hi"'], ['x\ny', '2', ''], ['last', '1', '2']]);
    }
  });
  it('reads any text as the character-by-character reading of RFC 4180 does, however it is cut', () => {
    // The reading as first written, one character at a time: the reference the sliced one must equal.
    const reference = (text: string) => {
      const rows: string[][] = [];
      let field = '';
      let record: string[] = [];
      let quoted = false;
      let afterQuote = false;
      let lastWasCr = false;
      for (const ch of text) {
        if (lastWasCr) {
          lastWasCr = false;
          if (ch === '\n') continue;
        }
        if (quoted) {
          if (ch === '"') [quoted, afterQuote] = [false, true];
          else field += ch;
          continue;
        }
        if (ch === '"') {
          if (afterQuote) field += '"';
          [quoted, afterQuote] = [true, false];
          continue;
        }
        afterQuote = false;
        if (ch === ',') [record, field] = [[...record, field], ''];
        else if (ch === '\n' || ch === '\r') {
          lastWasCr = ch === '\r';
          rows.push([...record, field]);
          [record, field] = [[], ''];
        } else field += ch;
      }
      if (field !== '' || record.length > 0) rows.push([...record, field]);
      return rows;
    };
    let seed = 7;
    const random = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed % n);
    const alphabet = ['a', 'Ư', 'bc', ',', '"', '\r', '\n', '\r\n', ';', ' '];
    for (let t = 0; t < 400; t++) {
      const text = Array.from({ length: random(40) }, () => alphabet[random(alphabet.length)]).join('');
      const cuts = [0, random(text.length + 1), random(text.length + 1), text.length].sort((a, b) => a - b);
      const p = new CsvRecords(',');
      const rows = cuts.slice(1).flatMap((c, i) => p.push(text.slice(cuts[i], c)));
      expect([...rows, ...p.end()], JSON.stringify(text)).toEqual(reference(text));
    }
  });
  it('detects a semicolon or tab delimiter', () => {
    expect(detectDelimiter('Họ và tên;Ngày sinh;Giới tính\nA;B;C')).toBe(';');
    expect(detectDelimiter('a\tb\tc')).toBe('\t');
    expect(detectDelimiter('a,b;c,d')).toBe(',');
  });
});

describe('header row and column matching (issue 6 item 2)', () => {
  it('matches the headers of issue 6 and their English names, with or without diacritics', () => {
    const cases: [string, string][] = [
      ['Họ và tên', 'fullName'], ['Ho ten', 'fullName'], ['HỌ VÀ TÊN', 'fullName'], ['Full name', 'fullName'],
      ['Ngày sinh', 'birthDate'], ['Số CCCD', 'citizenId'], ['So CCCD', 'citizenId'], ['Số thẻ đảng', 'partyCardNo'],
      ['Ngày vào Đảng', 'admissionDate'], ['Ngày chính thức', 'officialDate'], ['Dân tộc', 'ethnicity'], ['Tôn giáo', 'religion'],
      ['Trình độ LLCT', 'theoryLevel'], ['Chi bộ', 'orgName'], ['Ngày sinh (dd/mm/yyyy)', 'birthDate'], ['(2) Họ và tên:', 'fullName'],
    ];
    for (const [h, f] of cases) expect(matchHeader(h), h).toBe(f);
    expect(matchHeader('Sở thích')).toBeNull();
    expect(headerKey('  Số  CCCD ')).toBe('so cccd');
  });
  it('matches every header of our own export, so an exported list imports back', () => {
    for (const c of exportColumns(true)) if (c.field !== null) expect(matchHeader(c.header), c.header).not.toBeNull();
  });
  it('uses a saved mapping before the built-in names, and can ignore a column', () => {
    expect(matchHeader('Tên chi bộ sinh hoạt', { 'ten chi bo sinh hoat': 'orgName' })).toBe('orgName');
    expect(matchHeader('Quê quán', { 'que quan': null })).toBeNull();
  });
  it('finds the header below title rows, and a two-row header with merged cells', () => {
    const rows = [
      ['ĐẢNG BỘ XÃ ĐÔNG HƯNG'],
      ['DANH SÁCH ĐẢNG VIÊN'],
      [],
      ['STT', 'Họ và tên', 'Ngày sinh', '', 'Quê quán', 'Ngày vào Đảng', '', 'Số CCCD'],
      ['', '', 'Nam', 'Nữ', '', 'Dự bị', 'Chính thức', ''],
      ['(1)', '(2)', '(3)', '(4)', '(5)', '(6)', '(7)', '(8)'],
      ['1', 'Nguyễn Văn An', '05/03/1975', '', 'Thái Bình', '01/02/2000', '01/02/2001', '034075001234'],
    ];
    const h = detectHeader(rows)!;
    expect(h.row).toBe(3);
    expect(h.rows).toBe(2);
    expect(h.columns.map((c) => c.field)).toEqual(['rowNo', 'fullName', 'birthDateMale', 'birthDateFemale', 'hometown', 'admissionDate', 'officialDate', 'citizenId']);
    expect(isColumnNumberingRow(rows[5]!)).toBe(true);
    expect(isColumnNumberingRow(rows[6]!)).toBe(false);
    const r = readMemberRow(rows[6]!, h.columns, TODAY);
    expect(r.draft).toMatchObject({ fullName: 'Nguyễn Văn An', sex: 'male', birthDate: '1975-03-05', admissionDate: '2000-02-01', officialDate: '2001-02-01', status: 'official', statusSince: '2001-02-01' });
  });
  it('finds a one-row header at the top, ExcelJS giving a merged cell its master value in every cell', () => {
    const h = detectHeader([['Họ và tên', 'Giới tính', 'Ngày sinh', 'Chi bộ'], ['Lê Thị Hoa', 'Nữ', '1/2/1990', 'Chi bộ 1']])!;
    expect(h).toMatchObject({ row: 0, rows: 1 });
    expect(detectHeader([['a', 'b'], ['c', 'd']])).toBeNull();
  });
  it('reports a value it cannot read with its column, and leaves required fields to the member validation', () => {
    const h = detectHeader([['Họ và tên', 'Giới tính', 'Ngày sinh', 'Dân tộc']])!;
    const r = readMemberRow(['Lê Thị Hoa', 'Nữ', '31/02/1990', 'Sao Hỏa'], h.columns, TODAY);
    expect(r.problems.map((p) => p.column)).toEqual(['Ngày sinh', 'Dân tộc']);
    expect(r.draft.birthDate).toBeUndefined();
    expect(r.draft.status).toBeUndefined();
  });
});
