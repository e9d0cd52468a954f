// Member status lifecycle (product.md capability 2), v1. Candidates are people, not members,
// and live in the admission module; a member record starts probationary or official.

export const MEMBER_STATUSES = [
  'probationary',
  'official',
  'exempt',
  'transferred',
  'removed',
  'expelled',
  'withdrawn',
  'deceased',
] as const;
export type MemberStatus = (typeof MEMBER_STATUSES)[number];

/** Members counted on an org's rolls (official, probationary, exempt from activities). */
export const ACTIVE_STATUSES: readonly MemberStatus[] = ['probationary', 'official', 'exempt'];

export function isActive(status: MemberStatus): boolean {
  return ACTIVE_STATUSES.includes(status);
}

const exits: MemberStatus[] = ['transferred', 'removed', 'expelled', 'withdrawn', 'deceased'];

const transitions: Record<MemberStatus, readonly MemberStatus[]> = {
  probationary: ['official', ...exits],
  official: ['exempt', ...exits],
  exempt: ['official', ...exits],
  // A member transferred out of this installation may come back (transfer in).
  transferred: ['probationary', 'official'],
  removed: [],
  expelled: [],
  withdrawn: [],
  deceased: [],
};

export function canTransition(from: MemberStatus, to: MemberStatus): boolean {
  return transitions[from].includes(to);
}

/**
 * R-AGE-04: a member removed (or expelled) wrongfully comes back onto the rolls when the removal
 * is annulled; the removed interval stays, marked annulled (the record is never rewritten, R-REC-06).
 */
export function canRestore(from: MemberStatus, to: MemberStatus): boolean {
  return (from === 'removed' || from === 'expelled') && (to === 'official' || to === 'probationary');
}
