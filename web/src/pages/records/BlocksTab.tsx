import { useQuery } from '@tanstack/react-query';
import { Table } from 'antd';
import { useTranslation } from 'react-i18next';
import { recordApi, recordKeys, type RecordNoBlockItem } from '../../api/records.js';
import { ErrorAlert } from '../../components/ErrorAlert.js';
import { formatDate } from '../../lib/format.js';
import { useScope } from '../../shell/scope.js';

/** The record-number blocks the province gave the direct superiors in scope, and what is left of each (R-REC-09). */
export function BlocksTab() {
  const { t } = useTranslation();
  const scope = useScope();
  const q = { org: scope.grants.length > 1 ? (scope.orgId ?? undefined) : undefined };
  const list = useQuery({ queryKey: recordKeys.blocks(q), queryFn: ({ signal }) => recordApi.blocks(q, signal) });
  return (
    <>
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
