import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parse as parseYaml } from 'yaml';
import type { z } from 'zod';
import {
  assessmentBank,
  capstoneFrontmatter,
  COURSE_IDS,
  courseFrontmatter,
  glossaryFile,
  lessonFacts,
  lessonFrontmatter,
  tabletopExercise,
  type AssessmentBank,
  type CapstoneFrontmatter,
  type CourseFrontmatter,
  type CourseId,
  type GlossaryTerm,
  type LessonFacts,
  type LessonFrontmatter,
  type TabletopExercise,
} from '#core/curriculum/schema.ts';

/**
 * Reads content/ from disk (Node only: used by scripts, the content check and the site build,
 * never by the Worker). Problems are collected, not thrown, so one run reports every bad file.
 */

export interface LoadedLesson {
  id: string; // `${course}/${slug}`
  course: CourseId;
  slug: string;
  order: number;
  locale: string;
  file: string;
  data: LessonFrontmatter;
  body: string;
  /** The lesson's checked claims (default locale only). */
  facts?: { file: string; data: LessonFacts };
}

export interface LoadedCourse {
  id: CourseId;
  locale: string;
  file: string;
  data: CourseFrontmatter;
  body: string;
  lessons: LoadedLesson[];
  capstone?: { file: string; data: CapstoneFrontmatter; body: string };
  assessment?: { file: string; data: AssessmentBank };
  tabletop?: { file: string; data: TabletopExercise };
}

export interface Curriculum {
  root: string;
  courses: LoadedCourse[];
  glossary: Map<string, Array<GlossaryTerm & { file: string }>>; // by locale
  problems: string[];
}

/** Checked claims of a lesson sit beside it: `NN-slug.facts.yaml` (default locale only). */
export const FACTS_FILE = /^(\d{2})-([a-z0-9]+(?:-[a-z0-9]+)*)\.facts\.yaml$/;
export const LESSON_FILE = /^(\d{2})-([a-z0-9]+(?:-[a-z0-9]+)*)\.mdx$/;

export function splitFrontmatter(source: string): { frontmatter: unknown; body: string } {
  const match = /^---\r?\n([\s\S]*?)\r?\n---\r?\n?/.exec(source);
  if (!match) return { frontmatter: undefined, body: source };
  return { frontmatter: parseYaml(match[1] ?? ''), body: source.slice(match[0].length) };
}

export function loadCurriculum(root: string): Curriculum {
  const problems: string[] = [];
  const rel = (file: string) => relative(join(root, '..'), file);

  function parseWith<S extends z.ZodType>(schema: S, value: unknown, file: string): z.output<S> | undefined {
    const result = schema.safeParse(value);
    if (result.success) return result.data;
    for (const issue of result.error.issues) {
      problems.push(`${rel(file)}: ${issue.path.join('.') || '(file)'}: ${issue.message}`);
    }
    return undefined;
  }

  function readYaml(file: string): unknown {
    try {
      return parseYaml(readFileSync(file, 'utf8'));
    } catch (error) {
      problems.push(`${rel(file)}: YAML does not parse: ${(error as Error).message.split('\n')[0]}`);
      return undefined;
    }
  }

  function readMdx(file: string): { frontmatter: unknown; body: string } | undefined {
    try {
      return splitFrontmatter(readFileSync(file, 'utf8'));
    } catch (error) {
      problems.push(`${rel(file)}: frontmatter does not parse: ${(error as Error).message.split('\n')[0]}`);
      return undefined;
    }
  }

  const courses: LoadedCourse[] = [];
  for (const courseId of COURSE_IDS) {
    const courseDir = join(root, courseId);
    if (!existsSync(courseDir)) continue;
    for (const locale of readdirSync(courseDir).sort()) {
      const dir = join(courseDir, locale);
      const indexFile = join(dir, 'index.mdx');
      if (!existsSync(indexFile)) {
        problems.push(`${rel(dir)}: missing index.mdx (the course page)`);
        continue;
      }
      const index = readMdx(indexFile);
      const data = index && parseWith(courseFrontmatter, index.frontmatter, indexFile);
      if (!index || !data) continue;
      const course: LoadedCourse = { id: courseId, locale, file: rel(indexFile), data, body: index.body, lessons: [] };

      for (const name of readdirSync(dir).sort()) {
        const file = join(dir, name);
        const lessonMatch = LESSON_FILE.exec(name);
        if (FACTS_FILE.test(name)) {
          // read with its lesson
        } else if (lessonMatch) {
          const parsed = readMdx(file);
          const lesson = parsed && parseWith(lessonFrontmatter, parsed.frontmatter, file);
          if (parsed && lesson) {
            const slug = lessonMatch[2] ?? '';
            const factsFile = file.replace(/\.mdx$/, '.facts.yaml');
            const facts = existsSync(factsFile) ? parseWith(lessonFacts, readYaml(factsFile), factsFile) : undefined;
            course.lessons.push({
              id: `${courseId}/${slug}`,
              course: courseId,
              slug,
              order: Number(lessonMatch[1]),
              locale,
              file: rel(file),
              data: lesson,
              body: parsed.body,
              ...(facts ? { facts: { file: rel(factsFile), data: facts } } : {}),
            });
          }
        } else if (name === 'capstone.mdx') {
          const parsed = readMdx(file);
          const capstone = parsed && parseWith(capstoneFrontmatter, parsed.frontmatter, file);
          if (parsed && capstone) course.capstone = { file: rel(file), data: capstone, body: parsed.body };
        } else if (name === 'assessment.yaml') {
          const bank = parseWith(assessmentBank, readYaml(file), file);
          if (bank) course.assessment = { file: rel(file), data: bank };
        } else if (name === 'tabletop.yaml') {
          const exercise = parseWith(tabletopExercise, readYaml(file), file);
          if (exercise) course.tabletop = { file: rel(file), data: exercise };
        } else if (name !== 'index.mdx') {
          problems.push(`${rel(file)}: unexpected file (lessons are named NN-slug.mdx)`);
        }
      }
      courses.push(course);
    }
  }

  const glossary = new Map<string, Array<GlossaryTerm & { file: string }>>();
  const glossaryDir = join(root, 'glossary');
  if (existsSync(glossaryDir)) {
    for (const locale of readdirSync(glossaryDir).sort()) {
      const terms: Array<GlossaryTerm & { file: string }> = [];
      for (const name of readdirSync(join(glossaryDir, locale)).sort()) {
        if (!name.endsWith('.yaml')) continue;
        const file = join(glossaryDir, locale, name);
        const list = parseWith(glossaryFile, readYaml(file) ?? [], file);
        for (const term of list ?? []) terms.push({ ...term, file: rel(file) });
      }
      glossary.set(locale, terms);
    }
  }

  courses.sort((a, b) => a.data.order - b.data.order || a.locale.localeCompare(b.locale));
  return { root, courses, glossary, problems };
}
