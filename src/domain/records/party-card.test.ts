import { describe, expect, it } from 'vitest';
import { RuleNotInForceError } from '../rules/params.js';
import { cardEndOnExit, cardModelOn, cardNumber, cardOnRestoration, checkDue, closingAllowed, closingOnExit, mayHoldCard, requestBatch } from './party-card.js';

describe('party cards', () => {
  it('R-REC-01: only official members (an exempt one is official) may hold a card; a probationary member may not', () => {
    expect(mayHoldCard('official')).toBe(true);
    expect(mayHoldCard('exempt')).toBe(true);
    expect(mayHoldCard('probationary')).toBe(false);
    expect(mayHoldCard('removed')).toBe(false);
    expect(mayHoldCard('deceased')).toBe(false);
  });

  it('R-REC-02: the QĐ 347 model from 2025-09-02, the old one the day before', () => {
    expect(cardModelOn('2025-09-01').model).toBe('legacy');
    expect(cardModelOn('2025-09-02').model).toBe('qd347');
    expect(() => cardModelOn('2010-12-31')).toThrow(RuleNotInForceError);
  });

  it('R-REC-02: under QĐ 347 the number is the citizen ID (12 digits)', () => {
    expect(cardNumber('2025-09-02', '001085001234', null)).toEqual({ ok: true, cardNo: '001085001234', model: 'qd347' });
    expect(cardNumber('2025-09-02', '001085001234', '001085001234')).toMatchObject({ ok: true });
    expect(cardNumber('2025-09-02', '001085001234', '12345678')).toEqual({ ok: false, issue: 'not_citizen_id' });
    expect(cardNumber('2025-09-02', null, '001085001234')).toEqual({ ok: false, issue: 'needs_citizen_id' });
    expect(cardNumber('2025-09-02', '123456789', null)).toEqual({ ok: false, issue: 'needs_citizen_id' });
  });

  it('R-REC-02: before 2025-09-02 the typed number of the old model (6–12 digits)', () => {
    expect(cardNumber('2025-09-01', '001085001234', '38012345')).toEqual({ ok: true, cardNo: '38012345', model: 'legacy' });
    expect(cardNumber('2025-09-01', '001085001234', null)).toEqual({ ok: false, issue: 'needs_number' });
    expect(cardNumber('2025-09-01', null, '12345')).toEqual({ ok: false, issue: 'invalid_number' });
  });

  it('R-REC-02: requests go up in the batch of their month', () => {
    expect(requestBatch('2026-11-30')).toBe('2026-11');
    expect(requestBatch('2026-12-01')).toBe('2026-12');
  });

  it('R-REC-04: the family keeps a deceased member’s card; others who left have it recovered; lost or damaged while on the rolls', () => {
    expect(closingOnExit('deceased')).toBe('kept_by_family');
    expect(closingOnExit('removed')).toBe('recovered');
    expect(closingOnExit('expelled')).toBe('recovered');
    expect(closingOnExit('withdrawn')).toBe('recovered');
    expect(closingOnExit('official')).toBeNull();
    expect(closingAllowed('kept_by_family', 'deceased')).toBe(true);
    expect(closingAllowed('recovered', 'deceased')).toBe(false);
    expect(closingAllowed('recovered', 'official')).toBe(false);
    expect(closingAllowed('lost', 'official')).toBe(true);
    expect(closingAllowed('damaged', 'removed')).toBe(false);
  });

  it('R-REC-04: on exit an open card ends as the rule says; a request never printed lapses; a transfer out keeps it', () => {
    expect(cardEndOnExit('deceased', 'handed_over')).toBe('kept_by_family');
    expect(cardEndOnExit('deceased', 'decided')).toBe('kept_by_family');
    expect(cardEndOnExit('removed', 'handed_over')).toBe('recovered');
    expect(cardEndOnExit('expelled', 'decided')).toBe('recovered');
    expect(cardEndOnExit('withdrawn', 'handed_over')).toBe('recovered');
    expect(cardEndOnExit('removed', 'requested')).toBe('cancelled');
    expect(cardEndOnExit('deceased', 'requested')).toBe('cancelled');
    // Closed cards stay as they are; statuses that are not exits touch nothing.
    expect(cardEndOnExit('removed', 'lost')).toBeNull();
    expect(cardEndOnExit('transferred', 'handed_over')).toBeNull();
    expect(cardEndOnExit('exempt', 'handed_over')).toBeNull();
  });

  it('R-REC-04 with R-AGE-04: a restored official member gets a reissue of the recovered card, or the lapsed request again; a probationary one nothing', () => {
    expect(cardOnRestoration('official', { status: 'recovered' })).toEqual({ reason: 'reissue', replacesLast: true });
    expect(cardOnRestoration('official', { status: 'cancelled' })).toEqual({ reason: 'new', replacesLast: false });
    expect(cardOnRestoration('probationary', { status: 'recovered' })).toBeNull();
    expect(cardOnRestoration('official', null)).toBeNull();
    expect(cardOnRestoration('official', { status: 'lost' })).toBeNull();
  });

  it('R-REC-05: a card not checked yet this year is due; one checked on 1 January is not', () => {
    expect(checkDue(null, 2026)).toBe(true);
    expect(checkDue('2025-12-31', 2026)).toBe(true);
    expect(checkDue('2026-01-01', 2026)).toBe(false);
  });
});
