import { useQuery } from '@tanstack/react-query';
import { Button, Table } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { recordApi, recordKeys, type RecordNoBlockItem } from '../../api/records.js';
import { ErrorAlert } from '../../components/ErrorAlert.js';
import { formatDate } from '../../lib/format.js';
import { useSession } from '../../auth/session.js';
import { useScope } from '../../shell/scope.js';
import { BlockForm } from './BlockForm.js';

/** The record-number blocks the province gave the direct superiors in scope, and what is left of each (R-REC-09). */
export function BlocksTab() {
  const { t } = useTranslation();
  const scope = useScope();
  const q = { org: scope.grants.length > 1 ? (scope.orgId ?? undefined) : undefined };
  const list = useQuery({ queryKey: recordKeys.blocks(q), queryFn: ({ signal }) => recordApi.blocks(q, signal) });
  const { can } = useSession();
  const [adding, setAdding] = useState(false);
  return (
    <>
      {can('member_record', 'create') && (
        <Button type="primary" size="large" onClick={() => setAdding(true)} style={{ marginBottom: '1rem' }}>
          {t('records.blocks.add')}
        </Button>
      )}
      {adding && <BlockForm onClose={() => setAdding(false)} />}
      {list.error ? <ErrorAlert error={list.error} /> : null}
      <Table<RecordNoBlockItem>
        rowKey="id"
        loading={list.isPending}
        dataSource={list.data?.items ?? []}
        scroll={{ x: 'max-content' }}
        pagination={false}
        locale={{ emptyText: t('records.blocks.none') }}
        columns={[
          { key: 'holder', title: t('records.blocks.holder'), render: (_, b) => b.holder.name },
          { key: 'range', title: t('records.blocks.range'), render: (_, b) => b.range },
          { key: 'remaining', title: t('records.blocks.remaining'), render: (_, b) => b.remaining },
          { key: 'granted', title: t('records.blocks.grantedOn'), render: (_, b) => `${formatDate(b.grantedOn)}${b.decisionNo ? ` (${b.decisionNo})` : ''}` },
        ]}
      />
    </>
  );
}
