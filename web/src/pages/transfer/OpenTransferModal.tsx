import { useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Form, Input, Modal, Radio, Select } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { ApiError } from '../../api/client.js';
import { memberApi } from '../../api/members.js';
import { transferApi, transferKeys, type OpenTransferInput } from '../../api/transfers.js';
import { DateField } from '../../components/DateField.js';
import { ErrorAlert } from '../../components/ErrorAlert.js';
import { OrgPicker } from '../../components/OrgPicker.js';
import { todayIso } from '../../lib/format.js';
import { useDebounced } from '../../lib/useDebounced.js';
import { fieldPath } from '../admission/parts.js';

interface Values {
  memberId?: number;
  kind: 'permanent' | 'temporary';
  reason?: string;
  causeDate?: string | null;
  openedOn?: string | null;
  destination: 'inside' | 'outside' | 'abroad';
  destinationOrgId?: number | null;
  destinationOrgCode?: string;
  destinationText?: string;
  temporaryBasis?: 'stay' | 'study';
  endDate?: string | null;
}

const FIELDS = ['memberId', 'kind', 'reason', 'causeDate', 'openedOn', 'destination', 'destinationOrgId', 'destinationOrgCode', 'destinationText', 'temporaryBasis', 'endDate'];

/**
 * Requests a transfer for a member (chosen here, or given by the member page). The server checks
 * it (R-TRF-04 blocks, R-TRF-06 spans, one open case per member) and its refusals land under the
 * fields they name.
 */
export function OpenTransferModal({ orgId, memberId, onClose }: { orgId: number | null; memberId?: number; onClose(): void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<Values>();
  const kind = Form.useWatch('kind', form) ?? 'permanent';
  const destination = Form.useWatch('destination', form) ?? 'inside';
  const [text, setText] = useState('');
  const q = useDebounced(text.trim(), 300);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const found = useQuery({
    queryKey: ['transfer', 'member-search', orgId, q],
    queryFn: ({ signal }) => memberApi.list({ org: orgId ?? undefined, q: q || undefined, pageSize: 20 }, signal),
    enabled: memberId === undefined,
  });

  const open = async (v: Values) => {
    setBusy(true);
    setError(null);
    try {
      const body: OpenTransferInput = {
        memberId: memberId ?? v.memberId ?? 0,
        kind: v.kind,
        reason: v.reason ?? '',
        causeDate: v.causeDate ?? '',
        openedOn: v.openedOn ?? '',
        destination: v.destination,
        destinationOrgId: v.destination === 'inside' ? (v.destinationOrgId ?? null) : null,
        destinationOrgCode: v.destination === 'inside' && !v.destinationOrgId ? v.destinationOrgCode?.trim() || null : null,
        destinationText: v.destination === 'inside' ? null : v.destinationText?.trim() || null,
        temporaryBasis: v.kind === 'temporary' ? (v.temporaryBasis ?? null) : null,
        endDate: v.kind === 'temporary' ? (v.endDate ?? null) : null,
      };
      const c = await transferApi.open(body);
      await queryClient.invalidateQueries({ queryKey: transferKeys.all });
      message.success(t('transfer.caseOpened'));
      void navigate(`/transfer/cases/${c.id}`);
    } catch (e) {
      // A refusal about the member (blocked, already transferring) goes under the picker, or above the form when the member was given.
      const shown = memberId === undefined ? FIELDS : FIELDS.filter((x) => x !== 'memberId');
      const fields = e instanceof ApiError ? e.fieldMessages().filter((x) => shown.includes(String(fieldPath(x.field)[0]))) : [];
      if (fields.length > 0) form.setFields(fields.map((x) => ({ name: fieldPath(x.field) as never, errors: [x.message] })));
      else setError(e);
    } finally {
      setBusy(false);
    }
  };

  const required = [{ required: true, message: t('common.required') }];
  const f = (k: string) => t(`transfer.form.${k}` as never) as string;
  return (
    <Modal open title={t('transfer.openCase')} onCancel={onClose} onOk={() => form.submit()} okText={t('transfer.openCase')} cancelText={t('common.cancel')} confirmLoading={busy}>
      {error ? <ErrorAlert error={error} /> : null}
      <Form<Values> form={form} layout="vertical" onFinish={(v) => void open(v)} initialValues={{ kind: 'permanent', destination: 'inside', openedOn: todayIso(), temporaryBasis: 'stay' }} aria-label={t('transfer.openCase')}>
        {memberId === undefined && (
          <Form.Item name="memberId" label={f('member')} rules={required}>
            <Select
              aria-label={f('member')}
              showSearch={{ filterOption: false, onSearch: setText }}
              placeholder={f('memberSearch')}
              loading={found.isFetching}
              options={(found.data?.items ?? []).map((m) => ({ value: m.id, label: m.fullName }))}
            />
          </Form.Item>
        )}
        <Form.Item name="kind" label={f('kind')} rules={required}>
          <Radio.Group options={(['permanent', 'temporary'] as const).map((k) => ({ value: k, label: t(`transfer.kinds.${k}`) }))} />
        </Form.Item>
        <Form.Item name="reason" label={f('reason')} rules={required}>
          <Input maxLength={500} />
        </Form.Item>
        <Form.Item name="causeDate" label={f('causeDate')} extra={f('causeHelp')} rules={required}>
          <DateField aria-label={f('causeDate')} />
        </Form.Item>
        {kind === 'temporary' && (
          <>
            <Form.Item name="temporaryBasis" label={f('temporaryBasis')} rules={required}>
              <Radio.Group options={(['stay', 'study'] as const).map((k) => ({ value: k, label: t(`transfer.bases.${k}`) }))} />
            </Form.Item>
            <Form.Item name="endDate" label={f('endDate')} rules={required}>
              <DateField aria-label={f('endDate')} />
            </Form.Item>
          </>
        )}
        <Form.Item name="destination" label={f('destination')} rules={required}>
          <Radio.Group options={(['inside', 'outside', 'abroad'] as const).map((k) => ({ value: k, label: t(`transfer.destinations.${k}`) }))} />
        </Form.Item>
        {destination === 'inside' ? (
          <>
            <Form.Item name="destinationOrgId" label={f('destinationOrg')}>
              <OrgPicker aria-label={f('destinationOrg')} style={{ width: '100%' }} />
            </Form.Item>
            <Form.Item name="destinationOrgCode" label={f('destinationOrgCode')} extra={f('destinationOrgCodeHelp')}>
              <Input maxLength={50} />
            </Form.Item>
          </>
        ) : (
          <Form.Item name="destinationText" label={f('destinationText')} rules={required}>
            <Input maxLength={300} />
          </Form.Item>
        )}
        <Form.Item name="openedOn" label={f('openedOn')} rules={required}>
          <DateField aria-label={f('openedOn')} noFuture />
        </Form.Item>
      </Form>
    </Modal>
  );
}
