import { describe, expect, it } from 'vitest';
import { grantEndCap, grantOutlivesGranter, grantRefusal, manageRefusal, type HeldRole } from './grant-rules.js';

const province = '/1/';
const commune = '/1/2/';
const sibling = '/1/3/';
const cell = '/1/2/7/';

const adminAll: HeldRole[] = [{ role: 'admin', path: '/' }];
const staffCommune: HeldRole[] = [{ role: 'org_staff', path: commune }];

describe('grantRefusal', () => {
  it('lets an administrator of the whole installation grant any role anywhere, including installation-wide', () => {
    expect(grantRefusal(1, adminAll, { userId: 2, role: 'admin', path: '/' })).toBeNull();
    expect(grantRefusal(1, adminAll, { userId: 2, role: 'org_staff', path: cell })).toBeNull();
  });

  it('refuses any grant to oneself, even one the role would allow (no self-widening)', () => {
    expect(grantRefusal(1, adminAll, { userId: 1, role: 'org_staff', path: '/' })).toBe('self_grant');
    expect(grantRefusal(5, staffCommune, { userId: 5, role: 'leader', path: cell })).toBe('self_grant');
  });

  it('refuses a role stronger than the granter may hand out', () => {
    expect(grantRefusal(5, staffCommune, { userId: 6, role: 'org_staff', path: cell })).toBe('role_too_strong');
    expect(grantRefusal(5, staffCommune, { userId: 6, role: 'admin', path: cell })).toBe('role_too_strong');
    expect(grantRefusal(5, [{ role: 'leader', path: '/' }], { userId: 6, role: 'member', path: cell })).toBe('role_too_strong');
  });

  it('lets commission staff grant the weaker roles within their subtree', () => {
    expect(grantRefusal(5, staffCommune, { userId: 6, role: 'committee', path: commune })).toBeNull();
    expect(grantRefusal(5, staffCommune, { userId: 6, role: 'leader', path: cell })).toBeNull();
  });

  it('refuses an org outside the subtree of every assignment that may grant the role', () => {
    expect(grantRefusal(5, staffCommune, { userId: 6, role: 'leader', path: sibling })).toBe('org_outside_scope');
    expect(grantRefusal(5, staffCommune, { userId: 6, role: 'leader', path: province })).toBe('org_outside_scope');
    // A prefix of the digits is not an ancestor: '/1/2/' does not cover '/1/23/'.
    expect(grantRefusal(5, staffCommune, { userId: 6, role: 'leader', path: '/1/23/' })).toBe('org_outside_scope');
  });

  it('needs a whole-installation assignment for an installation-wide grant', () => {
    expect(grantRefusal(5, [{ role: 'admin', path: province }], { userId: 6, role: 'leader', path: '/' })).toBe('org_outside_scope');
  });

  it('needs one assignment that does both: strong enough here is not strong enough there', () => {
    const mixed: HeldRole[] = [
      { role: 'org_staff', path: commune },
      { role: 'admin', path: sibling },
    ];
    expect(grantRefusal(5, mixed, { userId: 6, role: 'org_staff', path: cell })).toBe('org_outside_scope');
    expect(grantRefusal(5, mixed, { userId: 6, role: 'org_staff', path: sibling })).toBeNull();
    expect(grantRefusal(5, mixed, { userId: 6, role: 'leader', path: cell })).toBeNull();
  });

  it('treats the operator at the shell (no user) as nobody, so never as a self-grant', () => {
    expect(grantRefusal(null, adminAll, { userId: 1, role: 'admin', path: '/' })).toBeNull();
  });
});

describe('manageRefusal', () => {
  it('lets a caller manage an account whose every role they could have granted', () => {
    expect(manageRefusal(5, staffCommune, { userId: 6, roles: [{ role: 'leader', path: cell }] })).toBeNull();
    expect(manageRefusal(5, staffCommune, { userId: 6, roles: [] })).toBeNull();
  });

  it('refuses an account holding a stronger role or a role beyond the caller\'s subtree', () => {
    expect(manageRefusal(5, [{ role: 'admin', path: commune }], { userId: 6, roles: [{ role: 'admin', path: '/' }] })).toBe('target_stronger');
    expect(manageRefusal(5, staffCommune, { userId: 6, roles: [{ role: 'org_staff', path: cell }] })).toBe('target_stronger');
    expect(manageRefusal(5, staffCommune, { userId: 6, roles: [{ role: 'leader', path: cell }, { role: 'leader', path: sibling }] })).toBe('target_stronger');
  });

  it('refuses administering one\'s own account', () => {
    expect(manageRefusal(1, adminAll, { userId: 1, roles: [] })).toBe('self_administration');
  });
});

describe('grantOutlivesGranter', () => {
  const until2026: HeldRole[] = [{ role: 'org_staff', path: commune, validTo: '2026-12-31' }];

  it('caps a grant at the end of the granting assignment that covers it', () => {
    expect(grantOutlivesGranter(until2026, { role: 'leader', path: cell, validTo: '2026-12-31' })).toBeNull();
    expect(grantOutlivesGranter(until2026, { role: 'leader', path: cell, validTo: '2026-06-30' })).toBeNull();
    expect(grantOutlivesGranter(until2026, { role: 'leader', path: cell, validTo: '2027-01-01' })).toBe('2026-12-31');
    // No end given is "for ever", which outlives any ended assignment.
    expect(grantOutlivesGranter(until2026, { role: 'leader', path: cell, validTo: null })).toBe('2026-12-31');
  });

  it('puts no cap on a granter whose covering assignment has no end', () => {
    expect(grantOutlivesGranter([{ role: 'org_staff', path: commune, validTo: null }], { role: 'leader', path: cell, validTo: null })).toBeNull();
    expect(grantOutlivesGranter(staffCommune, { role: 'leader', path: cell, validTo: '2099-01-01' })).toBeNull();
  });

  it('takes the latest end among the assignments able to make the grant, ignoring the others', () => {
    const held: HeldRole[] = [
      { role: 'org_staff', path: commune, validTo: '2026-12-31' },
      { role: 'org_staff', path: province, validTo: '2028-12-31' },
      // Open-ended, but on a sibling subtree: it does not cover the cell.
      { role: 'org_staff', path: sibling, validTo: null },
      // Open-ended and covering, but a leader may not grant.
      { role: 'leader', path: '/', validTo: null },
    ];
    expect(grantEndCap(held, { role: 'committee', path: cell })).toBe('2028-12-31');
    expect(grantOutlivesGranter(held, { role: 'committee', path: cell, validTo: '2028-12-31' })).toBeNull();
    expect(grantOutlivesGranter(held, { role: 'committee', path: cell, validTo: null })).toBe('2028-12-31');
    expect(grantEndCap(held, { role: 'committee', path: sibling })).toBeNull();
  });

  it('leaves a grant no assignment could make to grantRefusal', () => {
    expect(grantEndCap(until2026, { role: 'admin', path: cell })).toBeUndefined();
    expect(grantOutlivesGranter(until2026, { role: 'admin', path: cell, validTo: null })).toBeNull();
  });
});
