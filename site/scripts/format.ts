import { formatMessage, parseMessage } from '../i18n/format.ts';

/** Formats a UI message handed over by the page (t.raw), with plurals for the page's language; text of the other direction is isolated. */
export function fill(template: string | undefined, params: Record<string, string | number>): string {
  return formatMessage(parseMessage(template), params, document.documentElement.lang, document.documentElement.dir === 'rtl' ? 'rtl' : 'ltr');
}
