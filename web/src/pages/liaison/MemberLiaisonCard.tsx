import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Form, Input, InputNumber, List, Modal, Radio, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { liaisonApi, liaisonKeys, type ResidenceLiaison } from '../../api/liaison.js';
import { useSession } from '../../auth/session.js';
import { DateField } from '../../components/DateField.js';
import { ErrorAlert } from '../../components/ErrorAlert.js';
import { formatDate, todayIso } from '../../lib/format.js';

type Rating = ResidenceLiaison['comments'][number]['rating'];
const RATINGS: readonly Rating[] = ['good', 'fair', 'poor'];

/**
 * On the member page: the member's referral to the chi bộ where they live (R-TRF-16) with the
 * residence cấp ủy's yearly comments; refer, add this year's comment, end. The server decides who
 * may be referred and which years may be commented.
 */
export function MemberLiaisonCard({ memberId, onRolls }: { memberId: number; onRolls: boolean }) {
  const { t } = useTranslation();
  const { can } = useSession();
  const [modal, setModal] = useState<{ mode: 'refer' } | { mode: 'comment' | 'end'; liaison: ResidenceLiaison } | null>(null);
  const q = useQuery({ queryKey: liaisonKeys.member(memberId), queryFn: () => liaisonApi.ofMember(memberId), enabled: can('residence_liaison', 'read') });
  if (!can('residence_liaison', 'read')) return null;
  const items = q.data?.items ?? [];
  const open = items.find((l) => l.endedOn === null);

  return (
    <Card size="small" style={{ marginTop: '1rem' }} title={<h2 className="card-title">{t('liaison.title')}</h2>} data-testid="member-liaison">
      <Space orientation="vertical" style={{ width: '100%' }}>
        {q.error ? <ErrorAlert error={q.error} /> : null}
        {items.length === 0 && !q.isPending && <Typography.Text>{t('liaison.none')}</Typography.Text>}
        <List
          dataSource={items}
          renderItem={(l) => (
            <List.Item key={l.id}>
              <Space orientation="vertical" style={{ width: '100%' }}>
                <Typography.Text strong>{l.residence.name}</Typography.Text>
                <span>
                  {t('liaison.referred', { date: formatDate(l.referredOn), letter: l.letterNo ?? '—' })}
                  {l.endedOn && ` · ${t('liaison.ended', { date: formatDate(l.endedOn) })}`}
                </span>
                {l.comments.map((c) => (
                  <div key={c.id}>
                    <Tag className={c.rating === 'good' ? 'tag-done' : undefined} color={c.rating === 'poor' ? 'red' : undefined}>{`${c.year}: ${t(`liaison.ratings.${c.rating}`)}`}</Tag> {c.comment}
                  </div>
                ))}
                {l.commentDue && <Alert type="warning" showIcon title={t('liaison.commentDue', { year: new Date().getFullYear() })} />}
                {can('residence_liaison', 'update') && l.endedOn === null && (
                  <Space wrap>
                    <Button size="large" type="primary" onClick={() => setModal({ mode: 'comment', liaison: l })}>
                      {t('liaison.addComment')}
                    </Button>
                    {l.callerSides.workplace && (
                      <Button size="large" onClick={() => setModal({ mode: 'end', liaison: l })}>
                        {t('liaison.end')}
                      </Button>
                    )}
                  </Space>
                )}
              </Space>
            </List.Item>
          )}
        />
        {!open && onRolls && can('residence_liaison', 'create') && (
          <Button type="primary" size="large" onClick={() => setModal({ mode: 'refer' })}>
            {t('liaison.refer')}
          </Button>
        )}
      </Space>
      {modal && <LiaisonModal memberId={memberId} modal={modal} onClose={() => setModal(null)} />}
    </Card>
  );
}

type Values = { residenceName?: string; letterNo?: string; date: string | null; year?: number; rating?: Rating; comment?: string; reason?: string };

function LiaisonModal({ memberId, modal, onClose }: { memberId: number; modal: { mode: 'refer' } | { mode: 'comment' | 'end'; liaison: ResidenceLiaison }; onClose(): void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const required = [{ required: true, message: t('common.required') }];
  const title = t(`liaison.${modal.mode === 'comment' ? 'addComment' : modal.mode}`);

  const save = async (v: Values) => {
    setBusy(true);
    setError(null);
    try {
      if (modal.mode === 'refer') await liaisonApi.refer({ memberId, residenceName: v.residenceName ?? '', referredOn: v.date ?? '', letterNo: v.letterNo?.trim() || null });
      else if (modal.mode === 'comment') await liaisonApi.comment(modal.liaison.id, { year: v.year ?? 0, rating: v.rating ?? 'good', comment: v.comment ?? '', commentedOn: v.date ?? '' });
      else await liaisonApi.end(modal.liaison.id, { endedOn: v.date ?? '', reason: v.reason?.trim() || null, version: modal.liaison.version });
      await queryClient.invalidateQueries({ queryKey: liaisonKeys.all });
      message.success(t('liaison.saved'));
      onClose();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  const dateLabel = t(`liaison.dates.${modal.mode}`);
  return (
    <Modal open title={title} onCancel={onClose} onOk={() => form.submit()} okText={t('common.save')} cancelText={t('common.cancel')} confirmLoading={busy}>
      {error ? <ErrorAlert error={error} /> : null}
      <Form form={form} layout="vertical" onFinish={(v) => void save(v)} initialValues={{ date: todayIso(), year: new Date().getFullYear(), rating: 'good' }} aria-label={title}>
        {modal.mode === 'refer' && (
          <>
            <Form.Item name="residenceName" label={t('liaison.residenceName')} rules={required} extra={t('liaison.residenceHelp')}>
              <Input maxLength={300} />
            </Form.Item>
            <Form.Item name="letterNo" label={t('liaison.letterNo')}>
              <Input maxLength={100} />
            </Form.Item>
          </>
        )}
        {modal.mode === 'comment' && (
          <>
            <Form.Item name="year" label={t('liaison.year')} rules={required}>
              <InputNumber min={2000} max={2100} style={{ width: '10rem' }} />
            </Form.Item>
            <Form.Item name="rating" label={t('liaison.rating')} rules={required}>
              <Radio.Group options={RATINGS.map((r) => ({ value: r, label: t(`liaison.ratings.${r}`) }))} />
            </Form.Item>
            <Form.Item name="comment" label={t('liaison.comment')} rules={required}>
              <Input.TextArea maxLength={4000} autoSize={{ minRows: 2, maxRows: 6 }} />
            </Form.Item>
          </>
        )}
        <Form.Item name="date" label={dateLabel} rules={required} style={{ maxWidth: '16rem' }}>
          <DateField aria-label={dateLabel} noFuture />
        </Form.Item>
        {modal.mode === 'end' && (
          <Form.Item name="reason" label={t('liaison.endReason')}>
            <Input maxLength={1000} />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}
