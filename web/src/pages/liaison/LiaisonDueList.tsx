import { useQuery } from '@tanstack/react-query';
import { Card, Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { liaisonApi, liaisonKeys, type ResidenceLiaison } from '../../api/liaison.js';
import { useSession } from '../../auth/session.js';
import { ErrorAlert } from '../../components/ErrorAlert.js';
import { formatDate } from '../../lib/format.js';

/** R-TRF-16: members referred to their residence, in scope at either end, still without this year's comment. */
export function LiaisonDueList({ org }: { org: number | undefined }) {
  const { t } = useTranslation();
  const { can } = useSession();
  const q = useQuery({ queryKey: liaisonKeys.due(org, undefined), queryFn: ({ signal }) => liaisonApi.due(org, undefined, signal), enabled: can('residence_liaison', 'read') });
  if (!can('residence_liaison', 'read')) return null;
  return (
    <Card size="small" title={<h2 className="card-title">{t('liaison.dueTitle', { year: q.data?.year ?? '' })}</h2>}>
      {q.error ? <ErrorAlert error={q.error} /> : null}
      {q.data && q.data.items.length === 0 && <Typography.Text>{t('liaison.dueNone')}</Typography.Text>}
      {(q.data?.items.length ?? 0) > 0 && (
        <Table<ResidenceLiaison>
          rowKey="id"
          size="small"
          dataSource={q.data!.items}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          scroll={{ x: 'max-content' }}
          columns={[
            { key: 'member', title: t('transfer.columns.member'), render: (_, l) => (can('member', 'read') && l.callerSides.workplace ? <Link to={`/members/${l.member.id}`}>{l.member.fullName}</Link> : l.member.fullName) },
            { key: 'org', title: t('liaison.workplace'), render: (_, l) => l.org.name },
            { key: 'residence', title: t('liaison.residenceName'), render: (_, l) => l.residence.name },
            { key: 'referred', title: t('liaison.dates.refer'), render: (_, l) => formatDate(l.referredOn) },
          ]}
        />
      )}
    </Card>
  );
}
