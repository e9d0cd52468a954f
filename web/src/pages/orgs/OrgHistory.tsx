import { useQuery } from '@tanstack/react-query';
import { Spin, Timeline } from 'antd';
import { useTranslation } from 'react-i18next';
import { orgApi, orgKeys } from '../../api/orgs.js';
import { ErrorAlert } from '../../components/ErrorAlert.js';
import { formatDate } from '../../lib/format.js';

/** The org's dated events (founded, renamed, moved, merged, dissolved), newest first. */
export function OrgHistory({ orgId }: { orgId: number }) {
  const { t } = useTranslation();
  const { data, error, isPending } = useQuery({ queryKey: orgKeys.history(orgId), queryFn: () => orgApi.history(orgId) });
  if (isPending) return <Spin />;
  if (error) return <ErrorAlert error={error} />;
  const events = [...data.items].sort((a, b) => b.effectiveDate.localeCompare(a.effectiveDate) || b.id - a.id);
  return (
    <Timeline
      items={events.map((e) => ({
        key: e.id,
        content: (
          <div>
            <strong>{formatDate(e.effectiveDate)}</strong> · {t(`orgs.events.${e.kind}`, { defaultValue: e.kind })}
            {e.decisionNo && ` · ${t('orgs.decision')} ${e.decisionNo}`}
            {typeof e.details.name === 'string' && <div>{e.details.name}</div>}
          </div>
        ),
      }))}
    />
  );
}
