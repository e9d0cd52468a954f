import { useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Checkbox, Form, Input, Modal, Select, Space } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { exitApi, exitKeys, type CreateExemptionInput } from '../../api/exits.js';
import { memberKeys } from '../../api/members.js';
import type { MemberRecord } from '../../api/types.js';
import { useSession } from '../../auth/session.js';
import { DateField } from '../../components/DateField.js';
import { ErrorAlert } from '../../components/ErrorAlert.js';
import vi from '../../i18n/vi.json';
import { todayIso } from '../../lib/format.js';
import { EXEMPTION_KINDS, EXEMPTION_OTHER_REASONS } from '../../../../src/domain/exit/exemption.js';
import { REMOVAL_GROUNDS } from '../../../../src/domain/exit/removal-case.js';

type Action = 'propose' | 'exempt' | 'death' | 'withdraw';
const ON_ROLLS = ['probationary', 'official', 'exempt'];

/**
 * The exits a member's page offers (issue 5 item 5): propose removal (opens the case), exempt from
 * work and meetings, report death, leave on request; and links to the case or exemption in force.
 */
export function MemberExitActions({ record }: { record: MemberRecord }) {
  const { t } = useTranslation();
  const { can } = useSession();
  const [action, setAction] = useState<Action | null>(null);
  const openCase = useQuery({
    queryKey: exitKeys.cases({ member: record.id, state: 'opened,self_reviewed,cell_resolved,grassroots_resolved,removed,notified,appealed' }),
    queryFn: ({ signal }) => exitApi.cases({ member: record.id, state: 'opened,self_reviewed,cell_resolved,grassroots_resolved,removed,notified,appealed' }, signal),
    enabled: can('exit', 'read'),
  });
  const exemption = useQuery({
    queryKey: exitKeys.exemptions({ member: record.id, current: 'true' }),
    queryFn: ({ signal }) => exitApi.exemptions({ member: record.id, current: 'true' }, signal),
    enabled: can('exemption', 'read'),
  });
  const caseId = openCase.data?.items[0]?.id;
  const exemptionId = exemption.data?.items[0]?.id;
  const onRolls = ON_ROLLS.includes(record.status);
  if (!onRolls && caseId === undefined) return null;
  return (
    <Space wrap aria-label={t('exits.actions.title')} role="group" style={{ marginBottom: '0.75rem' }}>
      {caseId !== undefined && <Link to={`/exits/cases/${caseId}`}>{t('exits.actions.openCase')}</Link>}
      {exemptionId !== undefined && <Link to={`/exits/exemptions/${exemptionId}`}>{t('exits.actions.openExemption')}</Link>}
      {onRolls && can('exit', 'create') && caseId === undefined && <Button onClick={() => setAction('propose')}>{t('exits.actions.propose')}</Button>}
      {record.status === 'official' && can('exemption', 'create') && <Button onClick={() => setAction('exempt')}>{t('exits.actions.exempt')}</Button>}
      {onRolls && can('exit', 'create') && <Button onClick={() => setAction('withdraw')}>{t('exits.actions.withdraw')}</Button>}
      {onRolls && can('exit', 'create') && <Button onClick={() => setAction('death')}>{t('exits.actions.death')}</Button>}
      {action && <ActionModal action={action} record={record} onClose={() => setAction(null)} />}
    </Space>
  );
}

type Values = Record<string, unknown>;

function ActionModal({ action, record, onClose }: { action: Action; record: MemberRecord; onClose(): void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const kind = Form.useWatch('kind', form) as CreateExemptionInput['kind'] | undefined;
  const x = (k: keyof typeof vi.exits.fields): string => t(`exits.fields.${k}`);
  const required = [{ required: true, message: t('common.required') }];

  const submit = async (v: Values) => {
    setBusy(true);
    setError(null);
    try {
      const notes = (v.notes as string | undefined)?.trim() || null;
      if (action === 'propose') {
        const c = await exitApi.open({ memberId: record.id, openedOn: String(v.openedOn), grounds: v.grounds as never, groundsNote: notes });
        message.success(t('exits.actions.opened'));
        void navigate(`/exits/cases/${c.id}`);
      } else if (action === 'exempt') {
        const docs = String(v.documents ?? '').split('\n').map((d) => d.trim()).filter(Boolean);
        const e = await exitApi.exempt({
          memberId: record.id,
          kind: v.kind as CreateExemptionInput['kind'],
          otherReason: (v.otherReason as CreateExemptionInput['otherReason']) ?? null,
          from: String(v.from),
          to: (v.to as string | undefined) ?? null,
          decidedBy: v.decidedBy as CreateExemptionInput['decidedBy'],
          decisionDate: String(v.decisionDate),
          decisionNo: (v.decisionNo as string | undefined)?.trim() || null,
          documents: docs,
          notes,
        });
        message.success(t('exits.actions.exempted'));
        void navigate(`/exits/exemptions/${e.id}`);
      } else if (action === 'death') {
        await exitApi.death({ memberId: record.id, dateOfDeath: String(v.dateOfDeath), version: record.version, notes });
        message.success(t('exits.actions.recordedDeath'));
      } else {
        await exitApi.withdraw({
          memberId: record.id,
          requestDate: String(v.requestDate),
          decisionDate: String(v.decisionDate),
          decisionNo: String(v.decisionNo ?? '').trim(),
          violating: v.violating === true,
          version: record.version,
          notes,
        });
        message.success(t('exits.actions.withdrawn'));
      }
      await queryClient.invalidateQueries({ queryKey: memberKeys.all });
      await queryClient.invalidateQueries({ queryKey: exitKeys.all });
      onClose();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  const initial: Values = {
    openedOn: todayIso(),
    grounds: [],
    kind: 'old_age_health',
    decidedBy: 'cell',
    from: todayIso(),
    decisionDate: todayIso(),
    requestDate: todayIso(),
    dateOfDeath: todayIso(),
    violating: false,
  };
  const date = (name: 'openedOn' | 'from' | 'decisionDate' | 'dateOfDeath' | 'requestDate') => (
    <Form.Item name={name} label={x(name)} rules={required}>
      <DateField aria-label={x(name)} noFuture />
    </Form.Item>
  );

  return (
    <Modal
      open
      title={`${t(`exits.actions.${action}`)}: ${record.fullName}`}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('exits.actions.save')}
      cancelText={t('common.cancel')}
      confirmLoading={busy}
    >
      {error ? <ErrorAlert error={error} /> : null}
      <Form<Values> form={form} layout="vertical" requiredMark="optional" initialValues={initial} onFinish={(v) => void submit(v)} aria-label={t(`exits.actions.${action}`)}>
        {action === 'propose' && (
          <>
            {date('openedOn')}
            <Form.Item name="grounds" label={x('grounds')} rules={required}>
              <Checkbox.Group style={{ display: 'grid', gap: '0.25rem' }} options={REMOVAL_GROUNDS.map((g) => ({ value: g, label: t(`exits.grounds.${g}`) }))} />
            </Form.Item>
          </>
        )}
        {action === 'exempt' && (
          <>
            <Form.Item name="kind" label={x('kind')} rules={required}>
              <Select
                aria-label={x('kind')}
                options={EXEMPTION_KINDS.map((k) => ({ value: k, label: t(`exits.exemption.kinds.${k}`) }))}
                onChange={(k: string) => form.setFieldValue('decidedBy', k === 'old_age_health' ? 'cell' : 'grassroots_committee')}
              />
            </Form.Item>
            {kind === 'other_reason' && (
              <Form.Item name="otherReason" label={x('otherReason')} rules={required}>
                <Select aria-label={x('otherReason')} options={EXEMPTION_OTHER_REASONS.map((r) => ({ value: r, label: t(`exits.exemption.otherReasons.${r}`) }))} />
              </Form.Item>
            )}
            {date('from')}
            <Form.Item name="to" label={x('to')} rules={kind === 'temporary_absence' ? required : []}>
              <DateField aria-label={x('to')} />
            </Form.Item>
            <Form.Item name="decidedBy" label={x('decidedBy')} rules={required}>
              <Select aria-label={x('decidedBy')} options={(['cell', 'grassroots_committee', 'superior_standing_committee'] as const).map((d) => ({ value: d, label: t(`exits.exemption.deciders.${d}`) }))} />
            </Form.Item>
            {date('decisionDate')}
            <Form.Item name="decisionNo" label={x('decisionNo')}>
              <Input maxLength={100} />
            </Form.Item>
            <Form.Item name="documents" label={x('documents')} rules={kind === 'old_age_health' ? required : []}>
              <Input.TextArea autoSize={{ minRows: 2, maxRows: 5 }} />
            </Form.Item>
          </>
        )}
        {action === 'death' && date('dateOfDeath')}
        {action === 'withdraw' && (
          <>
            {date('requestDate')}
            {date('decisionDate')}
            <Form.Item name="decisionNo" label={x('decisionNo')} rules={required}>
              <Input maxLength={100} />
            </Form.Item>
            <Form.Item name="violating" valuePropName="checked">
              <Checkbox>{x('violating')}</Checkbox>
            </Form.Item>
          </>
        )}
        <Form.Item name="notes" label={action === 'propose' ? x('groundsNote') : x('notes')}>
          <Input.TextArea maxLength={2000} autoSize={{ minRows: 1, maxRows: 4 }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
