import { InfoCircleOutlined } from '@ant-design/icons';
import { Tooltip } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { ListLink } from './member-links.js';

/**
 * A figure as a link to the list it counts. Where the list cannot narrow to the figure (ethnic
 * minority), the link still goes to the closest list and says so, rather than pretending.
 */
export function FigureLink({ value, link, label }: { value: number; link: ListLink; label: string }) {
  const { t, i18n } = useTranslation();
  const text = value.toLocaleString(i18n.language);
  const title = link.approximate ? t('dashboard.approximateLink', { label }) : t('dashboard.openList', { label });
  return (
    <Tooltip title={title}>
      <Link to={link.to} aria-label={`${label}: ${text}. ${title}`} className="figure-link">
        {text}
        {link.approximate && <InfoCircleOutlined aria-hidden className="figure-approx" />}
      </Link>
    </Tooltip>
  );
}
