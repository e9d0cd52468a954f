import { describe, expect, it } from 'vitest';
import { passwordProblems } from './password-policy.js';

describe('password policy v1', () => {
  it('needs at least 10 characters', () => {
    expect(passwordProblems('Ab3$efghi', 'lan')).toEqual(['too_short']);
    expect(passwordProblems('Ab3$efghij', 'lan')).toEqual([]);
  });
  it('refuses the username inside the password, whatever the case', () => {
    expect(passwordProblems('NguyenLan-2026', 'nguyenlan')).toEqual(['same_as_username']);
  });
  it('refuses common passwords', () => {
    expect(passwordProblems('MatKhau123', 'hoa')).toEqual(['too_common']);
  });
});
