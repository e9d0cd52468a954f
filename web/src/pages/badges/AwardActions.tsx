import { useQueryClient } from '@tanstack/react-query';
import { App, Button, Form, Input, Modal, Space } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { badgeApi, badgeKeys, type BadgeAwardItem } from '../../api/badges.js';
import { DateField } from '../../components/DateField.js';
import { ErrorAlert } from '../../components/ErrorAlert.js';
import { todayIso } from '../../lib/format.js';

/** Return (removed or expelled member) or reissue (lost badge) of a badge in the register (R-BADGE-10). */
export function AwardActions({ award }: { award: BadgeAwardItem }) {
  const { t } = useTranslation();
  const [kind, setKind] = useState<'return' | 'reissue' | null>(null);
  if (award.status === 'returned') return <>—</>;
  return (
    <Space size={4}>
      <Button size="small" onClick={() => setKind('reissue')} aria-label={t('badges.reissueOf', { name: award.member.fullName })}>
        {t('badges.reissue')}
      </Button>
      {(award.member.status === 'removed' || award.member.status === 'expelled') && (
        <Button size="small" danger onClick={() => setKind('return')} aria-label={t('badges.returnOf', { name: award.member.fullName })}>
          {t('badges.return')}
        </Button>
      )}
      {kind && <ChangeModal award={award} kind={kind} onClose={() => setKind(null)} />}
    </Space>
  );
}

function ChangeModal({ award, kind, onClose }: { award: BadgeAwardItem; kind: 'return' | 'reissue'; onClose(): void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [date, setDate] = useState<string | null>(todayIso());
  const [reason, setReason] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const save = async () => {
    setBusy(true);
    setError(null);
    try {
      const body = { date: date ?? '', reason, version: award.version };
      await (kind === 'return' ? badgeApi.returnAward(award.id, body) : badgeApi.reissueAward(award.id, body));
      await queryClient.invalidateQueries({ queryKey: badgeKeys.all });
      message.success(t(kind === 'return' ? 'badges.returned' : 'badges.reissued'));
      onClose();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  const title = t(kind === 'return' ? 'badges.returnTitle' : 'badges.reissueTitle', { no: award.badgeNo, name: award.member.fullName });
  return (
    <Modal open title={title} onCancel={onClose} onOk={() => void save()} okText={t(kind === 'return' ? 'badges.return' : 'badges.reissue')} cancelText={t('common.cancel')} confirmLoading={busy}>
      {error ? <ErrorAlert error={error} /> : null}
      <Form layout="vertical">
        <Form.Item label={t('badges.changeDate')} required>
          <DateField aria-label={t('badges.changeDate')} value={date} onChange={setDate} noFuture />
        </Form.Item>
        <Form.Item label={t('badges.reason')} required>
          <Input.TextArea aria-label={t('badges.reason')} value={reason} onChange={(e) => setReason(e.target.value)} maxLength={2000} rows={2} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
