/**
 * The site's locales. Add one here (and its translations/<code>.json) to add a language; no
 * component names a locale. `dir` drives the layout direction (Astro does nothing about RTL).
 */
export interface Locale {
  code: string;
  /** The language's name in itself, for the language switcher. */
  name: string;
  dir: 'ltr' | 'rtl';
}

export const LOCALES: readonly Locale[] = [
  { code: 'en', name: 'English', dir: 'ltr' },
  { code: 'fr', name: 'Français', dir: 'ltr' },
  { code: 'ar', name: 'العربية', dir: 'rtl' },
];

export const DEFAULT_LOCALE = 'en';

export function getLocale(code: string | undefined): Locale {
  const locale = LOCALES.find((l) => l.code === code);
  if (!locale) throw new Error(`Unknown locale "${code}". Known: ${LOCALES.map((l) => l.code).join(', ')}`);
  return locale;
}

export const localePaths = () => LOCALES.map((l) => ({ params: { locale: l.code } }));

/** `lang` and `dir` together, for a passage in another language than the page (fallbacks). */
export const langAttrs = (code: string) => ({ lang: code, dir: getLocale(code).dir });

/** lang/dir for UI text inside a passage in `surrounding`; nothing when they are the same language. */
export const langIfDifferent = (code: string, surrounding: string) => (code === surrounding ? {} : langAttrs(code));
