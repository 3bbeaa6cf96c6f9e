import { DEFAULT_LOCALE, LOCALES, type Locale } from '#core/locales.ts';

/** The site's locales are defined once, in core/locales.ts; these are the page helpers around them. */
export { DEFAULT_LOCALE, LOCALES, type Locale };

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
