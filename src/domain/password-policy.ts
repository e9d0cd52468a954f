// Password policy v1: at least 10 characters, not the username, not a commonly used password.
export const PASSWORD_MIN_LENGTH = 10;

// The most common passwords of length ≥ 10 in public breach lists, plus local favourites.
const COMMON = new Set([
  '1234567890',
  '0123456789',
  '12345678910',
  '123456789a',
  'qwertyuiop',
  'password123',
  'password1234',
  'matkhau123',
  'matkhau1234',
  '1111111111',
  '0000000000',
  'abcd123456',
  'abc1234567',
  'iloveyou123',
  'administrator',
  'admin12345',
  'admin123456',
  'dangcongsan',
  'dangvu12345',
  'vietnam123',
  'vietnam1234',
  'hanoi12345',
]);

export type PasswordProblem = 'too_short' | 'same_as_username' | 'too_common';

export function passwordProblems(password: string, username: string): PasswordProblem[] {
  const problems: PasswordProblem[] = [];
  if (password.length < PASSWORD_MIN_LENGTH) problems.push('too_short');
  const lower = password.toLowerCase();
  if (lower.includes(username.toLowerCase()) && username.length >= 3) problems.push('same_as_username');
  if (COMMON.has(lower)) problems.push('too_common');
  return problems;
}
