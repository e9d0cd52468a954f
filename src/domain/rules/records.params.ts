import { defineParam } from './params.js';
import { months, wd, type Period } from './period.js';
import { IN_FORCE } from './sources.js';

// Parameters of member records and party cards (rules.md §5, R-REC).

/**
 * R-REC-02: the party card model in force on the day of the issuance decision. Before QĐ 347 the
 * card number was the central office's own serial (6 to 12 digits, what member-validation accepts
 * for old cards); from 02/09/2025 it has 12 digits and equals the member's personal
 * identification number (số định danh cá nhân, the citizen ID).
 */
export interface PartyCardModel {
  readonly model: 'legacy' | 'qd347';
  /** The card number is the citizen ID (nothing to type). */
  readonly numberIsCitizenId: boolean;
  readonly minDigits: number;
  readonly maxDigits: number;
}

export const PARTY_CARD_MODEL = defineParam<PartyCardModel, 'V-P'>({
  key: 'record.party_card_model',
  ruleId: 'R-REC-02',
  tag: 'V-P',
  versions: [
    { value: { model: 'legacy', numberIsCitizenId: false, minDigits: 6, maxDigits: 12 }, effectiveFrom: IN_FORCE.DL2011, effectiveTo: IN_FORCE.QD347, source: 'QĐ294 §6.1; HD06 §7.1 (thẻ mẫu cũ)' },
    { value: { model: 'qd347', numberIsCitizenId: true, minDigits: 12, maxDigits: 12 }, effectiveFrom: IN_FORCE.QD347, effectiveTo: null, source: 'QĐ347; HD38 §II.2.1–2.2' },
  ],
});

/** R-REC-08: incoming transfer slips (phiếu báo) are checked this often. */
export const REC_SLIP_CHECK_PERIOD = defineParam<Period, 'V-P'>({
  key: 'record.slip_check_period',
  ruleId: 'R-REC-08',
  tag: 'V-P',
  versions: [{ value: months(3), effectiveFrom: IN_FORCE.HD06, effectiveTo: null, source: 'HD06 §8.3b' }],
});

/**
 * R-REC-07 [I]: the phiếu bổ sung filed on each official transfer (HD06 §8.1c). The rule gives no
 * time limit; the due list needs one. Taken as 30 working days from the day the receiving cell
 * took the member, the span R-TRF-02 gives for presenting the letter and R-REC-08 for sending
 * notices up. Change it here when the organization board states its own.
 */
export const RECORD_UPDATE_AFTER_TRANSFER = defineParam<Period, 'I'>({
  key: 'record.update_after_transfer',
  ruleId: 'R-REC-07',
  tag: 'I',
  versions: [{ value: wd(30), effectiveFrom: IN_FORCE.HD06, effectiveTo: null, source: 'HD06 §8.1c (no time limit given; 30 wd as R-TRF-02, R-REC-08) [I]' }],
});

/**
 * R-REC-08: the dossier list is reconciled with the member list every 6 months (HD06 §8.2h). The
 * version in force on the day of the last reconciliation gives the next one; before HD06 no
 * period is verified, so an earlier reconciliation raises RuleNotInForceError.
 */
export const DOSSIER_RECONCILIATION_MONTHS = defineParam<number, 'V-P'>({
  key: 'record.dossier_reconciliation_months',
  ruleId: 'R-REC-08',
  tag: 'V-P',
  versions: [{ value: 6, effectiveFrom: IN_FORCE.HD06, effectiveTo: null, source: 'HD06 §8.2h' }],
});
