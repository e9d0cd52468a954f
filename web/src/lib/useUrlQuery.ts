import { useMemo } from 'react';
import { useSearchParams } from 'react-router';

type Value = string | number | undefined;

/**
 * A page's filters kept in the URL (bookmarkable, survive a reload), read by the given parser.
 * Changing anything but the page goes back to the first page.
 */
export function useUrlQuery<Q extends { page?: number }>(read: (p: URLSearchParams) => Q): [Q, (change: Partial<Q>) => void] {
  const [params, setParams] = useSearchParams();
  const query = useMemo(() => read(params), [params, read]);
  // Built on the address as it is now, not as this render saw it: the router commits a navigation
  // in a transition, so a slow page (a long table) may still be showing the previous filters when
  // the next one is entered, and building on those would drop the filter just applied.
  const change = (c: Partial<Q>) => {
    const next: Record<string, Value> = { ...read(new URLSearchParams(window.location.search)), ...c };
    if (!('page' in c)) next.page = undefined;
    const p = new URLSearchParams();
    for (const [k, v] of Object.entries(next)) if (v !== undefined && v !== '' && !(k === 'page' && v === 1)) p.set(k, String(v));
    setParams(p, { replace: true });
  };
  return [query, change];
}

export const numParam = (p: URLSearchParams, k: string) => (p.get(k) ? Number(p.get(k)) || undefined : undefined);
export const strParam = (p: URLSearchParams, k: string) => p.get(k) || undefined;
