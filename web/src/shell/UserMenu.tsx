import { KeyOutlined, LogoutOutlined, UserOutlined } from '@ant-design/icons';
import { Button, Dropdown } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { useMe, useSession } from '../auth/session.js';

/** The signed-in user's name, with their own actions: change password, sign out. */
export function UserMenu({ compact }: { compact?: boolean }) {
  const { t } = useTranslation();
  const me = useMe();
  const { signOut } = useSession();
  const navigate = useNavigate();
  const name = me.user.displayName || me.user.username;
  return (
    <Dropdown
      trigger={['click']}
      menu={{
        items: [
          { key: 'password', icon: <KeyOutlined aria-hidden />, label: t('user.changePassword'), onClick: () => navigate('/account/password') },
          { key: 'signout', icon: <LogoutOutlined aria-hidden />, label: t('user.signOut'), onClick: () => void signOut() },
        ],
      }}
    >
      <Button icon={<UserOutlined aria-hidden />} aria-label={t('user.menu', { name })} title={name}>
        {compact ? null : <span style={{ maxWidth: '14rem', overflow: 'hidden', textOverflow: 'ellipsis', display: 'inline-block', verticalAlign: 'bottom' }}>{name}</span>}
      </Button>
    </Dropdown>
  );
}
