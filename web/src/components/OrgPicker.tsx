import { useQuery } from '@tanstack/react-query';
import { Select } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { orgApi, orgKeys } from '../api/orgs.js';
import { useDebounced } from '../lib/useDebounced.js';

interface Props {
  id?: string;
  value?: number | null;
  onChange?: (id: number | null) => void;
  /** Ids that may not be picked (the org itself when moving or merging it). */
  exclude?: number[];
  'aria-label'?: string;
  allowClear?: boolean;
  style?: React.CSSProperties;
}

/** Picks an org in the caller's scope by typing part of its name or code (server-side search). */
export function OrgPicker({ value, onChange, exclude = [], allowClear = true, ...rest }: Props) {
  const { t } = useTranslation();
  const [text, setText] = useState('');
  const q = useDebounced(text.trim(), 300);
  const found = useQuery({ queryKey: orgKeys.search(q), queryFn: ({ signal }) => orgApi.search(q, signal), enabled: q.length >= 2 });
  // The chosen org's name, when it was not picked from the current results (a link, a reload).
  const chosen = useQuery({ queryKey: orgKeys.details(value ?? 0), queryFn: () => orgApi.details(value!), enabled: !!value });

  const options = (found.data?.items ?? [])
    .filter((o) => !exclude.includes(o.id))
    .map((o) => ({ value: o.id, label: `${o.name} (${o.code})` }));
  if (value && !options.some((o) => o.value === value) && chosen.data) {
    options.unshift({ value, label: `${chosen.data.org.name} (${chosen.data.org.code})` });
  }

  return (
    <Select
      {...rest}
      showSearch={{ filterOption: false, onSearch: setText }}
      allowClear={allowClear}
      value={value ?? undefined}
      onChange={(v: number | undefined) => onChange?.(v ?? null)}
      options={options}
      placeholder={t('orgPicker.placeholder')}
      notFoundContent={q.length < 2 ? t('orgPicker.typeMore') : found.isFetching ? t('common.loading') : t('orgPicker.none')}
      loading={found.isFetching}
      style={{ minWidth: '14rem', ...rest.style }}
    />
  );
}
