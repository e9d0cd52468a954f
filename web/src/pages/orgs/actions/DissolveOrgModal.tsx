import { useTranslation } from 'react-i18next';
import { orgApi } from '../../../api/orgs.js';
import type { OrgDetails } from '../../../api/types.js';
import { formatDate } from '../../../lib/format.js';
import { ChangeModal, type ChangeValues } from './ChangeModal.js';

/**
 * Dissolution ends an empty org. One that still has members or live child orgs cannot be
 * dissolved (they must be moved or merged first), so the dialog says so instead of offering it.
 */
export function DissolveOrgModal({ details, onClose }: { details: OrgDetails; onClose(): void }) {
  const { t } = useTranslation();
  const { org, childCount } = details;
  const members = details.memberCount ?? 0;
  const blocked = members > 0 || childCount > 0 ? t('orgs.actions.dissolveBlocked', { members, children: childCount }) : undefined;
  return (
    <ChangeModal<ChangeValues>
      title={t('orgs.actions.dissolveTitle', { name: org.name })}
      okText={t('orgs.actions.dissolveOk')}
      danger
      blocked={blocked}
      onClose={onClose}
      consequence={(v) => (v.effectiveDate ? t('orgs.actions.dissolveWill', { name: org.name, date: formatDate(v.effectiveDate) }) : null)}
      submit={(v) => orgApi.dissolve(org.id, { effectiveDate: v.effectiveDate, decisionNo: v.decisionNo || null })}
    />
  );
}
