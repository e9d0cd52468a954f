import { useQuery } from '@tanstack/react-query';
import { Segmented, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { useLocation, useNavigate } from 'react-router';
import type { AdmissionState, CaseListItem } from '../../api/admission.js';
import { orgApi, orgKeys } from '../../api/orgs.js';
import { formatDate, todayIso } from '../../lib/format.js';

/** Within this many days a deadline is shown as due soon (the to-do view of issue 5 item 9 will own this). */
export const DUE_SOON_DAYS = 14;

/** The page title and the switch between the cases and the candidate register. */
export function AdmissionHeader() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const here = useLocation().pathname.startsWith('/admission/candidates') ? '/admission/candidates' : '/admission';
  return (
    <>
      <Typography.Title level={1} className="page-title" style={{ fontSize: '1.6rem' }}>
        {t('admission.title')}
      </Typography.Title>
      <Segmented
        value={here}
        onChange={(v) => void navigate(v)}
        options={[
          { value: '/admission', label: t('admission.casesTab') },
          { value: '/admission/candidates', label: t('admission.candidatesTab') },
        ]}
        style={{ marginBottom: '1rem', maxWidth: '100%' }}
      />
    </>
  );
}

// Red and blue are Ant Design's presets (AA); the green and teal ones are ours (styles.css).
const STATE_LOOK: Partial<Record<AdmissionState, { color?: string; className?: string }>> = {
  completed: { className: 'tag-done' },
  rejected: { color: 'red' },
  admitted: { className: 'tag-teal' },
  decided: { color: 'blue' },
};

export function StateTag({ state }: { state: AdmissionState }) {
  const { t } = useTranslation();
  return <Tag {...STATE_LOOK[state]}>{t(`admission.states.${state}`)}</Tag>;
}

/** The nearest running deadline of a case: overdue in red, due soon in orange. */
export function NearestDeadline({ deadlines }: { deadlines: readonly Pick<CaseListItem['deadlines'][number], 'due'>[] }) {
  const { t } = useTranslation();
  const first = [...deadlines].sort((a, b) => a.due.localeCompare(b.due))[0];
  if (!first) return <>{t('admission.noDeadline')}</>;
  return <DueDate date={first.due} />;
}

export function DueDate({ date }: { date: string }) {
  const { t } = useTranslation();
  const today = todayIso();
  const soon = dayjs(today).add(DUE_SOON_DAYS, 'day').format('YYYY-MM-DD');
  if (date < today) return <Tag color="red">{`${formatDate(date)} · ${t('admission.overdue')}`}</Tag>;
  if (date <= soon) return <Tag className="tag-soon">{`${formatDate(date)} · ${t('admission.dueSoon')}`}</Tag>;
  return <span>{formatDate(date)}</span>;
}

/** An org's name, read once per org and cached (the case list carries only the id). */
export function OrgName({ id }: { id: number }) {
  const q = useQuery({ queryKey: orgKeys.details(id), queryFn: () => orgApi.details(id), staleTime: 5 * 60_000 });
  return <>{q.data?.org.name ?? '…'}</>;
}

/** Field paths as the server names them ("sponsors[0].memberId", "body.votes.members") for antd forms. */
export function fieldPath(field: string): (string | number)[] {
  return field
    .replace(/^body\./, '')
    .split(/[.[\]]/)
    .filter(Boolean)
    .map((p) => (/^\d+$/.test(p) ? Number(p) : p));
}
