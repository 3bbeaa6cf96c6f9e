import { z } from 'zod';

/**
 * The site's locales. Add one here (and site/i18n/translations/<code>.json) to add a language; no
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
  { code: 'es', name: 'Español', dir: 'ltr' },
  { code: 'ar', name: 'العربية', dir: 'rtl' },
  { code: 'pt', name: 'Português', dir: 'ltr' },
  { code: 'sw', name: 'Kiswahili', dir: 'ltr' },
];

/** The canonical locale: course structure, quiz keys and fallbacks come from it. */
export const DEFAULT_LOCALE = 'en';

/** A BCP 47 language tag as the API accepts it (`en`, `fr`, `pt-BR`). */
export const LOCALE_PATTERN = /^[a-z]{2,3}(-[A-Z]{2})?$/;
export const localeTag = z.string().regex(LOCALE_PATTERN, 'Use a language code such as en, fr or ar.');
