import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Descriptions, Form, Input, Modal, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { slipApi, slipKeys, type TransferSlip } from '../../api/slips.js';
import type { TransferCase } from '../../api/transfers.js';
import { useSession } from '../../auth/session.js';
import { DateField } from '../../components/DateField.js';
import { ErrorAlert } from '../../components/ErrorAlert.js';
import { formatDate, todayIso } from '../../lib/format.js';

/**
 * The 2 transfer slips (phiếu báo) of the case (R-TRF-09): once the letter is issued the sending
 * side records them; either side records the day the slip came back ("đã báo nhận"). The check day
 * (R-REC-08) and the 3 months of R-EXIT-05 are the server's.
 */
export function TransferSlipCard({ c }: { c: TransferCase }) {
  const { t } = useTranslation();
  const { can } = useSession();
  const [mode, setMode] = useState<'issue' | 'return' | null>(null);
  const q = useQuery({ queryKey: slipKeys.ofCase(c.id), queryFn: () => slipApi.ofCase(c.id) });
  if (!c.letter.issued || c.kind !== 'permanent') return null;
  const slip = q.data?.slip ?? null;
  const canWrite = can('transfer', 'update');

  return (
    <Card size="small" title={<h2 className="card-title">{t('transfer.slip.title')}</h2>} data-testid="transfer-slip">
      {q.error ? <ErrorAlert error={q.error} /> : null}
      {slip ? (
        <>
          <SlipDetails slip={slip} />
          {slip.lapsed && <Alert style={{ marginTop: '0.5rem' }} type="error" showIcon title={t('transfer.slip.lapsed', { date: formatDate(slip.lapseDate) })} />}
          {!slip.lapsed && slip.overdue && <Alert style={{ marginTop: '0.5rem' }} type="warning" showIcon title={t('transfer.slip.overdue', { date: formatDate(slip.checkDue) })} />}
          {slip.returnedOn === null && canWrite && (
            <Button style={{ marginTop: '0.75rem' }} type="primary" size="large" onClick={() => setMode('return')}>
              {t('transfer.slip.recordReturn')}
            </Button>
          )}
        </>
      ) : (
        !q.isPending && (
          <>
            <Typography.Paragraph>{t('transfer.slip.none')}</Typography.Paragraph>
            {canWrite && c.callerSides.sending && (
              <Button type="primary" size="large" onClick={() => setMode('issue')}>
                {t('transfer.slip.issue')}
              </Button>
            )}
          </>
        )
      )}
      {mode && <SlipModal c={c} slip={slip} mode={mode} onClose={() => setMode(null)} />}
    </Card>
  );
}

function SlipDetails({ slip }: { slip: TransferSlip }) {
  const { t } = useTranslation();
  return (
    <Descriptions size="small" column={{ xs: 1, sm: 2 }} bordered>
      <Descriptions.Item label={t('transfer.slip.no')}>{slip.slipNo}</Descriptions.Item>
      <Descriptions.Item label={t('transfer.slip.issuedOn')}>{formatDate(slip.issuedOn)}</Descriptions.Item>
      <Descriptions.Item label={t('transfer.slip.sentTo')}>{slip.sentTo}</Descriptions.Item>
      <Descriptions.Item label={t('transfer.slip.copyTo')}>{slip.copyTo ?? '—'}</Descriptions.Item>
      <Descriptions.Item label={t('transfer.slip.returnedOn')}>{slip.returnedOn ? `${formatDate(slip.returnedOn)} · ${t('transfer.slip.returned')}` : t('transfer.slip.notReturned')}</Descriptions.Item>
      <Descriptions.Item label={t('transfer.slip.checkDue')}>{slip.checkDue ? formatDate(slip.checkDue) : '—'}</Descriptions.Item>
      {slip.returnNote && <Descriptions.Item label={t('transfer.slip.note')}>{slip.returnNote}</Descriptions.Item>}
    </Descriptions>
  );
}

type Values = { slipNo?: string; date: string | null; sentTo?: string; copyTo?: string; note?: string };

function SlipModal({ c, slip, mode, onClose }: { c: TransferCase; slip: TransferSlip | null; mode: 'issue' | 'return'; onClose(): void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const required = [{ required: true, message: t('common.required') }];
  const title = mode === 'issue' ? t('transfer.slip.issue') : t('transfer.slip.recordReturn');

  const save = async (v: Values) => {
    setBusy(true);
    setError(null);
    try {
      if (mode === 'issue') await slipApi.issue(c.id, { slipNo: v.slipNo ?? '', issuedOn: v.date ?? '', sentTo: v.sentTo?.trim() || null, copyTo: v.copyTo?.trim() || null });
      else await slipApi.returned(c.id, { returnedOn: v.date ?? '', note: v.note?.trim() || null, version: slip!.version });
      await queryClient.invalidateQueries({ queryKey: slipKeys.all });
      message.success(mode === 'issue' ? t('transfer.slip.issued') : t('transfer.slip.returnSaved'));
      onClose();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  const dateLabel = mode === 'issue' ? t('transfer.slip.issuedOn') : t('transfer.slip.returnedOn');
  return (
    <Modal open title={title} onCancel={onClose} onOk={() => form.submit()} okText={t('common.save')} cancelText={t('common.cancel')} confirmLoading={busy}>
      {error ? <ErrorAlert error={error} /> : null}
      <Form form={form} layout="vertical" onFinish={(v) => void save(v)} initialValues={{ date: todayIso(), sentTo: c.destination.name, copyTo: c.source.name }} aria-label={title}>
        {mode === 'issue' && (
          <Form.Item name="slipNo" label={t('transfer.slip.no')} rules={required}>
            <Input maxLength={100} />
          </Form.Item>
        )}
        <Form.Item name="date" label={dateLabel} rules={required} style={{ maxWidth: '16rem' }}>
          <DateField aria-label={dateLabel} noFuture />
        </Form.Item>
        {mode === 'issue' ? (
          <>
            <Form.Item name="sentTo" label={t('transfer.slip.sentTo')}>
              <Input maxLength={300} />
            </Form.Item>
            <Form.Item name="copyTo" label={t('transfer.slip.copyTo')} extra={t('transfer.slip.copyHelp')}>
              <Input maxLength={300} />
            </Form.Item>
          </>
        ) : (
          <Form.Item name="note" label={t('transfer.slip.note')}>
            <Input.TextArea maxLength={1000} autoSize={{ minRows: 1, maxRows: 4 }} />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}
