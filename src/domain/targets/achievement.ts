// Yearly admission targets ("chỉ tiêu kết nạp", glossary: target) and how far an org has come
// towards them (issue 5 item 8). The seed articles print it as "kết nạp 1.395 đảng viên, đạt trên
// 124% chỉ tiêu": a percentage with at most one decimal. Not a regulation (the targets are set by
// each committee's plan), so no rule id; the breakdown of the admitted follows R-STAT-04.

/**
 * Admitted as a percentage of the target, rounded half up to one decimal (1,395 of 1,125 → 124.0).
 * No target, or a target of 0 (nothing to measure against): null.
 */
export function percentOfTarget(admitted: number, target: number | null): number | null {
  if (target === null || target <= 0) return null;
  // Integer numerator: admitted * 1000 / target is exact at .5 when the true value is, so
  // Math.round rounds halves up as the printed reports do.
  return Math.round((admitted * 1000) / target) / 10;
}

/**
 * Met when at least the target was admitted, compared exactly (99.96 % prints as 100.0 but is not
 * met). A target of 0 is met. No target: null (nothing to meet).
 */
export function targetMet(admitted: number, target: number | null): boolean | null {
  if (target === null) return null;
  return admitted >= target;
}

/** Sum of the targets set on an org's children; null when none of them has one. */
export function childrenTargetSum(targets: readonly (number | null)[]): number | null {
  const set = targets.filter((t): t is number => t !== null);
  return set.length === 0 ? null : set.reduce((a, b) => a + b, 0);
}

export type TargetSource = 'own' | 'children' | null;

/**
 * The target an org is measured against: its own when set (the committee's plan for that level
 * wins, even when its children's targets add up to something else); otherwise the sum of its
 * children's targets; otherwise none. The children's sum is always reported beside it.
 */
export function effectiveTarget(own: number | null, childrenSum: number | null): { target: number | null; source: TargetSource } {
  if (own !== null) return { target: own, source: 'own' };
  if (childrenSum !== null) return { target: childrenSum, source: 'children' };
  return { target: null, source: null };
}

export interface Achievement {
  /** The org's own target for the year, if set. */
  ownTarget: number | null;
  /** Sum of its direct children's own targets for the year; null when none is set. */
  childrenTargetSum: number | null;
  /** What the percentage is measured against (own, else the children's sum). */
  target: number | null;
  targetSource: TargetSource;
  percent: number | null;
  met: boolean | null;
}

export function achievement(admitted: number, ownTarget: number | null, childrenSum: number | null): Achievement {
  const { target, source } = effectiveTarget(ownTarget, childrenSum);
  return { ownTarget, childrenTargetSum: childrenSum, target, targetSource: source, percent: percentOfTarget(admitted, target), met: targetMet(admitted, target) };
}
