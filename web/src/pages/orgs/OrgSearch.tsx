import { useQuery } from '@tanstack/react-query';
import { SearchOutlined } from '@ant-design/icons';
import { AutoComplete, Input } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { orgApi, orgKeys } from '../../api/orgs.js';
import { useDebounced } from '../../lib/useDebounced.js';

/** Find an org by name (no diacritics needed) or code; choosing one opens the tree at it. */
export function OrgSearch({ onPick }: { onPick(id: number): void }) {
  const { t } = useTranslation();
  const [text, setText] = useState('');
  const q = useDebounced(text.trim(), 300);
  const found = useQuery({ queryKey: orgKeys.search(q), queryFn: ({ signal }) => orgApi.search(q, signal), enabled: q.length >= 2 });
  const options = (found.data?.items ?? []).map((o) => ({
    value: String(o.id),
    label: (
      <div>
        <div>{o.name}</div>
        <div style={{ fontSize: '0.85em', color: 'rgba(0,0,0,0.65)' }}>
          {o.code}
          {o.ancestors.length > 0 && ` · ${o.ancestors[o.ancestors.length - 1]!.name}`}
        </div>
      </div>
    ),
  }));
  return (
    <AutoComplete
      options={options}
      value={text}
      onChange={setText}
      onSelect={(id: string) => {
        setText('');
        onPick(Number(id));
      }}
      style={{ width: '100%' }}
      notFoundContent={q.length >= 2 && !found.isFetching ? t('orgPicker.none') : null}
    >
      <Input prefix={<SearchOutlined aria-hidden />} aria-label={t('orgs.search')} placeholder={t('orgs.searchPlaceholder')} allowClear />
    </AutoComplete>
  );
}
