import { Form, Input, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { canContain, ORG_KINDS, ORG_TYPES } from '../../../../../src/domain/org-type.js';
import { orgApi } from '../../../api/orgs.js';
import type { OrgDetails } from '../../../api/types.js';
import { formatDate } from '../../../lib/format.js';
import { ChangeModal, type ChangeValues } from './ChangeModal.js';

interface Values extends ChangeValues {
  code: string;
  name: string;
  orgType: (typeof ORG_TYPES)[number];
  orgKind?: string;
  foundedOn: string;
  foundingDecision?: string;
}

/** Found a new org under this one; only the types the tree allows there are offered (R-ORG-03). */
export function CreateOrgModal({ parent, onClose }: { parent: OrgDetails; onClose(): void }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const types = ORG_TYPES.filter((ty) => canContain(parent.org.orgType, ty));
  return (
    <ChangeModal<Values>
      title={t('orgs.actions.createTitle', { parent: parent.org.name })}
      okText={t('orgs.actions.createOk')}
      onClose={onClose}
      dateField="foundedOn"
      initialValues={{ orgType: types[0], code: `${parent.org.code}.` }}
      blocked={types.length === 0 ? t('orgs.actions.createNone') : undefined}
      consequence={(v) =>
        v.name && v.orgType && v.foundedOn
          ? t('orgs.actions.createWill', { name: v.name, type: t(`orgTypes.${v.orgType}`), parent: parent.org.name, date: formatDate(v.foundedOn) })
          : null
      }
      submit={(v) =>
        orgApi.create({
          code: v.code.trim(),
          name: v.name.trim(),
          orgType: v.orgType,
          orgKind: v.orgKind ?? null,
          parentId: parent.org.id,
          foundedOn: v.foundedOn,
          foundingDecision: v.foundingDecision || null,
        })
      }
      onDone={(org) => navigate(`/orgs/${(org as { id: number }).id}`)}
    >
      <Form.Item label={t('orgs.fields.name')} name="name" rules={[{ required: true, message: t('common.required') }]}>
        <Input maxLength={255} />
      </Form.Item>
      <Form.Item label={t('orgs.fields.code')} name="code" rules={[{ required: true, message: t('common.required') }]} extra={t('orgs.actions.codeHelp')}>
        <Input maxLength={40} />
      </Form.Item>
      <Form.Item label={t('orgs.fields.type')} name="orgType" rules={[{ required: true, message: t('common.required') }]}>
        <Select options={types.map((ty) => ({ value: ty, label: t(`orgTypes.${ty}`) }))} />
      </Form.Item>
      <Form.Item label={t('orgs.fields.kind')} name="orgKind">
        <Select allowClear options={ORG_KINDS.map((k) => ({ value: k, label: t(`orgKinds.${k}`) }))} />
      </Form.Item>
    </ChangeModal>
  );
}
