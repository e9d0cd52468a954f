import { describe, expect, it } from 'vitest';
import { ACTIVE_STATUSES, canTransition, isActive, MEMBER_STATUSES } from './member-status.js';

describe('member status lifecycle v1', () => {
  it('counts probationary, official and exempt members on the rolls, nobody else', () => {
    expect(MEMBER_STATUSES.filter(isActive)).toEqual([...ACTIVE_STATUSES]);
    expect(isActive('deceased')).toBe(false);
    expect(isActive('transferred')).toBe(false);
  });

  it('lets a probationary member become official or leave, but not be exempted directly', () => {
    expect(canTransition('probationary', 'official')).toBe(true);
    expect(canTransition('probationary', 'removed')).toBe(true);
    expect(canTransition('probationary', 'exempt')).toBe(false);
  });

  it('never leads back to probation from official, nor out of a final exit', () => {
    expect(canTransition('official', 'probationary')).toBe(false);
    for (const final of ['removed', 'expelled', 'withdrawn', 'deceased'] as const) {
      for (const to of MEMBER_STATUSES) expect(canTransition(final, to)).toBe(false);
    }
  });

  it('lets an exempt member return to activity and a transferred member come back', () => {
    expect(canTransition('exempt', 'official')).toBe(true);
    expect(canTransition('transferred', 'official')).toBe(true);
    expect(canTransition('transferred', 'exempt')).toBe(false);
  });
});
