import { useQuery } from '@tanstack/react-query';
import { Form } from 'antd';
import { useTranslation } from 'react-i18next';
import { orgApi, orgKeys } from '../../../api/orgs.js';
import type { OrgDetails } from '../../../api/types.js';
import { OrgPicker } from '../../../components/OrgPicker.js';
import { formatDate } from '../../../lib/format.js';
import { ChangeModal, type ChangeValues } from './ChangeModal.js';

interface Values extends ChangeValues {
  newParentId: number;
}

/** The org and its whole subtree go under another parent from a date on. */
export function MoveOrgModal({ details, onClose }: { details: OrgDetails; onClose(): void }) {
  const { t } = useTranslation();
  const { org } = details;
  return (
    <ChangeModal<Values>
      title={t('orgs.actions.moveTitle', { name: org.name })}
      okText={t('orgs.actions.moveOk')}
      onClose={onClose}
      consequence={(v) => (v.newParentId && v.effectiveDate ? <TargetSentence id={v.newParentId} details={details} date={v.effectiveDate} kind="moveWill" /> : null)}
      submit={(v) => orgApi.move(org.id, { newParentId: v.newParentId, effectiveDate: v.effectiveDate, decisionNo: v.decisionNo || null })}
    >
      <Form.Item label={t('orgs.actions.newParent')} name="newParentId" rules={[{ required: true, message: t('common.required') }]}>
        <OrgPicker exclude={[org.id, ...(org.parentId ? [org.parentId] : [])]} />
      </Form.Item>
    </ChangeModal>
  );
}

/** "X with its N orgs and M members will move to / merge into Y from date": needs Y's name. */
export function TargetSentence({ id, details, date, kind }: { id: number; details: OrgDetails; date: string; kind: 'moveWill' | 'mergeWill' }) {
  const { t } = useTranslation();
  const target = useQuery({ queryKey: orgKeys.details(id), queryFn: () => orgApi.details(id) });
  return (
    <>
      {t(`orgs.actions.${kind}`, {
        name: details.org.name,
        target: target.data?.org.name ?? '…',
        children: details.childCount,
        members: details.memberCount ?? 0,
        date: formatDate(date),
      })}
    </>
  );
}
