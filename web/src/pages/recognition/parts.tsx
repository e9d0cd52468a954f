import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { RecognitionState } from '../../api/recognition.js';

const STATE_COLOR: Partial<Record<RecognitionState, string>> = { recognized: 'green', removed: 'red', escalated: 'orange', grassroots_resolved: 'blue', cell_resolved: 'blue' };

export function RecognitionStateTag({ state }: { state: RecognitionState }) {
  const { t } = useTranslation();
  return <Tag color={STATE_COLOR[state]}>{t(`recognition.states.${state}`)}</Tag>;
}
