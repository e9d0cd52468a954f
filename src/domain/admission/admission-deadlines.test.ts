import { describe, expect, it } from 'vitest';
import { workingDaysBetween } from '../calendar/working-days.js';
import { ADM_LOCAL_INTERNAL_DEADLINES } from '../rules/admission.params.js';
import { enable, ruleSettings } from '../rules/params.js';
import {
  admissionDecisionDue,
  backgroundReplyDue,
  ceremonyDue,
  decisionAfterMove,
  dossierStillValid,
  localAdmissionDeadlines,
  memberFormsDue,
  moveReviewDue,
  movedApplicantDecisionDue,
  movedApplicantForwardDue,
} from './admission-deadlines.js';

describe('R-ADM-14: background-check replies within 30 wd in Việt Nam, 90 wd abroad', () => {
  it('counts across Tết', () => {
    expect(backgroundReplyDue('2026-02-06', false)).toBe('2026-03-27');
    const abroad = backgroundReplyDue('2026-02-06', true);
    expect(workingDaysBetween('2026-02-06', abroad)).toBe(90);
    expect(abroad).toBe('2026-06-24'); // also past Giỗ Tổ (27/04 in lieu), 30/04 and 01/05
  });
});

describe('R-ADM-19: the decision within 45 wd (+15) of the chi bộ resolution from 01/07/2025; 60 (+30) before', () => {
  it('uses the version in force on the resolution date, across the change', () => {
    expect(admissionDecisionDue('2025-06-30')).toEqual({ due: '2025-09-24', dueWithExtension: '2025-11-05' });
    expect(admissionDecisionDue('2025-07-01')).toEqual({ due: '2025-09-04', dueWithExtension: '2025-09-25' });
  });
  it('spans Tết', () => {
    const d = admissionDecisionDue('2026-01-30');
    expect(workingDaysBetween('2026-01-30', d.due)).toBe(45);
    expect(d.due).toBe('2026-04-10');
  });
});

describe('R-ADM-20: Hà Nội internal deadlines (5 wd up, 25 wd đảng ủy cơ sở) where turned on [L]', () => {
  it('is off by default and counts across the 2026 New Year exchange when on', () => {
    expect(localAdmissionDeadlines('2025-12-01')).toBeNull();
    expect(localAdmissionDeadlines('2025-12-01', ruleSettings(enable(ADM_LOCAL_INTERNAL_DEADLINES)))).toEqual({ dossierUp: '2025-12-08', grassrootsResolution: '2026-01-07' });
  });
});

describe('R-ADM-21: a dossier more than 12 months old at the chi bộ resolution is partly redone', () => {
  it('is fresh on the day 12 months on and stale the day after', () => {
    expect(dossierStillValid('2025-07-10', '2026-07-10')).toBe(true);
    expect(dossierStillValid('2025-07-10', '2026-07-11')).toBe(false);
  });
});

describe('R-ADM-22: the ceremony within 30 wd of the chi bộ receiving the decision', () => {
  it('is pushed a week later by Tết', () => {
    expect(ceremonyDue('2026-02-06')).toBe('2026-03-27');
    expect(ceremonyDue('2025-10-01')).toBe('2025-11-12');
  });
});

describe('R-ADM-24: lý lịch and phiếu đảng viên within 30 wd of the ceremony', () => {
  it('counts from the ceremony', () => {
    expect(memberFormsDue('2025-10-01')).toBe('2025-11-12');
    expect(memberFormsDue('2026-01-30')).toBe(ceremonyDue('2026-01-30'));
  });
});

describe('R-ADM-25: an applicant who moved: the dossier forwarded within 15 wd, decided within 30 wd of receipt', () => {
  it('counts both', () => {
    expect(workingDaysBetween('2026-02-06', movedApplicantForwardDue('2026-02-06'))).toBe(15);
    expect(movedApplicantForwardDue('2026-02-06')).toBe('2026-03-06');
    expect(movedApplicantDecisionDue('2026-02-06')).toBe('2026-03-27');
  });
});

describe('R-ADM-26: a decision ≤ 30 wd after the move: ceremony at the new place; later: cancelled and forwarded', () => {
  it('turns on the 30th working day', () => {
    expect(decisionAfterMove('2025-10-01', '2025-11-12')).toBe('ceremony_at_new_place');
    expect(decisionAfterMove('2025-10-01', '2025-11-13')).toBe('cancel_and_forward');
    expect(decisionAfterMove('2025-10-01', '2025-09-15')).toBe('ceremony_at_new_place');
  });
  it('gives a review 60 wd', () => {
    expect(workingDaysBetween('2025-10-01', moveReviewDue('2025-10-01'))).toBe(60);
  });
});
