import { useQuery } from '@tanstack/react-query';
import { Card, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { dueApi, dueKeys } from '../../api/due.js';

/** The dashboard's count of what is overdue and due soon in the scope, linking to the list. */
export function DueSummaryCard({ orgId }: { orgId: number | null }) {
  const { t } = useTranslation();
  const summary = useQuery({ queryKey: dueKeys.summary(orgId), queryFn: () => dueApi.summary(orgId) });
  const s = summary.data;
  if (!s) return null;
  const attention = s.overdue + s.inExtension + s.soon;
  return (
    <Card size="small" title={<h2 className="card-title">{t('due.summaryTitle')}</h2>}>
      <Space wrap size="large" align="center">
        {attention === 0 ? (
          <Typography.Text>{t('due.summaryNone')}</Typography.Text>
        ) : (
          <>
            {s.overdue > 0 && <Typography.Text type="danger" strong>{t('due.summaryOverdue', { n: s.overdue })}</Typography.Text>}
            {s.inExtension > 0 && <Typography.Text type="warning">{t('due.summaryExtension', { n: s.inExtension })}</Typography.Text>}
            {s.soon > 0 && <Typography.Text type="warning">{t('due.summarySoon', { n: s.soon })}</Typography.Text>}
          </>
        )}
        <Link to="/due">{t('due.openList')}</Link>
      </Space>
    </Card>
  );
}
