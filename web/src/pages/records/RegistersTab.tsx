import { DownloadOutlined } from '@ant-design/icons';
import { Button, List, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { withQuery } from '../../api/client.js';
import { useSession } from '../../auth/session.js';
import { useScope } from '../../shell/scope.js';

type Entry = { key: 'current' | 'departed' | 'deceased' | 'cards' | 'dossiers' | 'badges' | 'transfers' | 'slips' | 'liaisons' | 'resolutions'; href?: string; to?: string; show: boolean };

/**
 * The member registers of R-REC-11, each as an Excel file in the caller's scope: the member lists
 * through the member export (statuses of the register, audited, sensitive fields as the access
 * rules say), the cards issued, the dossier handover and loan register, transfer slips, residence
 * referrals and chi bộ resolutions, and the badge register and transfer letters where they live.
 */
export function RegistersTab() {
  const { t } = useTranslation();
  const { can } = useSession();
  const scope = useScope();
  const org = scope.grants.length > 1 ? (scope.orgId ?? undefined) : undefined;
  const members = (status: string) => withQuery('/api/members/export', { org, status, format: 'xlsx' });
  const entries: Entry[] = [
    { key: 'current', href: members('official,probationary'), show: can('member', 'export') },
    { key: 'departed', href: members('removed,expelled,withdrawn'), show: can('member', 'export') },
    { key: 'deceased', href: members('deceased'), show: can('member', 'export') },
    { key: 'cards', href: withQuery('/api/party-cards/register/export', { org }), show: can('party_card', 'export') },
    { key: 'dossiers', href: withQuery('/api/dossiers/export', { org }), show: can('member_record', 'export') },
    { key: 'badges', to: '/badges?tab=register', show: can('badge', 'read') },
    { key: 'transfers', to: '/transfer', show: can('transfer', 'read') },
    { key: 'slips', href: withQuery('/api/transfer-slips/export', { org }), show: can('transfer', 'export') },
    { key: 'liaisons', href: withQuery('/api/residence-liaisons/export', { org }), show: can('residence_liaison', 'export') },
    { key: 'resolutions', href: withQuery('/api/registers/cell-resolutions/export', { org }), show: can('member_record', 'export') },
  ];
  return (
    <List
      bordered
      dataSource={entries.filter((e) => e.show)}
      locale={{ emptyText: t('records.registers.none') }}
      renderItem={(e) => (
        <List.Item
          actions={[
            e.href ? (
              <Button key="x" icon={<DownloadOutlined />} href={e.href} download aria-label={t('records.registers.exportOf', { name: t(`records.registers.items.${e.key}`) })}>
                {t('records.registers.export')}
              </Button>
            ) : (
              <Link key="l" to={e.to!}>
                {t('records.registers.open')}
              </Link>
            ),
          ]}
        >
          <List.Item.Meta title={<Typography.Text strong>{t(`records.registers.items.${e.key}`)}</Typography.Text>} description={t(`records.registers.about.${e.key}`)} />
        </List.Item>
      )}
    />
  );
}
