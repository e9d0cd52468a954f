import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ImportStatus } from '../../api/imports.js';

const STATUS_COLOR: Record<ImportStatus, string | undefined> = {
  parsed: 'processing',
  dry_run_done: 'blue',
  committing: 'processing',
  committed: 'green',
  failed: 'red',
  cancelled: undefined,
};

export function ImportStatusTag({ status }: { status: ImportStatus }) {
  const { t } = useTranslation();
  return <Tag color={STATUS_COLOR[status]}>{t(`imports.statuses.${status}`)}</Tag>;
}
