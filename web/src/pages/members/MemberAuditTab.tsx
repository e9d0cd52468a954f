import { useQuery } from '@tanstack/react-query';
import { List, Spin, Switch, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { memberApi, memberKeys } from '../../api/members.js';
import { ErrorAlert } from '../../components/ErrorAlert.js';
import { formatDateTime } from '../../lib/format.js';
import { SECTIONS } from './form-layout.js';
import { useFieldText } from './useFieldText.js';

const defs = Object.values(SECTIONS).flat();

/** Who changed what and when, with before and after; record reads on request (they are many). */
export function MemberAuditTab({ id }: { id: number }) {
  const { t } = useTranslation();
  const text = useFieldText();
  const [showReads, setShowReads] = useState(false);
  const { data, error, isPending } = useQuery({ queryKey: memberKeys.history(id), queryFn: () => memberApi.history(id) });
  if (isPending) return <Spin />;
  if (error) return <ErrorAlert error={error} />;
  const entries = [...data.audit].filter((a) => showReads || !a.action.endsWith('.read')).sort((a, b) => b.at.localeCompare(a.at) || b.id - a.id);
  const show = (field: string, v: unknown) => {
    const def = defs.find((d) => d.name === field);
    return v === null || v === undefined || v === '' ? '∅' : def ? text(def, v) : String(v);
  };
  return (
    <>
      <label style={{ display: 'inline-flex', gap: '0.5rem', alignItems: 'center', marginBottom: '0.5rem' }}>
        <Switch size="small" checked={showReads} onChange={setShowReads} />
        {t('member.audit.showReads')}
      </label>
      <List
        aria-label={t('member.tabs.audit')}
        dataSource={entries}
        locale={{ emptyText: t('member.audit.none') }}
        renderItem={(a) => {
          const fields = [...new Set([...Object.keys(a.before ?? {}), ...Object.keys(a.after ?? {})])].filter((f) => f !== 'version' && f !== 'updatedAt' && f !== 'updated_at');
          return (
            <List.Item>
              <div>
                <Typography.Text strong>{formatDateTime(a.at)}</Typography.Text> · {a.username ?? t('member.audit.system')} ·{' '}
                {t(`member.audit.actions.${a.action.replace('.', '_') as 'member_update'}`, { defaultValue: a.action })}
                {fields.length > 0 && (
                  <ul style={{ margin: '0.25rem 0 0', paddingInlineStart: '1.2em' }}>
                    {fields.map((f) => (
                      <li key={f}>
                        {t(`member.fields.${f as 'fullName'}`, { defaultValue: f })}: {show(f, a.before?.[f])} → {show(f, a.after?.[f])}
                      </li>
                    ))}
                  </ul>
                )}
              </div>
            </List.Item>
          );
        }}
      />
    </>
  );
}
