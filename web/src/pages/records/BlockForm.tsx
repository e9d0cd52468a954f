import { Form, Input, InputNumber, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { recordApi } from '../../api/records.js';
import { DateField } from '../../components/DateField.js';
import { OrgPicker } from '../../components/OrgPicker.js';
import { todayIso } from '../../lib/format.js';
import { StepModal } from './parts.js';

interface Values {
  holderOrgId: number;
  code?: string;
  firstNo: number;
  lastNo: number;
  decisionNo?: string;
  grantedOn: string;
}

/**
 * R-REC-09: the province gives a direct superior a block of record numbers. The server decides
 * everything (holder type, province in scope, code, overlap with any block of the code, the 2025
 * merges); its refusal is shown in the dialog, which stays open.
 */
export function BlockForm({ onClose }: { onClose(): void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const save = async () => {
    const v = await form.validateFields().catch(() => null);
    if (!v) return false;
    const code = v.code?.trim().toUpperCase();
    const decisionNo = v.decisionNo?.trim();
    return recordApi.createBlock({ holderOrgId: v.holderOrgId, firstNo: v.firstNo, lastNo: v.lastNo, grantedOn: v.grantedOn, ...(code ? { code } : {}), ...(decisionNo ? { decisionNo } : {}) });
  };
  const required = [{ required: true, message: t('common.required') }];
  return (
    <StepModal title={t('records.blocks.formTitle')} okText={t('records.blocks.add')} done={t('records.blocks.granted')} onClose={onClose} onSave={save} form={form}>
      <Typography.Paragraph type="secondary">{t('records.blocks.formHelp')}</Typography.Paragraph>
      <Form.Item name="holderOrgId" label={t('records.blocks.holderOrg')} rules={required}>
        <OrgPicker aria-label={t('records.blocks.holderOrg')} style={{ width: '100%' }} />
      </Form.Item>
      <Space wrap size="large">
        <Form.Item name="firstNo" label={t('records.blocks.firstNo')} rules={required}>
          <InputNumber aria-label={t('records.blocks.firstNo')} min={1} max={999999} precision={0} size="large" />
        </Form.Item>
        <Form.Item name="lastNo" label={t('records.blocks.lastNo')} rules={required}>
          <InputNumber aria-label={t('records.blocks.lastNo')} min={1} max={999999} precision={0} size="large" />
        </Form.Item>
        <Form.Item name="code" label={t('records.blocks.code')} extra={t('records.blocks.codeHelp')}>
          <Input aria-label={t('records.blocks.code')} maxLength={3} size="large" style={{ width: '7rem', textTransform: 'uppercase' }} />
        </Form.Item>
      </Space>
      <Space wrap size="large">
        <Form.Item name="decisionNo" label={t('records.blocks.decisionNo')}>
          <Input aria-label={t('records.blocks.decisionNo')} maxLength={100} size="large" />
        </Form.Item>
        <Form.Item name="grantedOn" label={t('records.blocks.decisionDate')} initialValue={todayIso()} rules={required}>
          <DateField aria-label={t('records.blocks.decisionDate')} noFuture />
        </Form.Item>
      </Space>
    </StepModal>
  );
}
