import { Select } from 'antd';
import type { TablePaginationConfig } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

// What the case lists (admission, recognition, removal, transfer) show the same way: the state
// filter with "all" and "open only", the pagination that writes the page into the URL, and
// cells whose long text wraps instead of widening the table.

export const CASE_PAGE_SIZE = 50;

/**
 * The state filter of a case list. `ns` is the case kind's i18n namespace (its `stateFilter`,
 * `allStates` and `openOnly`); the states, their labels and which of them are open are the kind's.
 */
export function CaseStateFilter<S extends string>({
  ns,
  states,
  stateLabel,
  isClosed,
  value,
  onChange,
  minWidth = '20rem',
}: {
  ns: 'admission' | 'recognition' | 'exits' | 'transfer';
  states: readonly S[];
  stateLabel: (s: S) => string;
  isClosed: (s: S) => boolean;
  value: string | undefined;
  onChange: (v: string | undefined) => void;
  minWidth?: string;
}) {
  const { t } = useTranslation();
  const open = states.filter((s) => !isClosed(s)).join(',');
  return (
    <Select
      aria-label={t(`${ns}.stateFilter`)}
      style={{ minWidth: `min(100%, ${minWidth})` }}
      value={value ?? ''}
      onChange={(v: string) => onChange(v || undefined)}
      options={[{ value: '', label: t(`${ns}.allStates`) }, { value: open, label: t(`${ns}.openOnly`) }, ...states.map((s) => ({ value: s, label: stateLabel(s) }))]}
    />
  );
}

/** The table's pagination, the page kept in the URL through `set`. */
export function casePagination(page: number, total: number | undefined, set: (k: string, v: string | undefined) => void): TablePaginationConfig {
  return { current: page, pageSize: CASE_PAGE_SIZE, total: total ?? 0, showSizeChanger: false, onChange: (p) => set('page', String(p)) };
}

/** A table cell whose text wraps between the given widths. */
export function Wrapped({ min = '8rem', max = '14rem', children }: { min?: string; max?: string; children: ReactNode }) {
  return <div style={{ minWidth: min, maxWidth: max, whiteSpace: 'normal' }}>{children}</div>;
}
