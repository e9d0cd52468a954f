import { describe, expect, it } from 'vitest';
import { makeAccess } from './access.js';

describe('a caller\'s access', () => {
  it('scopes each permission to the subtrees of the roles that hold it', () => {
    const access = makeAccess([
      { role: 'committee', path: '/1/5/' },
      { role: 'leader', path: '/1/7/' },
      { role: 'org_staff', path: '/1/5/9/' },
    ]);
    expect(access.scopeFor('member', 'read').paths).toEqual(['/1/5/', '/1/7/']);
    expect(access.scopeFor('member_sensitive', 'read').paths).toEqual(['/1/5/']);
    expect(access.scopeFor('member', 'update').paths).toEqual(['/1/5/9/']);
    expect(access.can('account', 'read')).toBe(true);
    expect(access.can('account', 'create')).toBe(false);
  });

  it('fails closed: no assignment, nothing', () => {
    const none = makeAccess([]);
    expect(none.can('org', 'read')).toBe(false);
    expect(none.scopeFor('org', 'read').paths).toEqual([]);
  });

  it('reads the whole installation from an assignment without an org', () => {
    expect(makeAccess([{ role: 'leader', path: '/' }, { role: 'leader', path: '/3/' }]).scopeFor('stats', 'read').paths).toEqual(['/']);
  });
});
