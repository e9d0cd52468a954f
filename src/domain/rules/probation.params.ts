import { defineParam } from './params.js';
import { months, wd, type ExtensibleDeadline, type Period } from './period.js';
import { IN_FORCE } from './sources.js';

// Parameters of probation and recognition (rules.md §4).

/** R-PROB-01: probation runs this long from the admission ceremony. */
export const PROB_LENGTH = defineParam<Period, 'V-S'>({
  key: 'prob.length',
  ruleId: 'R-PROB-01',
  tag: 'V-S',
  versions: [{ value: months(12), effectiveFrom: IN_FORCE.DL2011, effectiveTo: null, source: 'DL2011 Điều 5.1' }],
});

/** R-PROB-02: the chi bộ considers recognition within this after probation ends. */
export const PROB_CONSIDERATION_DEADLINE = defineParam<Period, 'V-P'>({
  key: 'prob.consideration_deadline',
  ruleId: 'R-PROB-02',
  tag: 'V-P',
  versions: [{ value: wd(30), effectiveFrom: IN_FORCE.QD294, effectiveTo: null, source: 'QĐ294 §4.2.1' }],
});

/** R-PROB-04: the authority decides recognition within this of the chi bộ resolution. */
export const PROB_DECISION_DEADLINE = defineParam<ExtensibleDeadline, 'V-P'>({
  key: 'prob.decision_deadline',
  ruleId: 'R-PROB-04',
  tag: 'V-P',
  versions: [
    { value: { period: wd(30), maxExtension: wd(30) }, effectiveFrom: IN_FORCE.QD29, effectiveTo: IN_FORCE.QD294, source: 'QĐ29 §4.3.1' },
    { value: { period: wd(30), maxExtension: wd(15) }, effectiveFrom: IN_FORCE.QD294, effectiveTo: null, source: 'QĐ294 §4.3.1' },
  ],
});

/** R-PROB-06: after this many votes without two thirds either way, the superior decides. */
export const PROB_FAILED_VOTES_BEFORE_ESCALATION = defineParam<number, 'V-P'>({
  key: 'prob.failed_votes_before_escalation',
  ruleId: 'R-PROB-06',
  tag: 'V-P',
  versions: [{ value: 3, effectiveFrom: IN_FORCE.QD294, effectiveTo: null, source: 'QĐ294 §4.2.3' }],
});
