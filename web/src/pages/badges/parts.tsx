import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { BadgeAwardItem } from '../../api/badges.js';

/** Years and months of party age, from completed months. */
export function PartyAgeText({ months }: { months: number }) {
  const { t } = useTranslation();
  return <>{t('badges.partyAgeValue', { years: Math.floor(months / 12), months: months % 12 })}</>;
}

const STATUS_LOOK: Record<BadgeAwardItem['status'], { color?: string; className?: string }> = {
  awarded: { className: 'tag-done' },
  reissued: { className: 'tag-teal' },
  returned: { color: 'red' },
};

export function AwardStatusTag({ status }: { status: BadgeAwardItem['status'] }) {
  const { t } = useTranslation();
  return <Tag {...STATUS_LOOK[status]}>{t(`badges.statuses.${status}`)}</Tag>;
}
