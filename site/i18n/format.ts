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

export function formatMessage(message: Message | undefined, params: Record<string, string | number>, locale: string): string {
  if (message === undefined) return '';
  let template: string;
  if (typeof message === 'string') {
    template = message;
  } else {
    const category = new Intl.PluralRules(locale).select(Number(params[message.$plural] ?? 0));
    template = message[category] ?? message.other;
  }
  return template.replace(/\{(\w+)\}/g, (_, name: string) => String(params[name] ?? `{${name}}`));
}

/** For data attributes: plural messages travel as JSON, plain strings as themselves. */
export const serializeMessage = (message: Message) => (typeof message === 'string' ? message : JSON.stringify(message));
export const parseMessage = (text: string | undefined): Message | undefined => (text?.startsWith('{"') ? (JSON.parse(text) as PluralMessage) : text);
