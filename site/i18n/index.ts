import en from './translations/en.json';
import fr from './translations/fr.json';
import ar from './translations/ar.json';
import { DEFAULT_LOCALE } from './locales.ts';

/**
 * UI strings: flat dotted keys, English is the reference. A key missing in a translation falls
 * back to English (the i18n test fails the build before that can ship).
 */
export type UiKey = keyof typeof en;
export const TRANSLATIONS: Record<string, Partial<Record<UiKey, string>>> = { en, fr, ar };

export function useTranslations(locale: string) {
  const strings = TRANSLATIONS[locale] ?? {};
  const fallback = TRANSLATIONS[DEFAULT_LOCALE] as Record<UiKey, string>;
  return function t(key: UiKey, params: Record<string, string | number> = {}): string {
    const template = strings[key] ?? fallback[key];
    return template.replace(/\{(\w+)\}/g, (_, name: string) => String(params[name] ?? `{${name}}`));
  };
}

export function formatDate(isoDate: string, locale: string): string {
  return new Intl.DateTimeFormat(locale, { year: 'numeric', month: 'long', day: 'numeric', timeZone: 'UTC' }).format(new Date(isoDate));
}
