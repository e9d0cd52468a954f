import { SearchOutlined } from '@ant-design/icons';
import { Input, Select } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { AGE_BANDS } from '../../../../src/domain/age-band.js';
import { THEORY_LEVELS } from '../../../../src/domain/education.js';
import { MEMBER_STATUSES } from '../../../../src/domain/member-status.js';
import { ETHNIC_GROUPS, type EthnicGroup } from '../../../../src/domain/stats-figures.js';
import type { MemberListQuery } from '../../api/members.js';
import { useSession } from '../../auth/session.js';
import { OrgPicker } from '../../components/OrgPicker.js';
import { useDebounced } from '../../lib/useDebounced.js';

const SEARCH_PAUSE_MS = 150;

/**
 * Search box and filters. The name box needs no diacritics ("nguyen van hung" finds
 * "Nguyễn Văn Hùng") and asks the server once typing pauses.
 */
export function MemberFilters({ query, onChange }: { query: MemberListQuery; onChange(c: Partial<MemberListQuery>): void }) {
  const { t } = useTranslation();
  const { can } = useSession();
  const [text, setText] = useState(query.q ?? '');
  // Results are due 300 ms after the last keystroke (issue 4): half of that is the pause that
  // tells a finished word from typing, half is left for the server and the table.
  const settled = useDebounced(text, SEARCH_PAUSE_MS);
  useEffect(() => {
    if (settled.trim() !== (query.q ?? '')) onChange({ q: settled.trim() || undefined });
    // Only the settled text triggers a search; query changes from elsewhere must not loop back.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [settled]);

  const list = (v: string | undefined) => (v ? v.split(',') : []);
  const join = (v: string[]) => (v.length ? v.join(',') : undefined);
  return (
    <>
      <Input
        prefix={<SearchOutlined aria-hidden />}
        aria-label={t('members.search')}
        placeholder={t('members.searchPlaceholder')}
        value={text}
        onChange={(e) => setText(e.target.value)}
        onPressEnter={() => onChange({ q: text.trim() || undefined })}
        allowClear
        style={{ width: '20rem', maxWidth: '100%' }}
      />
      <Select
        aria-label={t('members.searchMode')}
        value={query.mode ?? 'word'}
        onChange={(v) => onChange({ mode: v === 'anywhere' ? 'anywhere' : undefined })}
        options={[
          { value: 'word', label: t('members.modes.word') },
          { value: 'anywhere', label: t('members.modes.anywhere') },
        ]}
        style={{ width: '11rem' }}
      />
      <Select
        mode="multiple"
        aria-label={t('member.fields.status')}
        placeholder={t('member.fields.status')}
        value={list(query.status)}
        onChange={(v: string[]) => onChange({ status: join(v) })}
        options={MEMBER_STATUSES.map((s) => ({ value: s, label: t(`member.statuses.${s}`) }))}
        style={{ minWidth: '12rem' }}
        allowClear
        maxTagCount="responsive"
      />
      <Select
        aria-label={t('member.fields.sex')}
        placeholder={t('member.fields.sex')}
        value={query.sex}
        onChange={(v?: 'male' | 'female') => onChange({ sex: v })}
        options={[
          { value: 'male', label: t('member.sex.male') },
          { value: 'female', label: t('member.sex.female') },
        ]}
        allowClear
        style={{ width: '8rem' }}
      />
      <Select
        mode="multiple"
        aria-label={t('members.ageBand')}
        placeholder={t('members.ageBand')}
        value={list(query.ageBand)}
        onChange={(v: string[]) => onChange({ ageBand: join(v) })}
        options={AGE_BANDS.map((b) => ({ value: b, label: t(`dashboard.ageBands.${b}`) }))}
        style={{ minWidth: '10rem' }}
        allowClear
        maxTagCount="responsive"
      />
      <Select
        mode="multiple"
        aria-label={t('member.fields.theoryLevel')}
        placeholder={t('member.fields.theoryLevel')}
        value={list(query.theoryLevel)}
        onChange={(v: string[]) => onChange({ theoryLevel: join(v) })}
        options={THEORY_LEVELS.map((l) => ({ value: l, label: t(`member.theoryLevels.${l}`) }))}
        style={{ minWidth: '12rem' }}
        allowClear
        maxTagCount="responsive"
      />
      {/* Ethnicity is sensitive: the filter is offered only to those who may read it. */}
      {can('member_sensitive', 'read') && (
        <Select
          aria-label={t('members.ethnicGroup')}
          placeholder={t('members.ethnicGroup')}
          value={query.ethnicGroup}
          onChange={(v?: EthnicGroup) => onChange({ ethnicGroup: v })}
          options={ETHNIC_GROUPS.map((g) => ({ value: g, label: t(`members.ethnicGroups.${g}`) }))}
          allowClear
          style={{ width: '11rem' }}
        />
      )}
      <OrgPicker aria-label={t('members.subtree')} value={query.org ?? null} onChange={(id) => onChange({ org: id ?? undefined })} />
    </>
  );
}
