import { LOCALES } from '../i18n/locales.ts';
import { coursesIn } from './curriculum.ts';

type Course = Awaited<ReturnType<typeof coursesIn>>[number];

/**
 * Static paths for a page per course and locale. `extra` adds what the page needs (return
 * undefined to skip a course that lacks it, such as a tabletop exercise).
 */
export async function coursePaths<T extends object>(extra: (course: Course, locale: string) => Promise<T | undefined>) {
  const perLocale = await Promise.all(
    LOCALES.map(async ({ code }) => {
      const courses = await coursesIn(code);
      const withExtra = await Promise.all(courses.map(async (course) => ({ course, more: await extra(course, code) })));
      return withExtra.flatMap(({ course, more }) => (more ? [{ params: { locale: code, course: course.courseId }, props: { course, ...more } }] : []));
    }),
  );
  return perLocale.flat();
}
