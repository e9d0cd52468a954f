import { defineParam } from './params.js';
import { months, wd, type ExtensibleDeadline, type Period } from './period.js';
import { IN_FORCE } from './sources.js';
import type { VoteThreshold } from '../votes/vote.js';

// Parameters of admission (rules.md §3). Each names its rule id; the functions using them are in
// src/domain/admission/.

/** R-ADM-01: age on the chi bộ consideration date, in months; 720 is still "exactly 60". */
export const ADM_AGE_RANGE = defineParam<{ minMonths: number; maxMonths: number }, 'V-P'>({
  key: 'adm.age_range',
  ruleId: 'R-ADM-01',
  tag: 'V-P',
  versions: [{ value: { minMonths: 216, maxMonths: 720 }, effectiveFrom: IN_FORCE.QD29, effectiveTo: null, source: 'QĐ29 §1.1a; QĐ24 §1.1.1; QĐ232; QĐ294 §1.1.1' }],
});

/**
 * R-ADM-01 [I]: how months of age are counted. `calendar_month` ("tính theo tháng") ignores the
 * day: someone born on 20/06/2008 has 216 months from 01/06/2026. `exact_day`: from 20/06/2026.
 */
export const ADM_AGE_COUNTING = defineParam<'calendar_month' | 'exact_day', 'I'>({
  key: 'adm.age_counting',
  ruleId: 'R-ADM-01',
  tag: 'I',
  versions: [{ value: 'calendar_month', effectiveFrom: IN_FORCE.QD29, effectiveTo: null, source: 'practice "tuổi đời tính theo tháng" [I]' }],
});

/** R-ADM-06: the course certificate must precede the chi bộ proposal by at most this much. */
export const ADM_COURSE_VALIDITY = defineParam<Period, 'V-P'>({
  key: 'adm.course_validity',
  ruleId: 'R-ADM-06',
  tag: 'V-P',
  versions: [{ value: months(60), effectiveFrom: IN_FORCE.HD06, effectiveTo: null, source: 'HD06 §5.4b' }],
});

/**
 * R-ADM-07 [I]: the end of youth age for the Đoàn introduction, in completed years. rules.md
 * gives no national figure (R-ADM-08's 30/35 is Hà Nội's); 30 is the Luật Thanh niên 2020 Điều 1
 * definition of youth ("từ đủ 16 tuổi đến 30 tuổi"), so age 30 is still youth age.
 */
export const ADM_YOUTH_AGE_LIMIT = defineParam<number, 'I'>({
  key: 'adm.youth_age_limit',
  ruleId: 'R-ADM-07',
  tag: 'I',
  versions: [{ value: 30, effectiveFrom: IN_FORCE.DL2011, effectiveTo: null, source: 'Luật Thanh niên 2020 Điều 1 [I]' }],
});

/** R-ADM-08 [L]: Đoàn cadres remain of youth age up to 35 (Hà Nội). */
export const ADM_YOUTH_CADRE_AGE_LIMIT = defineParam<number, 'L'>({
  key: 'adm.youth_cadre_age_limit',
  ruleId: 'R-ADM-08',
  tag: 'L',
  versions: [{ value: 35, effectiveFrom: IN_FORCE.HN_HD02, effectiveTo: null, source: 'HN-HD02 §II.1.1.2.1b' }],
});

/** R-ADM-09: months an introducer must have worked, studied (or, from QĐ24, lived) with the applicant. */
export const ADM_SPONSOR_TOGETHER = defineParam<{ months: number; residenceCounts: boolean }, 'V-P'>({
  key: 'adm.sponsor_together',
  ruleId: 'R-ADM-09',
  tag: 'V-P',
  versions: [
    { value: { months: 12, residenceCounts: false }, effectiveFrom: IN_FORCE.QD29, effectiveTo: IN_FORCE.QD24, source: 'QĐ29 (as amended by QĐ24, MOJ-24)' },
    { value: { months: 12, residenceCounts: true }, effectiveFrom: IN_FORCE.QD24, effectiveTo: null, source: 'QĐ24; QĐ294 §3.2.1' },
  ],
});

/** R-ADM-14: reply deadline of a cấp ủy asked to verify a lý lịch. */
export const ADM_BACKGROUND_REPLY = defineParam<{ domestic: Period; abroad: Period }, 'V-P'>({
  key: 'adm.background_reply',
  ruleId: 'R-ADM-14',
  tag: 'V-P',
  versions: [{ value: { domestic: wd(30), abroad: wd(90) }, effectiveFrom: IN_FORCE.HD06, effectiveTo: null, source: 'HD06 §3.4d' }],
});

/** R-ADM-16 (and R-PROB-05, R-PROB-09, R-EXIT-03): the chi bộ vote, of its official members (R-CONG-14). */
export const ADM_CELL_VOTE = defineParam<VoteThreshold, 'V-P'>({
  key: 'adm.cell_vote',
  ruleId: 'R-ADM-16',
  tag: 'V-P',
  versions: [{ value: 'two_thirds', effectiveFrom: IN_FORCE.DL2011, effectiveTo: null, source: 'DL2011 Điều 9; HD06 §3.6b; QĐ294 §9.3.4' }],
});

/** R-ADM-17 (and R-PROB-05, R-PROB-09): the đảng ủy cơ sở vote, of its cấp ủy members (R-MTG-06). */
export const ADM_GRASSROOTS_COMMITTEE_VOTE = defineParam<VoteThreshold, 'V-P'>({
  key: 'adm.grassroots_committee_vote',
  ruleId: 'R-ADM-17',
  tag: 'V-P',
  versions: [{ value: 'two_thirds', effectiveFrom: IN_FORCE.DL2011, effectiveTo: null, source: 'DL2011 Điều 9; HD06 §3.6b–c' }],
});

/**
 * R-ADM-18: the deciding authority's vote. (a) an authorized đảng ủy cơ sở; (b) the BTV of the
 * cấp trên trực tiếp; (c) the thường trực and board heads of a tỉnh ủy. (d) army and police
 * follow separate rules and are not modelled.
 */
export type DecidingAuthority = 'authorized_grassroots_committee' | 'superior_standing_committee' | 'provincial_standing';

export const ADM_DECIDING_VOTE = defineParam<Readonly<Record<DecidingAuthority, VoteThreshold>>, 'V-P'>({
  key: 'adm.deciding_vote',
  ruleId: 'R-ADM-18',
  tag: 'V-P',
  versions: [
    {
      value: { authorized_grassroots_committee: 'two_thirds', superior_standing_committee: 'more_than_half', provincial_standing: 'more_than_half' },
      effectiveFrom: IN_FORCE.DL2011,
      effectiveTo: null,
      source: 'DL2011 Điều 9; QĐ294 §4.3.2; HD06 §3.7',
    },
  ],
});

/** R-ADM-19: the authority decides within this of the chi bộ resolution (event date: the resolution). */
export const ADM_DECISION_DEADLINE = defineParam<ExtensibleDeadline, 'V-P'>({
  key: 'adm.decision_deadline',
  ruleId: 'R-ADM-19',
  tag: 'V-P',
  versions: [
    { value: { period: wd(60), maxExtension: wd(30) }, effectiveFrom: IN_FORCE.QD29, effectiveTo: IN_FORCE.QD294, source: 'QĐ29 §4.3.1; QĐ24; QĐ232 §4.3.1' },
    { value: { period: wd(45), maxExtension: wd(15) }, effectiveFrom: IN_FORCE.QD294, effectiveTo: null, source: 'QĐ294 §4.3.1' },
  ],
});

/** R-ADM-20 [L] (Hà Nội): dossier sent up, and đảng ủy cơ sở resolution, counted from the chi bộ resolution. */
export const ADM_LOCAL_INTERNAL_DEADLINES = defineParam<{ dossierUp: Period; grassrootsResolution: Period }, 'L'>({
  key: 'adm.local_internal_deadlines',
  ruleId: 'R-ADM-20',
  tag: 'L',
  versions: [{ value: { dossierUp: wd(5), grassrootsResolution: wd(25) }, effectiveFrom: IN_FORCE.HN_HD02, effectiveTo: null, source: 'HN-HD02 §II.1.1.3.2' }],
});

/** R-ADM-21: a dossier older than this at the chi bộ resolution must be partly redone. */
export const ADM_DOSSIER_VALIDITY = defineParam<Period, 'V-P'>({
  key: 'adm.dossier_validity',
  ruleId: 'R-ADM-21',
  tag: 'V-P',
  versions: [{ value: months(12), effectiveFrom: IN_FORCE.HD06, effectiveTo: null, source: 'HD06 §5.4a' }],
});

/** R-ADM-22: the ceremony within this of the chi bộ receiving the decision (no extension: only superior consent). */
export const ADM_CEREMONY_DEADLINE = defineParam<Period, 'V-P'>({
  key: 'adm.ceremony_deadline',
  ruleId: 'R-ADM-22',
  tag: 'V-P',
  versions: [{ value: wd(30), effectiveFrom: IN_FORCE.QD29, effectiveTo: null, source: 'QĐ29; QĐ294 §4.1' }],
});

/** R-ADM-24: Mẫu 1-HSĐV and 2-HSĐV within this of the ceremony. */
export const ADM_MEMBER_FORMS_DEADLINE = defineParam<Period, 'V-P'>({
  key: 'adm.member_forms_deadline',
  ruleId: 'R-ADM-24',
  tag: 'V-P',
  versions: [{ value: wd(30), effectiveFrom: IN_FORCE.HD38, effectiveTo: null, source: 'HD38 §I.2.2 note; HN-HD02 §II.1.1.2.6' }],
});

/** R-ADM-25: an authority holding the dossier of an applicant who moved forwards it, and the receiver decides. */
export const ADM_MOVED_APPLICANT = defineParam<{ forward: Period; receiverDecides: Period }, 'V-P'>({
  key: 'adm.moved_applicant',
  ruleId: 'R-ADM-25',
  tag: 'V-P',
  versions: [{ value: { forward: wd(15), receiverDecides: wd(30) }, effectiveFrom: IN_FORCE.HD06, effectiveTo: null, source: 'HD06 §3.9b' }],
});

/** R-ADM-26: decision after the applicant's move: ceremony at the new place up to this; review within. */
export const ADM_DECISION_AFTER_MOVE = defineParam<{ ceremonyAtNewPlaceUpTo: Period; review: Period }, 'V-P'>({
  key: 'adm.decision_after_move',
  ruleId: 'R-ADM-26',
  tag: 'V-P',
  versions: [{ value: { ceremonyAtNewPlaceUpTo: wd(30), review: wd(60) }, effectiveFrom: IN_FORCE.HD06, effectiveTo: null, source: 'HD06 §3.9c' }],
});

/** R-ADM-27: time since leaving, time since a less-serious conviction was expunged, readmissions allowed. */
export const ADM_READMISSION = defineParam<{ sinceLeaving: Period; sinceExpunged: Period; maxReadmissions: number }, 'V-P'>({
  key: 'adm.readmission',
  ruleId: 'R-ADM-27',
  tag: 'V-P',
  versions: [{ value: { sinceLeaving: months(36), sinceExpunged: months(60), maxReadmissions: 1 }, effectiveFrom: IN_FORCE.QD294, effectiveTo: null, source: 'QĐ294 §3.5.1, 3.5.3, 3.5.4' }],
});
