import { Card, Col, Row, Typography } from 'antd';
import { lazy, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { PageLoading } from '../../app/App.js';
import { PAGES } from '../../app/pages.js';
import { useMe, useSession } from '../../auth/session.js';

// The dashboard carries the chart library; loaded only for those who see it.
const DashboardPage = lazy(() => import('../dashboard/DashboardPage.js'));

/** The home page: the dashboard for those who read statistics, otherwise a welcome with links. */
export default function HomePage() {
  const { can } = useSession();
  if (can('stats', 'read'))
    return (
      <Suspense fallback={<PageLoading />}>
        <DashboardPage />
      </Suspense>
    );
  return <Welcome />;
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
