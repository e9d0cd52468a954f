import { describe, expect, it } from 'vitest';
import { RuleNotInForceError } from '../rules/params.js';
import { compareDossiers, dossierKeepers, dossierState, loanOverdue, movementRefusal, nextReconciliationDue, returnRefusal, type DossierMovementFact } from './dossier.js';

const received = (id: number, date: string, holderOrgId = 10): DossierMovementFact => ({ id, kind: 'received', holderOrgId, date, returnedOn: null });
const lent = (id: number, date: string, returnedOn: string | null = null, holderOrgId = 10): DossierMovementFact => ({ id, kind: 'lent', holderOrgId, date, returnedOn });
const handed = (id: number, date: string, holderOrgId = 10): DossierMovementFact => ({ id, kind: 'handed_over', holderOrgId, date, returnedOn: null });

describe('member dossiers', () => {
  it('R-REC-06: the grassroots org keeps the dossier, otherwise the direct superior', () => {
    const province = { id: 1, org_type: 'province' };
    const commune = { id: 2, org_type: 'superior' };
    const committee = { id: 3, org_type: 'grassroots_committee' };
    const cell = { id: 4, org_type: 'cell' };
    expect(dossierKeepers([province, commune, committee, cell], commune).map((o) => o.id)).toEqual([3, 2]);
    const gcell = { id: 5, org_type: 'grassroots_cell' };
    expect(dossierKeepers([province, commune, gcell], commune).map((o) => o.id)).toEqual([5, 2]);
    // A member placed directly in the superior: only the superior.
    expect(dossierKeepers([province, commune], commune).map((o) => o.id)).toEqual([2]);
    expect(dossierKeepers([province], null)).toEqual([]);
  });

  it('R-REC-06/R-REC-11: where the dossier is after its movements', () => {
    expect(dossierState([])).toEqual({ state: 'none' });
    expect(dossierState([received(1, '2026-01-05')])).toEqual({ state: 'held', holderOrgId: 10, since: '2026-01-05' });
    expect(dossierState([received(1, '2026-01-05'), lent(2, '2026-03-01')])).toEqual({ state: 'on_loan', holderOrgId: 10, since: '2026-03-01', loanId: 2 });
    expect(dossierState([received(1, '2026-01-05'), lent(2, '2026-03-01', '2026-03-10')])).toEqual({ state: 'held', holderOrgId: 10, since: '2026-03-10' });
    expect(dossierState([received(1, '2026-01-05'), handed(2, '2026-04-01')])).toEqual({ state: 'handed_over', holderOrgId: 10, since: '2026-04-01' });
  });

  it('R-REC-11: a dossier out on loan is not lent again nor handed over; one not held is not lent; one held is not received twice', () => {
    const out = [received(1, '2026-01-05'), lent(2, '2026-03-01')];
    expect(movementRefusal(out, { kind: 'lent', holderOrgId: 10, date: '2026-03-02', dueBack: '2026-03-20' })).toBe('on_loan');
    expect(movementRefusal(out, { kind: 'handed_over', holderOrgId: 10, date: '2026-03-02' })).toBe('on_loan');
    expect(movementRefusal(out, { kind: 'received', holderOrgId: 11, date: '2026-03-02' })).toBe('already_held');
    expect(movementRefusal([], { kind: 'handed_over', holderOrgId: 10, date: '2026-03-02' })).toBe('not_held');
    expect(movementRefusal([], { kind: 'lent', holderOrgId: 10, date: '2026-03-02', dueBack: null })).toBe('not_held');
    // Held by another keeper: this one cannot hand it over.
    expect(movementRefusal([received(1, '2026-01-05', 11)], { kind: 'handed_over', holderOrgId: 10, date: '2026-03-02' })).toBe('not_held');
    const gone = [received(1, '2026-01-05'), handed(2, '2026-02-01')];
    expect(movementRefusal(gone, { kind: 'handed_over', holderOrgId: 10, date: '2026-03-02' })).toBe('not_held');
    expect(movementRefusal(gone, { kind: 'received', holderOrgId: 12, date: '2026-02-03' })).toBeNull();
    expect(movementRefusal([], { kind: 'received', holderOrgId: 10, date: '2026-02-03' })).toBeNull();
  });

  it('R-REC-11: no movement dated before the last one (a return counts), no loan due back before it was lent', () => {
    const back = [received(1, '2026-01-05'), lent(2, '2026-03-01', '2026-03-10')];
    expect(movementRefusal(back, { kind: 'lent', holderOrgId: 10, date: '2026-03-09', dueBack: null })).toBe('before_last');
    expect(movementRefusal(back, { kind: 'lent', holderOrgId: 10, date: '2026-03-10', dueBack: '2026-03-09' })).toBe('due_before_loan');
    expect(movementRefusal(back, { kind: 'lent', holderOrgId: 10, date: '2026-03-10', dueBack: '2026-03-10' })).toBeNull();
  });

  it('R-REC-11: a return only of a loan still out, never before the day it was lent', () => {
    expect(returnRefusal(received(1, '2026-01-05'), '2026-02-01')).toBe('not_lent');
    expect(returnRefusal(lent(2, '2026-03-01', '2026-03-05'), '2026-03-06')).toBe('not_lent');
    expect(returnRefusal(lent(2, '2026-03-01'), '2026-02-28')).toBe('return_before_loan');
    expect(returnRefusal(lent(2, '2026-03-01'), '2026-03-01')).toBeNull();
  });

  it('R-REC-11: a loan is overdue the day after its due-back day, until returned', () => {
    const loan = { kind: 'lent' as const, dueBack: '2026-03-20', returnedOn: null };
    expect(loanOverdue(loan, '2026-03-20')).toBe(false);
    expect(loanOverdue(loan, '2026-03-21')).toBe(true);
    expect(loanOverdue({ ...loan, returnedOn: '2026-03-25' }, '2026-04-01')).toBe(false);
    expect(loanOverdue({ ...loan, dueBack: null }, '2027-01-01')).toBe(false);
    expect(loanOverdue({ kind: 'received', dueBack: '2026-03-20', returnedOn: null }, '2026-04-01')).toBe(false);
  });

  it('R-REC-08: the next reconciliation is due six months after the last, at once when there has been none', () => {
    expect(nextReconciliationDue(null, '2026-11-20')).toBe('2026-11-20');
    expect(nextReconciliationDue('2026-05-20', '2026-11-20')).toBe('2026-11-20');
    expect(nextReconciliationDue('2026-08-31', '2026-11-20')).toBe('2027-02-28');
    expect(() => nextReconciliationDue('2025-06-08', '2026-11-20')).toThrow(RuleNotInForceError);
  });

  it('R-REC-08: members without a held dossier, and dossiers held for people not on the list', () => {
    expect(compareDossiers([1, 2, 3], [2, 3, 4, 5])).toEqual({ withoutDossier: [1], notOnList: [4, 5] });
    expect(compareDossiers([1, 2], [2, 1])).toEqual({ withoutDossier: [], notOnList: [] });
  });
});
