import { Segmented } from 'antd';
import { useTranslation } from 'react-i18next';
import { usePrefs } from '../prefs/PrefsProvider.js';
import { TEXT_SIZES, type TextSize } from '../prefs/text-size.js';

/** Normal, large, very large: three "A"s of growing size, each named for screen readers. */
export function TextSizeSwitch() {
  const { t } = useTranslation();
  const { textSize, setTextSize } = usePrefs();
  const scale: Record<TextSize, string> = { normal: '0.85em', large: '1.05em', xlarge: '1.3em' };
  return (
    <Segmented<TextSize>
        aria-label={t('prefs.textSize')}
        value={textSize}
        onChange={setTextSize}
        options={TEXT_SIZES.map((s) => ({
          value: s,
          label: (
            <span aria-label={t(`prefs.textSizes.${s}`)} title={t(`prefs.textSizes.${s}`)} style={{ fontSize: scale[s], fontWeight: 600 }}>
              A
            </span>
          ),
        }))}
      />
  );
}
