import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, Card, List, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { dueKeys } from '../../api/due.js';
import type { MemberRecord } from '../../api/types.js';
import { recordApi, recordKeys } from '../../api/records.js';
import { ErrorAlert } from '../../components/ErrorAlert.js';
import { formatDate } from '../../lib/format.js';
import { UpdateDialog } from '../records/UpdateDialog.js';

/**
 * R-REC-07 self-service: the member files their own phiếu bổ sung (the office's form, their own
 * record only) and sees where each phiếu they filed stands.
 */
export function OwnUpdates({ record }: { record: MemberRecord }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [open, setOpen] = useState(false);
  const list = useQuery({ queryKey: recordKeys.own, queryFn: recordApi.ownUpdates });
  const items = list.data?.items ?? [];
  return (
    <Card title={<h2 className="card-title">{t('self.updates.title')}</h2>} style={{ marginTop: '1rem' }}>
      <Typography.Paragraph>{t('self.updates.help')}</Typography.Paragraph>
      <Button type="primary" size="large" onClick={() => setOpen(true)}>
        {t('self.updates.file')}
      </Button>
      {list.error ? <ErrorAlert error={list.error} /> : null}
      <List
        style={{ marginTop: '1rem' }}
        dataSource={items}
        locale={{ emptyText: t('self.updates.none') }}
        renderItem={(u) => (
          <List.Item key={u.id} extra={<Tag>{t(`records.stages.${u.stage}`)}</Tag>}>
            <List.Item.Meta
              title={t('self.updates.item', { year: u.year, occasion: t(`records.member.occasions.${u.occasion}`), date: formatDate(u.submittedOn) })}
              description={u.stage === 'returned' && u.returnReason ? t('self.updates.returned', { reason: u.returnReason }) : undefined}
            />
          </List.Item>
        )}
      />
      {open && (
        <UpdateDialog
          record={record}
          error={null}
          onClose={() => setOpen(false)}
          send={(input) => recordApi.fileOwnUpdate(input)}
          // A phiếu of a transfer meets the member's own due item.
          onSaved={() => void queryClient.invalidateQueries({ queryKey: dueKeys.own })}
        />
      )}
    </Card>
  );
}
