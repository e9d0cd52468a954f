import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { AccountStatus } from '../../api/accounts.js';

// Dark text on pale fills: the preset coloured tags fall below AA contrast.
const colours: Record<AccountStatus, { color: string; background: string; borderColor: string }> = {
  active: { color: '#1d5e10', background: '#eef8e8', borderColor: '#a9d68f' },
  locked: { color: '#8a1f11', background: '#fdecea', borderColor: '#efa59b' },
  disabled: { color: '#3d3d3d', background: '#f2f2f2', borderColor: '#cfcfcf' },
};

export function AccountStatusTag({ status }: { status: AccountStatus }) {
  const { t } = useTranslation();
  return <Tag style={colours[status]}>{t(`admin.statuses.${status}`)}</Tag>;
}
