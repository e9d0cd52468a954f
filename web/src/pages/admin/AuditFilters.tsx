import { DatePicker, Input, InputNumber } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import type { AuditListQuery } from '../../api/accounts.js';
import { OrgPicker } from '../../components/OrgPicker.js';
import { DATE_FORMAT } from '../../lib/format.js';

/** The audit trail's filters; each applies on change (text on Enter or leaving the box). */
export function AuditFilters({ query, onChange }: { query: AuditListQuery; onChange(c: Partial<AuditListQuery>): void }) {
  const { t } = useTranslation();
  const text = (key: 'entityType' | 'entityId') => ({
    defaultValue: query[key] ?? '',
    'aria-label': t(`audit.filters.${key}`),
    placeholder: t(`audit.filters.${key}`),
    onPressEnter: (e: React.KeyboardEvent<HTMLInputElement>) => onChange({ [key]: e.currentTarget.value.trim() || undefined }),
    onBlur: (e: React.FocusEvent<HTMLInputElement>) => e.target.value.trim() !== (query[key] ?? '') && onChange({ [key]: e.target.value.trim() || undefined }),
    style: { width: '11rem' },
  });
  const range: [Dayjs | null, Dayjs | null] = [query.from ? dayjs(query.from) : null, query.to ? dayjs(query.to) : null];
  return (
    <>
      <Input key={`t${query.entityType ?? ''}`} {...text('entityType')} />
      <Input key={`i${query.entityId ?? ''}`} {...text('entityId')} />
      <InputNumber
        aria-label={t('audit.filters.userId')}
        placeholder={t('audit.filters.userId')}
        min={1}
        value={query.userId ?? null}
        onChange={(v) => onChange({ userId: typeof v === 'number' ? v : undefined })}
        style={{ width: '9rem' }}
      />
      <OrgPicker aria-label={t('audit.filters.org')} value={query.org ?? null} onChange={(id) => onChange({ org: id ?? undefined })} />
      <DatePicker.RangePicker
        aria-label={t('audit.filters.dates')}
        format={DATE_FORMAT}
        allowEmpty={[true, true]}
        value={range}
        onChange={(v) => onChange({ from: v?.[0]?.format('YYYY-MM-DD'), to: v?.[1]?.format('YYYY-MM-DD') })}
      />
    </>
  );
}
