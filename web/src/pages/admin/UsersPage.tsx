import { SearchOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Input, Select, Space, Table, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ACCOUNT_STATUSES, accountApi, accountKeys, type Account, type AccountListQuery, type AccountStatus } from '../../api/accounts.js';
import { useSession } from '../../auth/session.js';
import { ErrorAlert } from '../../components/ErrorAlert.js';
import { useDebounced } from '../../lib/useDebounced.js';
import { numParam, strParam, useUrlQuery } from '../../lib/useUrlQuery.js';
import { AccountStatusTag } from './AccountStatusTag.js';
import { CreateUserButton } from './CreateUserButton.js';

const PAGE_SIZE = 50;

function readQuery(p: URLSearchParams): AccountListQuery {
  const status = strParam(p, 'status');
  return { q: strParam(p, 'q'), status: (ACCOUNT_STATUSES as readonly string[]).includes(status ?? '') ? (status as AccountStatus) : undefined, page: numParam(p, 'page') };
}

/** The accounts the caller administers: search by name, filter by status, open one. */
export default function UsersPage() {
  const { t } = useTranslation();
  const { can } = useSession();
  const [query, change] = useUrlQuery(readQuery);
  const [text, setText] = useState(query.q ?? '');
  const settled = useDebounced(text.trim(), 300);
  useEffect(() => {
    if (settled !== (query.q ?? '')) change({ q: settled || undefined });
    // Only the settled text searches; a query change from elsewhere must not loop back.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [settled]);
  const list = useQuery({ queryKey: accountKeys.list(query), queryFn: ({ signal }) => accountApi.list(query, signal), placeholderData: keepPreviousData });

  return (
    <>
      <Typography.Title level={1} className="page-title" style={{ fontSize: '1.6rem' }}>
        {t('admin.usersTitle')}
      </Typography.Title>
      <Space wrap style={{ marginBottom: '1rem' }}>
        <Input
          prefix={<SearchOutlined aria-hidden />}
          aria-label={t('admin.search')}
          placeholder={t('admin.search')}
          value={text}
          onChange={(e) => setText(e.target.value)}
          allowClear
          style={{ width: '18rem', maxWidth: '100%' }}
        />
        <Select
          aria-label={t('admin.fields.status')}
          placeholder={t('admin.fields.status')}
          value={query.status}
          onChange={(v?: AccountStatus) => change({ status: v })}
          options={ACCOUNT_STATUSES.map((s) => ({ value: s, label: t(`admin.statuses.${s}`) }))}
          allowClear
          style={{ width: '10rem' }}
        />
        {can('account', 'create') && <CreateUserButton />}
      </Space>
      <ErrorAlert error={list.error} />
      <Table<Account>
        size="small"
        rowKey="id"
        loading={list.isFetching}
        dataSource={list.data?.items ?? []}
        scroll={{ x: 'max-content' }}
        aria-label={t('admin.usersTitle')}
        pagination={{ current: query.page ?? 1, pageSize: PAGE_SIZE, total: list.data?.total ?? 0, showSizeChanger: false, onChange: (page) => change({ page }) }}
        columns={[
          { key: 'username', title: t('admin.fields.username'), render: (_, a) => <Link to={`/admin/users/${a.id}`}>{a.username}</Link> },
          { key: 'displayName', title: t('admin.fields.displayName'), dataIndex: 'displayName' },
          { key: 'org', title: t('admin.fields.org'), render: (_, a) => a.org?.name ?? t('admin.wholeInstallation') },
          { key: 'status', title: t('admin.fields.status'), render: (_, a) => <AccountStatusTag status={a.status} /> },
        ]}
      />
    </>
  );
}
