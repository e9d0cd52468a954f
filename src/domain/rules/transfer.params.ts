import { defineParam } from './params.js';
import { months, wd, type Period } from './period.js';
import { IN_FORCE } from './sources.js';

// Parameters of transfers (rules.md §7).

/** R-TRF-01: the member starts an official transfer within this of the decision taking effect or the move. */
export const TRF_START_DEADLINE = defineParam<Period, 'V-P'>({
  key: 'trf.start_deadline',
  ruleId: 'R-TRF-01',
  tag: 'V-P',
  versions: [{ value: wd(60), effectiveFrom: IN_FORCE.QD29, effectiveTo: null, source: 'QĐ29; QĐ24; QĐ294 §6.3.1a' }],
});

/** R-TRF-02: the letter is presented to the receiving chi ủy within this of the introduction. */
export const TRF_PRESENT_DEADLINE = defineParam<Period, 'V-P'>({
  key: 'trf.present_deadline',
  ruleId: 'R-TRF-02',
  tag: 'V-P',
  versions: [{ value: wd(30), effectiveFrom: IN_FORCE.QD294, effectiveTo: null, source: 'QĐ294 §6.3.1c' }],
});

/** R-TRF-06: temporary transfer spans, in months: residence or work [min, max), full-time study [min, max]. */
export const TRF_TEMPORARY_SPANS = defineParam<{ stayMin: number; stayUnder: number; studyMin: number; studyMax: number }, 'V-P'>({
  key: 'trf.temporary_spans',
  ruleId: 'R-TRF-06',
  tag: 'V-P',
  versions: [{ value: { stayMin: 3, stayUnder: 12, studyMin: 3, studyMax: 24 }, effectiveFrom: IN_FORCE.QD294, effectiveTo: null, source: 'QĐ294 §6.3.2a; HD06 §10.2.2' }],
});

/** R-TRF-08: this many official members temporarily attached make a temporary chi bộ. */
export const TRF_TEMPORARY_CELL_MIN = defineParam<number, 'V-P'>({
  key: 'trf.temporary_cell_min',
  ruleId: 'R-TRF-08',
  tag: 'V-P',
  versions: [{ value: 3, effectiveFrom: IN_FORCE.QD294, effectiveTo: null, source: 'QĐ294 §6.3.2d' }],
});

/** R-TRF-12: a graduate without a job with a party organization may stay with the school's đảng bộ this long. */
export const TRF_GRADUATE_STAY = defineParam<Period, 'V-P'>({
  key: 'trf.graduate_stay',
  ruleId: 'R-TRF-12',
  tag: 'V-P',
  versions: [{ value: months(12), effectiveFrom: IN_FORCE.HD06, effectiveTo: null, source: 'HD06 §10.2.1a' }],
});

/** R-TRF-14: filing deadlines for going abroad officially, temporarily, and reporting on return. */
export const TRF_ABROAD_DEADLINES = defineParam<{ official: Period; temporary: Period; onReturn: Period }, 'V-P'>({
  key: 'trf.abroad_deadlines',
  ruleId: 'R-TRF-14',
  tag: 'V-P',
  versions: [{ value: { official: wd(60), temporary: wd(30), onReturn: wd(30) }, effectiveFrom: IN_FORCE.HD38, effectiveTo: null, source: 'HD38 §II.4.3.1c, 4.3.2b' }],
});

/** R-TRF-17 [L] (Hà Nội): lateness that calls for a written explanation. */
export const TRF_LOCAL_LATENESS = defineParam<{ startLateAfter: Period; presentLateAfter: Period; presentLateUnder: Period }, 'L'>({
  key: 'trf.local_lateness',
  ruleId: 'R-TRF-17',
  tag: 'L',
  versions: [{ value: { startLateAfter: wd(60), presentLateAfter: wd(30), presentLateUnder: months(3) }, effectiveFrom: IN_FORCE.HN_HD02, effectiveTo: null, source: 'HN-HD02 §C.I.2.2–2.3' }],
});

/**
 * R-TRF-09 [I]: the rule lists the four letter types and then says the cấp trên trực tiếp sends
 * 2 transfer slips; whether the slips go with a temporary letter ("loại 8 ô") too is not said.
 * Default: only with an official transfer letter, as the organization commissions practise.
 */
export const TRF_SLIP_KINDS = defineParam<readonly ('permanent' | 'temporary')[], 'I'>({
  key: 'trf.slip_kinds',
  ruleId: 'R-TRF-09',
  tag: 'I',
  versions: [{ value: ['permanent'], effectiveFrom: IN_FORCE.HD38, effectiveTo: null, source: 'HD38 §II.4.3 (loại thư giới thiệu kèm phiếu báo: suy luận)' }],
});

/**
 * R-TRF-16 [I]: who is referred to the chi bộ of their residence. "Đảng viên đang công tác" is not
 * defined further: by default any member on the rolls (probationary too: they are members), whose
 * own org is a workplace org — a member whose cell is a residential one (thôn, tổ dân phố, or a
 * xã/phường đảng bộ itself) already meets where they live.
 */
export const TRF_RESIDENCE_LIAISON = defineParam<{ readonly statuses: readonly string[]; readonly residenceKinds: readonly string[] }, 'I'>({
  key: 'trf.residence_liaison',
  ruleId: 'R-TRF-16',
  tag: 'I',
  versions: [{ value: { statuses: ['official', 'probationary'], residenceKinds: ['village', 'commune'] }, effectiveFrom: IN_FORCE.HD06, effectiveTo: null, source: 'HD06 §10.3đ (phạm vi: suy luận)' }],
});
