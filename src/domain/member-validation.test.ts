import { describe, expect, it } from 'vitest';
import {
  ageOn,
  issuesTouching,
  isValidCitizenId,
  isValidGeneralEducation,
  isValidPartyCardNo,
  memberFieldIssues,
  type MemberFacts,
} from './member-validation.js';

const TODAY = '2026-11-20';
const ok: MemberFacts = {
  birthDate: '1985-04-12',
  citizenId: '001085001234',
  partyCardNo: '001085001234',
  admissionDate: '2010-05-19',
  officialDate: '2011-05-19',
  youthUnionDate: '2001-03-26',
  statusSince: '2011-05-19',
  generalEducation: '12/12',
};
const issues = (patch: Partial<MemberFacts>) => memberFieldIssues({ ...ok, ...patch }, TODAY);
const codes = (patch: Partial<MemberFacts>) => issues(patch).map((i) => `${i.code}:${i.field}`);

describe('member field rules v1', () => {
  it('accepts a complete, consistent record', () => {
    expect(issues({})).toEqual([]);
  });

  it('counts age in completed years, 29 February from 1 March', () => {
    expect(ageOn('2000-05-10', '2016-05-09')).toBe(15);
    expect(ageOn('2000-05-10', '2016-05-10')).toBe(16);
    expect(ageOn('2004-02-29', '2020-02-28')).toBe(15);
    expect(ageOn('2004-02-29', '2020-03-01')).toBe(16);
  });

  it('R-REC-10: a citizen ID is exactly 12 digits', () => {
    expect(isValidCitizenId('001085001234')).toBe(true);
    expect(isValidCitizenId('00108500123')).toBe(false);
    expect(isValidCitizenId('0010850012345')).toBe(false);
    expect(isValidCitizenId('00108500123a')).toBe(false);
    expect(codes({ citizenId: '123456789' })).toEqual(['INVALID_CITIZEN_ID:citizenId']);
    expect(codes({ citizenId: null })).toEqual([]);
  });

  it('R-REC-02: new cards have 12 digits; older cards 6–12 digits are accepted [I]', () => {
    expect(isValidPartyCardNo('001085001234')).toBe(true);
    expect(isValidPartyCardNo('123456')).toBe(true);
    expect(isValidPartyCardNo('12345')).toBe(false);
    expect(isValidPartyCardNo('1234567890123')).toBe(false);
    expect(isValidPartyCardNo('12 3456')).toBe(false);
    expect(codes({ partyCardNo: '12345' })).toEqual(['INVALID_PARTY_CARD:partyCardNo']);
  });

  it('birth date: age 16–120 today and on the admission date', () => {
    expect(codes({ birthDate: '1905-11-21', admissionDate: '1930-01-01', officialDate: null, statusSince: '1930-01-01', youthUnionDate: null })).toEqual([]);
    expect(codes({ birthDate: '1905-11-20', admissionDate: '1930-01-01', officialDate: null, statusSince: '1930-01-01', youthUnionDate: null })).toEqual([
      'INVALID_BIRTH_DATE:birthDate',
    ]);
    // 16 on the day of admission is the lower bound; a day short is not.
    expect(codes({ birthDate: '1994-05-19', youthUnionDate: null })).toEqual([]);
    const young = issues({ birthDate: '1994-05-20', youthUnionDate: null });
    expect(young.map((i) => i.code)).toEqual(['INVALID_BIRTH_DATE']);
    expect(young[0]!.params).toMatchObject({ date: '2010-05-19', age: 15 });
    expect(young[0]!.involves).toEqual(['birthDate', 'admissionDate']);
    expect(codes({ birthDate: '2015-01-01', admissionDate: null, officialDate: null, statusSince: null, youthUnionDate: null })).toEqual([
      'INVALID_BIRTH_DATE:birthDate',
    ]);
  });

  it('no event is in the future or before birth', () => {
    expect(codes({ admissionDate: '2026-11-21' })).toContain('DATE_IN_FUTURE:admissionDate');
    expect(codes({ admissionDate: '2026-11-20', officialDate: null, statusSince: '2026-11-20' })).toEqual([]);
    expect(codes({ statusSince: '2027-01-01' })).toEqual(['DATE_IN_FUTURE:statusSince']);
    expect(codes({ youthUnionDate: '1985-04-11' })).toEqual(['DATE_ORDER:youthUnionDate']);
  });

  it('recognition as official and the current status are not before admission', () => {
    expect(codes({ officialDate: '2010-05-18' })).toEqual(['DATE_ORDER:officialDate']);
    expect(codes({ officialDate: '2010-05-19' })).toEqual([]);
    expect(codes({ statusSince: '2009-01-01' })).toEqual(['DATE_ORDER:statusSince']);
    expect(codes({ admissionDate: null, officialDate: '2011-05-19' })).toEqual([]);
  });

  it('general education is grade/system with the grade within the system', () => {
    expect(isValidGeneralEducation('12/12')).toBe(true);
    expect(isValidGeneralEducation('9/12')).toBe(true);
    expect(isValidGeneralEducation('10/10')).toBe(true);
    expect(isValidGeneralEducation('11/10')).toBe(false);
    expect(isValidGeneralEducation('0/12')).toBe(false);
    expect(isValidGeneralEducation('12')).toBe(false);
    expect(codes({ generalEducation: 'lớp 12' })).toEqual(['INVALID_GENERAL_EDUCATION:generalEducation']);
  });

  it('an edit answers only for the rules that read the fields it changed', () => {
    const legacy = memberFieldIssues({ ...ok, partyCardNo: '123' }, TODAY);
    expect(issuesTouching(legacy, new Set(['phone']))).toEqual([]);
    expect(issuesTouching(legacy, new Set(['partyCardNo'])).map((i) => i.code)).toEqual(['INVALID_PARTY_CARD']);
    const order = memberFieldIssues({ ...ok, officialDate: '2009-01-01' }, TODAY);
    expect(issuesTouching(order, new Set(['admissionDate'])).map((i) => i.field)).toEqual(['officialDate']);
  });
});
