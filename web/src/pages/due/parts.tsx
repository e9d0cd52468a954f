import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { DueItem } from '../../api/due.js';
import { formatDate } from '../../lib/format.js';

// Red is Ant Design's preset; the amber ones are ours (styles.css), for contrast.
const STATUS_LOOK: Record<DueItem['status'], { color?: string; className?: string }> = {
  overdue: { color: 'red' },
  in_extension: { className: 'tag-extension' },
  soon: { className: 'tag-soon' },
  open: {},
};

export function DueStatusTag({ status }: { status: DueItem['status'] }) {
  const { t } = useTranslation();
  return <Tag {...STATUS_LOOK[status]}>{t(`due.statuses.${status}`)}</Tag>;
}

/** The due date, and the extension's last day when the rule allows one. */
export function DueDate({ item }: { item: DueItem }) {
  const { t } = useTranslation();
  return (
    <span>
      {formatDate(item.dueOn)}
      {item.dueWithExtension && <div className="muted">{t('due.extendedTo', { date: formatDate(item.dueWithExtension) })}</div>}
    </span>
  );
}

/** What is to be done: the case's kind and the step its deadline is for, linked to the case. */
export function DueWhat({ item }: { item: DueItem }) {
  const { t } = useTranslation();
  // R-REC-07: the phiếu after a transfer is filed from the member's page.
  if (item.caseKind === 'record_update') {
    return (
      <div style={{ minWidth: '12rem', maxWidth: '22rem', whiteSpace: 'normal' }}>
        {item.memberId === null ? t('records.due.step') : <Link to={`/members/${item.memberId}`}>{t('records.due.step')}</Link>}
        <div className="muted">
          {t('due.kinds.record_update')} · {item.ruleId}
        </div>
      </div>
    );
  }
  const kind =
    item.caseKind === 'recognition' || item.caseKind === 'transfer' || item.caseKind === 'removal' || item.caseKind === 'exemption' ? item.caseKind : 'admission';
  // Removal cases and exemptions live under /exits, their steps under exits.steps.
  const to = kind === 'removal' ? `/exits/cases/${item.caseId}` : kind === 'exemption' ? `/exits/exemptions/${item.caseId}` : `/${kind}/cases/${item.caseId}`;
  const steps = kind === 'removal' || kind === 'exemption' ? 'exits' : kind;
  return (
    <div style={{ minWidth: '12rem', maxWidth: '22rem', whiteSpace: 'normal' }}>
      <Link to={to}>{t(`${steps}.steps.${item.step}`, { defaultValue: item.step })}</Link>
      <div className="muted">
        {t(`due.kinds.${kind}`)} · {item.ruleId}
      </div>
    </div>
  );
}
