import { Card, Col, Row, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { PAGES } from '../../app/pages.js';
import { useMe, useSession } from '../../auth/session.js';

/** A plain welcome with the user's pages as large links, until the dashboard takes this place. */
export default function HomePage() {
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
