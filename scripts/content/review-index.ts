import { DEFAULT_LOCALE } from '#core/locales.ts';
import type { Curriculum } from './load.ts';

export interface ReviewedReference {
  id: string;
  title: string;
  publisher: string;
  year: number;
  url?: string | undefined;
  /** The claims of the lesson this reference backs. */
  claims: string[];
  /** The latest date one of those claims was checked against it; null if none was. */
  lastChecked: string | null;
}

export interface ReviewedLesson {
  id: string;
  title: string;
  file: string;
  reviewed: string;
  references: ReviewedReference[];
}

/** Every default-locale lesson with its references, the claims each backs and when they were checked. */
export function reviewIndex(curriculum: Curriculum): Array<{ course: string; title: string; lessons: ReviewedLesson[] }> {
  return curriculum.courses
    .filter((c) => c.locale === DEFAULT_LOCALE)
    .map((course) => ({
      course: course.id,
      title: course.data.title,
      lessons: course.lessons.map((lesson) => ({
        id: lesson.id,
        title: lesson.data.title,
        file: lesson.file,
        reviewed: lesson.data.reviewed,
        references: lesson.data.references.map((ref) => {
          const facts = (lesson.facts?.data.facts ?? []).filter((f) => f.source === ref.id);
          const lastChecked =
            facts
              .map((f) => f.checked)
              .sort()
              .at(-1) ?? null;
          return { id: ref.id, title: ref.title, publisher: ref.publisher, year: ref.year, url: ref.url, claims: facts.map((f) => f.claim), lastChecked };
        }),
      })),
    }));
}
