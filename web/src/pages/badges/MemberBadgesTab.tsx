import { useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Checkbox, Descriptions, Form, Input, Select, Space, Table, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client.js';
import { badgeApi, badgeKeys, type BadgeAwardItem, type MemberBadges } from '../../api/badges.js';
import { useSession } from '../../auth/session.js';
import { DateField } from '../../components/DateField.js';
import { ErrorAlert } from '../../components/ErrorAlert.js';
import { StaleAlert } from '../../components/StaleAlert.js';
import { formatDate } from '../../lib/format.js';
import { AwardStatusTag, PartyAgeText } from './parts.js';

const FORMS = ['reprimand', 'warning', 'dismissal', 'expulsion'] as const;

/** The member page's badge tab: party age, the next class, badges received, the facts staff keep. */
export function MemberBadgesTab({ memberId }: { memberId: number }) {
  const { t } = useTranslation();
  const { can } = useSession();
  const data = useQuery({ queryKey: badgeKeys.member(memberId), queryFn: () => badgeApi.member(memberId) });
  const [editing, setEditing] = useState(false);
  if (data.error) return <ErrorAlert error={data.error} />;
  if (!data.data) return null;
  const b = data.data;
  const c = b.consideration;
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Descriptions bordered size="small" column={{ xs: 1, md: 2 }}>
        <Descriptions.Item label={t('badges.partyAge')}>{b.partyAgeMonths === null ? '—' : <PartyAgeText months={b.partyAgeMonths} />}</Descriptions.Item>
        <Descriptions.Item label={t('badges.next')}>
          {b.next ? t('badges.nextValue', { badgeClass: b.next.badgeClass, date: b.next.reachedOn ? formatDate(b.next.reachedOn) : '—' }) : '—'}
        </Descriptions.Item>
        <Descriptions.Item label={t('badges.seriouslyIll')}>{c?.seriouslyIll ? t('badges.yes') : t('badges.no')}</Descriptions.Item>
        <Descriptions.Item label={t('badges.discipline')}>
          {c?.discipline
            ? t('badges.disciplineValue', {
                form: t(`badges.disciplineForms.${c.discipline.form}`),
                date: formatDate(c.discipline.decisionDate),
                improved: c.discipline.improvementRecognisedOn ? formatDate(c.discipline.improvementRecognisedOn) : '—',
              })
            : t('badges.none')}
        </Descriptions.Item>
      </Descriptions>
      {can('badge', 'update') && !editing && <Button onClick={() => setEditing(true)}>{t('badges.editConsideration')}</Button>}
      {editing && <ConsiderationForm data={b} onClose={() => setEditing(false)} />}
      <Typography.Title level={2} style={{ fontSize: '1.1rem', margin: 0 }}>
        {t('badges.received')}
      </Typography.Title>
      <Table<BadgeAwardItem>
        rowKey="id"
        size="small"
        pagination={false}
        dataSource={b.awards}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: t('badges.noneReceived') }}
        columns={[
          { key: 'class', title: t('badges.columns.class'), render: (_, a) => t('badges.classValue', { badgeClass: a.badgeClass }) },
          { key: 'no', title: t('badges.columns.badgeNo'), render: (_, a) => a.badgeNo },
          { key: 'ceremony', title: t('badges.columns.ceremony'), render: (_, a) => formatDate(a.ceremonyDate) },
          { key: 'decision', title: t('badges.columns.decision'), render: (_, a) => `${a.decisionNo} (${formatDate(a.decisionDate)})` },
          { key: 'status', title: t('badges.columns.status'), render: (_, a) => <AwardStatusTag status={a.status} /> },
        ]}
      />
    </Space>
  );
}

function ConsiderationForm({ data, onClose }: { data: MemberBadges; onClose(): void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const c = data.consideration;
  const [ill, setIll] = useState(c?.seriouslyIll ?? false);
  const [form, setForm] = useState<(typeof FORMS)[number] | undefined>(c?.discipline?.form);
  const [decisionDate, setDecisionDate] = useState<string | null>(c?.discipline?.decisionDate ?? null);
  const [decisionNo, setDecisionNo] = useState(c?.discipline?.decisionNo ?? '');
  const [improved, setImproved] = useState<string | null>(c?.discipline?.improvementRecognisedOn ?? null);
  const [error, setError] = useState<unknown>(null);
  const [stale, setStale] = useState(false);
  const [busy, setBusy] = useState(false);
  const save = async () => {
    setBusy(true);
    setError(null);
    try {
      const updated = await badgeApi.setConsideration(data.memberId, {
        seriouslyIll: ill,
        discipline: form ? { form, decisionDate: decisionDate ?? '', decisionNo: decisionNo || null, improvementRecognisedOn: improved } : null,
        ...(c ? { version: c.version } : {}),
      });
      queryClient.setQueryData(badgeKeys.member(data.memberId), updated);
      await queryClient.invalidateQueries({ queryKey: ['badges', 'candidates'] });
      message.success(t('badges.considerationSaved'));
      onClose();
    } catch (e) {
      if (e instanceof ApiError && e.code === 'STALE_VERSION') setStale(true);
      else setError(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Form layout="vertical" style={{ maxWidth: '36rem' }} onFinish={() => void save()}>
      {stale ? (
        <StaleAlert title={t('badges.staleTitle')} help={t('badges.staleHelp')} reloadLabel={t('badges.reload')} onReload={() => void queryClient.invalidateQueries({ queryKey: badgeKeys.member(data.memberId) }).then(onClose)} />
      ) : null}
      {error ? <ErrorAlert error={error} /> : null}
      <Form.Item>
        <Checkbox checked={ill} onChange={(e) => setIll(e.target.checked)}>
          {t('badges.seriouslyIllHint')}
        </Checkbox>
      </Form.Item>
      <Form.Item label={t('badges.disciplineForm')}>
        <Select
          aria-label={t('badges.disciplineForm')}
          allowClear
          placeholder={t('badges.none')}
          value={form}
          onChange={setForm}
          options={FORMS.map((f) => ({ value: f, label: t(`badges.disciplineForms.${f}`) }))}
        />
      </Form.Item>
      {form && (
        <>
          <Form.Item label={t('badges.disciplineDate')} required>
            <DateField aria-label={t('badges.disciplineDate')} value={decisionDate} onChange={setDecisionDate} noFuture />
          </Form.Item>
          <Form.Item label={t('badges.disciplineNo')}>
            <Input aria-label={t('badges.disciplineNo')} value={decisionNo} onChange={(e) => setDecisionNo(e.target.value)} maxLength={100} />
          </Form.Item>
          <Form.Item label={t('badges.improvedOn')}>
            <DateField aria-label={t('badges.improvedOn')} value={improved} onChange={setImproved} noFuture />
          </Form.Item>
        </>
      )}
      <Space>
        <Button type="primary" htmlType="submit" loading={busy}>
          {t('common.save')}
        </Button>
        <Button onClick={onClose}>{t('common.cancel')}</Button>
      </Space>
    </Form>
  );
}
