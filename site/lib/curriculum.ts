import { getCollection, type CollectionEntry } from 'astro:content';
import { DEFAULT_LOCALE } from '../i18n/locales.ts';

/**
 * Content lookups for pages. A page in a locale that lacks a translation gets the default-locale
 * entry with `fallback: true`, and says so visibly (never silently).
 */
export type CourseEntry = CollectionEntry<'courses'>;
export type LessonEntry = CollectionEntry<'lessons'>;

export interface Localized<T> {
  entry: T;
  fallback: boolean;
  /** The language the entry is actually written in. */
  lang: string;
}

export function lessonSlug(entry: LessonEntry): string {
  return (entry.id.split('/')[2] ?? '').replace(/^\d{2}-/, '');
}
export const lessonOrder = (entry: LessonEntry) => Number((entry.id.split('/')[2] ?? '').slice(0, 2));
const courseOf = (id: string) => id.split('/')[0] ?? '';
const localeOf = (id: string) => id.split('/')[1] ?? '';

function localize<T extends { id: string }>(all: T[], key: (e: T) => string, locale: string): Array<Localized<T>> {
  const canonical = all.filter((e) => localeOf(e.id) === DEFAULT_LOCALE);
  return canonical.map((base) => {
    const translated = all.find((e) => localeOf(e.id) === locale && key(e) === key(base));
    return translated ? { entry: translated, fallback: false, lang: locale } : { entry: base, fallback: locale !== DEFAULT_LOCALE, lang: DEFAULT_LOCALE };
  });
}

export async function coursesIn(locale: string): Promise<Array<Localized<CourseEntry> & { courseId: string }>> {
  const all = await getCollection('courses');
  return localize(all, (e) => courseOf(e.id), locale)
    .map((c) => ({ ...c, courseId: courseOf(c.entry.id) }))
    .sort((a, b) => a.entry.data.order - b.entry.data.order);
}

export async function lessonsIn(courseId: string, locale: string): Promise<Array<Localized<LessonEntry> & { slug: string; lessonId: string }>> {
  const all = (await getCollection('lessons')).filter((e) => courseOf(e.id) === courseId);
  return localize(all, lessonSlug, locale)
    .map((l) => ({ ...l, slug: lessonSlug(l.entry), lessonId: `${courseId}/${lessonSlug(l.entry)}` }))
    .sort((a, b) => lessonOrder(a.entry) - lessonOrder(b.entry));
}

export async function capstoneIn(courseId: string, locale: string) {
  const all = (await getCollection('capstones')).filter((e) => courseOf(e.id) === courseId);
  return localize(all, (e) => courseOf(e.id), locale)[0];
}

export async function tabletopIn(courseId: string, locale: string) {
  const all = (await getCollection('tabletops')).filter((e) => courseOf(e.id) === courseId);
  return localize(all, (e) => courseOf(e.id), locale)[0];
}

export async function glossaryIn(locale: string) {
  const all = await getCollection('glossary');
  const terms = localize(all, (e) => e.data.termId, locale);
  return terms.sort((a, b) => a.entry.data.term.localeCompare(b.entry.data.term, locale));
}
