import { useQuery } from '@tanstack/react-query';
import { Card, List } from 'antd';
import { useTranslation } from 'react-i18next';
import { dueApi, dueKeys } from '../../api/due.js';
import { DueDate, DueStatusTag } from './parts.js';

/** A party member's own deadlines (the self-review of their recognition …), on their page; nothing when there are none. */
export function OwnDueItems() {
  const { t } = useTranslation();
  const own = useQuery({ queryKey: dueKeys.own, queryFn: dueApi.own });
  const items = own.data?.items ?? [];
  if (items.length === 0) return null;
  return (
    <Card title={<h2 className="card-title">{t('due.ownTitle')}</h2>} style={{ marginTop: '1rem' }}>
      <List
        dataSource={items}
        renderItem={(i) => {
          // Removal cases and exemptions word their steps under exits.steps.
          const kind = i.caseKind === 'recognition' || i.caseKind === 'transfer' ? i.caseKind : i.caseKind === 'removal' || i.caseKind === 'exemption' ? 'exits' : 'admission';
          return (
            <List.Item key={i.id} extra={<DueStatusTag status={i.status} />}>
              <List.Item.Meta title={i.caseKind === 'record_update' ? t('records.due.ownStep') : t(`${kind}.steps.${i.step}`, { defaultValue: i.step })} description={<DueDate item={i} />} />
            </List.Item>
          );
        }}
      />
    </Card>
  );
}
