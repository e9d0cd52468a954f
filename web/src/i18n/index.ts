import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import { readPref, writePref } from '../prefs/storage.js';
import vi from './vi.json';

// Every word the interface shows comes from vi.json (the default) or en.json; components only
// hold keys. The key set of both files is checked equal by i18n.test.ts and typed below, so a
// missing or misspelt key fails the type check.

export const LANGUAGES = ['vi', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: typeof vi };
  }
}

void i18n.use(initReactI18next).init({
  resources: { vi: { translation: vi } },
  lng: 'vi',
  fallbackLng: 'vi',
  interpolation: { escapeValue: false }, // React escapes
  returnNull: false,
});

// English is the second language: its texts load when it is chosen, so the first page carries
// Vietnamese alone (the first page's JavaScript has a budget, docs/benchmarks.md).
export async function loadLanguage(lang: Language): Promise<void> {
  if (i18n.hasResourceBundle(lang, 'translation')) return;
  const en = (await import('./en.json')).default;
  i18n.addResourceBundle('en', 'translation', en);
}

export async function setLanguage(lang: Language): Promise<void> {
  writePref('language', lang);
  await loadLanguage(lang);
  await i18n.changeLanguage(lang);
}

if (readPref('language') === 'en') void setLanguage('en');

export default i18n;
