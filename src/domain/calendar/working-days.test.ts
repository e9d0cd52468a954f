import { describe, expect, it } from 'vitest';
import { addWorkingDays, CalendarRangeError, calendarFromYears, isWorkingDay, workingDaysBetween } from './working-days.js';

describe('working-day calendar', () => {
  it('is Monday to Friday minus the holidays of the year', () => {
    expect(isWorkingDay('2026-02-13')).toBe(true); // Friday before Tết
    for (const d of ['2026-02-16', '2026-02-17', '2026-02-18', '2026-02-19', '2026-02-20']) expect(isWorkingDay(d)).toBe(false);
    expect(isWorkingDay('2026-02-23')).toBe(true);
    expect(isWorkingDay('2026-02-21')).toBe(false); // Saturday
    expect(isWorkingDay('2025-09-01')).toBe(false); // the day next to Quốc khánh
    expect(isWorkingDay('2026-04-27')).toBe(false); // in lieu of Giỗ Tổ on Sunday 26/04
  });

  it('counts an exchanged Saturday as a working day and the bridged weekday as a holiday', () => {
    expect(isWorkingDay('2026-01-02')).toBe(false);
    expect(isWorkingDay('2026-01-10')).toBe(true);
    expect(isWorkingDay('2025-05-02')).toBe(false);
    expect(isWorkingDay('2025-04-26')).toBe(true);
  });

  it('adds working days across Tết, not counting the start day', () => {
    // Friday 06/02/2026 + 30 wd: Tết (16–20/02) pushes the end a week, to 27/03 instead of 20/03.
    expect(addWorkingDays('2026-02-06', 30)).toBe('2026-03-27');
    expect(addWorkingDays('2026-02-13', 1)).toBe('2026-02-23');
    expect(addWorkingDays('2026-02-14', 1)).toBe('2026-02-23'); // from a Saturday
    expect(addWorkingDays('2026-02-23', -1)).toBe('2026-02-13');
    expect(addWorkingDays('2026-02-17', 0)).toBe('2026-02-17');
  });

  it('counts working days between two dates as the inverse of adding them', () => {
    for (const [from, n] of [['2026-02-06', 30], ['2025-06-20', 60], ['2026-02-14', -7], ['2025-12-31', 5]] as const) {
      expect(workingDaysBetween(from, addWorkingDays(from, n))).toBe(n);
    }
    expect(workingDaysBetween('2026-02-13', '2026-02-23')).toBe(1);
  });

  it('refuses dates outside the years its holiday data covers', () => {
    expect(() => isWorkingDay('2031-01-02')).toThrow(CalendarRangeError);
    expect(() => addWorkingDays('2030-12-30', 5)).toThrow(CalendarRangeError);
  });

  it('takes replacement holiday data at runtime (administrators edit it)', () => {
    const cal = calendarFromYears([
      { year: 2026, verification: 'verified', periods: [{ name: 'new_year', daysOff: ['2026-01-01', '2026-03-02'], basis: 'announced', source: 'test' }] },
    ]);
    expect(isWorkingDay('2026-02-17', cal)).toBe(true);
    expect(isWorkingDay('2026-03-02', cal)).toBe(false);
    expect(addWorkingDays('2026-02-27', 1, cal)).toBe('2026-03-03');
    expect(() => calendarFromYears([])).toThrow(RangeError);
    expect(() => calendarFromYears([{ year: 2025, verification: 'verified', periods: [] }, { year: 2027, verification: 'verified', periods: [] }])).toThrow(/consecutive/);
  });
});
