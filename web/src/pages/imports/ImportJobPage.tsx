import { ArrowLeftOutlined, CheckOutlined, DownloadOutlined, StopOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Descriptions, Popconfirm, Progress, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { importApi, importKeys, RUNNING, type ImportJob, type ImportProblem } from '../../api/imports.js';
import { useSession } from '../../auth/session.js';
import { ErrorAlert } from '../../components/ErrorAlert.js';
import { formatDateTime } from '../../lib/format.js';
import { MappingCard } from './MappingCard.js';
import { ImportStatusTag } from './parts.js';

/** How often a running job is asked for its progress. */
const POLL_MS = 1000;

const DRY_COUNTS = ['rows', 'new', 'toUpdate', 'unchanged', 'error', 'duplicatesInFile', 'possibleDuplicates'] as const;
const COMMIT_COUNTS = ['created', 'updated', 'skipped'] as const;

/** One import (its id in the address, so a reload finds it): mapping, live progress, report, commit. */
export default function ImportJobPage() {
  const { t } = useTranslation();
  const id = Number(useParams().jobId);
  const job = useQuery({
    queryKey: importKeys.job(id),
    queryFn: ({ signal }) => importApi.job(id, signal),
    refetchInterval: (q) => (q.state.data && RUNNING.includes(q.state.data.status) ? POLL_MS : false),
    staleTime: 0,
  });
  const j = job.data;
  return (
    <>
      <Link to="/imports">
        <ArrowLeftOutlined aria-hidden /> {t('imports.back')}
      </Link>
      <Typography.Title level={1} className="page-title" style={{ fontSize: '1.6rem', overflowWrap: 'anywhere' }}>
        {t('imports.jobTitle', { name: j?.fileName ?? '…' })}
      </Typography.Title>
      {job.error ? <ErrorAlert error={job.error} /> : null}
      {j && <JobView job={j} />}
    </>
  );
}

function JobView({ job }: { job: ImportJob }) {
  const { t } = useTranslation();
  const { can } = useSession();
  const mayWrite = can('import', 'update');
  const running = RUNNING.includes(job.status);
  const dryDone = job.counts.rows !== undefined && job.status !== 'parsed';
  const open = ['parsed', 'dry_run_done', 'failed'].includes(job.status);
  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <Space wrap>
        <Tag>{t(`imports.kinds.${job.kind}`)}</Tag>
        <ImportStatusTag status={job.status} />
        {job.committedAt && <span>{t('imports.committedMessage', { at: formatDateTime(job.committedAt) })}</span>}
        {job.status === 'cancelled' && <span>{t('imports.cancelled')}</span>}
      </Space>
      {running && (
        <div>
          <div id="import-progress-label">{job.status === 'committing' ? t('imports.writing') : t('imports.checking')}</div>
          <Progress percent={job.progress} status="active" aria-labelledby="import-progress-label" />
        </div>
      )}
      {job.status === 'failed' && job.failure ? <Alert type="error" showIcon role="alert" title={t('imports.failedTitle')} description={job.failure} /> : null}
      {job.layout && open && mayWrite && <MappingCard job={job} disabled={running} />}
      {dryDone && <Summary job={job} />}
      {dryDone && <Problems job={job} />}
      {dryDone && mayWrite && <Actions job={job} />}
      {!dryDone && job.status === 'parsed' && mayWrite && <CancelButton job={job} />}
    </Space>
  );
}

function Summary({ job }: { job: ImportJob }) {
  const { t } = useTranslation();
  const keys = job.status === 'committed' ? [...DRY_COUNTS, ...COMMIT_COUNTS] : DRY_COUNTS;
  return (
    <Card title={<h2 style={{ margin: 0, fontSize: '1.2rem' }}>{t('imports.summaryTitle')}</h2>}>
      <Descriptions
        size="small"
        column={{ xs: 1, sm: 2, md: 4 }}
        items={keys.map((k) => ({
          key: k,
          label: t(`imports.counts.${k}`),
          children: <span data-count={k}>{(job.counts[k] ?? 0).toLocaleString('vi-VN')}</span>,
        }))}
      />
    </Card>
  );
}

function Problems({ job }: { job: ImportJob }) {
  const { t } = useTranslation();
  return (
    <section aria-labelledby="import-problems">
      <h2 id="import-problems" style={{ fontSize: '1.2rem' }}>
        {t('imports.problemsTitle')}
      </h2>
      {job.problemCount > job.problems.length && <Typography.Paragraph>{t('imports.problemsShown', { shown: job.problems.length, total: job.problemCount })}</Typography.Paragraph>}
      <Table<ImportProblem>
        rowKey={(p) => `${p.row}-${p.column}-${p.code}-${p.message}`}
        dataSource={job.problems}
        size="small"
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: t('imports.noProblems') }}
        pagination={{ pageSize: 50, showSizeChanger: false, hideOnSinglePage: true }}
        columns={[
          { key: 'row', title: t('imports.problem.row'), dataIndex: 'row' },
          { key: 'column', title: t('imports.problem.column'), render: (_, p) => p.column ?? '—' },
          { key: 'value', title: t('imports.problem.value'), render: (_, p) => <div style={{ maxWidth: '10rem', overflowWrap: 'anywhere' }}>{p.value ?? '—'}</div> },
          {
            key: 'reason',
            title: t('imports.problem.reason'),
            render: (_, p) => (
              <div style={{ minWidth: '12rem', maxWidth: '26rem', whiteSpace: 'normal' }}>
                <Tag {...(p.severity === 'error' ? { color: 'red' } : { className: 'tag-soon' })}>{t(`imports.problem.${p.severity}`)}</Tag>
                {p.message}
              </div>
            ),
          },
        ]}
      />
    </section>
  );
}

function Actions({ job }: { job: ImportJob }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [error, setError] = useState<unknown>(null);
  const errors = job.counts.error ?? 0;
  const committable = (job.status === 'dry_run_done' || job.status === 'failed') && errors === 0 && !(job.onDuplicate === 'stop' && (job.counts.toUpdate ?? 0) > 0);
  const commit = async () => {
    setError(null);
    try {
      queryClient.setQueryData(importKeys.job(job.id), await importApi.commit(job.id));
      void queryClient.invalidateQueries({ queryKey: importKeys.all });
    } catch (e) {
      setError(e);
    }
  };
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      {errors > 0 && job.status === 'dry_run_done' && <Alert type="warning" showIcon title={t('imports.commitBlocked')} />}
      {error ? <ErrorAlert error={error} /> : null}
      <Space wrap>
        <Button icon={<DownloadOutlined aria-hidden />} href={importApi.reportUrl(job.id)} download>
          {t('imports.downloadReport')}
        </Button>
        {job.status !== 'committed' && job.status !== 'cancelled' && (
          <>
            <Popconfirm title={t('imports.commitConfirm', { count: job.counts.rows ?? 0 })} okText={t('imports.commitOk')} cancelText={t('common.cancel')} onConfirm={commit} disabled={!committable}>
              <Button type="primary" icon={<CheckOutlined aria-hidden />} disabled={!committable}>
                {t('imports.commit')}
              </Button>
            </Popconfirm>
            {job.status !== 'committing' && <CancelButton job={job} />}
          </>
        )}
      </Space>
    </Space>
  );
}

function CancelButton({ job }: { job: ImportJob }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const cancel = async () => {
    try {
      queryClient.setQueryData(importKeys.job(job.id), await importApi.cancel(job.id));
      void queryClient.invalidateQueries({ queryKey: importKeys.all });
    } catch (e) {
      void message.error(e instanceof Error ? e.message : String(e));
    }
  };
  return (
    <Popconfirm title={t('imports.cancelConfirm')} okText={t('imports.cancelImport')} cancelText={t('common.cancel')} onConfirm={cancel}>
      <Button danger icon={<StopOutlined aria-hidden />}>
        {t('imports.cancelImport')}
      </Button>
    </Popconfirm>
  );
}
