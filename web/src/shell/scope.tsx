import { useQuery } from '@tanstack/react-query';
import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';
import { roleCan } from '../../../src/domain/permissions.js';
import { orgApi, orgKeys } from '../api/orgs.js';
import type { Grant } from '../api/types.js';
import { useMe } from '../auth/session.js';
import { orgIdOfPath } from '../lib/format.js';
import { readPref, writePref } from '../prefs/storage.js';

// The subtree the user is working in now. The server already limits every answer to the union
// of their assignments; this choice narrows what the tree starts from and what lists default to,
// for people holding several assignments (a commission officer who is also a cell secretary).

interface Scope {
  grants: Grant[];
  current: Grant | undefined;
  /** The org at the top of the current scope; null for the whole tree. */
  orgId: number | null;
  /** Its name, once known. */
  orgName: string | undefined;
  select(path: string): void;
}

const ScopeContext = createContext<Scope | null>(null);

/**
 * One entry per distinct subtree (two roles on one org are one scope), and only subtrees the
 * role may read the tree of: a party member's assignment names their cell but grants nothing in
 * it (their own record comes by identity), so asking for that cell's details would be refused.
 */
function distinctScopes(grants: Grant[]): Grant[] {
  const seen = new Set<string>();
  return grants.filter((g) => roleCan(g.role, 'org', 'read') && !seen.has(g.path) && seen.add(g.path));
}

export function ScopeProvider({ children }: { children: ReactNode }) {
  const me = useMe();
  const grants = useMemo(() => distinctScopes(me.grants), [me.grants]);
  const prefKey = `scope.${me.user.username}`;
  const [path, setPath] = useState(() => readPref(prefKey));
  const current = grants.find((g) => g.path === path) ?? grants[0];
  const orgId = current ? orgIdOfPath(current.path) : null;
  const details = useQuery({ queryKey: orgKeys.details(orgId ?? 0), queryFn: () => orgApi.details(orgId!), enabled: orgId !== null });

  const select = useCallback(
    (p: string) => {
      setPath(p);
      writePref(prefKey, p);
    },
    [prefKey],
  );
  const value = useMemo<Scope>(
    () => ({ grants, current, orgId, orgName: details.data?.org.name, select }),
    [grants, current, orgId, details.data, select],
  );
  return <ScopeContext.Provider value={value}>{children}</ScopeContext.Provider>;
}

export function useScope(): Scope {
  const s = useContext(ScopeContext);
  if (!s) throw new Error('useScope outside ScopeProvider');
  return s;
}
