import { describe, expect, it } from 'vitest';
import { EXIT_ABSENCE_MONTHS, EXIT_ABSENCE_WINDOW, EXIT_APPEAL, EXIT_SELF_REVIEW_REQUESTS, EXIT_TEMPORARY_EXEMPTION_UNDER, EXIT_TRANSFER_NOT_SUBMITTED } from './exit.params.js';
import { enable, paramOn, ruleSettings } from './params.js';
import { months, periodEnd, wd } from './period.js';
import { TRF_ABROAD_DEADLINES, TRF_GRADUATE_STAY, TRF_LOCAL_LATENESS, TRF_PRESENT_DEADLINE, TRF_START_DEADLINE, TRF_TEMPORARY_CELL_MIN, TRF_TEMPORARY_SPANS } from './transfer.params.js';

// Values of the exit and transfer parameters; the cases that use them come with the case state
// machine (docs/rules-coverage.md). Deadlines are shown counted across Tết.
describe('exit parameters (rules.md §6)', () => {
  it('R-EXIT-01: three months in the year, by default calendar year, not necessarily consecutive [I]', () => {
    expect(paramOn(EXIT_ABSENCE_MONTHS, '2026-03-01')).toBe(3);
    expect(paramOn(EXIT_ABSENCE_WINDOW, '2026-03-01')).toEqual({ window: 'calendar_year', consecutive: false });
  });

  it('R-EXIT-03: the chi bộ proceeds after the 3rd refused request to self-review', () => {
    expect(paramOn(EXIT_SELF_REVIEW_REQUESTS, '2026-03-01')).toBe(3);
  });

  it('R-EXIT-04: appeal within 30 wd of receiving the decision; resolved within 90 wd, or 180 wd at TW', () => {
    const p = paramOn(EXIT_APPEAL, '2026-02-06');
    expect(p).toEqual({ file: wd(30), resolveProvincial: wd(90), resolveCentral: wd(180) });
    expect(periodEnd('2026-02-06', p.file)).toBe('2026-03-27');
  });

  it('R-EXIT-05: more than 3 months without submitting the transfer dossier', () => {
    expect(periodEnd('2025-11-30', paramOn(EXIT_TRANSFER_NOT_SUBMITTED, '2025-11-30'))).toBe('2026-02-28');
  });

  it('R-EXIT-12: temporary exemption is for absences under 12 months', () => {
    expect(paramOn(EXIT_TEMPORARY_EXEMPTION_UNDER, '2026-01-05')).toEqual(months(12));
  });
});

describe('transfer parameters (rules.md §7)', () => {
  it('R-TRF-01: start an official transfer within 60 wd, the same before and after 01/07/2025', () => {
    expect(paramOn(TRF_START_DEADLINE, '2025-06-30')).toEqual(wd(60));
    expect(paramOn(TRF_START_DEADLINE, '2025-07-01')).toEqual(wd(60));
  });

  it('R-TRF-02: present the letter within 30 wd of being introduced', () => {
    expect(periodEnd('2026-02-06', paramOn(TRF_PRESENT_DEADLINE, '2026-02-06'))).toBe('2026-03-27');
  });

  it('R-TRF-06: temporary transfer for stays of 3 to under 12 months, or study of 3 to 24 months', () => {
    expect(paramOn(TRF_TEMPORARY_SPANS, '2026-01-05')).toEqual({ stayMin: 3, stayUnder: 12, studyMin: 3, studyMax: 24 });
  });

  it('R-TRF-08: three official members temporarily attached make a temporary chi bộ', () => {
    expect(paramOn(TRF_TEMPORARY_CELL_MIN, '2026-01-05')).toBe(3);
  });

  it('R-TRF-12: a graduate may stay with the school đảng bộ for 12 months', () => {
    expect(paramOn(TRF_GRADUATE_STAY, '2026-01-05')).toEqual(months(12));
  });

  it('R-TRF-14: going abroad: 60 wd (official), 30 wd (temporary), report within 30 wd of return', () => {
    expect(paramOn(TRF_ABROAD_DEADLINES, '2026-01-05')).toEqual({ official: wd(60), temporary: wd(30), onReturn: wd(30) });
  });

  it('R-TRF-17: Hà Nội lateness thresholds only where the province turns them on [L]', () => {
    expect(paramOn(TRF_LOCAL_LATENESS, '2026-01-05')).toBeNull();
    expect(paramOn(TRF_LOCAL_LATENESS, '2026-01-05', ruleSettings(enable(TRF_LOCAL_LATENESS)))?.startLateAfter).toEqual(wd(60));
  });
});
