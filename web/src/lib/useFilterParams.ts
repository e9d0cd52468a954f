import { useSearchParams } from 'react-router';

/**
 * A list's filters and page kept in the URL, so a filtered list can be linked to and survives a
 * reload. Changing a filter goes back to the first page; changing the page keeps the filters.
 */
export function useFilterParams() {
  const [params, setParams] = useSearchParams();
  const page = Number(params.get('page') ?? 1) || 1;
  const set = (k: string, v: string | undefined) => {
    const p = new URLSearchParams(params);
    if (v) p.set(k, v);
    else p.delete(k);
    if (k !== 'page') p.delete('page');
    setParams(p);
  };
  return { params, setParams, page, set };
}
