import { defineCollection } from 'astro:content';
import { glob } from 'astro/loaders';
import { capstoneFrontmatter, courseFrontmatter, glossaryTerm, lessonFrontmatter, tabletopExercise } from '#core/curriculum/schema.ts';
import { loadCurriculum } from '../scripts/content/load.ts';

// Ids: courses `course/locale`, lessons `course/locale/NN-slug`, capstones `course/locale`.
// Final assessment banks (assessment.yaml) are deliberately not loaded: answer keys stay out of dist/.
const byFolder =
  (suffix: RegExp) =>
  ({ entry }: { entry: string }) =>
    entry.replace(suffix, '');

const courses = defineCollection({
  loader: glob({ base: './content', pattern: '*/*/index.mdx', generateId: byFolder(/\/index\.mdx$/) }),
  schema: courseFrontmatter,
});

const lessons = defineCollection({
  loader: glob({ base: './content', pattern: '*/*/[0-9][0-9]-*.mdx', generateId: byFolder(/\.mdx$/) }),
  schema: lessonFrontmatter,
});

const capstones = defineCollection({
  loader: glob({ base: './content', pattern: '*/*/capstone.mdx', generateId: byFolder(/\/capstone\.mdx$/) }),
  schema: capstoneFrontmatter,
});

const glossary = defineCollection({
  loader: async () => {
    const { glossary: byLocale } = loadCurriculum('content');
    return [...byLocale].flatMap(([locale, terms]) =>
      terms.map(({ file: _file, ...term }) => ({ ...term, id: `${locale}/${term.id}`, termId: term.id, locale })),
    );
  },
  schema: glossaryTerm.omit({ id: true }).extend({ termId: glossaryTerm.shape.id, locale: glossaryTerm.shape.id }),
});

const tabletops = defineCollection({
  loader: async () =>
    loadCurriculum('content')
      .courses.filter((c) => c.tabletop)
      .map((c) => ({ id: `${c.id}/${c.locale}`, ...c.tabletop!.data })),
  schema: tabletopExercise,
});

export const collections = { courses, lessons, capstones, glossary, tabletops };
