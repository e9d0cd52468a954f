import { describe, expect, it } from 'vitest';
import { addCalendarDays, addMonths, calendarDaysBetween, calendarMonthsBetween, completedMonths, isIsoDate, weekday } from './iso-date.js';

describe('calendar dates', () => {
  it('recognises real calendar dates only', () => {
    expect(isIsoDate('2024-02-29')).toBe(true);
    expect(isIsoDate('2025-02-29')).toBe(false);
    expect(isIsoDate('2025-13-01')).toBe(false);
    expect(isIsoDate('2025-1-01')).toBe(false);
    expect(() => addCalendarDays('2025-02-30', 1)).toThrow(RangeError);
  });

  it('adds calendar days across months and years, and tells the weekday', () => {
    expect(addCalendarDays('2025-12-31', 1)).toBe('2026-01-01');
    expect(addCalendarDays('2024-03-01', -1)).toBe('2024-02-29');
    expect(calendarDaysBetween('2025-01-01', '2026-01-01')).toBe(365);
    expect(weekday('2026-02-17')).toBe(2); // Tết Bính Ngọ, a Tuesday
  });

  it('adds months with end-of-month clamping (BLDS 2015 Điều 148)', () => {
    expect(addMonths('2024-01-31', 1)).toBe('2024-02-29');
    expect(addMonths('2025-01-31', 1)).toBe('2025-02-28');
    expect(addMonths('2024-02-29', 12)).toBe('2025-02-28');
    expect(addMonths('2025-03-31', -1)).toBe('2025-02-28');
    expect(addMonths('2025-11-15', 3)).toBe('2026-02-15');
  });

  it('counts completed months day-exactly, and calendar months ignoring the day', () => {
    expect(completedMonths('2008-06-20', '2026-06-19')).toBe(215);
    expect(completedMonths('2008-06-20', '2026-06-20')).toBe(216);
    expect(completedMonths('2024-01-31', '2024-02-29')).toBe(1);
    expect(completedMonths('2026-01-01', '2025-12-31')).toBe(0);
    expect(calendarMonthsBetween('2008-06-20', '2026-06-01')).toBe(216);
    expect(calendarMonthsBetween('2008-06-20', '2026-05-31')).toBe(215);
  });
});
