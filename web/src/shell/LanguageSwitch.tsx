import { Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { LANGUAGES } from '../i18n/index.js';
import { usePrefs } from '../prefs/PrefsProvider.js';

export function LanguageSwitch() {
  const { t } = useTranslation();
  const { language, setLanguage } = usePrefs();
  return (
    <Select
      aria-label={t('prefs.language')}
      value={language}
      onChange={setLanguage}
      options={LANGUAGES.map((l) => ({ value: l, label: t(`prefs.languages.${l}`) }))}
      style={{ width: '8.5rem' }}
    />
  );
}
