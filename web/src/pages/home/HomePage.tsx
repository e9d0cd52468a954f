import { Card, Col, Row, Typography } from 'antd';
import { lazy, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { PageLoading } from '../../app/App.js';
import { PAGES } from '../../app/pages.js';
import { useMe, useSession } from '../../auth/session.js';

// The dashboard carries the chart library; loaded only for those who see it.
const DashboardPage = lazy(() => import('../dashboard/DashboardPage.js'));
const OwnRecordPage = lazy(() => import('../self/OwnRecordPage.js'));

/** The home page: the dashboard for those who read statistics, a member's own record for a
 * member account, otherwise a welcome with links. */
export default function HomePage() {
  const { can } = useSession();
  const me = useMe();
  // A member account and nothing more: their own record is all there is to see.
  const memberOnly = me.grants.length > 0 && me.grants.every((g) => g.role === 'member');
  const Page = can('stats', 'read') ? DashboardPage : memberOnly ? OwnRecordPage : null;
  if (!Page) return <Welcome />;
  return (
    <Suspense fallback={<PageLoading />}>
      <Page />
    </Suspense>
  );
}

/** A plain welcome with the user's pages as large links. */
function Welcome() {
  const { t } = useTranslation();
  const me = useMe();
  const { can } = useSession();
  const pages = PAGES.filter((p) => p.menu && p.path !== '/' && (!p.requires || can(p.requires.resource, p.requires.action)));
  return (
    <>
      <Typography.Title level={1} className="page-title" style={{ fontSize: '1.6rem' }}>
        {t('home.welcome', { name: me.user.displayName || me.user.username })}
      </Typography.Title>
      {pages.length === 0 && <Typography.Paragraph>{t('home.nothingYet')}</Typography.Paragraph>}
      <Row gutter={[16, 16]}>
        {pages.map((p) => (
          <Col key={p.path} xs={24} sm={12} lg={8}>
            <Link to={p.path}>
              <Card hoverable>
                <span style={{ fontSize: '1.5rem', marginInlineEnd: '0.5rem' }}>{p.menu!.icon}</span>
                <span style={{ fontSize: '1.15rem' }}>{t(p.menu!.labelKey)}</span>
              </Card>
            </Link>
          </Col>
        ))}
      </Row>
    </>
  );
}
