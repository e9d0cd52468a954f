import type { DisciplineForm } from '../discipline.js';
import { defineParam } from './params.js';
import { wd, type Period } from './period.js';
import { IN_FORCE } from './sources.js';

// Parameters of party badges (rules.md §12).

/** R-BADGE-01: the badge classes, in years of party age. */
export const BADGE_CLASSES = defineParam<readonly number[], 'V-P'>({
  key: 'badge.classes',
  ruleId: 'R-BADGE-01',
  tag: 'V-P',
  versions: [{ value: [30, 40, 45, 50, 55, 60, 65, 70, 75, 80, 85, 90], effectiveFrom: IN_FORCE.QD294, effectiveTo: null, source: 'QĐ294 §28.1.2, 28.3.1a; HD06 §18.1' }],
});

/** R-BADGE-03: how many months early a badge may be awarded for serious illness, or posthumously. */
export const BADGE_EARLY_AWARD = defineParam<{ illnessUpTo65: number; illnessFrom70: number; posthumous: number }, 'V-P'>({
  key: 'badge.early_award',
  ruleId: 'R-BADGE-03',
  tag: 'V-P',
  versions: [{ value: { illnessUpTo65: 12, illnessFrom70: 24, posthumous: 12 }, effectiveFrom: IN_FORCE.QD294, effectiveTo: null, source: 'HD06 §18.1–18.2; QĐ294 §28.3.1b' }],
});

/** R-BADGE-05: months after a discipline before the award may follow (if the chi bộ sees improvement). */
export const BADGE_DISCIPLINE_DEFERRAL = defineParam<Readonly<Record<Exclude<DisciplineForm, 'expulsion'>, number>>, 'V-P'>({
  key: 'badge.discipline_deferral',
  ruleId: 'R-BADGE-05',
  tag: 'V-P',
  versions: [{ value: { reprimand: 6, warning: 9, dismissal: 12 }, effectiveFrom: IN_FORCE.QD294, effectiveTo: null, source: 'QĐ294 §28.3.1c' }],
});

/** R-BADGE-06: the yearly ceremony anniversaries, 'MM-DD'. */
export const BADGE_CEREMONY_DAYS = defineParam<readonly string[], 'V-P'>({
  key: 'badge.ceremony_days',
  ruleId: 'R-BADGE-06',
  tag: 'V-P',
  versions: [{ value: ['02-03', '05-19', '09-02', '11-07'], effectiveFrom: IN_FORCE.HD06, effectiveTo: null, source: 'HD06 §18.4; HD38 §III.1.3' }],
});

/**
 * R-BADGE-07 [L] (Hà Nội): each ceremony covers the members reaching the age from `from` ('MM-DD',
 * in the previous year when `previousYear`) to `to`; dossiers are due `dossierBefore` the ceremony.
 */
export interface LocalBadgeBatch {
  readonly ceremony: string;
  readonly from: string;
  readonly to: string;
  readonly fromPreviousYear: boolean;
}

export const BADGE_LOCAL_BATCHES = defineParam<{ batches: readonly LocalBadgeBatch[]; dossierBefore: Period }, 'L'>({
  key: 'badge.local_batches',
  ruleId: 'R-BADGE-07',
  tag: 'L',
  versions: [
    {
      value: {
        batches: [
          { ceremony: '02-03', from: '12-01', to: '02-29', fromPreviousYear: true },
          { ceremony: '05-19', from: '03-01', to: '05-31', fromPreviousYear: false },
          { ceremony: '09-02', from: '06-01', to: '09-30', fromPreviousYear: false },
          { ceremony: '11-07', from: '10-01', to: '11-30', fromPreviousYear: false },
        ],
        dossierBefore: wd(30),
      },
      effectiveFrom: IN_FORCE.HN_HHD,
      effectiveTo: null,
      source: 'HN-HHĐ §I',
    },
  ],
});
