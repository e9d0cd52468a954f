import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { TransferState } from '../../api/transfers.js';

// Blue is Ant Design's preset (AA); green is ours (styles.css).
const STATE_LOOK: Partial<Record<TransferState, { color?: string; className?: string }>> = {
  completed: { className: 'tag-done' },
  letter_issued: { color: 'blue' },
  received: { color: 'blue' },
};

export function TransferStateTag({ state }: { state: TransferState }) {
  const { t } = useTranslation();
  return <Tag {...STATE_LOOK[state]}>{t(`transfer.states.${state}`)}</Tag>;
}
