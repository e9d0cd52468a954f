import { Menu } from 'antd';
import { useTranslation } from 'react-i18next';
import { useLocation, useNavigate } from 'react-router';
import { PAGES } from '../app/pages.js';
import { useSession } from '../auth/session.js';

/** One entry per page of the registry that has a menu entry and that this user may open. */
export function SideMenu({ onNavigate }: { onNavigate?: () => void }) {
  const { t } = useTranslation();
  const { can } = useSession();
  const navigate = useNavigate();
  const { pathname } = useLocation();
  const entries = PAGES.filter((p) => p.menu && (!p.requires || can(p.requires.resource, p.requires.action)));
  // The entry whose path is the longest prefix of the current one (/members/12 → /members).
  const selected = entries
    .map((p) => p.path)
    .filter((p) => pathname === p || (p !== '/' && pathname.startsWith(`${p}/`)))
    .sort((a, b) => b.length - a.length)[0];
  return (
    <nav aria-label={t('menu.label')}>
      <Menu
        mode="inline"
        className="side-menu"
        selectedKeys={selected ? [selected] : []}
        items={entries.map((p) => ({ key: p.path, icon: p.menu!.icon, label: t(p.menu!.labelKey) }))}
        onClick={({ key }) => {
          navigate(key);
          onNavigate?.();
        }}
        style={{ borderInlineEnd: 'none' }}
      />
    </nav>
  );
}
