import { defineParam } from './params.js';
import { months, wd, type Period } from './period.js';
import { IN_FORCE } from './sources.js';

// Parameters of removal, leaving and exemption (rules.md §6).

/** R-EXIT-01: months of unexcused absence or unpaid dues "in the year" that ground a removal. */
export const EXIT_ABSENCE_MONTHS = defineParam<number, 'V-P'>({
  key: 'exit.absence_months',
  ruleId: 'R-EXIT-01',
  tag: 'V-P',
  versions: [{ value: 3, effectiveFrom: IN_FORCE.DL2011, effectiveTo: null, source: 'DL2011 Điều 8; QĐ294 §8.1' }],
});

/** R-EXIT-01 [I]: what "in the year" means; open question 8 of rules.md §16. */
export const EXIT_ABSENCE_WINDOW = defineParam<{ window: 'calendar_year' | 'rolling_12_months'; consecutive: boolean }, 'I'>({
  key: 'exit.absence_window',
  ruleId: 'R-EXIT-01',
  tag: 'I',
  versions: [{ value: { window: 'calendar_year', consecutive: false }, effectiveFrom: IN_FORCE.DL2011, effectiveTo: null, source: 'rules.md R-EXIT-01 test note [I]' }],
});

/** R-EXIT-03: after this many refused requests to self-review, the chi bộ proceeds anyway. */
export const EXIT_SELF_REVIEW_REQUESTS = defineParam<number, 'V-P'>({
  key: 'exit.self_review_requests',
  ruleId: 'R-EXIT-03',
  tag: 'V-P',
  versions: [{ value: 3, effectiveFrom: IN_FORCE.HD06, effectiveTo: null, source: 'HD06 §11.1' }],
});

/** R-EXIT-04: appeal window from receiving the decision, and resolution deadlines by level. */
export const EXIT_APPEAL = defineParam<{ file: Period; resolveProvincial: Period; resolveCentral: Period }, 'V-P'>({
  key: 'exit.appeal',
  ruleId: 'R-EXIT-04',
  tag: 'V-P',
  versions: [{ value: { file: wd(30), resolveProvincial: wd(90), resolveCentral: wd(180) }, effectiveFrom: IN_FORCE.QD294, effectiveTo: null, source: 'QĐ294 §8.2' }],
});

/** R-EXIT-05: a transfer dossier not submitted more than this after the slip grounds removal. */
export const EXIT_TRANSFER_NOT_SUBMITTED = defineParam<Period, 'V-P'>({
  key: 'exit.transfer_not_submitted',
  ruleId: 'R-EXIT-05',
  tag: 'V-P',
  versions: [{ value: months(3), effectiveFrom: IN_FORCE.HD38, effectiveTo: null, source: 'HD38 §II.4.3.1d' }],
});

/** R-EXIT-12: a temporary exemption is for absences shorter than this. */
export const EXIT_TEMPORARY_EXEMPTION_UNDER = defineParam<Period, 'V-P'>({
  key: 'exit.temporary_exemption_under',
  ruleId: 'R-EXIT-12',
  tag: 'V-P',
  versions: [{ value: months(12), effectiveFrom: IN_FORCE.HD06, effectiveTo: null, source: 'HD06 §10.3a' }],
});
