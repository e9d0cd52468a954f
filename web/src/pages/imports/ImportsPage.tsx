import { UploadOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Button, Card, Form, Select, Space, Table, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { importApi, importKeys, type DuplicatePolicy, type ImportHistoryItem, type ImportKind } from '../../api/imports.js';
import { useSession } from '../../auth/session.js';
import { ErrorAlert } from '../../components/ErrorAlert.js';
import { OrgPicker } from '../../components/OrgPicker.js';
import { formatDateTime } from '../../lib/format.js';
import { useScope } from '../../shell/scope.js';
import { ImportStatusTag } from './parts.js';

const POLICIES: readonly DuplicatePolicy[] = ['skip', 'update', 'stop'];
const KINDS: readonly ImportKind[] = ['members', 'orgs', 'targets'];

/** "Nhập dữ liệu": upload a member list, an org tree or admission targets (issue 6 items 6, 8), and the history of imports. */
export default function ImportsPage() {
  const { t } = useTranslation();
  const { can } = useSession();
  return (
    <>
      <Typography.Title level={1} className="page-title" style={{ fontSize: '1.6rem' }}>
        {t('imports.title')}
      </Typography.Title>
      <Typography.Paragraph>{t('imports.intro')}</Typography.Paragraph>
      <Space orientation="vertical" size="large" style={{ width: '100%' }}>
        {can('import', 'create') && <UploadForm />}
        <History />
      </Space>
    </>
  );
}

interface UploadValues {
  kind: ImportKind;
  orgId: number | null;
  onDuplicate: DuplicatePolicy;
  template: string;
}

function UploadForm() {
  const { t } = useTranslation();
  const scope = useScope();
  const navigate = useNavigate();
  const [form] = Form.useForm<UploadValues>();
  const [file, setFile] = useState<File | null>(null);
  const [fileMissing, setFileMissing] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const templates = useQuery({ queryKey: importKeys.templates, queryFn: ({ signal }) => importApi.templates(signal) });
  const kind = Form.useWatch('kind', form) ?? 'members';

  const submit = async (v: UploadValues) => {
    if (!file) {
      setFileMissing(true);
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const job = await importApi.upload({ kind: v.kind, file, orgId: v.orgId!, onDuplicate: v.onDuplicate, template: v.template || undefined });
      // The job's own address: the report and the progress survive a reload.
      void navigate(`/imports/${job.id}`);
    } catch (e) {
      setError(e);
      setBusy(false);
    }
  };

  return (
    <Card title={<h2 style={{ margin: 0, fontSize: '1.2rem' }}>{t('imports.uploadTitle')}</h2>}>
      <Form<UploadValues> form={form} layout="vertical" initialValues={{ kind: 'members', orgId: scope.orgId, onDuplicate: 'skip', template: '' }} onFinish={submit} style={{ maxWidth: '40rem' }}>
        <Form.Item name="kind" label={t('imports.kind')} extra={t('imports.kindHelp')}>
          <Select
            aria-label={t('imports.kind')}
            options={KINDS.map((k) => ({ value: k, label: t(`imports.kinds.${k}`) }))}
            // A template maps one kind's columns: a template of another kind no longer applies.
            onChange={() => form.setFieldValue('template', '')}
          />
        </Form.Item>
        <Form.Item name="orgId" label={t('imports.org')} extra={t('imports.orgHelp')} rules={[{ required: true, message: t('imports.chooseOrg') }]}>
          <OrgPicker aria-label={t('imports.org')} style={{ width: '100%', minWidth: 0 }} />
        </Form.Item>
        <Form.Item name="onDuplicate" label={t('imports.onDuplicate')}>
          <Select aria-label={t('imports.onDuplicate')} options={POLICIES.map((p) => ({ value: p, label: t(`imports.policies.${p}`) }))} />
        </Form.Item>
        <Form.Item name="template" label={t('imports.template')}>
          <Select
            aria-label={t('imports.template')}
            options={[{ value: '', label: t('imports.noTemplate') }, ...(templates.data?.items ?? []).filter((x) => x.kind === kind).map((x) => ({ value: x.name, label: x.name }))]}
          />
        </Form.Item>
        <Form.Item label={t('imports.file')} htmlFor="import-file" required validateStatus={fileMissing ? 'error' : undefined} help={fileMissing ? t('imports.chooseFile') : undefined}>
          <input
            id="import-file"
            type="file"
            accept=".xlsx,.csv,.txt,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,text/csv"
            style={{ maxWidth: '100%' }}
            onChange={(e) => {
              setFile(e.target.files?.[0] ?? null);
              setFileMissing(false);
            }}
          />
        </Form.Item>
        {error ? <ErrorAlert error={error} /> : null}
        <Button type="primary" htmlType="submit" icon={<UploadOutlined aria-hidden />} loading={busy} style={{ marginTop: '0.5rem' }}>
          {t('imports.upload')}
        </Button>
      </Form>
    </Card>
  );
}

function History() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const page = Number(params.get('page') ?? 1) || 1;
  const list = useQuery({ queryKey: importKeys.history(page), queryFn: ({ signal }) => importApi.history(page, signal) });
  const items = list.data?.items ?? [];
  return (
    <section aria-labelledby="import-history">
      <h2 id="import-history" style={{ fontSize: '1.2rem' }}>
        {t('imports.history')}
      </h2>
      {list.error ? <ErrorAlert error={list.error} /> : null}
      <Table<ImportHistoryItem>
        rowKey="id"
        loading={list.isPending}
        dataSource={items}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: t('imports.noHistory') }}
        // The server pages by 20 without a total: offer the next page while pages are full.
        pagination={{ current: page, pageSize: 20, total: (page - 1) * 20 + items.length + (items.length === 20 ? 1 : 0), showSizeChanger: false, onChange: (p) => setParams({ page: String(p) }) }}
        columns={[
          { key: 'file', title: t('imports.columns.file'), render: (_, j) => <Link to={`/imports/${j.id}`}>{j.fileName}</Link> },
          { key: 'kind', title: t('imports.columns.kind'), render: (_, j) => t(`imports.kinds.${j.kind}`) },
          { key: 'status', title: t('imports.columns.status'), render: (_, j) => <ImportStatusTag status={j.status} /> },
          { key: 'org', title: t('imports.columns.org'), render: (_, j) => <div style={{ minWidth: '8rem', maxWidth: '14rem', whiteSpace: 'normal' }}>{j.orgName}</div> },
          { key: 'counts', title: t('imports.columns.counts'), render: (_, j) => j.counts.rows ?? '—' },
          { key: 'createdAt', title: t('imports.columns.createdAt'), render: (_, j) => formatDateTime(j.createdAt) },
          { key: 'by', title: t('imports.columns.by'), render: (_, j) => j.username ?? '—' },
        ]}
      />
    </section>
  );
}
