import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ImportStatus } from '../../api/imports.js';

// Ant Design's blue, red and processing presets are AA; green is ours (styles.css).
const STATUS_LOOK: Record<ImportStatus, { color?: string; className?: string }> = {
  parsed: { color: 'processing' },
  dry_run_done: { color: 'blue' },
  committing: { color: 'processing' },
  committed: { className: 'tag-done' },
  failed: { color: 'red' },
  cancelled: {},
};

export function ImportStatusTag({ status }: { status: ImportStatus }) {
  const { t } = useTranslation();
  return <Tag {...STATUS_LOOK[status]}>{t(`imports.statuses.${status}`)}</Tag>;
}
