import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import { readPref, writePref } from '../prefs/storage.js';
import en from './en.json';
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

const saved = readPref('language');

void i18n.use(initReactI18next).init({
  resources: { vi: { translation: vi }, en: { translation: en } },
  lng: saved === 'en' ? 'en' : 'vi',
  fallbackLng: 'vi',
  interpolation: { escapeValue: false }, // React escapes
  returnNull: false,
});

export function setLanguage(lang: Language): void {
  writePref('language', lang);
  void i18n.changeLanguage(lang);
}

export default i18n;
