import { Form } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { orgApi } from '../../../api/orgs.js';
import type { OrgDetails } from '../../../api/types.js';
import { OrgPicker } from '../../../components/OrgPicker.js';
import { ChangeModal, type ChangeValues } from './ChangeModal.js';
import { TargetSentence } from './MoveOrgModal.js';

interface Values extends ChangeValues {
  targetId: number;
}

/** Members and child orgs pass to the target; this org ends on the date. */
export function MergeOrgModal({ details, onClose }: { details: OrgDetails; onClose(): void }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { org } = details;
  return (
    <ChangeModal<Values>
      title={t('orgs.actions.mergeTitle', { name: org.name })}
      okText={t('orgs.actions.mergeOk')}
      danger
      onClose={onClose}
      consequence={(v) => (v.targetId && v.effectiveDate ? <TargetSentence id={v.targetId} details={details} date={v.effectiveDate} kind="mergeWill" /> : null)}
      // Afterwards the merged org is gone from the tree: show the one that took it in.
      submit={(v) => orgApi.merge(org.id, { targetId: v.targetId, effectiveDate: v.effectiveDate, decisionNo: v.decisionNo || null }).then(() => v.targetId)}
      onDone={(target) => navigate(`/orgs/${target as number}`)}
    >
      <Form.Item label={t('orgs.actions.mergeTarget')} name="targetId" rules={[{ required: true, message: t('common.required') }]}>
        <OrgPicker exclude={[org.id]} />
      </Form.Item>
    </ChangeModal>
  );
}
