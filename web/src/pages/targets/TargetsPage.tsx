import { useQuery } from '@tanstack/react-query';
import { Breadcrumb, Card, Col, Row, Select, Space, Statistic, Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { targetApi, targetKeys, type AchievementOrg } from '../../api/targets.js';
import { useSession } from '../../auth/session.js';
import { ErrorAlert } from '../../components/ErrorAlert.js';
import { todayIso } from '../../lib/format.js';
import { useScope } from '../../shell/scope.js';
import { PercentBar } from './PercentBar.js';
import { TargetCell } from './TargetCell.js';

/**
 * "Chỉ tiêu kết nạp": a node's yearly admission target and how far it and each of its children
 * have come ("đạt 124% chỉ tiêu"). Org and year live in the URL, so a drill-down can be linked to.
 */
export default function TargetsPage() {
  const { t } = useTranslation();
  const scope = useScope();
  const { can } = useSession();
  const [params, setParams] = useSearchParams();
  const thisYear = Number(todayIso().slice(0, 4));
  const year = Number(params.get('year')) || thisYear;
  // Like the other lists: with several assignments, the one chosen in the header; otherwise the
  // server starts from the top of the caller's scope.
  const org = Number(params.get('org')) || (scope.grants.length > 1 ? (scope.orgId ?? undefined) : undefined);
  const query = useQuery({ queryKey: targetKeys.achievement(org, year), queryFn: ({ signal }) => targetApi.achievement({ org, year }, signal) });
  const canWrite = can('admission_target', 'update');

  const go = (next: { org?: number; year?: number }) => {
    const p = new URLSearchParams(params);
    if (next.org !== undefined) p.set('org', String(next.org));
    if (next.year !== undefined) p.set('year', String(next.year));
    setParams(p);
  };
  const link = (orgId: number) => `?${new URLSearchParams({ org: String(orgId), year: String(year) }).toString()}`;
  const years = Array.from({ length: 7 }, (_, i) => thisYear + 1 - i);
  const data = query.data;

  return (
    <>
      <Typography.Title level={1} className="page-title" style={{ fontSize: '1.6rem' }}>
        {t('targets.title')}
      </Typography.Title>
      <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
        <Space wrap>
          <label htmlFor="targets-year">{t('targets.year')}</label>
          <Select id="targets-year" value={year} onChange={(y: number) => go({ year: y })} options={years.map((y) => ({ value: y, label: String(y) }))} style={{ minWidth: '7rem' }} />
        </Space>
        {query.error ? <ErrorAlert error={query.error} /> : null}
        {data ? (
          <>
            <Breadcrumb
              items={[
                ...data.breadcrumb.map((b) => ({ key: b.orgId, title: <Link to={link(b.orgId)}>{b.name}</Link> })),
                { key: data.node.orgId, title: <span aria-current="page">{data.node.name}</span> },
              ]}
            />
            <NodeSummary node={data.node} year={data.year} canWrite={canWrite} />
            <Table<AchievementOrg>
              rowKey="orgId"
              dataSource={data.children}
              pagination={false}
              scroll={{ x: 'max-content' }}
              locale={{ emptyText: t('targets.noChildren') }}
              columns={[
                {
                  key: 'name',
                  title: t('targets.columns.org'),
                  render: (_, c) => (
                    <div style={{ minWidth: '9rem', maxWidth: '16rem', whiteSpace: 'normal' }}>{c.hasChildren ? <Link to={link(c.orgId)}>{c.name}</Link> : c.name}</div>
                  ),
                },
                { key: 'target', title: t('targets.columns.target'), render: (_, c) => <TargetCell org={c} year={data.year} canWrite={canWrite} /> },
                { key: 'admitted', title: t('targets.columns.admitted'), align: 'right', render: (_, c) => c.admitted },
                { key: 'youthUnion', title: t('targets.columns.youthUnion'), align: 'right', render: (_, c) => c.youthUnion },
                { key: 'women', title: t('targets.columns.women'), align: 'right', render: (_, c) => c.women },
                { key: 'ethnicMinority', title: t('targets.columns.ethnicMinority'), align: 'right', render: (_, c) => c.ethnicMinority },
                { key: 'percent', title: t('targets.columns.percent'), render: (_, c) => <PercentBar percent={c.percent} met={c.met} /> },
              ]}
            />
          </>
        ) : null}
      </Space>
    </>
  );
}

/** The node's own figures above its children's table, with its own target editable. */
function NodeSummary({ node, year, canWrite }: { node: AchievementOrg; year: number; canWrite: boolean }) {
  const { t } = useTranslation();
  return (
    <Card size="small" title={t('targets.nodeTitle', { name: node.name, year })}>
      <Row gutter={[16, 12]} align="middle">
        <Col xs={24} md={8}>
          <Space orientation="vertical" size={4}>
            <Typography.Text type="secondary">{t('targets.columns.target')}</Typography.Text>
            <TargetCell org={node} year={year} canWrite={canWrite} />
            {node.childrenTargetSum !== null ? (
              <Typography.Text type="secondary">
                {t(node.targetSource === 'children' ? 'targets.fromChildren' : 'targets.childrenSum', { n: node.childrenTargetSum })}
              </Typography.Text>
            ) : null}
          </Space>
        </Col>
        <Col xs={12} md={4}>
          <Statistic title={t('targets.columns.admitted')} value={node.admitted} />
        </Col>
        <Col xs={12} md={4}>
          <Statistic title={t('targets.ofWhich', { what: t('targets.columns.youthUnion') })} value={node.youthUnion} />
        </Col>
        <Col xs={12} md={4}>
          <Statistic title={t('targets.ofWhich', { what: t('targets.columns.women') })} value={node.women} />
        </Col>
        <Col xs={12} md={4}>
          <Statistic title={t('targets.ofWhich', { what: t('targets.columns.ethnicMinority') })} value={node.ethnicMinority} />
        </Col>
        <Col xs={24}>
          <PercentBar percent={node.percent} met={node.met} />
        </Col>
      </Row>
    </Card>
  );
}
