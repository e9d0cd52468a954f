import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';

// Ant Design's preset green and gold tags fall below 4.5:1; these pairs pass WCAG AA.
const colours: Record<string, { color: string; background: string; borderColor: string }> = {
  official: { color: '#1d5e10', background: '#eef8e8', borderColor: '#a9d68f' },
  probationary: { color: '#6b4700', background: '#fff6dc', borderColor: '#e8c766' },
};
const other = { color: '#3d3d3d', background: '#f2f2f2', borderColor: '#cfcfcf' };

export function StatusTag({ status }: { status: string }) {
  const { t } = useTranslation();
  return <Tag style={colours[status] ?? other}>{t(`member.statuses.${status as 'official'}`, { defaultValue: status })}</Tag>;
}
