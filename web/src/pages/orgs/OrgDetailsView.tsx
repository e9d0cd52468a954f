import { useQuery } from '@tanstack/react-query';
import { Alert, Breadcrumb, Card, Descriptions, Space, Spin, Tabs, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { orgApi, orgKeys } from '../../api/orgs.js';
import { useSession } from '../../auth/session.js';
import { ErrorAlert } from '../../components/ErrorAlert.js';
import { formatDate } from '../../lib/format.js';
import { OrgMembers } from '../members/OrgMembers.js';
import { OrgActions } from './actions/OrgActions.js';
import { OrgChildren } from './OrgChildren.js';
import { OrgHistory } from './OrgHistory.js';

/** One org: where it sits, its figures and structure warnings, children, members, history, actions. */
export function OrgDetailsView({ orgId }: { orgId: number }) {
  const { t } = useTranslation();
  const { can } = useSession();
  const { data, error, isPending } = useQuery({ queryKey: orgKeys.details(orgId), queryFn: () => orgApi.details(orgId) });
  if (isPending) return <Spin />;
  if (error) return <ErrorAlert error={error} />;
  const { org, ancestors, warnings } = data;
  const dissolved = org.dissolvedOn !== null;

  return (
    <Card>
      <Breadcrumb
        items={[...ancestors.map((a) => ({ key: a.id, title: <Link to={`/orgs/${a.id}`}>{a.name}</Link> })), { key: org.id, title: org.name }]}
        style={{ marginBottom: '0.5rem' }}
      />
      <Space wrap align="center" style={{ justifyContent: 'space-between', width: '100%' }}>
        <Typography.Title level={2} style={{ margin: 0, fontSize: '1.4rem' }}>
          {org.name}
        </Typography.Title>
        {!dissolved && <OrgActions details={data} />}
      </Space>
      <Space wrap style={{ margin: '0.5rem 0' }}>
        <Tag color="blue">{t(`orgTypes.${org.orgType}`)}</Tag>
        {org.orgKind && <Tag>{t(`orgKinds.${org.orgKind}`, { defaultValue: org.orgKind })}</Tag>}
        {dissolved && <Tag color="default">{t('orgs.dissolvedOn', { date: formatDate(org.dissolvedOn) })}</Tag>}
      </Space>
      {warnings.length > 0 && (
        <Alert
          type="warning"
          showIcon
          title={t('orgs.warnings')}
          description={
            <ul style={{ margin: 0, paddingInlineStart: '1.2em' }}>
              {warnings.map((w) => (
                <li key={w.code}>{w.message}</li>
              ))}
            </ul>
          }
          style={{ margin: '0.5rem 0' }}
        />
      )}
      <Descriptions size="small" column={{ xs: 1, sm: 2 }} style={{ margin: '0.75rem 0' }}>
        <Descriptions.Item label={t('orgs.fields.code')}>{org.code}</Descriptions.Item>
        <Descriptions.Item label={t('orgs.fields.foundedOn')}>
          {formatDate(org.foundedOn)}
          {org.foundingDecision && ` · ${org.foundingDecision}`}
        </Descriptions.Item>
        <Descriptions.Item label={t('orgs.fields.members')}>{data.memberCount ?? '—'}</Descriptions.Item>
        <Descriptions.Item label={t('orgs.fields.official')}>{data.officialCount ?? '—'}</Descriptions.Item>
        <Descriptions.Item label={t('orgs.fields.children')}>{data.childCount}</Descriptions.Item>
      </Descriptions>
      <Tabs
        items={[
          { key: 'children', label: t('orgs.tabs.children', { count: data.childCount }), children: <OrgChildren orgId={org.id} /> },
          ...(can('member', 'read')
            ? [{ key: 'members', label: t('orgs.tabs.members', { count: data.memberCount ?? 0 }), children: <OrgMembers orgId={org.id} /> }]
            : []),
          { key: 'history', label: t('orgs.tabs.history'), children: <OrgHistory orgId={org.id} /> },
        ]}
      />
    </Card>
  );
}
