import { z } from 'zod';
import { localeTag } from './locales.ts';

/** What a learner can do that the platform records. */
export const PROGRESS_EVENT_TYPES = ['lesson.completed', 'quiz.submitted'] as const;
export type ProgressEventType = (typeof PROGRESS_EVENT_TYPES)[number];

/** The browser sends at most this many events per sync request. */
export const MAX_EVENTS_PER_BATCH = 100;

/** A formative quiz counts as passed (and completes its lesson) at 70 % or better. */
export const QUIZ_PASS_RATIO = 0.7;
export const quizPassed = (score: number, maxScore: number) => maxScore > 0 && score >= Math.ceil(QUIZ_PASS_RATIO * maxScore);

/** Lesson ids are `course/lesson` (the lesson file name without its number). */
export const LESSON_ID_PATTERN = /^[a-z0-9-]+\/[a-z0-9-]+$/;

/**
 * One thing a learner did, as the browser records it (IndexedDB outbox) and the API ingests it.
 * The id is made by the browser, so sending the same event twice stores it once.
 */
export const progressEventSchema = z.object({
  id: z.uuid({ message: 'Event ids are UUIDs made by the client.' }),
  type: z.enum(PROGRESS_EVENT_TYPES),
  lessonId: z.string().regex(LESSON_ID_PATTERN, 'Lesson ids look like course/lesson.').max(120),
  locale: localeTag,
  occurredAt: z.iso.datetime({ offset: true }),
  /** quiz.submitted: question id -> chosen option id. */
  answers: z.record(z.string().max(40), z.string().max(40)).optional(),
});
export type ProgressEvent = z.output<typeof progressEventSchema>;

export const progressBatchSchema = z.object({
  events: z.array(progressEventSchema).min(1).max(MAX_EVENTS_PER_BATCH, `Send at most ${MAX_EVENTS_PER_BATCH} events at a time.`),
});

/** A lesson's state for one learner, as the API reports it. */
export const lessonStateSchema = z.object({
  lessonId: z.string(),
  courseId: z.string(),
  completed: z.boolean(),
  completedAt: z.string().nullable(),
  bestScore: z.number().nullable(),
  maxScore: z.number().nullable(),
  quizAttempts: z.number(),
});
export type LessonState = z.output<typeof lessonStateSchema>;
