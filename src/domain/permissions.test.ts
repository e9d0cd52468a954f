import { describe, expect, it } from 'vitest';
import { ACTIONS, permissionsOf, RESOURCES, roleCan, roleMayGrant, ROLES, TWO_FACTOR_ROLES_DEFAULT } from './permissions.js';

describe('permission table v1', () => {
  it('gives administrators accounts and assignments but no member data', () => {
    expect(roleCan('admin', 'account', 'create')).toBe(true);
    expect(roleCan('admin', 'role_assignment', 'create')).toBe(true);
    expect(roleCan('admin', 'org', 'read')).toBe(true);
    for (const r of ['member', 'member_sensitive', 'stats'] as const) for (const a of ACTIONS) expect(roleCan('admin', r, a), `${r}:${a}`).toBe(false);
    expect(roleCan('admin', 'org', 'update')).toBe(false);
  });

  it('lets commission staff keep the tree and the records, with the sensitive fields', () => {
    for (const a of ['read', 'create', 'update'] as const) {
      expect(roleCan('org_staff', 'org', a)).toBe(true);
      expect(roleCan('org_staff', 'member', a)).toBe(true);
    }
    expect(roleCan('org_staff', 'member_sensitive', 'read')).toBe(true);
    expect(roleCan('org_staff', 'account', 'create')).toBe(false);
  });

  it('keeps leaders read-only and away from the sensitive fields', () => {
    for (const r of RESOURCES) for (const a of ['create', 'update', 'delete'] as const) expect(roleCan('leader', r, a), `${r}:${a}`).toBe(false);
    expect(roleCan('leader', 'member', 'read')).toBe(true);
    expect(roleCan('leader', 'member_sensitive', 'read')).toBe(false);
  });

  it('lets inspection staff and committees read records with the sensitive fields, and write neither records nor the tree', () => {
    for (const role of ['inspection_staff', 'committee'] as const) {
      expect(roleCan(role, 'member', 'read')).toBe(true);
      expect(roleCan(role, 'member_sensitive', 'read')).toBe(true);
      expect(roleCan(role, 'member', 'update')).toBe(false);
      expect(roleCan(role, 'org', 'update')).toBe(false);
    }
    expect(roleCan('committee', 'audit', 'read')).toBe(false);
    expect(roleCan('inspection_staff', 'audit', 'read')).toBe(true);
  });

  it('lets commission staff and committees keep admission cases, leaders read them, and no one else', () => {
    for (const role of ['org_staff', 'committee'] as const) for (const a of ['read', 'create', 'update'] as const) expect(roleCan(role, 'admission', a), `${role} ${a}`).toBe(true);
    expect(roleCan('leader', 'admission', 'read')).toBe(true);
    for (const role of ['admin', 'inspection_staff', 'member'] as const) for (const a of ACTIONS) expect(roleCan(role, 'admission', a), `${role} ${a}`).toBe(false);
    for (const role of ROLES) expect(roleCan(role, 'admission', 'delete'), role).toBe(false);
  });

  it('lets commission staff and committees import member lists within their scope, and no one else', () => {
    for (const role of ['org_staff', 'committee'] as const) for (const a of ['read', 'create', 'update'] as const) expect(roleCan(role, 'import', a), `${role} ${a}`).toBe(true);
    for (const role of ['admin', 'inspection_staff', 'leader', 'member'] as const) for (const a of ACTIONS) expect(roleCan(role, 'import', a), `${role} ${a}`).toBe(false);
  });

  it('lets commission staff and committees keep exits and exemptions, inspection staff and leaders read them, and no one else', () => {
    for (const res of ['exit', 'exemption'] as const) {
      for (const role of ['org_staff', 'committee'] as const) for (const a of ['read', 'create', 'update'] as const) expect(roleCan(role, res, a), `${role} ${res} ${a}`).toBe(true);
      for (const role of ['inspection_staff', 'leader'] as const) for (const a of ACTIONS) expect(roleCan(role, res, a), `${role} ${res} ${a}`).toBe(a === 'read');
      for (const role of ['admin', 'member'] as const) for (const a of ACTIONS) expect(roleCan(role, res, a), `${role} ${res} ${a}`).toBe(false);
      for (const role of ROLES) expect(roleCan(role, res, 'delete'), role).toBe(false);
    }
  });

  it('gives recognition cases the same roles as admission cases', () => {
    for (const role of ROLES) for (const a of ACTIONS) expect(roleCan(role, 'recognition', a), `${role} ${a}`).toBe(roleCan(role, 'admission', a));
  });

  it('lets commission staff and committees set admission targets in their subtree, leaders read them, and no one else', () => {
    for (const role of ['org_staff', 'committee'] as const) for (const a of ['read', 'update'] as const) expect(roleCan(role, 'admission_target', a), `${role} ${a}`).toBe(true);
    expect(roleCan('leader', 'admission_target', 'read')).toBe(true);
    expect(roleCan('leader', 'admission_target', 'update')).toBe(false);
    for (const role of ['admin', 'inspection_staff', 'member'] as const) for (const a of ACTIONS) expect(roleCan(role, 'admission_target', a), `${role} ${a}`).toBe(false);
    for (const role of ROLES) for (const a of ['create', 'delete', 'export'] as const) expect(roleCan(role, 'admission_target', a), `${role} ${a}`).toBe(false);
  });

  it('lets commission staff keep the badge register (R-BADGE-04), committees and leaders read it, and no one else', () => {
    for (const a of ['read', 'create', 'update', 'export'] as const) expect(roleCan('org_staff', 'badge', a), a).toBe(true);
    for (const role of ['committee', 'leader'] as const) {
      expect(roleCan(role, 'badge', 'read')).toBe(true);
      for (const a of ['create', 'update', 'delete', 'export'] as const) expect(roleCan(role, 'badge', a), `${role} ${a}`).toBe(false);
    }
    for (const role of ['admin', 'inspection_staff', 'member'] as const) for (const a of ACTIONS) expect(roleCan(role, 'badge', a), `${role} ${a}`).toBe(false);
  });

  it('gives the member role nothing by scope (their own record is served by identity)', () => {
    expect(permissionsOf('member')).toEqual([]);
  });

  it('lists each role\'s permissions exactly as roleCan answers', () => {
    for (const role of ROLES) {
      const listed = new Set(permissionsOf(role).map((p) => `${p.resource}:${p.action}`));
      for (const r of RESOURCES) for (const a of ACTIONS) expect(listed.has(`${r}:${a}`), `${role} ${r}:${a}`).toBe(roleCan(role, r, a));
    }
  });

  it('lets nobody grant a role stronger than their own', () => {
    expect(roleMayGrant('admin', 'admin')).toBe(true);
    expect(roleMayGrant('admin', 'org_staff')).toBe(true);
    expect(roleMayGrant('org_staff', 'committee')).toBe(true);
    expect(roleMayGrant('org_staff', 'leader')).toBe(true);
    expect(roleMayGrant('org_staff', 'org_staff')).toBe(false);
    expect(roleMayGrant('org_staff', 'admin')).toBe(false);
    expect(roleMayGrant('org_staff', 'inspection_staff')).toBe(false);
    for (const g of ['inspection_staff', 'committee', 'leader', 'member'] as const) for (const r of ROLES) expect(roleMayGrant(g, r), `${g}→${r}`).toBe(false);
  });

  it('asks administrators and commission staff for a second factor by default', () => {
    expect([...TWO_FACTOR_ROLES_DEFAULT].sort()).toEqual(['admin', 'inspection_staff', 'org_staff']);
  });
  it('lets commission staff keep record numbers and cards, committees handle their cards, leaders read, and no one else', () => {
    for (const res of ['member_record', 'party_card'] as const) for (const a of ['read', 'create', 'update', 'export'] as const) expect(roleCan('org_staff', res, a), `${res} ${a}`).toBe(true);
    for (const a of ['read', 'create', 'update'] as const) expect(roleCan('committee', 'party_card', a), a).toBe(true);
    for (const a of ['read', 'create', 'update'] as const) expect(roleCan('committee', 'member_record', a), a).toBe(true);
    expect(roleCan('committee', 'member_record', 'export')).toBe(false);
    expect(roleCan('committee', 'party_card', 'export')).toBe(false);
    for (const res of ['member_record', 'party_card'] as const) {
      expect(roleCan('leader', res, 'read')).toBe(true);
      for (const a of ['create', 'update', 'delete', 'export'] as const) expect(roleCan('leader', res, a), `leader ${res} ${a}`).toBe(false);
      for (const role of ['admin', 'inspection_staff', 'member'] as const) for (const a of ACTIONS) expect(roleCan(role, res, a), `${role} ${res} ${a}`).toBe(false);
    }
  });
});
