import { MenuOutlined } from '@ant-design/icons';
import { Button, Drawer, Grid, Layout, Space } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Outlet } from 'react-router';
import { LanguageSwitch } from './LanguageSwitch.js';
import { ScopeProvider } from './scope.js';
import { ScopeSwitch } from './ScopeSwitch.js';
import { SideMenu } from './SideMenu.js';
import { TextSizeSwitch } from './TextSizeSwitch.js';
import { UserMenu } from './UserMenu.js';
import { useKeyboardScrollRegions } from './useKeyboardScrollRegions.js';

/**
 * Header, side menu and the page. On a desktop the menu is a side bar and the preferences sit in
 * the header; below the lg breakpoint (phones, 360 px) both move into a drawer behind a button.
 */
export function AppShell() {
  const { t } = useTranslation();
  const screens = Grid.useBreakpoint();
  const wide = screens.lg === true;
  const [drawerOpen, setDrawerOpen] = useState(false);
  useKeyboardScrollRegions();

  return (
    <ScopeProvider>
      <a className="skip-link" href="#main">
        {t('shell.skipToContent')}
      </a>
      <Layout style={{ minHeight: '100vh' }}>
        <header className="app-header">
          {!wide && (
            <Button type="text" icon={<MenuOutlined aria-hidden style={{ color: '#fff' }} />} aria-label={t('shell.openMenu')} aria-expanded={drawerOpen} onClick={() => setDrawerOpen(true)} />
          )}
          <Link to="/" className="brand">
            {t('app.name')}
          </Link>
          {wide && (
            <Space size="middle" wrap>
              <ScopeSwitch onDark />
              <LanguageSwitch />
              <TextSizeSwitch />
            </Space>
          )}
          <UserMenu compact={!screens.sm} />
        </header>
        <Layout>
          {wide && (
            <Layout.Sider width="15rem" theme="light" style={{ borderInlineEnd: '1px solid #e5e5e5' }}>
              <SideMenu />
            </Layout.Sider>
          )}
          {/* Layout.Content is the page's <main>; the skip link lands here. */}
          <Layout.Content id="main" tabIndex={-1} className="app-main">
            <Outlet />
          </Layout.Content>
        </Layout>
      </Layout>
      {!wide && (
        <Drawer open={drawerOpen} onClose={() => setDrawerOpen(false)} placement="left" size={300} title={t('app.name')}>
          <SideMenu onNavigate={() => setDrawerOpen(false)} />
          <Space orientation="vertical" size="middle" style={{ marginTop: '1rem', width: '100%' }}>
            <ScopeSwitch />
            <LanguageSwitch />
            <TextSizeSwitch />
          </Space>
        </Drawer>
      )}
    </ScopeProvider>
  );
}
