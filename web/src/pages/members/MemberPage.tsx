import { EditOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Breadcrumb, Button, Card, Result, Space, Spin, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { ApiError } from '../../api/client.js';
import { memberApi, memberKeys } from '../../api/members.js';
import { useSession } from '../../auth/session.js';
import { ErrorAlert } from '../../components/ErrorAlert.js';
import { MemberExitActions } from '../exits/MemberExitActions.js';
import { MemberEditForm } from './MemberEditForm.js';
import { MemberTabs } from './MemberTabs.js';
import { StatusTag } from './StatusTag.js';
import { MemberTransferCard } from '../transfer/MemberTransferCard.js';
import { MemberRecordCard } from '../records/MemberRecordCard.js';
import { MemberLiaisonCard } from '../liaison/MemberLiaisonCard.js';

/** One member's record, read as the member form, and edited in place when allowed. */
export default function MemberPage() {
  const { t } = useTranslation();
  const { can } = useSession();
  const id = Number(useParams().memberId);
  const record = useQuery({ queryKey: memberKeys.record(id), queryFn: () => memberApi.record(id), enabled: Number.isInteger(id) });
  const [editing, setEditing] = useState(false);

  if (record.isPending) return <Spin />;
  if (record.error) {
    // Out of scope answers 404 like a missing record: the page says no more than that.
    if (record.error instanceof ApiError && record.error.status === 404) {
      return <Result status="404" title={t('errors.notFoundTitle')} subTitle={record.error.message} extra={<Link to="/members">{t('member.backToList')}</Link>} />;
    }
    return <ErrorAlert error={record.error} />;
  }
  const m = record.data;

  return (
    <Card>
      <Breadcrumb
        items={[
          { key: 'list', title: <Link to="/members">{t('members.title')}</Link> },
          ...m.breadcrumb.map((o) => ({ key: o.id, title: can('org', 'read') ? <Link to={`/orgs/${o.id}`}>{o.name}</Link> : o.name })),
        ]}
        style={{ marginBottom: '0.5rem' }}
      />
      <Space wrap align="center" style={{ justifyContent: 'space-between', width: '100%', marginBottom: '0.5rem' }}>
        <Space wrap align="center">
          <Typography.Title level={1} style={{ margin: 0, fontSize: '1.6rem' }}>
            {m.fullName}
          </Typography.Title>
          <StatusTag status={m.status} />
        </Space>
        {!editing && can('member', 'update') && (
          <Button type="primary" icon={<EditOutlined />} onClick={() => setEditing(true)}>
            {t('member.edit')}
          </Button>
        )}
      </Space>
      {!editing && <MemberExitActions record={m} />}
      {editing ? <MemberEditForm record={m} onClose={() => setEditing(false)} /> : <MemberTabs record={m} />}
      {!editing && <MemberRecordCard memberId={m.id} />}
      {!editing && <MemberTransferCard memberId={m.id} orgId={m.orgId} onRolls={['probationary', 'official', 'exempt'].includes(m.status)} />}
      {!editing && <MemberLiaisonCard memberId={m.id} onRolls={['probationary', 'official'].includes(m.status)} />}
    </Card>
  );
}
