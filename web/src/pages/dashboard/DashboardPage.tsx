import { useQuery } from '@tanstack/react-query';
import { Col, Row, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { AGE_BANDS } from '../../../../src/domain/age-band.js';
import { THEORY_LEVELS } from '../../../../src/domain/education.js';
import { statsApi, statsKeys, type Stats } from '../../api/stats.js';
import { PageLoading } from '../../app/App.js';
import { useMe, useSession } from '../../auth/session.js';
import { ErrorAlert } from '../../components/ErrorAlert.js';
import { formatDate } from '../../lib/format.js';
import { useScope } from '../../shell/scope.js';
import { Breakdown, type BreakdownRow } from './Breakdown.js';
import { DueSummaryCard } from '../due/DueSummaryCard.js';
import { FigureCard } from './FigureCard.js';
import { memberListLink } from './member-links.js';

/**
 * The home page of people who read statistics: the current scope's headline figures and two
 * breakdowns, each number a link to the members it counts.
 */
export default function DashboardPage() {
  const { t } = useTranslation();
  const me = useMe();
  const scope = useScope();
  // Like the member list: one assignment means the whole of it (/api/stats); several mean the
  // one chosen in the header.
  const orgId = scope.grants.length > 1 ? scope.orgId : null;
  const stats = useQuery({ queryKey: statsKeys.scope(orgId), queryFn: () => (orgId ? statsApi.org(orgId) : statsApi.scope()) });

  return (
    <>
      <Typography.Title level={1} className="page-title" style={{ fontSize: '1.6rem' }}>
        {t('home.welcome', { name: me.user.displayName || me.user.username })}
      </Typography.Title>
      {stats.isPending ? <PageLoading /> : stats.error ? <ErrorAlert error={stats.error} /> : <Figures stats={stats.data} orgId={orgId} scopeName={scope.orgName} />}
    </>
  );
}

function Figures({ stats, orgId, scopeName }: { stats: Stats; orgId: number | null; scopeName: string | undefined }) {
  const { t, i18n } = useTranslation();
  const m = stats.members;
  const share = (n: number) => (m.total ? t('dashboard.share', { pct: ((100 * n) / m.total).toLocaleString(i18n.language, { maximumFractionDigits: 1 }) }) : undefined);
  const all = memberListLink(orgId);
  // Ethnicity is sensitive: who may not read it cannot filter by it either, so for them that
  // figure leads to all members on the rolls, and says so.
  const { can } = useSession();
  const minority = can('member_sensitive', 'read') ? memberListLink(orgId, { ethnicGroup: 'minority' }) : memberListLink(orgId, {}, true);
  const cards = [
    { key: 'total', value: m.total, link: all },
    { key: 'official', value: m.byStatus.official, link: memberListLink(orgId, { status: 'official' }) },
    { key: 'probationary', value: m.byStatus.probationary, link: memberListLink(orgId, { status: 'probationary' }) },
    { key: 'women', value: stats.women, link: memberListLink(orgId, { sex: 'female' }) },
    // Youth is the ≤ 30 band of the same forms (stats-figures.ts).
    { key: 'youth', value: stats.youth, link: memberListLink(orgId, { ageBand: 'le30' }) },
    { key: 'ethnicMinority', value: stats.ethnicMinority, link: minority },
  ] as const;
  const ageRows: BreakdownRow[] = AGE_BANDS.map((b) => ({ key: b, label: t(`dashboard.ageBands.${b}`), value: m.byAgeBand[b], link: memberListLink(orgId, { ageBand: b }) }));
  const theoryRows: BreakdownRow[] = THEORY_LEVELS.map((l) => ({ key: l, label: t(`member.theoryLevels.${l}`), value: m.byTheoryLevel[l], link: memberListLink(orgId, { theoryLevel: l }) }));

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Text type="secondary">
        {t('dashboard.asOf', { scope: scopeName ?? t('dashboard.wholeScope'), date: formatDate(stats.asOf) })}
      </Typography.Text>
      <Row gutter={[12, 12]}>
        {cards.map((c) => (
          <Col key={c.key} xs={12} sm={8} xl={4}>
            <FigureCard label={t(`dashboard.figures.${c.key}`)} value={c.value} link={c.link} share={c.key === 'total' ? undefined : share(c.value)} />
          </Col>
        ))}
      </Row>
      {can('due_item', 'read') && <DueSummaryCard orgId={orgId} />}
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={12}>
          <Breakdown title={t('dashboard.ageBandsTitle', { year: stats.asOf.slice(0, 4) })} rows={ageRows} />
        </Col>
        <Col xs={24} xl={12}>
          <Breakdown title={t('dashboard.theoryTitle')} rows={theoryRows} />
        </Col>
      </Row>
    </Space>
  );
}
