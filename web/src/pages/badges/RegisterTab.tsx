import { DownloadOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Button, Select, Space, Table } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { awardsExportUrl, badgeApi, badgeKeys, type AwardsFilter, type BadgeAwardItem } from '../../api/badges.js';
import { useSession } from '../../auth/session.js';
import { ErrorAlert } from '../../components/ErrorAlert.js';
import { formatDate, todayIso } from '../../lib/format.js';
import { useScope } from '../../shell/scope.js';
import { AwardActions } from './AwardActions.js';
import { AwardStatusTag } from './parts.js';

const PAGE_SIZE = 50;
const CLASSES = [30, 40, 45, 50, 55, 60, 65, 70, 75, 80, 85, 90];

/** The badge register (Sổ đăng ký Huy hiệu Đảng) with its filters and the Excel export. */
export function RegisterTab() {
  const { t } = useTranslation();
  const { can } = useSession();
  const scope = useScope();
  const thisYear = Number(todayIso().slice(0, 4));
  const [year, setYear] = useState<number | undefined>();
  const [badgeClass, setBadgeClass] = useState<number | undefined>();
  const [status, setStatus] = useState<BadgeAwardItem['status'] | undefined>();
  const [page, setPage] = useState(1);
  const filter: AwardsFilter = { org: scope.grants.length > 1 ? (scope.orgId ?? undefined) : undefined, year, badgeClass, status };
  const q = { ...filter, limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE };
  const list = useQuery({ queryKey: badgeKeys.awards(q), queryFn: ({ signal }) => badgeApi.awards(q, signal) });
  const reset = <T,>(set: (v: T) => void) => (v: T) => {
    set(v);
    setPage(1);
  };
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Space wrap>
        <Select
          aria-label={t('badges.year')}
          allowClear
          placeholder={t('badges.allYears')}
          value={year}
          onChange={reset(setYear)}
          options={Array.from({ length: 8 }, (_, i) => thisYear + 1 - i).map((y) => ({ value: y, label: t('badges.yearValue', { year: y }) }))}
        />
        <Select
          aria-label={t('badges.columns.class')}
          allowClear
          placeholder={t('badges.allClasses')}
          value={badgeClass}
          onChange={reset(setBadgeClass)}
          options={CLASSES.map((k) => ({ value: k, label: t('badges.classValue', { badgeClass: k }) }))}
        />
        <Select
          aria-label={t('badges.columns.status')}
          allowClear
          placeholder={t('badges.allStatuses')}
          value={status}
          onChange={reset(setStatus)}
          options={(['awarded', 'reissued', 'returned'] as const).map((s) => ({ value: s, label: t(`badges.statuses.${s}`) }))}
        />
        {can('badge', 'export') && (
          <Button icon={<DownloadOutlined />} href={awardsExportUrl(filter)} download>
            {t('badges.export')}
          </Button>
        )}
      </Space>
      {list.error ? <ErrorAlert error={list.error} /> : null}
      <Table<BadgeAwardItem>
        rowKey="id"
        loading={list.isPending}
        dataSource={list.data?.items ?? []}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: t('badges.noAwards') }}
        pagination={{ current: page, pageSize: PAGE_SIZE, total: list.data?.total ?? 0, showSizeChanger: false, onChange: setPage }}
        columns={[
          { key: 'no', title: t('badges.columns.badgeNo'), render: (_, a) => a.badgeNo },
          { key: 'class', title: t('badges.columns.class'), render: (_, a) => t('badges.classValue', { badgeClass: a.badgeClass }) },
          { key: 'name', title: t('badges.columns.name'), render: (_, a) => <Link to={`/members/${a.member.id}`}>{a.member.fullName}</Link> },
          { key: 'org', title: t('badges.columns.org'), render: (_, a) => <div style={{ minWidth: '8rem', maxWidth: '14rem', whiteSpace: 'normal' }}>{a.orgName}</div> },
          { key: 'ceremony', title: t('badges.columns.ceremony'), render: (_, a) => formatDate(a.ceremonyDate) },
          { key: 'decision', title: t('badges.columns.decision'), render: (_, a) => `${a.decisionNo} (${formatDate(a.decisionDate)})` },
          { key: 'status', title: t('badges.columns.status'), render: (_, a) => <AwardStatusTag status={a.status} /> },
          ...(can('badge', 'update') ? [{ key: 'actions', title: t('badges.columns.actions'), render: (_: unknown, a: BadgeAwardItem) => <AwardActions award={a} /> }] : []),
        ]}
      />
    </Space>
  );
}
