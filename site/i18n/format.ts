/**
 * One message formatter for the server (Astro) and the browser. A message is a string with {name}
 * placeholders, or a plural message: forms by CLDR category (zero, one, two, few, many, other),
 * chosen with Intl.PluralRules from the parameter named in `$plural`.
 */
export interface PluralMessage {
  $plural: string;
  other: string;
  zero?: string;
  one?: string;
  two?: string;
  few?: string;
  many?: string;
}
export type Message = string | PluralMessage;

/** Letters of the right-to-left scripts (Hebrew, Arabic, Syriac, Thaana, N'Ko and their presentation forms). */
const RTL_LETTER = /[\u0590-\u08FF\uFB1D-\uFDFF\uFE70-\uFEFF]/u;
const LTR_LETTER = /(?![\u0590-\u08FF\uFB1D-\uFDFF\uFE70-\uFEFF])\p{L}/u;
const FSI = '\u2068';
const PDI = '\u2069';

/**
 * A text value (a person's name, a cohort's title) set into a sentence of the other direction is
 * isolated with FSI…PDI (Unicode bidi isolates), so an Arabic name in an English sentence, or a
 * Latin one in an Arabic sentence, cannot pull the punctuation and numbers around it out of order.
 * Numbers, and text already of the page's direction, are left as they are.
 */
function isolated(value: string | number, rtl: boolean): string {
  if (typeof value !== 'string') return String(value);
  return (rtl ? LTR_LETTER : RTL_LETTER).test(value) ? `${FSI}${value}${PDI}` : value;
}

export function formatMessage(message: Message | undefined, params: Record<string, string | number>, locale: string, dir: 'ltr' | 'rtl' = 'ltr'): string {
  if (message === undefined) return '';
  let template: string;
  if (typeof message === 'string') {
    template = message;
  } else {
    const category = new Intl.PluralRules(locale).select(Number(params[message.$plural] ?? 0));
    template = message[category] ?? message.other;
  }
  const rtl = dir === 'rtl';
  return template.replace(/\{(\w+)\}/g, (_, name: string) => (params[name] === undefined ? `{${name}}` : isolated(params[name], rtl)));
}

/** For data attributes: plural messages travel as JSON, plain strings as themselves. */
export const serializeMessage = (message: Message) => (typeof message === 'string' ? message : JSON.stringify(message));
export const parseMessage = (text: string | undefined): Message | undefined => (text?.startsWith('{"') ? (JSON.parse(text) as PluralMessage) : text);
