import { Form, Input } from 'antd';
import { useTranslation } from 'react-i18next';
import { orgApi } from '../../../api/orgs.js';
import type { OrgDetails } from '../../../api/types.js';
import { formatDate } from '../../../lib/format.js';
import { ChangeModal, type ChangeValues } from './ChangeModal.js';

interface Values extends ChangeValues {
  name: string;
}

/** A new name from a date on; statistics before that date keep the old one. */
export function RenameOrgModal({ details, onClose }: { details: OrgDetails; onClose(): void }) {
  const { t } = useTranslation();
  const { org } = details;
  return (
    <ChangeModal<Values>
      title={t('orgs.actions.renameTitle')}
      okText={t('orgs.actions.renameOk')}
      onClose={onClose}
      initialValues={{ name: org.name }}
      consequence={(v) =>
        v.name && v.name.trim() !== org.name && v.effectiveDate
          ? t('orgs.actions.renameWill', { old: org.name, name: v.name.trim(), date: formatDate(v.effectiveDate) })
          : null
      }
      submit={(v) => orgApi.rename(org.id, { version: org.version, name: v.name.trim(), effectiveDate: v.effectiveDate, decisionNo: v.decisionNo || null })}
    >
      <Form.Item label={t('orgs.actions.newName')} name="name" rules={[{ required: true, message: t('common.required') }]}>
        <Input maxLength={255} />
      </Form.Item>
    </ChangeModal>
  );
}
