import { describe, expect, it } from 'vitest';
import { dueStatus } from './due-status.js';

describe('dueStatus', () => {
  const plain = { dueOn: '2026-11-30', dueWithExtension: null };
  it('is open until seven days before the date, due soon from then through the date itself', () => {
    expect(dueStatus(plain, '2026-11-22')).toBe('open');
    expect(dueStatus(plain, '2026-11-23')).toBe('soon');
    expect(dueStatus(plain, '2026-11-30')).toBe('soon');
  });
  it('is overdue from the day after the date', () => {
    expect(dueStatus(plain, '2026-12-01')).toBe('overdue');
  });
  it('with an extension (R-ADM-19, R-PROB-04): in extension through its last day, then overdue', () => {
    const extended = { dueOn: '2026-11-30', dueWithExtension: '2026-12-21' };
    expect(dueStatus(extended, '2026-11-30')).toBe('soon');
    expect(dueStatus(extended, '2026-12-01')).toBe('in_extension');
    expect(dueStatus(extended, '2026-12-21')).toBe('in_extension');
    expect(dueStatus(extended, '2026-12-22')).toBe('overdue');
  });
  it('takes another window for "soon"', () => {
    expect(dueStatus(plain, '2026-11-15', 15)).toBe('soon');
    expect(dueStatus(plain, '2026-11-14', 15)).toBe('open');
  });
});
