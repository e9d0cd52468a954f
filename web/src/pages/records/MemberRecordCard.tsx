import { useQuery } from '@tanstack/react-query';
import { Card, Descriptions, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { recordApi, recordKeys } from '../../api/records.js';
import { useSession } from '../../auth/session.js';
import { formatDate } from '../../lib/format.js';
import { MemberRecordActions } from './MemberRecordActions.js';

/** On the member page: the record number (R-REC-09), the card's state (R-REC-01/02) and where the dossier is (R-REC-06/11). */
export function MemberRecordCard({ memberId }: { memberId: number }) {
  const { t } = useTranslation();
  const { can } = useSession();
  const facts = useQuery({ queryKey: recordKeys.member(memberId), queryFn: () => recordApi.member(memberId), enabled: can('member_record', 'read') });
  if (!facts.data) return null;
  const { recordNo, card, dossier } = facts.data;
  return (
    <Card size="small" title={<h2 style={{ margin: 0, fontSize: '1.1rem' }}>{t('records.member.title')}</h2>} style={{ marginTop: '1rem' }}>
      <Descriptions size="small" column={{ xs: 1, sm: 2 }}>
        <Descriptions.Item label={t('records.member.recordNo')}>{recordNo ?? t('records.member.noRecordNo')}</Descriptions.Item>
        <Descriptions.Item label={t('records.member.card')}>
          {card ? (
            <>
              <Tag>{t(`records.cardStatuses.${card.status}`)}</Tag>
              {card.cardNo ? `${card.cardNo}${card.handedOverOn ? ` (${formatDate(card.handedOverOn)})` : ''}` : null}
            </>
          ) : (
            t('records.member.noCard')
          )}
        </Descriptions.Item>
        <Descriptions.Item label={t('records.dossiers.whereabouts.label')} span="filled">
          {dossier
            ? t(`records.dossiers.whereabouts.${dossier.state}`, { holder: dossier.holder.name, since: formatDate(dossier.since), to: dossier.counterpart ?? '—', due: formatDate(dossier.dueBack) })
            : t('records.dossiers.whereabouts.none')}
          {dossier?.overdue && (
            <Tag color="red" style={{ marginLeft: '0.5rem' }}>
              {t('records.dossiers.overdue')}
            </Tag>
          )}
        </Descriptions.Item>
      </Descriptions>
      <MemberRecordActions memberId={memberId} facts={facts.data} />
    </Card>
  );
}
