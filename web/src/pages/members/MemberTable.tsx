import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Table } from 'antd';
import type { SorterResult } from 'antd/es/table/interface';
import { useTranslation } from 'react-i18next';
import { memberApi, memberKeys, type MemberListQuery } from '../../api/members.js';
import type { MemberListItem } from '../../api/types.js';
import { ErrorAlert } from '../../components/ErrorAlert.js';
import { DEFAULT_COLUMNS, memberColumns, SORTABLE, type MemberColumn } from './columns.js';

interface Props {
  query: MemberListQuery;
  onQueryChange(change: Partial<MemberListQuery>): void;
  columns?: MemberColumn[];
}

/** One page of members as the server sorts and pages them; the caller owns the query. */
export function MemberTable({ query, onQueryChange, columns = DEFAULT_COLUMNS }: Props) {
  const { t } = useTranslation();
  const { data, error, isFetching } = useQuery({
    queryKey: memberKeys.list(query),
    queryFn: ({ signal }) => memberApi.list(query, signal),
    // Keep the old rows on screen while the next page or search arrives (no flicker).
    placeholderData: keepPreviousData,
  });
  const defs = memberColumns(t, query.sort);
  const page = query.page ?? 1;
  const pageSize = query.pageSize ?? 50;

  return (
    <>
      {error ? <ErrorAlert error={error} /> : null}
      <Table<MemberListItem>
        size="small"
        rowKey="id"
        loading={isFetching}
        dataSource={error ? [] : (data?.items ?? [])}
        columns={columns.map((c) => defs[c])}
        scroll={{ x: 'max-content' }}
        aria-label={t('members.tableLabel')}
        pagination={{
          current: page,
          pageSize,
          total: data?.total ?? 0,
          showSizeChanger: true,
          pageSizeOptions: [20, 50, 100, 200],
          showTotal: (total) => (data?.totalIsLowerBound ? t('members.totalAtLeast', { count: total }) : t('members.total', { count: total })),
        }}
        onChange={(pagination, _filters, sorter) => {
          const s = (Array.isArray(sorter) ? sorter[0] : sorter) as SorterResult<MemberListItem> | undefined;
          const key = s?.order ? SORTABLE[s.columnKey as MemberColumn] : undefined;
          const sort = key ? (s!.order === 'descend' ? `-${key}` : key) : undefined;
          const sortChanged = (sort ?? 'name') !== (query.sort ?? 'name');
          onQueryChange({
            sort,
            pageSize: pagination.pageSize,
            // A new order or page size starts again at the first page.
            page: sortChanged || pagination.pageSize !== pageSize ? 1 : pagination.current,
          });
        }}
      />
    </>
  );
}
