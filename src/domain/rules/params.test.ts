import { describe, expect, it } from 'vitest';
import { workingDaysBetween } from '../calendar/working-days.js';
import { ADM_DECISION_DEADLINE, ADM_LOCAL_INTERNAL_DEADLINES, ADM_YOUTH_AGE_LIMIT } from './admission.params.js';
import { ALL_PARAMS } from './all-params.js';
import { defineParam, enable, paramOn, RuleNotInForceError, ruleSettings, setValue, versionOn } from './params.js';
import { deadlineDates, wd } from './period.js';

describe('versioned rule parameters (rules.md §0)', () => {
  it('R-ADM-19: a resolution of 2025-06-20 gets 60 wd (+30), one of 2025-07-02 gets 45 wd (+15)', () => {
    expect(paramOn(ADM_DECISION_DEADLINE, '2025-06-20')).toEqual({ period: wd(60), maxExtension: wd(30) });
    expect(paramOn(ADM_DECISION_DEADLINE, '2025-07-02')).toEqual({ period: wd(45), maxExtension: wd(15) });
    // The change of version: QĐ294 is in force from 01/07/2025, not from its signing (26/05/2025).
    expect(paramOn(ADM_DECISION_DEADLINE, '2025-06-30').period.amount).toBe(60);
    expect(paramOn(ADM_DECISION_DEADLINE, '2025-07-01').period.amount).toBe(45);
    expect(versionOn(ADM_DECISION_DEADLINE, '2025-07-01').source).toBe('QĐ294 §4.3.1');

    const before = deadlineDates('2025-06-20', paramOn(ADM_DECISION_DEADLINE, '2025-06-20'));
    expect(before).toEqual({ due: '2025-09-16', dueWithExtension: '2025-10-28' });
    const after = deadlineDates('2025-07-02', paramOn(ADM_DECISION_DEADLINE, '2025-07-02'));
    expect(after).toEqual({ due: '2025-09-05', dueWithExtension: '2025-09-26' }); // 01–02/09 are Quốc khánh
    expect(workingDaysBetween('2025-07-02', after.due)).toBe(45);
  });

  it('refuses an event before any known version instead of applying a later rule', () => {
    expect(() => paramOn(ADM_DECISION_DEADLINE, '2016-07-24')).toThrow(RuleNotInForceError);
  });

  it('keeps [L] options off unless a province turns them on, with the documented or its own value', () => {
    expect(paramOn(ADM_LOCAL_INTERNAL_DEADLINES, '2026-01-05')).toBeNull();
    expect(paramOn(ADM_LOCAL_INTERNAL_DEADLINES, '2026-01-05', ruleSettings(enable(ADM_LOCAL_INTERNAL_DEADLINES)))).toEqual({ dossierUp: wd(5), grassrootsResolution: wd(25) });
    const own = { dossierUp: wd(3), grassrootsResolution: wd(20) };
    expect(paramOn(ADM_LOCAL_INTERNAL_DEADLINES, '2026-01-05', ruleSettings(setValue(ADM_LOCAL_INTERNAL_DEADLINES, own)))).toEqual(own);
  });

  it('gives [I] parameters their documented default unless settings override it', () => {
    expect(paramOn(ADM_YOUTH_AGE_LIMIT, '2026-01-05')).toBe(30);
    expect(paramOn(ADM_YOUTH_AGE_LIMIT, '2026-01-05', ruleSettings(setValue(ADM_YOUTH_AGE_LIMIT, 35)))).toBe(35);
  });

  it('rejects versions with a gap, an overlap, or an open version before the last', () => {
    const v = (from: string, to: string | null) => ({ value: 1, effectiveFrom: from, effectiveTo: to, source: 'test' });
    const def = (versions: ReturnType<typeof v>[]) => () => defineParam({ key: 'k', ruleId: 'R-X-01', tag: 'V-P', versions });
    expect(def([v('2020-01-01', '2021-01-01'), v('2021-01-01', null)])).not.toThrow();
    expect(def([v('2020-01-01', '2021-01-01'), v('2021-02-01', null)])).toThrow(/must end where/);
    expect(def([v('2020-01-01', '2021-06-01'), v('2021-01-01', null)])).toThrow(/must end where/);
    expect(def([v('2020-01-01', null), v('2021-01-01', null)])).toThrow(/must end where/);
    expect(def([v('2021-01-01', '2020-01-01')])).toThrow(/ends before/);
    expect(def([])).toThrow(/no version/);
  });

  it('has every shipped parameter well formed, with a unique key and a rules.md rule id', () => {
    expect(ALL_PARAMS.length).toBeGreaterThan(30);
    expect(new Set(ALL_PARAMS.map((p) => p.key)).size).toBe(ALL_PARAMS.length);
    for (const p of ALL_PARAMS) {
      expect(() => defineParam(p)).not.toThrow();
      expect(p.ruleId).toMatch(/^R-(ADM|PROB|AGE|REC|EXIT|TRF|BADGE)-\d{2}$/);
      for (const v of p.versions) expect(v.source.length).toBeGreaterThan(0);
    }
  });
});
