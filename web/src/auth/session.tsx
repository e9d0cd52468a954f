import { useQuery, useQueryClient } from '@tanstack/react-query';
import { createContext, useCallback, useContext, useEffect, useMemo, type ReactNode } from 'react';
import { authApi } from '../api/auth.js';
import { ApiError, onUnauthenticated, setCsrfToken } from '../api/client.js';
import type { Action, Me, Resource } from '../api/types.js';

// Who is signed in, at which step, and what they may do. The server's /api/auth/me is the only
// source: the app shows or hides actions from its `permissions` and never restates the table.

export const ME_KEY = ['auth', 'me'] as const;

export interface Session {
  /** undefined while the first answer is awaited; null when nobody is signed in. */
  me: Me | null | undefined;
  can(resource: Resource, action: Action): boolean;
  /** Re-reads /me after a sign-in step. */
  refresh(): Promise<void>;
  signOut(): Promise<void>;
}

const SessionContext = createContext<Session | null>(null);

async function fetchMe(): Promise<Me | null> {
  try {
    const me = await authApi.me();
    setCsrfToken(me.csrfToken);
    return me;
  } catch (e) {
    if (e instanceof ApiError && e.status === 401) return null;
    throw e;
  }
}

export function SessionProvider({ children }: { children: ReactNode }) {
  const queryClient = useQueryClient();
  const { data: me } = useQuery({ queryKey: ME_KEY, queryFn: fetchMe, staleTime: Infinity, retry: 1 });

  // Signed out, by choice or because the session expired: forget every cached answer of the
  // previous user. The /me entry itself is set to null, not removed, so this provider's
  // subscription to it sees the change.
  const forget = useCallback(() => {
    queryClient.setQueryData(ME_KEY, null);
    queryClient.removeQueries({ predicate: (q) => q.queryKey[0] !== ME_KEY[0] });
  }, [queryClient]);

  useEffect(
    () =>
      onUnauthenticated(() => {
        if (queryClient.getQueryData(ME_KEY)) forget();
      }),
    [queryClient, forget],
  );

  const refresh = useCallback(async () => {
    await queryClient.invalidateQueries({ queryKey: ME_KEY });
  }, [queryClient]);

  const signOut = useCallback(async () => {
    await authApi.logout().catch(() => undefined);
    setCsrfToken('');
    forget();
  }, [forget]);

  const value = useMemo<Session>(() => {
    const allowed = new Set((me?.permissions ?? []).map((p) => `${p.resource}:${p.action}`));
    return { me, can: (resource, action) => allowed.has(`${resource}:${action}`), refresh, signOut };
  }, [me, refresh, signOut]);

  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): Session {
  const s = useContext(SessionContext);
  if (!s) throw new Error('useSession outside SessionProvider');
  return s;
}

/** The signed-in session; only for pages behind the sign-in gate. */
export function useMe(): Me {
  const { me } = useSession();
  if (!me) throw new Error('useMe without a session');
  return me;
}

/** Signed in and past every step (second factor, forced password change). */
export function isFullySignedIn(me: Me | null | undefined): boolean {
  return !!me && me.user.stage === 'full' && !me.user.mustChangePassword;
}
