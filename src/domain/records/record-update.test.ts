import { describe, expect, it } from 'vitest';
import { addWorkingDays } from '../calendar/working-days.js';
import { RuleNotInForceError } from '../rules/params.js';
import { changedSinceFiled, forwardedStage, isOpenStage, phieuChanges, transferUpdateDeadline, updateLevels } from './record-update.js';

describe('R-REC-07 yearly record update (phiếu bổ sung)', () => {
  it('R-REC-07: carries only the changed fields; a field sent unchanged is "K" and refused', () => {
    const current = { occupation: 'Giáo viên', theoryLevel: 'elementary', phone: null };
    expect(phieuChanges(current, { theoryLevel: 'intermediate' })).toEqual({ ok: true, changes: { theoryLevel: { before: 'elementary', after: 'intermediate' } } });
    expect(phieuChanges(current, { phone: '0912345678', occupation: 'Hiệu trưởng' })).toMatchObject({ ok: true, changes: { phone: { before: null }, occupation: { after: 'Hiệu trưởng' } } });
    expect(phieuChanges(current, { occupation: 'Giáo viên' })).toEqual({ ok: false, unchanged: 'occupation' });
    expect(phieuChanges(current, {})).toEqual({ ok: true, changes: {} });
  });

  it('R-REC-07: flows chi bộ → đảng ủy cơ sở → direct superior; a chi bộ cơ sở goes straight to the superior', () => {
    const committee = updateLevels('grassroots_committee');
    expect(forwardedStage('cell', committee)).toBe('grassroots');
    expect(forwardedStage('grassroots', committee)).toBe('superior');
    expect(forwardedStage('superior', committee)).toBeNull();
    const cell = updateLevels('grassroots_cell');
    expect(forwardedStage('cell', cell)).toBe('superior');
    expect(forwardedStage('grassroots', cell)).toBeNull();
    expect(isOpenStage('approved')).toBe(false);
    expect(isOpenStage('returned')).toBe(false);
    expect(isOpenStage('superior')).toBe(true);
  });

  it('R-REC-07: approval refuses to overwrite a field the record changed since filing', () => {
    expect(changedSinceFiled({ occupation: 'Kỹ sư' }, { occupation: { before: 'Giáo viên' } })).toEqual(['occupation']);
    expect(changedSinceFiled({ occupation: 'Giáo viên' }, { occupation: { before: 'Giáo viên' } })).toEqual([]);
  });

  it('R-REC-07: after an official transfer a phiếu is due 30 working days from the receipt [I], until one is filed that day or later', () => {
    // 2026-01-30 + 30 wd runs across Tết 2026.
    expect(transferUpdateDeadline('2026-01-30', null)).toEqual({ step: 'record_update', ruleId: 'R-REC-07', due: addWorkingDays('2026-01-30', 30), dueWithExtension: null });
    expect(addWorkingDays('2026-01-30', 30)).not.toBe('2026-03-13');
    expect(transferUpdateDeadline('2026-11-02', null)?.due).toBe('2026-12-14');
    // A phiếu filed before the transfer does not count; one filed on the day or after does.
    expect(transferUpdateDeadline('2026-11-02', '2026-11-01')).not.toBeNull();
    expect(transferUpdateDeadline('2026-11-02', '2026-11-02')).toBeNull();
    expect(() => transferUpdateDeadline('2025-06-08', null)).toThrow(RuleNotInForceError);
  });
});
