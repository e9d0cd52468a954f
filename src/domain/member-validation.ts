import type { ErrorCode } from '../errors.js';
import { GENERAL_EDUCATION_PATTERN } from './education.js';

// Field rules of the member form (R-REC-10), v1. Pure: the caller passes today's date.
// Each issue names the field it belongs to and every field it was checked against, so an edit
// is refused only for what it touches, not for an old record's unrelated legacy values.
export const MEMBER_VALIDATION_RULE_VERSION = 1;

/** Căn cước công dân: exactly 12 digits (R-REC-10). */
export const CITIZEN_ID_PATTERN = /^[0-9]{12}$/;

/**
 * Party card number. R-REC-02: cards of the QĐ 347 model (from 02/09/2025) carry 12 digits equal
 * to the personal identification number. Cards of the earlier models are still held and carry
 * shorter numbers; 6–12 digits is accepted for them. [I]: the older models' exact length was not
 * verified; tighten this when it is.
 */
export const PARTY_CARD_PATTERN = /^[0-9]{6,12}$/;

/**
 * Sanity bounds on age, in completed years, at admission and today. Not the admission rule
 * (R-ADM-01 asks 18–60 on the day the cell considers it): members admitted under 18 before
 * 1960/1975 keep their original dates (R-AGE-07), so the record accepts 16 and up. [I]
 */
export const MIN_AGE = 16;
export const MAX_AGE = 120;

export interface MemberFacts {
  birthDate: string;
  citizenId: string | null;
  partyCardNo: string | null;
  admissionDate: string | null;
  officialDate: string | null;
  youthUnionDate: string | null;
  statusSince: string | null;
  generalEducation: string | null;
}

export type MemberFactField = keyof MemberFacts;

export interface MemberFieldIssue {
  code: ErrorCode;
  field: MemberFactField;
  /** Every field the rule read; an edit touching none of them does not re-raise the issue. */
  involves: MemberFactField[];
  params: Record<string, string | number>;
}

/** Completed years from `birthDate` to `date` (both 'YYYY-MM-DD'); 29 February counts from 1 March. */
export function ageOn(birthDate: string, date: string): number {
  const years = Number(date.slice(0, 4)) - Number(birthDate.slice(0, 4));
  return date.slice(5) < birthDate.slice(5) ? years - 1 : years;
}

export function isValidCitizenId(value: string): boolean {
  return CITIZEN_ID_PATTERN.test(value);
}

export function isValidPartyCardNo(value: string): boolean {
  return PARTY_CARD_PATTERN.test(value);
}

/** "12/12", "9/12", "10/10": a grade from 1 to the length of the system it was taken in. */
export function isValidGeneralEducation(value: string): boolean {
  const m = GENERAL_EDUCATION_PATTERN.exec(value);
  if (!m) return false;
  const grade = Number(m[1]);
  return grade >= 1 && grade <= Number(m[2]);
}

const DATED_EVENTS = ['admissionDate', 'officialDate', 'youthUnionDate', 'statusSince'] as const;

/** Every rule the record breaks, in form order; empty when the record is acceptable. */
export function memberFieldIssues(m: MemberFacts, today: string): MemberFieldIssue[] {
  const issues: MemberFieldIssue[] = [];
  const add = (code: ErrorCode, field: MemberFactField, involves: MemberFactField[], params: Record<string, string | number>) =>
    issues.push({ code, field, involves: [field, ...involves], params });

  // Age is checked today and, when known, on the admission date (R-REC-10 DOB; bounds [I]).
  const ageToday = ageOn(m.birthDate, today);
  if (ageToday < MIN_AGE || ageToday > MAX_AGE) {
    add('INVALID_BIRTH_DATE', 'birthDate', [], { value: m.birthDate, date: today, age: ageToday, min: MIN_AGE, max: MAX_AGE });
  } else if (m.admissionDate && m.admissionDate <= today) {
    const ageAtAdmission = ageOn(m.birthDate, m.admissionDate);
    if (ageAtAdmission < MIN_AGE || ageAtAdmission > MAX_AGE) {
      add('INVALID_BIRTH_DATE', 'birthDate', ['admissionDate'], {
        value: m.birthDate,
        date: m.admissionDate,
        age: ageAtAdmission,
        min: MIN_AGE,
        max: MAX_AGE,
      });
    }
  }

  if (m.citizenId !== null && !isValidCitizenId(m.citizenId)) add('INVALID_CITIZEN_ID', 'citizenId', [], { value: m.citizenId });
  if (m.partyCardNo !== null && !isValidPartyCardNo(m.partyCardNo)) add('INVALID_PARTY_CARD', 'partyCardNo', [], { value: m.partyCardNo });

  // The record holds facts that have happened: no event is dated in the future or before birth.
  for (const field of DATED_EVENTS) {
    const value = m[field];
    if (value === null) continue;
    if (value > today) add('DATE_IN_FUTURE', field, [], { field, value, today });
    else if (value < m.birthDate) add('DATE_ORDER', field, ['birthDate'], { field, value, other: 'birthDate', otherValue: m.birthDate });
  }

  // Probation starts at admission (R-PROB-*): recognition as official and the current status
  // cannot come before it.
  if (m.admissionDate) {
    for (const field of ['officialDate', 'statusSince'] as const) {
      const value = m[field];
      if (value !== null && value <= today && value >= m.birthDate && value < m.admissionDate) {
        add('DATE_ORDER', field, ['admissionDate'], { field, value, other: 'admissionDate', otherValue: m.admissionDate });
      }
    }
  }

  if (m.generalEducation !== null && !isValidGeneralEducation(m.generalEducation)) {
    add('INVALID_GENERAL_EDUCATION', 'generalEducation', [], { value: m.generalEducation });
  }
  return issues;
}

/** The issues an edit of `changed` fields is answerable for. */
export function issuesTouching(issues: MemberFieldIssue[], changed: ReadonlySet<string>): MemberFieldIssue[] {
  return issues.filter((i) => i.involves.some((f) => changed.has(f)));
}
