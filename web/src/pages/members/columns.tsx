import type { TableColumnType } from 'antd';
import type { TFunction } from 'i18next';
import { Link } from 'react-router';
import type { MemberListItem } from '../../api/types.js';
import { formatDate } from '../../lib/format.js';

// The member list's columns, which of them the server can sort by, and the default selection.

export const MEMBER_COLUMNS = ['fullName', 'birthDate', 'sex', 'status', 'org', 'partyCardNo', 'admissionDate', 'officialDate', 'theoryLevel'] as const;
export type MemberColumn = (typeof MEMBER_COLUMNS)[number];
export const DEFAULT_COLUMNS: MemberColumn[] = ['fullName', 'birthDate', 'sex', 'status', 'org', 'admissionDate'];

/** Column → the API's sort name (the server sorts; these three have indexes). */
export const SORTABLE: Partial<Record<MemberColumn, string>> = { fullName: 'name', birthDate: 'birthDate', admissionDate: 'admissionDate' };

export function memberColumns(t: TFunction, sort: string | undefined): Record<MemberColumn, TableColumnType<MemberListItem>> {
  const order = (col: MemberColumn) => {
    const key = SORTABLE[col];
    if (!key) return undefined;
    const s = sort ?? 'name';
    return s === key ? ('ascend' as const) : s === `-${key}` ? ('descend' as const) : null;
  };
  const sortable = (col: MemberColumn) => (SORTABLE[col] ? { sorter: true, sortOrder: order(col), sortDirections: ['ascend', 'descend', 'ascend'] as ('ascend' | 'descend')[] } : {});
  return {
    fullName: {
      key: 'fullName',
      title: t('member.fields.fullName'),
      dataIndex: 'fullName',
      render: (name: string, m) => <Link to={`/members/${m.id}`}>{name}</Link>,
      ...sortable('fullName'),
    },
    birthDate: { key: 'birthDate', title: t('member.fields.birthDate'), dataIndex: 'birthDate', render: formatDate, ...sortable('birthDate') },
    sex: { key: 'sex', title: t('member.fields.sex'), dataIndex: 'sex', render: (v: string) => t(`member.sex.${v as 'male'}`, { defaultValue: v }) },
    status: { key: 'status', title: t('member.fields.status'), dataIndex: 'status', render: (v: string) => t(`member.statuses.${v as 'official'}`, { defaultValue: v }) },
    org: { key: 'org', title: t('member.fields.org'), dataIndex: 'orgName' },
    partyCardNo: { key: 'partyCardNo', title: t('member.fields.partyCardNo'), dataIndex: 'partyCardNo' },
    admissionDate: { key: 'admissionDate', title: t('member.fields.admissionDate'), dataIndex: 'admissionDate', render: formatDate, ...sortable('admissionDate') },
    officialDate: { key: 'officialDate', title: t('member.fields.officialDate'), dataIndex: 'officialDate', render: formatDate },
    theoryLevel: {
      key: 'theoryLevel',
      title: t('member.fields.theoryLevel'),
      dataIndex: 'theoryLevel',
      render: (v: string) => t(`member.theoryLevels.${v as 'none'}`, { defaultValue: v }),
    },
  };
}
