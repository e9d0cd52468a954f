// Who may do what: the single permission table (role × resource × action). Routes declare the
// permission they need and the web app reads this table through /api/auth/me; neither restates
// it. Each role holds its permissions only within the subtrees of its assignments (product.md
// "Who uses it"; not a regulation, so no rule id). Version 1; a change of the table is a change of this file and its
// test, never a condition in a route.

export const PERMISSIONS_VERSION = 1;

export const ROLES = ['admin', 'org_staff', 'inspection_staff', 'committee', 'leader', 'member'] as const;
export type Role = (typeof ROLES)[number];

export const RESOURCES = [
  /** The organization tree: nodes, their history, structure changes. */
  'org',
  /** Member records without the sensitive fields. */
  'member',
  /** Citizen ID, ethnicity, religion, phone, addresses, family: only roles that need them. */
  'member_sensitive',
  /** Aggregate figures (roll-ups, recounts, as-of statistics). */
  'stats',
  /** The audit trail of changes and record reads. */
  'audit',
  /** User accounts: create, reset, lock, revoke sessions. */
  'account',
  /** Role assignments (who holds which role where). */
  'role_assignment',
  /** Candidates ("quần chúng ưu tú") and their admission cases, with their steps. */
  'admission',
  /** Imports of member lists (issue 6): upload, dry run, commit, history, saved column mappings. */
  'import',
  /** The due list ("Việc cần làm"): open deadlines of the cases in scope. */
  'due_item',
  /** Recognition cases of probationary members as official members, with their steps. */
  'recognition',
  /** Yearly admission targets per org and their achievement (issue 5 item 8). */
  'admission_target',
  /** Transfer cases of members (issue 5 item 4), seen from either end, with their steps. */
  'transfer',
  /** The flag that a member is under inspection or has a pending complaint (R-TRF-04). */
  'transfer_block',
  /** Party badges: candidates of a ceremony batch, the register of awards, returns and reissues (issue 5 item 6). */
  'badge',
  /** Exits (issue 5 item 5): removal cases with their steps and appeal, leaving on request, death. */
  'exit',
  /** Exemptions of members from work and meetings (R-EXIT-10 … 12). */
  'exemption',
  /** Record numbers (số lý lịch) and the blocks a province gives its direct superiors (R-REC-09). */
  'member_record',
  /** Party cards: requests, the direct superior's decision, handover, yearly check, recovery (R-REC-01 … 05). */
  'party_card',
  /** Referrals of employed members to the chi bộ where they live, and the yearly comments (R-TRF-16). */
  'residence_liaison',
] as const;
export type Resource = (typeof RESOURCES)[number];

export const ACTIONS = ['read', 'create', 'update', 'delete', 'export'] as const;
export type Action = (typeof ACTIONS)[number];

type Table = Record<Role, Partial<Record<Resource, readonly Action[]>>>;

const PERMISSIONS: Table = {
  // Accounts and configuration; the tree is readable so that roles can be assigned on it.
  // Member data only through an explicit additional assignment.
  admin: {
    org: ['read'],
    account: ['read', 'create', 'update'],
    role_assignment: ['read', 'create', 'delete'],
    audit: ['read'],
  },
  // Organization commission staff keep the tree and the records of their subtree.
  org_staff: {
    org: ['read', 'create', 'update'],
    member: ['read', 'create', 'update', 'export'],
    member_sensitive: ['read'],
    stats: ['read', 'export'],
    audit: ['read'],
    account: ['read'],
    role_assignment: ['read', 'create', 'delete'],
    admission: ['read', 'create', 'update'],
    import: ['read', 'create', 'update'],
    due_item: ['read'],
    recognition: ['read', 'create', 'update'],
    admission_target: ['read', 'update'],
    // Export: the register of transfer slips (R-REC-11).
    transfer: ['read', 'create', 'update', 'export'],
    transfer_block: ['read', 'update'],
    // The direct superior lists candidates and keeps the register (R-BADGE-04).
    badge: ['read', 'create', 'update', 'export'],
    exit: ['read', 'create', 'update'],
    exemption: ['read', 'create', 'update'],
    // The commission keeps the dossiers, the record numbers and the card requests (R-REC-06, 09, 02).
    member_record: ['read', 'create', 'update', 'export'],
    party_card: ['read', 'create', 'update', 'export'],
    // The commission keeps the register of residence referrals (HD06 §10.3đ, R-REC-11).
    residence_liaison: ['read', 'create', 'update', 'export'],
  },
  // Inspection staff read records for inspections and discipline cases (later issues). Until the
  // inspection module exists, they record who is under inspection or complaint (R-TRF-04).
  inspection_staff: {
    org: ['read'],
    member: ['read'],
    member_sensitive: ['read'],
    stats: ['read'],
    audit: ['read'],
    transfer: ['read'],
    transfer_block: ['read', 'update'],
    // Removals and appeals are theirs to know of (QĐ294 §8.2: appeals against removal).
    exit: ['read'],
    exemption: ['read'],
  },
  // Committee members and secretaries run their org: they know their members' contacts. They
  // prepare candidates and record the cell's and committee's steps of an admission (HD06 §3) and of
  // a probationary member's recognition (HD06 §4).
  committee: {
    org: ['read'],
    member: ['read'],
    member_sensitive: ['read'],
    stats: ['read'],
    admission: ['read', 'create', 'update'],
    // A cell's committee brings its own list in (issue 6); the import writes only within its scope.
    import: ['read', 'create', 'update'],
    due_item: ['read'],
    recognition: ['read', 'create', 'update'],
    // They hand targets down to the orgs below them (each committee's plan), within their subtree.
    admission_target: ['read', 'update'],
    // The chi ủy fills the transfer letter's first box and receives the arriving member (HD38 §II.4.3).
    transfer: ['read', 'create', 'update'],
    transfer_block: ['read'],
    // They see who of their org is to be awarded, and hold the ceremony (R-BADGE-04).
    badge: ['read'],
    // The chi bộ proposes removal, asks for the self-review, decides exemptions (R-EXIT-03, R-EXIT-10).
    exit: ['read', 'create', 'update'],
    exemption: ['read', 'create', 'update'],
    // The chi bộ asks for its members' cards, hands them over, checks them yearly and recovers them
    // (R-REC-01, 04, 05); the decision itself needs the direct superior in scope (service). The cell
    // secretary files the members' phiếu bổ sung and each level passes it up (R-REC-07); numbers
    // and approvals need the direct superior in scope (service).
    member_record: ['read', 'create', 'update'],
    party_card: ['read', 'create', 'update'],
    // The workplace cấp ủy refers its members to their residence; the residence chi ủy comments yearly (HD06 §10.3đ).
    residence_liaison: ['read', 'create', 'update'],
  },
  // Leaders read dashboards, reports and the register, never the sensitive fields.
  leader: {
    org: ['read'],
    member: ['read'],
    stats: ['read', 'export'],
    admission: ['read'],
    due_item: ['read'],
    recognition: ['read'],
    admission_target: ['read'],
    transfer: ['read'],
    badge: ['read'],
    exit: ['read'],
    exemption: ['read'],
    member_record: ['read'],
    party_card: ['read'],
    residence_liaison: ['read'],
  },
  // A party member sees their own record only (served by /api/auth/me/record, not by scope).
  member: {},
};

export function roleCan(role: Role, resource: Resource, action: Action): boolean {
  return PERMISSIONS[role][resource]?.includes(action) ?? false;
}

/** Every (resource, action) a role holds, for the web app to show or hide what the user may do. */
export function permissionsOf(role: Role): { resource: Resource; action: Action }[] {
  return Object.entries(PERMISSIONS[role]).flatMap(([resource, actions]) =>
    (actions ?? []).map((action) => ({ resource: resource as Resource, action })),
  );
}

// Which roles a holder may grant, within the subtree of the assignment that lets them grant.
// Nobody grants a role stronger than their own: commission staff hand out the roles of the
// people they work with; only an administrator creates administrators and commission staff.
const GRANTABLE: Record<Role, readonly Role[]> = {
  admin: ROLES,
  org_staff: ['committee', 'leader', 'member'],
  inspection_staff: [],
  committee: [],
  leader: [],
  member: [],
};

export function roleMayGrant(granter: Role, granted: Role): boolean {
  return roleCan(granter, 'role_assignment', 'create') && GRANTABLE[granter].includes(granted);
}

/** Roles that must sign in with a second factor unless configured otherwise. */
export const TWO_FACTOR_ROLES_DEFAULT: readonly Role[] = ['admin', 'org_staff', 'inspection_staff'];
