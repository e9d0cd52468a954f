import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { MemberDraft } from '../../domain/import/member-row.js';
import { createMemberBody } from '../member/member.schema.js';
import { parseMemberBody } from './import.member-body.js';

// The import decides a row's validity field by field (import.member-body.ts); the API decides
// it with the whole create body. Over a corpus of good and bad values of every field, and each
// asked twice (the second answer remembered), both must say the same: valid or not, the same
// data in the same key order, the same issues.

z.config(z.locales.vi());

const GOOD: MemberDraft = {
  fullName: 'Nguyễn Văn An',
  sex: 'male',
  birthDate: '1975-03-05',
  status: 'official',
  statusSince: '2001-02-01',
  admissionDate: '2000-02-01',
  officialDate: '2001-02-01',
  ethnicity: 'kinh',
  religion: 'none',
  theoryLevel: 'intermediate',
  citizenId: '034075001234',
  partyCardNo: '80000001',
  hometown: 'Xã Đông Hưng, Thái Bình',
};

const long = (n: number) => 'x'.repeat(n);
/** Values of each field: valid ones, invalid ones, and undefined (the row left it empty). */
const VALUES: Record<string, (string | undefined)[]> = {
  fullName: ['Lê Thị Hoa', '  Lê  Thị Hoa ', 'A', ' A ', long(120), long(121), undefined],
  otherNames: ['Hai', long(200), long(201), undefined],
  sex: ['male', 'female', 'nam', 'Male', undefined],
  birthDate: ['1990-02-28', '1990-02-30', '1990-2-3', '05/03/1975', '2000-02-29', '1900-02-29', undefined],
  birthplace: ['Hà Nội', long(300), long(301), undefined],
  hometown: ['Thái Bình', long(301), undefined],
  residence: ['Số 1 phố Huế', long(300), long(301), undefined],
  ethnicity: ['kinh', 'tay', 'Kinh', 'k', 'h mong', long(41), undefined],
  religion: ['none', 'buddhism', 'Phật', undefined],
  citizenId: ['001270000007', ' 0012 7000 0007 ', 'abc', long(30), long(31), undefined],
  partyCardNo: ['80000001', long(31), undefined],
  admissionDate: ['2000-02-01', '2000-13-01', 'x', undefined],
  officialDate: ['2001-02-01', '2001-02-29', undefined],
  youthUnionDate: ['1990-03-26', '1990-03-32', undefined],
  generalEducation: ['12/12', '10/10 hệ cũ', undefined],
  professionalLevel: ['university', 'master', 'dai_hoc', undefined],
  theoryLevel: ['none', 'advanced', 'cao_cap', undefined],
  occupation: ['Giáo viên', long(201), undefined],
  positions: ['Bí thư chi bộ', long(501), undefined],
  phone: ['0912 345 678', '+84-912.345.678', '12345', 'số máy', long(21), undefined],
  status: ['official', 'probationary', 'candidate', 'chinh thuc', undefined],
  statusSince: ['2001-02-01', '2001-02-31', undefined],
};

function same(draft: MemberDraft, orgId: number) {
  const api = createMemberBody.safeParse({ ...draft, orgId });
  for (let i = 0; i < 2; i++) {
    const ours = parseMemberBody(draft, orgId);
    expect(ours.success, JSON.stringify(draft)).toBe(api.success);
    if (ours.success && api.success) {
      expect(ours.data).toEqual(api.data);
      expect(Object.keys(ours.data)).toEqual(Object.keys(api.data));
    } else if (!ours.success && !api.success) {
      expect(ours.issues).toEqual(api.error.issues);
    }
  }
  return api.success;
}

describe('member import: a row is valid exactly when the API create body is', () => {
  it('agrees on every value of every field, alone in a good row', () => {
    let valid = 0;
    let invalid = 0;
    for (const [field, values] of Object.entries(VALUES)) {
      for (const v of values) {
        const draft = { ...GOOD };
        if (v === undefined) delete draft[field];
        else draft[field] = v;
        if (same(draft, 7)) valid++;
        else invalid++;
      }
    }
    // The corpus has both kinds in number, or the comparison proves little.
    expect(valid).toBeGreaterThan(30);
    expect(invalid).toBeGreaterThan(30);
  });

  it('agrees on rows mixing several bad and good values, an org id of every kind, and an unknown field', () => {
    let seed = 11;
    const random = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed % n);
    const fields = Object.keys(VALUES);
    for (let t = 0; t < 500; t++) {
      const draft = { ...GOOD };
      for (let k = random(4); k > 0; k--) {
        const field = fields[random(fields.length)]!;
        const v = VALUES[field]![random(VALUES[field]!.length)];
        if (v === undefined) delete draft[field];
        else draft[field] = v;
      }
      same(draft, [7, 1, 0, -3, 2.5][random(5)]!);
    }
    expect(same({ ...GOOD, nickname: 'Út' }, 7)).toBe(false);
    expect(same({ ...GOOD, orgId: '7' }, 7)).toBe(true);
    expect(same({ ...GOOD, fullName: undefined }, 7)).toBe(false);
  });
});
