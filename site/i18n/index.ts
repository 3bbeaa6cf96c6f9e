import en from './translations/en.json';
import fr from './translations/fr.json';
import ar from './translations/ar.json';
import es from './translations/es.json';
import pt from './translations/pt.json';
import sw from './translations/sw.json';
import { DEFAULT_LOCALE } from './locales.ts';
import { formatMessage, serializeMessage, type Message } from './format.ts';

/**
 * UI strings: flat dotted keys, English is the reference. A key missing in a translation falls
 * back to English (the i18n test fails the build before that can ship).
 */
export type UiKey = keyof typeof en;
export const TRANSLATIONS: Record<string, Partial<Record<UiKey, Message>>> = { en, fr, es, ar, pt, sw };

export function useTranslations(locale: string) {
  const strings = TRANSLATIONS[locale] ?? {};
  const fallback = TRANSLATIONS[DEFAULT_LOCALE] as Record<UiKey, Message>;
  const message = (key: UiKey): Message => strings[key] ?? fallback[key];
  function t(key: UiKey, params: Record<string, string | number> = {}): string {
    return formatMessage(message(key), params, strings[key] ? locale : DEFAULT_LOCALE);
  }
  /** The unformatted message, for the browser to format with live numbers (see scripts/format.ts). */
  t.raw = (key: UiKey): string => serializeMessage(message(key));
  return t;
}

export function formatDate(isoDate: string, locale: string): string {
  return new Intl.DateTimeFormat(locale, { year: 'numeric', month: 'long', day: 'numeric', timeZone: 'UTC' }).format(new Date(isoDate));
}
