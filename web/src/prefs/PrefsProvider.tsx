import { App as AntApp, ConfigProvider, theme as antTheme } from 'antd';
import enUS from 'antd/locale/en_US';
import viVN from 'antd/locale/vi_VN';
import dayjs from 'dayjs';
import 'dayjs/locale/vi';
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useSession } from '../auth/session.js';
import { setLanguage, type Language } from '../i18n/index.js';
import { BASE_FONT_PX, readTextSize, writeTextSize, type TextSize } from './text-size.js';

interface Prefs {
  language: Language;
  setLanguage(l: Language): Promise<void>;
  textSize: TextSize;
  setTextSize(s: TextSize): void;
}

const PrefsContext = createContext<Prefs | null>(null);

// Colours chosen for WCAG AA on white: primary #0b57d0 is 6.1:1; secondary text is darkened
// from Ant Design's default (#8c8c8c, 3.4:1) so hints and placeholders stay readable.
const palette = {
  colorPrimary: '#0b57d0',
  colorLink: '#0b57d0',
  colorError: '#b3261e',
  // Warning text (due soon, in extension) at 4.5:1 on white; the default amber is 1.9:1.
  colorWarning: '#8a5300',
  colorTextTertiary: 'rgba(0, 0, 0, 0.62)',
  colorTextQuaternary: 'rgba(0, 0, 0, 0.55)',
  colorTextPlaceholder: 'rgba(0, 0, 0, 0.58)',
  colorTextDescription: 'rgba(0, 0, 0, 0.65)',
  fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "Helvetica Neue", Arial, sans-serif',
};

/** Language, Ant Design locale, dayjs locale and text size, applied to the whole app. */
export function PrefsProvider({ children }: { children: ReactNode }) {
  const { i18n } = useTranslation();
  const { me } = useSession();
  const username = me?.user.username;
  // A choice made in this page for this user; otherwise what they chose last time on this browser.
  const [chosen, setChosen] = useState<{ username: string | undefined; size: TextSize } | null>(null);
  const textSize = chosen && chosen.username === username ? chosen.size : readTextSize(username);
  const language = (i18n.language === 'en' ? 'en' : 'vi') as Language;

  useEffect(() => {
    dayjs.locale(language === 'vi' ? 'vi' : 'en');
    document.documentElement.lang = language;
  }, [language]);

  useEffect(() => {
    document.documentElement.style.fontSize = `${BASE_FONT_PX[textSize]}px`;
    document.documentElement.dataset.textSize = textSize;
  }, [textSize]);

  const setTextSize = useCallback(
    (s: TextSize) => {
      setChosen({ username, size: s });
      if (username) writeTextSize(username, s);
    },
    [username],
  );

  const value = useMemo<Prefs>(() => ({ language, setLanguage, textSize, setTextSize }), [language, textSize, setTextSize]);
  const fontSize = BASE_FONT_PX[textSize];
  const themeConfig = useMemo(
    () => ({
      algorithm: antTheme.defaultAlgorithm,
      token: { ...palette, fontSize, controlHeight: Math.round(fontSize * 2.3), sizeUnit: fontSize / 3.5 },
    }),
    [fontSize],
  );

  return (
    <PrefsContext.Provider value={value}>
      <ConfigProvider locale={language === 'vi' ? viVN : enUS} theme={themeConfig}>
        <AntApp>{children}</AntApp>
      </ConfigProvider>
    </PrefsContext.Provider>
  );
}

export function usePrefs(): Prefs {
  const p = useContext(PrefsContext);
  if (!p) throw new Error('usePrefs outside PrefsProvider');
  return p;
}
