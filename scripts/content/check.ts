import { DEFAULT_LOCALE } from '#core/locales.ts';
import type { Curriculum, LoadedCourse, LoadedLesson } from './load.ts';
import { tabletopProblems } from './tabletop.ts';
import { CASE_DOMAINS, COURSE_IDS, REGIONS } from '#core/curriculum/schema.ts';

/** The teaching rules from docs/content-guide.md that a schema alone cannot express. */
export const RULES = {
  minLessons: 5,
  maxLessons: 6,
  minWords: 900,
  maxWords: 1600,
  minAssessmentQuestions: 15,
  minGlossaryTerms: 80,
  translationSlack: 1.3,
  /** A lesson not reviewed against its sources for this long fails the check. */
  maxReviewAgeMonths: 12,
  /** The same <CaseStudy> (by title) may carry at most this many lessons. */
  maxLessonsPerCase: 2,
} as const;

/** Worksheets inside <Exercise> are not reading time, so they do not count towards a lesson's words. */
export function proseOnly(mdxBody: string): string {
  return mdxBody.replace(/<Exercise[\s>][\s\S]*?<\/Exercise>/g, ' ');
}

/** Words of prose in an MDX body: tags, expressions and Markdown punctuation are not words. */
export function countWords(mdxBody: string): number {
  const text = mdxBody
    .replace(/<[^>]*>/g, ' ')
    .replace(/\{[^}]*\}/g, ' ')
    .replace(/^#+\s/gm, ' ');
  return (text.match(/[\p{L}\p{N}][\p{L}\p{N}'’-]*/gu) ?? []).length;
}

const attrIds = (body: string, tag: string) => [...body.matchAll(new RegExp(`<${tag}\\s+[^>]*\\bid="([^"]+)"`, 'g'))].map((m) => m[1]!);
const tagCount = (body: string, tag: string) => (body.match(new RegExp(`<${tag}[\\s>]`, 'g')) ?? []).length;

export interface CourseSummary {
  course: string;
  locale: string;
  lessons: number;
  words: number;
  quizQuestions: number;
  assessmentQuestions: number;
  references: number;
}

export interface CheckOptions {
  defaultLocale?: string;
  /** The build date: lessons reviewed more than RULES.maxReviewAgeMonths before it fail. */
  today?: Date;
  /** Every default-locale lesson must have its facts file. */
  requireFacts?: boolean;
}

export function checkCurriculum(curriculum: Curriculum, options: CheckOptions = {}): { problems: string[]; summary: CourseSummary[] } {
  const { defaultLocale = DEFAULT_LOCALE, today = new Date(), requireFacts = true } = options;
  const oldestReview = new Date(today);
  oldestReview.setUTCMonth(oldestReview.getUTCMonth() - RULES.maxReviewAgeMonths);
  const staleBefore = oldestReview.toISOString().slice(0, 10);
  const problems = [...curriculum.problems];
  const summary: CourseSummary[] = [];
  // A translation may cover only part of the glossary; pages fall back to the default term.
  const defaultIds = (curriculum.glossary.get(defaultLocale) ?? []).map((t) => t.id);
  const glossaryIds = (locale: string) => new Set([...defaultIds, ...(curriculum.glossary.get(locale) ?? []).map((t) => t.id)]);

  for (const [locale, terms] of curriculum.glossary) {
    const seen = new Map<string, string>();
    for (const term of terms) {
      const other = seen.get(term.id);
      if (other) problems.push(`${term.file}: glossary id "${term.id}" is also defined in ${other}`);
      seen.set(term.id, term.file);
    }
    const known = glossaryIds(locale);
    for (const term of terms) {
      for (const ref of term.seeAlso) if (!known.has(ref)) problems.push(`${term.file}: "${term.id}" seeAlso names unknown term "${ref}"`);
      if (locale !== defaultLocale && !defaultIds.includes(term.id)) problems.push(`${term.file}: "${term.id}" has no ${defaultLocale} original`);
    }
    if (locale === defaultLocale && seen.size < RULES.minGlossaryTerms) {
      problems.push(`content/glossary/${locale}: ${seen.size} terms, at least ${RULES.minGlossaryTerms} needed`);
    }
  }

  for (const id of COURSE_IDS) {
    if (!curriculum.courses.some((c) => c.id === id && c.locale === defaultLocale)) problems.push(`content/${id}/${defaultLocale}: course missing`);
  }

  // A case teaches most in one or two places; a third lesson should find a fresh one.
  const caseUses = new Map<string, string[]>();
  for (const course of curriculum.courses.filter((c) => c.locale === defaultLocale)) {
    for (const lesson of course.lessons) {
      for (const [, title] of lesson.body.matchAll(/<CaseStudy\s[^>]*\btitle="([^"]*)"/g)) {
        const key = title!.toLowerCase().trim();
        caseUses.set(key, [...(caseUses.get(key) ?? []), lesson.file]);
      }
    }
  }
  for (const [title, files] of caseUses) {
    if (files.length > RULES.maxLessonsPerCase)
      problems.push(`case study "${title}" is used in ${files.length} lessons (at most ${RULES.maxLessonsPerCase}): ${files.join(', ')}`);
  }

  const knownPages = sitePaths(curriculum);
  for (const course of curriculum.courses) {
    for (const lesson of course.lessons) {
      for (const [, href] of lesson.body.matchAll(/\]\((\/[^)\s]*)\)/g)) {
        if (!knownPages.has(href!.replace(/#.*$/, ''))) problems.push(`${lesson.file}: link to ${href} goes to no page of the site`);
      }
    }
  }

  for (const course of curriculum.courses) {
    const canonical = curriculum.courses.find((c) => c.id === course.id && c.locale === defaultLocale);
    const terms = glossaryIds(course.locale);
    let words = 0;
    for (const lesson of course.lessons) {
      const translated = course.locale !== defaultLocale;
      words += checkLesson(lesson, terms, problems, translated);
      checkReview(lesson, problems, { translated, staleBefore, requireFacts });
      if (canonical && canonical !== course) compareWithCanonical(lesson, canonical, problems);
    }
    if (course.locale === defaultLocale) checkCourseCompleteness(course, problems);
    if (course.assessment) checkBank(course, canonical, problems);
    summary.push({
      course: course.id,
      locale: course.locale,
      lessons: course.lessons.length,
      words,
      quizQuestions: course.lessons.reduce((n, l) => n + l.data.quiz.length, 0),
      assessmentQuestions: course.assessment?.data.questions.length ?? 0,
      references: course.lessons.reduce((n, l) => n + l.data.references.length, 0),
    });
  }
  return { problems, summary };
}

/** The course and lesson pages the site builds, in every locale a course has (fallbacks included). */
function sitePaths(curriculum: Curriculum): Set<string> {
  const paths = new Set<string>();
  const locales = new Set(curriculum.courses.map((c) => c.locale));
  for (const course of curriculum.courses) {
    for (const locale of locales) {
      paths.add(`/${locale}/courses/${course.id}/`);
      for (const lesson of course.lessons) paths.add(`/${locale}/courses/${course.id}/${lesson.slug}/`);
    }
  }
  return paths;
}

function checkLesson(lesson: LoadedLesson, terms: Set<string>, problems: string[], translated: boolean): number {
  const { body, data, file } = lesson;
  const words = countWords(proseOnly(body));
  // Translations run longer than English (French by about a fifth), so they get that headroom.
  const max = translated ? Math.round(RULES.maxWords * RULES.translationSlack) : RULES.maxWords;
  if (words < RULES.minWords || words > max) problems.push(`${file}: ${words} words of body text, needs ${RULES.minWords}–${max}`);
  if (tagCount(body, 'CaseStudy') < 1) problems.push(`${file}: needs at least one <CaseStudy> from another domain`);
  if (tagCount(body, 'RegionalLens') !== 1) problems.push(`${file}: needs exactly one <RegionalLens> box`);
  for (const [, domain] of body.matchAll(/<CaseStudy\s[^>]*\bdomain="([^"]*)"/g)) {
    if (!(CASE_DOMAINS as readonly string[]).includes(domain!))
      problems.push(`${file}: <CaseStudy domain="${domain}"> is not one of ${CASE_DOMAINS.join(', ')}`);
  }
  for (const [, region] of body.matchAll(/<RegionalLens\s[^>]*\bregion="([^"]*)"/g)) {
    if (!(REGIONS as readonly string[]).includes(region!)) problems.push(`${file}: <RegionalLens region="${region}"> is not one of ${REGIONS.join(', ')}`);
  }
  if (/^\s*import\s/m.test(body)) problems.push(`${file}: no import lines; components are provided by the site`);
  for (const id of new Set([...attrIds(body, 'Term'), ...data.keyTerms])) {
    if (!terms.has(id)) problems.push(`${file}: glossary term "${id}" does not exist`);
  }
  const refs = new Set(data.references.map((r) => r.id));
  if (refs.size !== data.references.length) problems.push(`${file}: reference ids must be unique`);
  for (const id of attrIds(body, 'Cite')) if (!refs.has(id)) problems.push(`${file}: <Cite id="${id}"> names no reference`);
  for (const [, id] of body.matchAll(/<Figure\s[^>]*\bcite="([^"]*)"/g)) {
    if (!refs.has(id!)) problems.push(`${file}: <Figure cite="${id}"> names no reference`);
  }
  if (/<Figure[\s>]/.test(body) && [...body.matchAll(/<Figure(\s[^>]*)?>/g)].some((m) => !/\bcite="/.test(m[1] ?? ''))) {
    problems.push(`${file}: every <Figure> needs cite="<reference id>" for its data`);
  }
  const quizIds = data.quiz.map((q) => q.id);
  if (new Set(quizIds).size !== quizIds.length) problems.push(`${file}: quiz question ids must be unique`);
  if (data.quiz.length > 6) problems.push(`${file}: at most 6 quiz questions`);
  if (data.discussion.length > 3) problems.push(`${file}: at most 3 discussion prompts`);
  return words;
}

/** Review dates make staleness visible; facts files record which claim was checked against what. */
function checkReview(lesson: LoadedLesson, problems: string[], o: { translated: boolean; staleBefore: string; requireFacts: boolean }) {
  const { file, data, facts } = lesson;
  if (data.reviewed < o.staleBefore) {
    problems.push(`${file}: reviewed ${data.reviewed}, more than ${RULES.maxReviewAgeMonths} months ago: check it against its sources and update "reviewed"`);
  }
  if (o.translated) {
    if (facts) problems.push(`${facts.file}: facts files belong beside the default-locale lesson only`);
    return;
  }
  if (!facts) {
    if (o.requireFacts) problems.push(`${file}: no ${file.replace(/.*\//, '').replace(/\.mdx$/, '.facts.yaml')} beside it (its checked claims)`);
    return;
  }
  const refs = new Set(data.references.map((r) => r.id));
  const covered = new Set<string>();
  for (const fact of facts.data.facts) {
    if (!refs.has(fact.source)) problems.push(`${facts.file}: source "${fact.source}" is not a reference of the lesson`);
    covered.add(fact.source);
    if (fact.checked < o.staleBefore)
      problems.push(`${facts.file}: "${fact.claim.slice(0, 40)}…" checked ${fact.checked}, over ${RULES.maxReviewAgeMonths} months ago`);
  }
  for (const id of refs) if (!covered.has(id)) problems.push(`${facts.file}: reference "${id}" backs no checked claim`);
}

function checkCourseCompleteness(course: LoadedCourse, problems: string[]) {
  const where = `content/${course.id}/${course.locale}`;
  const n = course.lessons.length;
  if (n < RULES.minLessons || n > RULES.maxLessons) problems.push(`${where}: ${n} lessons, needs ${RULES.minLessons}–${RULES.maxLessons}`);
  const orders = course.lessons.map((l) => l.order);
  if (orders.some((o, i) => o !== i + 1)) problems.push(`${where}: lessons must be numbered 01, 02, … without gaps`);
  if (!course.capstone) problems.push(`${where}: capstone.mdx (capstone brief with rubric) missing`);
  const questions = course.assessment?.data.questions.length ?? 0;
  if (questions < RULES.minAssessmentQuestions)
    problems.push(`${where}: ${questions} final assessment questions, at least ${RULES.minAssessmentQuestions} needed`);
  if (course.id === 'crisis-response' && !course.tabletop) problems.push(`${where}: tabletop.yaml (the tabletop exercise) missing`);
  if (course.tabletop) for (const p of tabletopProblems(course.tabletop.data)) problems.push(`${course.tabletop.file}: ${p}`);
}

/**
 * A bank must let two attempts in a row ask different questions (at least twice an attempt's
 * size), name only lessons the course has, and, when translated, grade exactly as the canonical
 * bank does: same questions, lessons, options and keys, only the words differ.
 */
function checkBank(course: LoadedCourse, canonical: LoadedCourse | undefined, problems: string[]) {
  const { file, data } = course.assessment!;
  if (data.questions.length < 2 * data.attemptSize)
    problems.push(`${file}: ${data.questions.length} questions; an attempt asks ${data.attemptSize}, so the bank needs at least ${2 * data.attemptSize}`);
  const lessonCount = (canonical ?? course).lessons.length;
  for (const q of data.questions) {
    const beyond = q.lessons.filter((n) => n > lessonCount);
    if (beyond.length) problems.push(`${file}: question ${q.id} names lesson ${beyond.join(', ')}, but the course has ${lessonCount}`);
  }
  const original = canonical?.assessment;
  if (!canonical || canonical === course) return;
  if (!original) {
    problems.push(`${file}: ${canonical.locale} has no assessment.yaml to translate from`);
    return;
  }
  const grading = (bank: typeof data) =>
    JSON.stringify({
      passMark: bank.passMark,
      attemptSize: bank.attemptSize,
      questions: bank.questions.map((q) => {
        const choices = q.type === 'matching' ? [q.left.map((o) => o.id), q.right.map((o) => o.id)] : q.options.map((o) => o.id);
        return [q.id, q.type, q.lessons, choices, q.answer];
      }),
    });
  if (grading(data) !== grading(original.data)) problems.push(`${file}: questions, lessons, options and keys must match ${original.file}`);
}

/** A translation must keep the canonical quiz ids and correct options, or grading would differ. */
function compareWithCanonical(lesson: LoadedLesson, canonical: LoadedCourse, problems: string[]) {
  const original = canonical.lessons.find((l) => l.id === lesson.id);
  if (!original) {
    problems.push(`${lesson.file}: no lesson with this file name in ${canonical.locale}`);
    return;
  }
  const key = (l: LoadedLesson) => JSON.stringify(l.data.quiz.map((q) => [q.id, q.options.map((o) => [o.id, Boolean(o.correct)])]));
  if (key(lesson) !== key(original)) problems.push(`${lesson.file}: quiz ids and correct options must match ${original.file}`);
}
