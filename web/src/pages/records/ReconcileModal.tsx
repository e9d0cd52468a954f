import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Descriptions, Form, List, Modal, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { recordApi, recordKeys, type ReconciliationResult } from '../../api/records.js';
import { DateField } from '../../components/DateField.js';
import { ErrorAlert } from '../../components/ErrorAlert.js';
import { formatDate, todayIso } from '../../lib/format.js';

type Person = ReconciliationResult['withoutDossier'][number];

/**
 * R-REC-08: reconciles the dossiers kept under the org with its member list, records the day and
 * shows the differences (the dialog stays open to read them).
 */
export function ReconcileModal({ orgId, onClose }: { orgId: number; onClose(): void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const r = (k: string, o?: Record<string, unknown>) => String(t(`records.dossiers.recon.${k}` as never, o as never));
  const status = useQuery({ queryKey: recordKeys.reconciliation(orgId), queryFn: ({ signal }) => recordApi.reconciliationStatus(orgId, signal) });
  const [date, setDate] = useState<string | null>(todayIso());
  const [result, setResult] = useState<ReconciliationResult | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const run = async () => {
    setBusy(true);
    setError(null);
    try {
      setResult(await recordApi.reconcile({ orgId, date: date ?? '' }));
      await queryClient.invalidateQueries({ queryKey: recordKeys.reconciliation(orgId) });
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  const people = (title: string, items: Person[]) => (
    <List
      style={{ maxHeight: '40vh', overflowY: 'auto', marginBottom: '1rem' }}
      size="small"
      header={<Typography.Text strong>{title}</Typography.Text>}
      dataSource={items}
      locale={{ emptyText: r('allMatch') }}
      renderItem={(p) => (
        <List.Item>
          <Link to={`/members/${p.id}`}>{p.fullName}</Link> — {formatDate(p.birthDate)}, {p.orgName} ({t(`member.statuses.${p.status as 'official'}`, { defaultValue: p.status })})
        </List.Item>
      )}
    />
  );
  return (
    <Modal open title={r('title')} onCancel={onClose} footer={<Button onClick={onClose}>{r('close')}</Button>} width={720}>
      {error ? <ErrorAlert error={error} /> : null}
      <Typography.Paragraph>{r('help')}</Typography.Paragraph>
      {status.data && (
        <Descriptions size="small" column={1} style={{ marginBottom: '1rem' }}>
          <Descriptions.Item label={r('org')}>{status.data.org.name}</Descriptions.Item>
          <Descriptions.Item label={r('last')}>{status.data.lastReconciledOn ? formatDate(status.data.lastReconciledOn) : r('never')}</Descriptions.Item>
          <Descriptions.Item label={r('nextDue')}>{formatDate(status.data.nextDue)}</Descriptions.Item>
        </Descriptions>
      )}
      <Form layout="inline" style={{ marginBottom: '1rem' }}>
        <Form.Item label={r('date')} required>
          <DateField aria-label={r('date')} value={date} onChange={setDate} noFuture />
        </Form.Item>
        <Button type="primary" loading={busy} onClick={() => void run()}>
          {r('run')}
        </Button>
      </Form>
      {result && (
        <>
          <Alert type={result.withoutDossier.length + result.notOnList.length === 0 ? 'success' : 'warning'} showIcon message={r('summary', { members: result.membersOnList, held: result.dossiersHeld, next: formatDate(result.nextDue) })} style={{ marginBottom: '1rem' }} />
          {people(r('withoutDossier', { count: result.withoutDossier.length }), result.withoutDossier)}
          {people(r('notOnList', { count: result.notOnList.length }), result.notOnList)}
        </>
      )}
    </Modal>
  );
}
