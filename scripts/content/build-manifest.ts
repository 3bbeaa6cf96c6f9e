import { createHash } from 'node:crypto';
import { DEFAULT_LOCALE } from '#core/locales.ts';
import type { Curriculum } from './load.ts';
import type { Manifest, ManifestCourse } from '#core/curriculum/manifest.ts';
import { withOpaqueOptionIds } from './opaque-ids.ts';

// The canonical locale: see core/locales.ts.

/** Derives the manifest from a loaded curriculum. The default locale is canonical for structure. */
export function buildManifest(curriculum: Curriculum): Manifest {
  const courses: ManifestCourse[] = [];
  const quizKeys: Manifest['quizKeys'] = {};
  const assessments: Manifest['assessments'] = {};
  const hash = createHash('sha256');

  for (const course of curriculum.courses.filter((c) => c.locale === DEFAULT_LOCALE)) {
    const translations = curriculum.courses.filter((c) => c.id === course.id);
    courses.push({
      id: course.id,
      order: course.data.order,
      title: course.data.title,
      locales: translations.map((c) => c.locale),
      hasCapstone: Boolean(course.capstone),
      text: Object.fromEntries(translations.map((t) => [t.locale, { title: t.data.title, summary: t.data.summary, outcomes: t.data.outcomes }])),
      lessons: course.lessons.map((lesson) => ({
        id: lesson.id,
        slug: lesson.slug,
        order: lesson.order,
        title: lesson.data.title,
        locales: translations.filter((t) => t.lessons.some((l) => l.id === lesson.id)).map((t) => t.locale),
      })),
    });
    hash.update(JSON.stringify(courses.at(-1)!.text));
    for (const lesson of course.lessons) {
      quizKeys[lesson.id] = Object.fromEntries(lesson.data.quiz.map((q) => [q.id, q.options.find((o) => o.correct)?.id ?? '']));
      hash.update(lesson.id).update(JSON.stringify(lesson.data)).update(lesson.body);
    }
    for (const translation of translations) {
      if (!translation.assessment) continue;
      assessments[course.id] ??= {};
      assessments[course.id]![translation.locale] = withOpaqueOptionIds(course.id, translation.assessment.data);
      hash.update(JSON.stringify(translation.assessment.data));
    }
  }
  return { version: hash.digest('hex').slice(0, 12), defaultLocale: DEFAULT_LOCALE, courses, quizKeys, assessments };
}
