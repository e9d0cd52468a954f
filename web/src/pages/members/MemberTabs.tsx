import { Descriptions, Tabs } from 'antd';
import { useTranslation } from 'react-i18next';
import type { MemberRecord } from '../../api/types.js';
import { useSession } from '../../auth/session.js';
import { MemberBadgesTab } from '../badges/MemberBadgesTab.js';
import { PartyAgeText } from '../badges/parts.js';
import { HiddenValue } from './HiddenValue.js';
import { MemberAuditTab } from './MemberAuditTab.js';
import { MemberHistoryTab } from './MemberHistoryTab.js';
import { SECTIONS, type SectionKey } from './form-layout.js';
import { useFieldText } from './useFieldText.js';

/** Reading the record: the form's sections as tabs, then its history and audit trail. */
export function MemberTabs({ record }: { record: MemberRecord }) {
  const { t } = useTranslation();
  const { can } = useSession();
  const text = useFieldText();
  const section = (key: SectionKey) => (
    <Descriptions bordered size="small" column={{ xs: 1, md: 2 }}>
      {SECTIONS[key].map((def) => (
        <Descriptions.Item key={def.name} label={t(`member.fields.${def.name}`)}>
          {record.redactedFields.includes(def.name) ? <HiddenValue /> : text(def, record[def.name])}
        </Descriptions.Item>
      ))}
      {key === 'party' && <Descriptions.Item label={t('member.fields.org')}>{record.org.name}</Descriptions.Item>}
      {key === 'party' && record.partyAge && (
        <Descriptions.Item label={t('badges.partyAge')}>
          <PartyAgeText months={record.partyAge.months} />
          {record.partyAge.gaps.length > 0 && ` (${t('badges.gapsNetted', { n: record.partyAge.gaps.length })})`}
        </Descriptions.Item>
      )}
    </Descriptions>
  );
  return (
    <Tabs
      items={[
        { key: 'personal', label: t('member.tabs.personal'), children: section('personal') },
        { key: 'party', label: t('member.tabs.party'), children: section('party') },
        { key: 'education', label: t('member.tabs.education'), children: section('education') },
        ...(can('badge', 'read') ? [{ key: 'badges', label: t('member.tabs.badges'), children: <MemberBadgesTab memberId={record.id} /> }] : []),
        { key: 'history', label: t('member.tabs.history'), children: <MemberHistoryTab id={record.id} /> },
        { key: 'audit', label: t('member.tabs.audit'), children: <MemberAuditTab id={record.id} /> },
      ]}
    />
  );
}
