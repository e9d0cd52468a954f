import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { RecognitionState } from '../../api/recognition.js';

// Red and blue are Ant Design's presets (AA); green and amber are ours (styles.css).
const STATE_LOOK: Partial<Record<RecognitionState, { color?: string; className?: string }>> = {
  recognized: { className: 'tag-done' },
  removed: { color: 'red' },
  escalated: { className: 'tag-extension' },
  grassroots_resolved: { color: 'blue' },
  cell_resolved: { color: 'blue' },
};

export function RecognitionStateTag({ state }: { state: RecognitionState }) {
  const { t } = useTranslation();
  return <Tag {...STATE_LOOK[state]}>{t(`recognition.states.${state}`)}</Tag>;
}
