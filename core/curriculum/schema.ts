import { z } from 'zod';

/**
 * Schemas for everything authored in content/. The site's content collections, the content
 * check and the manifest builder all use these, so a bad file fails the same way everywhere.
 * See docs/content-guide.md for the authoring guide.
 */

export const COURSE_IDS = [
  'foundations',
  'treaty-frameworks',
  'standards-harmonization',
  'information-sharing',
  'crisis-response',
  'capacity-building',
] as const;
export type CourseId = (typeof COURSE_IDS)[number];

export const REGIONS = ['africa', 'asia-pacific', 'south-central-asia', 'latin-america-caribbean', 'mena', 'small-island-states'] as const;
export const CASE_DOMAINS = ['nuclear', 'chemical', 'biological', 'climate', 'ozone', 'health', 'aviation', 'finance', 'maritime', 'telecom', 'other'] as const;

const shortId = z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'use lowercase letters, digits and hyphens');
/** A calendar date; YAML may hand us a Date object or a string. */
const isoDate = z.preprocess(
  (v) => (v instanceof Date ? v.toISOString().slice(0, 10) : v),
  z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'use an ISO date such as 2026-11-01'),
);
const text = z.string().trim().min(1, 'must not be empty');

export const courseFrontmatter = z.object({
  /** Course title as shown in the catalog. */
  title: text,
  /** Teaching order, 0 (foundations) to 5. */
  order: z.number().int().min(0).max(20),
  /** One or two sentences for the catalog. */
  summary: text,
  /** Who the course is for. */
  audience: text,
  /** What a learner can do afterwards. */
  outcomes: z.array(text).min(3, 'list at least 3 outcomes').max(8),
  /** Courses or knowledge recommended first (may be empty). */
  prerequisites: z.array(text).default([]),
  /** Estimated study hours. */
  hours: z.number().positive().max(100),
  /** When the content was last reviewed. */
  updated: isoDate,
});

export const reference = z.object({
  /** Cited in the body as <Cite id="…" />. */
  id: shortId,
  title: text,
  publisher: text,
  /** Year of publication or adoption: every reference needs one. */
  year: z.number({ message: 'every reference needs a year' }).int().min(1800).max(2100),
  url: z.url().optional(),
});

export const quizOption = z.object({
  id: shortId,
  text: text,
  correct: z.boolean().optional(),
  /** Why this option is right or wrong; every option needs it. */
  feedback: z.string({ message: 'every quiz option needs feedback' }).trim().min(1, 'every quiz option needs feedback'),
});

export const quizQuestion = z
  .object({
    id: shortId,
    prompt: text,
    options: z.array(quizOption).min(2).max(6),
  })
  .refine((q) => q.options.filter((o) => o.correct).length === 1, {
    message: 'a formative quiz question needs exactly one correct option',
    path: ['options'],
  })
  .refine((q) => new Set(q.options.map((o) => o.id)).size === q.options.length, {
    message: 'option ids must be unique',
    path: ['options'],
  });

export const lessonFrontmatter = z.object({
  title: text,
  summary: text,
  /** Estimated reading and quiz time in minutes. */
  minutes: z.number().int().positive().max(240),
  updated: isoDate,
  /** When the lesson was last checked against its sources; the content check fails it 12 months on. */
  reviewed: isoDate,
  objectives: z.array(text).min(2, 'a lesson needs learning objectives').max(8),
  /** Glossary ids this lesson relies on. */
  keyTerms: z.array(shortId).default([]),
  quiz: z.array(quizQuestion).min(4, 'a lesson needs a quiz of 4–6 questions').max(8),
  discussion: z.array(text).min(2, 'a lesson needs 2–3 discussion prompts').max(4),
  references: z.array(reference).min(1, 'a lesson needs references'),
});

/** One checked claim of a lesson, kept beside the English MDX in `NN-slug.facts.yaml`. */
export const checkedFact = z.object({
  /** The claim as the lesson makes it, in one sentence. */
  claim: text,
  /** Id of the lesson reference that supports it. */
  source: shortId,
  /** When a reviewer last checked the claim against that source. */
  checked: isoDate,
});
export const lessonFacts = z.object({
  facts: z.array(checkedFact).min(1, "list the lesson's checked claims"),
});
export type LessonFacts = z.output<typeof lessonFacts>;

export const rubricCriterion = z.object({
  criterion: text,
  weight: z.number().positive().max(100),
  excellent: text,
  adequate: text,
  insufficient: text,
});

export const capstoneFrontmatter = z.object({
  title: text,
  summary: text,
  deliverable: text,
  rubric: z
    .array(rubricCriterion)
    .min(3)
    .refine((r) => Math.round(r.reduce((sum, c) => sum + c.weight, 0)) === 100, 'rubric weights must add up to 100'),
});

const choice = z.object({ id: shortId, text: text });
/** The lessons (by their number, 01–06) a final-assessment question tests: feedback after a failed attempt names them. */
const testedLessons = z.array(z.number().int().min(1).max(12)).min(1).max(3);

const singleQuestion = z.object({
  id: shortId,
  type: z.literal('single'),
  lessons: testedLessons,
  prompt: text,
  explanation: text,
  options: z.array(choice).min(2),
  answer: shortId,
});
const multipleQuestion = z.object({
  id: shortId,
  type: z.literal('multiple'),
  lessons: testedLessons,
  prompt: text,
  explanation: text,
  options: z.array(choice).min(3),
  answer: z.array(shortId).min(1),
});
const orderingQuestion = z.object({
  id: shortId,
  type: z.literal('ordering'),
  lessons: testedLessons,
  prompt: text,
  explanation: text,
  options: z.array(choice).min(3),
  answer: z.array(shortId).min(3),
});
const matchingQuestion = z.object({
  id: shortId,
  type: z.literal('matching'),
  lessons: testedLessons,
  prompt: text,
  explanation: text,
  left: z.array(choice).min(2),
  right: z.array(choice).min(2),
  answer: z.record(z.string(), shortId),
});

export const assessmentQuestion = z.discriminatedUnion('type', [singleQuestion, multipleQuestion, orderingQuestion, matchingQuestion]).superRefine((q, ctx) => {
  const problem = answerKeyProblem(q);
  if (problem) ctx.addIssue({ code: 'custom', message: problem, path: ['answer'] });
});

export const assessmentBank = z.object({
  passMark: z.number().min(0.5).max(1),
  /** Questions one attempt asks, drawn from the bank; the content check wants a bank at least twice this size. */
  attemptSize: z.number().int().min(5).default(10),
  questions: z.array(assessmentQuestion).refine((qs) => new Set(qs.map((q) => q.id)).size === qs.length, 'question ids must be unique'),
});

export type AssessmentQuestion = z.output<typeof assessmentQuestion>;
export type AssessmentBank = z.output<typeof assessmentBank>;

/** An answer key must only name options the question has; ordering keys must use each once. */
function answerKeyProblem(q: z.output<typeof singleQuestion | typeof multipleQuestion | typeof orderingQuestion | typeof matchingQuestion>): string | null {
  if (q.type === 'matching') {
    const left = new Set(q.left.map((o) => o.id));
    const right = new Set(q.right.map((o) => o.id));
    const keys = Object.keys(q.answer);
    if (keys.length !== left.size || !keys.every((k) => left.has(k))) return 'matching answer must map every left id exactly once';
    if (!Object.values(q.answer).every((r) => right.has(r))) return 'matching answer names an unknown right id';
    return null;
  }
  const ids = new Set(q.options.map((o) => o.id));
  const named = typeof q.answer === 'string' ? [q.answer] : q.answer;
  if (!named.every((id) => ids.has(id))) return 'answer names an option the question does not have';
  if (q.type === 'ordering' && (named.length !== ids.size || new Set(named).size !== ids.size)) {
    return 'ordering answer must list every option exactly once';
  }
  return null;
}

export const glossaryTerm = z.object({
  id: shortId,
  term: text,
  definition: text,
  seeAlso: z.array(shortId).default([]),
});
export const glossaryFile = z.array(glossaryTerm);
export type GlossaryTerm = z.output<typeof glossaryTerm>;

const tabletopChoice = z.object({
  text: text,
  next: shortId,
  consequence: text,
  quality: z.enum(['good', 'mixed', 'poor']),
});
const tabletopNode = z.object({
  id: shortId,
  title: text,
  time: z.string().optional(),
  inject: z.string().optional(),
  choices: z.array(tabletopChoice).default([]),
  ending: z.boolean().default(false),
  debrief: z.string().optional(),
});
export const tabletopExercise = z.object({
  title: text,
  summary: text,
  role: text,
  start: shortId,
  nodes: z.array(tabletopNode).min(2),
});
export type TabletopExercise = z.output<typeof tabletopExercise>;
export type TabletopNode = z.output<typeof tabletopNode>;

export type CourseFrontmatter = z.output<typeof courseFrontmatter>;
export type LessonFrontmatter = z.output<typeof lessonFrontmatter>;
export type CapstoneFrontmatter = z.output<typeof capstoneFrontmatter>;
export type QuizQuestion = z.output<typeof quizQuestion>;
