import { useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Form, Input, Modal, Select, Space, Table, Tag, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { badgeApi, badgeKeys, type BadgeCandidateItem } from '../../api/badges.js';
import { useSession } from '../../auth/session.js';
import { DateField } from '../../components/DateField.js';
import { ErrorAlert } from '../../components/ErrorAlert.js';
import { formatDate, todayIso } from '../../lib/format.js';
import { useScope } from '../../shell/scope.js';
import { PartyAgeText } from './parts.js';

const keyOf = (c: BadgeCandidateItem) => `${c.memberId}:${c.badgeClass}`;

/** Choose a year and a ceremony; the members reaching a class by it, with select-and-award. */
export function CandidatesTab() {
  const { t } = useTranslation();
  const { can } = useSession();
  const scope = useScope();
  const thisYear = Number(todayIso().slice(0, 4));
  // Opened after the year's last ceremony: the next year's first batch, until a year is picked.
  const current = useQuery({ queryKey: badgeKeys.ceremonies(thisYear), queryFn: () => badgeApi.ceremonies(thisYear) });
  const [pickedYear, setPickedYear] = useState<number | undefined>();
  const year = pickedYear ?? (current.data && !current.data.items.some((c) => c.date >= todayIso()) ? thisYear + 1 : thisYear);
  const ceremonies = useQuery({ queryKey: badgeKeys.ceremonies(year), queryFn: () => badgeApi.ceremonies(year) });
  const [chosen, setChosen] = useState<string | undefined>();
  // Default: the next ceremony of the year (or its last one).
  const ceremony = useMemo(() => {
    const dates = ceremonies.data?.items.map((c) => c.date) ?? [];
    if (chosen && dates.includes(chosen)) return chosen;
    return dates.find((d) => d >= todayIso()) ?? dates[dates.length - 1];
  }, [ceremonies.data, chosen]);
  const org = scope.grants.length > 1 ? (scope.orgId ?? undefined) : undefined;
  const query = { ceremony: ceremony ?? '', org, limit: 1000 };
  const list = useQuery({ queryKey: badgeKeys.candidates(query), queryFn: ({ signal }) => badgeApi.candidates(query, signal), enabled: !!ceremony });
  const [selected, setSelected] = useState<string[]>([]);
  const [awarding, setAwarding] = useState(false);
  const items = list.data?.items ?? [];
  const picked = items.filter((c) => selected.includes(keyOf(c)));

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      {/* A plain wrapping row: a Space item would size to the long batch label and push past a phone's width. */}
      <div style={{ display: 'flex', flexWrap: 'wrap', gap: '0.5rem' }}>
        <Select
          aria-label={t('badges.year')}
          value={year}
          onChange={(v: number) => {
            setPickedYear(v);
            setChosen(undefined);
            setSelected([]);
          }}
          options={[thisYear - 1, thisYear, thisYear + 1].map((y) => ({ value: y, label: t('badges.yearValue', { year: y }) }))}
        />
        <Select
          aria-label={t('badges.ceremony')}
          style={{ width: '24rem', maxWidth: '100%' }}
          value={ceremony}
          onChange={(v: string) => {
            setChosen(v);
            setSelected([]);
          }}
          options={(ceremonies.data?.items ?? []).map((c) => ({ value: c.date, label: t('badges.ceremonyValue', { date: formatDate(c.date), from: formatDate(c.from) }) }))}
        />
        {can('badge', 'create') && (
          <Button type="primary" disabled={picked.length === 0} onClick={() => setAwarding(true)}>
            {t('badges.awardSelected', { n: picked.length })}
          </Button>
        )}
      </div>
      {list.data && (
        <Typography.Text>
          {list.data.byClass.length === 0
            ? t('badges.noCandidates')
            : list.data.byClass.map((b) => t('badges.classCount', { badgeClass: b.badgeClass, eligible: b.eligible, deferred: b.deferred })).join(' · ')}
        </Typography.Text>
      )}
      {list.error ? <ErrorAlert error={list.error} /> : null}
      <Table<BadgeCandidateItem>
        rowKey={keyOf}
        loading={list.isPending && !!ceremony}
        dataSource={items}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: t('badges.noCandidates') }}
        pagination={{ pageSize: 50, showSizeChanger: false }}
        rowSelection={
          can('badge', 'create')
            ? {
                // No "select all" box: Ant Design copies the header into an aria-hidden measuring row,
                // where a focusable box is an accessibility fault (axe aria-hidden-focus).
                hideSelectAll: true,
                columnTitle: t('badges.selectColumn'),
                selectedRowKeys: selected,
                onChange: (keys) => setSelected(keys.map(String)),
                getCheckboxProps: (c) => ({ disabled: c.outcome !== 'eligible', 'aria-label': t('badges.select', { name: c.fullName }) }),
              }
            : undefined
        }
        columns={[
          { key: 'class', title: t('badges.columns.class'), render: (_, c) => t('badges.classValue', { badgeClass: c.badgeClass }) },
          { key: 'name', title: t('badges.columns.name'), render: (_, c) => <Link to={`/members/${c.memberId}`}>{c.fullName}</Link> },
          { key: 'org', title: t('badges.columns.org'), render: (_, c) => <div style={{ minWidth: '8rem', maxWidth: '14rem', whiteSpace: 'normal' }}>{c.orgName}</div> },
          { key: 'age', title: t('badges.columns.partyAge'), render: (_, c) => <PartyAgeText months={c.partyAgeMonths} /> },
          { key: 'reached', title: t('badges.columns.reachedOn'), render: (_, c) => formatDate(c.reachedOn) },
          {
            key: 'outcome',
            title: t('badges.columns.outcome'),
            render: (_, c) => (
              <Space wrap size={4}>
                {c.outcome === 'eligible' ? <Tag className="tag-done">{t('badges.outcomes.eligible')}</Tag> : <Tag className="tag-extension">{t('badges.outcomes.deferred')}</Tag>}
                {c.early && <Tag color="blue">{t('badges.early')}</Tag>}
                {c.carriedOver && <Tag>{t('badges.carriedOver')}</Tag>}
              </Space>
            ),
          },
          {
            key: 'deferral',
            title: t('badges.columns.deferral'),
            render: (_, c) =>
              c.deferral ? (
                <div style={{ minWidth: '10rem', maxWidth: '18rem', whiteSpace: 'normal' }}>
                  {t('badges.deferralText', {
                    form: t(`badges.disciplineForms.${c.deferral.form}`),
                    date: formatDate(c.deferral.decisionDate),
                    until: c.deferral.until ? formatDate(c.deferral.until) : t('badges.untilImproved'),
                  })}
                </div>
              ) : (
                '—'
              ),
          },
        ]}
      />
      {awarding && ceremony && (
        <AwardModal
          ceremony={ceremony}
          items={picked}
          onClose={(done) => {
            setAwarding(false);
            if (done) setSelected([]);
          }}
        />
      )}
    </Space>
  );
}

/** The decision that awards the selected members: one transaction, all or nothing. */
function AwardModal({ ceremony, items, onClose }: { ceremony: string; items: BadgeCandidateItem[]; onClose(done: boolean): void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [decisionNo, setDecisionNo] = useState('');
  const [decisionDate, setDecisionDate] = useState<string | null>(todayIso());
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const save = async () => {
    setBusy(true);
    setError(null);
    try {
      const r = await badgeApi.award({ ceremonyDate: ceremony, decisionNo, decisionDate: decisionDate ?? '', items: items.map((c) => ({ memberId: c.memberId, badgeClass: c.badgeClass })) });
      await queryClient.invalidateQueries({ queryKey: badgeKeys.all });
      message.success(t('badges.awarded', { n: r.items.length }));
      onClose(true);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal open title={t('badges.awardTitle', { n: items.length, date: formatDate(ceremony) })} onCancel={() => onClose(false)} onOk={() => void save()} okText={t('badges.award')} cancelText={t('common.cancel')} confirmLoading={busy}>
      {error ? <ErrorAlert error={error} /> : null}
      <Form layout="vertical">
        <Form.Item label={t('badges.decisionNo')} required>
          <Input aria-label={t('badges.decisionNo')} value={decisionNo} onChange={(e) => setDecisionNo(e.target.value)} maxLength={100} />
        </Form.Item>
        <Form.Item label={t('badges.decisionDate')} required>
          <DateField aria-label={t('badges.decisionDate')} value={decisionDate} onChange={setDecisionDate} noFuture />
        </Form.Item>
      </Form>
      <Typography.Paragraph>{items.map((c) => `${c.fullName} (${t('badges.classValue', { badgeClass: c.badgeClass })})`).join('; ')}</Typography.Paragraph>
    </Modal>
  );
}
