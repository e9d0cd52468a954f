import { LeftOutlined, RightOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Button, Select, Space, Table, Typography } from 'antd';
import type { SorterResult } from 'antd/es/table/interface';
import { useState } from 'react';
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

const PAGE_SIZES = [20, 50, 100, 200];

/**
 * One page of members as the server sorts and pages them; the caller owns the filters. Pages
 * follow the server's keyset cursors (a national list has no cheap "page 4,000"): going forward
 * asks with the last page's nextCursor, and the cursors already seen make "previous" possible.
 * Any change of filter, order or page size goes back to the first page.
 */
export function MemberTable({ query, onQueryChange, columns = DEFAULT_COLUMNS }: Props) {
  const { t, i18n } = useTranslation();
  const filterKey = JSON.stringify(query);
  // cursors[i] is what page i + 1 starts after; the first page starts at the beginning.
  const [paging, setPaging] = useState<{ key: string; cursors: (string | undefined)[] }>({ key: filterKey, cursors: [undefined] });
  const cursors = paging.key === filterKey ? paging.cursors : [undefined];
  const pageNo = cursors.length;
  const listQuery: MemberListQuery = { ...query, after: cursors[pageNo - 1] };
  const { data, error, isFetching, isPlaceholderData } = useQuery({
    queryKey: memberKeys.list(listQuery),
    queryFn: ({ signal }) => memberApi.list(listQuery, signal),
    // Keep the old rows on screen while the next page or search arrives (no flicker).
    placeholderData: keepPreviousData,
  });
  const defs = memberColumns(t, query.sort);
  const pageSize = query.pageSize ?? 50;
  const next = isPlaceholderData ? undefined : (data?.nextCursor ?? undefined);
  const total = data ? data.total.toLocaleString(i18n.language) : '';

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
        pagination={false}
        onChange={(_pagination, _filters, sorter) => {
          const s = (Array.isArray(sorter) ? sorter[0] : sorter) as SorterResult<MemberListItem> | undefined;
          const key = s?.order ? SORTABLE[s.columnKey as MemberColumn] : undefined;
          const sort = key ? (s!.order === 'descend' ? `-${key}` : key) : undefined;
          if ((sort ?? 'name') !== (query.sort ?? 'name')) onQueryChange({ sort });
        }}
      />
      <nav aria-label={t('members.paging')} className="member-paging">
        <Typography.Text type="secondary" role="status">
          {data ? (data.totalIsLowerBound ? t('members.totalAtLeast', { count: data.total, n: total }) : t('members.total', { count: data.total, n: total })) : null}
        </Typography.Text>
        <Space wrap>
          <Button icon={<LeftOutlined aria-hidden />} disabled={pageNo === 1 || isFetching} onClick={() => setPaging({ key: filterKey, cursors: cursors.slice(0, -1) })}>
            {t('members.previousPage')}
          </Button>
          <span aria-live="polite">{t('members.pageNo', { n: pageNo })}</span>
          <Button icon={<RightOutlined aria-hidden />} iconPlacement="end" disabled={!next || isFetching} onClick={() => setPaging({ key: filterKey, cursors: [...cursors, next] })}>
            {t('members.nextPage')}
          </Button>
          <Select
            aria-label={t('members.pageSize')}
            value={pageSize}
            onChange={(v: number) => onQueryChange({ pageSize: v })}
            options={PAGE_SIZES.map((n) => ({ value: n, label: t('members.perPage', { n }) }))}
            style={{ width: '9rem' }}
          />
        </Space>
      </nav>
    </>
  );
}
