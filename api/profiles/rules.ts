// Pure rules of profiles: no Hono, no drizzle. The store and the routes both use them.

/** How an organisation's name is shown: trimmed, runs of spaces collapsed to one, Unicode NFC. */
export function tidyName(name: string): string {
  return name.normalize('NFC').trim().replace(/\s+/g, ' ');
}

/** One organisation per name per country: the tidied name, lower-cased ("Ministry  of ICT" = "ministry of ict"). */
export function organisationKey(name: string): string {
  return tidyName(name).toLocaleLowerCase('en-US');
}

/** The list without repeats, first occurrence kept, order kept. `key` decides what counts as the same. */
export function unique<T>(items: readonly T[], key: (item: T) => unknown = (item) => item): T[] {
  const seen = new Set<unknown>();
  return items.filter((item) => {
    const k = key(item);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

/** Free tags as a mentor typed them: tidied, empty ones dropped, repeats (ignoring case) dropped. */
export function tidyTags(tags: readonly string[]): string[] {
  return unique(
    tags.map(tidyName).filter((t) => t.length > 0),
    (t) => t.toLocaleLowerCase('en-US'),
  );
}

/** JSON arrays kept in text columns: a damaged value reads as empty rather than breaking the page. */
export function parseList<T>(text: string | null | undefined): T[] {
  if (!text) return [];
  try {
    const value: unknown = JSON.parse(text);
    return Array.isArray(value) ? (value as T[]) : [];
  } catch {
    return [];
  }
}

/** The field paths (as in an error's `details`) of entries in `values` that `known` does not hold. */
export function unknownEntries(field: string, values: readonly string[], known: (value: string) => boolean): Array<{ path: string; value: string }> {
  return values.flatMap((value, index) => (known(value) ? [] : [{ path: `${field}.${index}`, value }]));
}

/** A new mentor's capacity until they set their own (the column's default). */
export const DEFAULT_MENTOR_CAPACITY = 5;
export const MAX_MENTOR_CAPACITY = 50;
export const MAX_TAGS = 12;
export const MAX_TAG_LENGTH = 40;
export const MAX_BIO_LENGTH = 600;
export const MAX_ORGANISATION_NAME = 160;

/** A weekly group meeting a mentor offers, on their own wall clock; matching places learners in it. */
export interface GroupSlot {
  weekday: 1 | 2 | 3 | 4 | 5 | 6 | 7;
  /** 'HH:MM' on the quarter hour */
  start: string;
  minutes: number;
  /** The most learners in the group. */
  size: number;
}

export const MAX_GROUP_SLOTS = 7;
export const MIN_SLOT_MINUTES = 30;
export const MAX_SLOT_MINUTES = 180;
export const MAX_SLOT_SIZE = 20;

/** A slot's id: its weekday and start, unique among one mentor's slots ("2-14:00" is Tuesdays at 14:00). */
export function slotKey(slot: Pick<GroupSlot, 'weekday' | 'start'>): string {
  return `${slot.weekday}-${slot.start}`;
}

/** Sorted by weekday and start; a second slot with the same start is dropped. */
export function tidySlots(slots: readonly GroupSlot[]): GroupSlot[] {
  return unique(
    [...slots].sort((a, b) => a.weekday - b.weekday || (a.start < b.start ? -1 : a.start > b.start ? 1 : 0)),
    slotKey,
  ).map((s) => ({ weekday: s.weekday, start: s.start, minutes: s.minutes, size: s.size }));
}
