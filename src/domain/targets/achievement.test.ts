import { describe, expect, it } from 'vitest';
import { achievement, childrenTargetSum, effectiveTarget, percentOfTarget, targetMet } from './achievement.js';

describe('percent of the yearly admission target', () => {
  it('prints the seed article figure: 1,395 admitted against 1,125 is 124.0 %', () => {
    expect(percentOfTarget(1395, 1125)).toBe(124);
    expect(percentOfTarget(1395, 1120)).toBe(124.6);
  });

  it('rounds to one decimal, halves up', () => {
    expect(percentOfTarget(1, 3)).toBe(33.3);
    expect(percentOfTarget(2, 3)).toBe(66.7);
    expect(percentOfTarget(1, 8)).toBe(12.5);
    expect(percentOfTarget(1, 16)).toBe(6.3); // 6.25 → 6.3
    expect(percentOfTarget(1, 2000)).toBe(0.1); // 0.05 → 0.1
    expect(percentOfTarget(0, 7)).toBe(0);
  });

  it('has no percentage without a target or against a target of 0', () => {
    expect(percentOfTarget(12, null)).toBeNull();
    expect(percentOfTarget(12, 0)).toBeNull();
    expect(percentOfTarget(0, 0)).toBeNull();
  });
});

describe('met or not met', () => {
  it('compares exactly, not the rounded percentage', () => {
    expect(targetMet(2499, 2500)).toBe(false);
    expect(percentOfTarget(2499, 2500)).toBe(100); // 99.96 prints as 100.0 …
    expect(targetMet(2500, 2500)).toBe(true); // … but only 2,500 meets it
    expect(targetMet(2600, 2500)).toBe(true);
  });

  it('meets a target of 0 and has nothing to meet without one', () => {
    expect(targetMet(0, 0)).toBe(true);
    expect(targetMet(3, null)).toBeNull();
  });
});

describe("the children's targets beside the node's own", () => {
  it('sums the children that have a target; none set is null, not 0', () => {
    expect(childrenTargetSum([10, null, 5, 0])).toBe(15);
    expect(childrenTargetSum([null, null])).toBeNull();
    expect(childrenTargetSum([])).toBeNull();
    expect(childrenTargetSum([0])).toBe(0);
  });

  it("lets the node's own target win and falls back to the children's sum", () => {
    expect(effectiveTarget(100, 120)).toEqual({ target: 100, source: 'own' });
    expect(effectiveTarget(0, 120)).toEqual({ target: 0, source: 'own' });
    expect(effectiveTarget(null, 120)).toEqual({ target: 120, source: 'children' });
    expect(effectiveTarget(null, null)).toEqual({ target: null, source: null });
  });

  it('reports the figures together', () => {
    expect(achievement(124, 100, 130)).toEqual({ ownTarget: 100, childrenTargetSum: 130, target: 100, targetSource: 'own', percent: 124, met: true });
    expect(achievement(90, null, 100)).toEqual({ ownTarget: null, childrenTargetSum: 100, target: 100, targetSource: 'children', percent: 90, met: false });
    expect(achievement(5, null, null)).toEqual({ ownTarget: null, childrenTargetSum: null, target: null, targetSource: null, percent: null, met: null });
  });
});
