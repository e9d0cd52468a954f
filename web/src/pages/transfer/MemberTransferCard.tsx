import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Form, Input, Modal, Radio, Space, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { transferApi, transferKeys } from '../../api/transfers.js';
import { useSession } from '../../auth/session.js';
import { DateField } from '../../components/DateField.js';
import { ErrorAlert } from '../../components/ErrorAlert.js';
import { formatDate, todayIso } from '../../lib/format.js';
import { isTransferClosed, TRANSFER_STATES } from '../../../../src/domain/transfer/transfer-case.js';
import { OpenTransferModal } from './OpenTransferModal.js';
import { TransferStateTag } from './parts.js';

const OPEN = TRANSFER_STATES.filter((s) => !isTransferClosed(s)).join(',');

/**
 * On the member page: the member's open transfer, the "Chuyển sinh hoạt" action, and the R-TRF-04
 * flag (under inspection or complaint) with who may set and clear it.
 */
export function MemberTransferCard({ memberId, orgId, onRolls }: { memberId: number; orgId: number; onRolls: boolean }) {
  const { t } = useTranslation();
  const { can } = useSession();
  const [opening, setOpening] = useState(false);
  const [blocking, setBlocking] = useState<'set' | 'clear' | null>(null);
  const cases = useQuery({ queryKey: transferKeys.cases({ member: memberId, state: OPEN }), queryFn: ({ signal }) => transferApi.cases({ member: memberId, state: OPEN }, signal), enabled: can('transfer', 'read') });
  const block = useQuery({ queryKey: transferKeys.block(memberId), queryFn: () => transferApi.block(memberId), enabled: can('transfer_block', 'read') });
  if (!can('transfer', 'read') && !can('transfer_block', 'read')) return null;
  const open = cases.data?.items[0];
  const b = block.data?.block ?? null;

  return (
    <Card size="small" style={{ marginTop: '1rem' }} title={<h2 className="card-title">{t('transfer.title')}</h2>}>
      <Space orientation="vertical" style={{ width: '100%' }}>
        {cases.error ? <ErrorAlert error={cases.error} /> : null}
        {open ? (
          <span>
            <Link to={`/transfer/cases/${open.id}`}>{`${t(`transfer.kinds.${open.kind}`)} → ${open.destination.name}`}</Link> <TransferStateTag state={open.state} />
          </span>
        ) : (
          onRolls &&
          can('transfer', 'create') && (
            <Button type="primary" onClick={() => setOpening(true)}>
              {t('transfer.openCase')}
            </Button>
          )
        )}
        {can('transfer_block', 'read') && (
          <div>
            <Typography.Text strong>{t('transfer.block.title')}: </Typography.Text>
            {b ? (
              <Alert type="error" showIcon title={t('transfer.block.active', { matter: t(`transfer.matters.${b.kind}`), since: formatDate(b.since), reason: b.reason })} />
            ) : (
              <Typography.Text>{t('transfer.block.none')}</Typography.Text>
            )}
            {can('transfer_block', 'update') && (
              <div style={{ marginTop: '0.5rem' }}>
                <Button onClick={() => setBlocking(b ? 'clear' : 'set')}>{b ? t('transfer.block.clear') : t('transfer.block.set')}</Button>
              </div>
            )}
          </div>
        )}
      </Space>
      {opening && <OpenTransferModal orgId={orgId} memberId={memberId} onClose={() => setOpening(false)} />}
      {blocking && <BlockModal memberId={memberId} mode={blocking} onClose={() => setBlocking(null)} />}
    </Card>
  );
}

function BlockModal({ memberId, mode, onClose }: { memberId: number; mode: 'set' | 'clear'; onClose(): void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<{ kind: 'inspection' | 'complaint'; since: string | null; reason: string }>();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const required = [{ required: true, message: t('common.required') }];

  const save = async (v: { kind: 'inspection' | 'complaint'; since: string | null; reason: string }) => {
    setBusy(true);
    setError(null);
    try {
      if (mode === 'set') await transferApi.setBlock(memberId, { kind: v.kind, since: v.since ?? '', reason: v.reason });
      else await transferApi.clearBlock(memberId, { clearedOn: v.since ?? '', reason: v.reason || null });
      await queryClient.invalidateQueries({ queryKey: transferKeys.all });
      message.success(mode === 'set' ? t('transfer.block.saved') : t('transfer.block.cleared'));
      onClose();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  const title = mode === 'set' ? t('transfer.block.set') : t('transfer.block.clear');
  return (
    <Modal open title={title} onCancel={onClose} onOk={() => form.submit()} okText={title} cancelText={t('common.cancel')} confirmLoading={busy}>
      {error ? <ErrorAlert error={error} /> : null}
      <Form form={form} layout="vertical" onFinish={(v) => void save(v)} initialValues={{ kind: 'inspection', since: todayIso(), reason: '' }} aria-label={title}>
        {mode === 'set' && (
          <Form.Item name="kind" label={t('transfer.block.kind')} rules={required}>
            <Radio.Group options={(['inspection', 'complaint'] as const).map((k) => ({ value: k, label: t(`transfer.matters.${k}`) }))} />
          </Form.Item>
        )}
        <Form.Item name="since" label={mode === 'set' ? t('transfer.block.since') : t('transfer.block.clearedOn')} rules={required}>
          <DateField aria-label={mode === 'set' ? t('transfer.block.since') : t('transfer.block.clearedOn')} noFuture />
        </Form.Item>
        <Form.Item name="reason" label={mode === 'set' ? t('transfer.block.reason') : t('transfer.block.clearReason')} rules={mode === 'set' ? required : []}>
          <Input.TextArea maxLength={1000} autoSize={{ minRows: 1, maxRows: 4 }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
