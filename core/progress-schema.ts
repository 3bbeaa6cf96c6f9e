import { z } from 'zod';
import { localeTag } from './locales.ts';
import { LESSON_ID_PATTERN, MAX_EVENTS_PER_BATCH, PROGRESS_EVENT_TYPES, type LessonState, type ProgressEvent } from './progress.ts';

/** The checks for a ProgressEvent (see progress.ts), used by the API. */
export const progressEventSchema = z.object({
  id: z.uuid({ message: 'Event ids are UUIDs made by the client.' }),
  type: z.enum(PROGRESS_EVENT_TYPES),
  lessonId: z.string().regex(LESSON_ID_PATTERN, 'Lesson ids look like course/lesson.').max(120),
  locale: localeTag,
  occurredAt: z.iso.datetime({ offset: true }),
  /** quiz.submitted: question id -> chosen option id. */
  answers: z.record(z.string().max(40), z.string().max(40)).optional(),
}) satisfies z.ZodType<ProgressEvent>;

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
}) satisfies z.ZodType<LessonState>;
