import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { RemovalState } from '../../api/exits.js';

// Red and blue are Ant Design's presets (AA); green and amber are ours (styles.css).
const STATE_LOOK: Partial<Record<RemovalState, { color?: string; className?: string }>> = {
  removed: { color: 'red' },
  removal_final: { color: 'red' },
  removal_upheld: { color: 'red' },
  restored: { className: 'tag-done' },
  not_removed: { className: 'tag-done' },
  notified: { className: 'tag-extension' },
  appealed: { className: 'tag-extension' },
  cell_resolved: { color: 'blue' },
  grassroots_resolved: { color: 'blue' },
};

export function RemovalStateTag({ state }: { state: RemovalState }) {
  const { t } = useTranslation();
  return <Tag {...STATE_LOOK[state]}>{t(`exits.states.${state}`)}</Tag>;
}

export function ExemptionTag({ endedOn }: { endedOn: string | null }) {
  const { t } = useTranslation();
  return endedOn ? <Tag>{t('exits.current.false')}</Tag> : <Tag color="blue">{t('exits.exemption.open')}</Tag>;
}
