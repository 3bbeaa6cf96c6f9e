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
 * The id is made by the browser, so sending the same event twice stores it once. The zod schema
 * that checks it is in progress-schema.ts (kept apart so the browser does not ship zod).
 */
export interface ProgressEvent {
  id: string;
  type: ProgressEventType;
  /** `course/lesson` */
  lessonId: string;
  locale: string;
  /** ISO 8601 with offset. */
  occurredAt: string;
  /** quiz.submitted: question id -> chosen option id. */
  answers?: Record<string, string> | undefined;
}

/** A lesson's state for one learner, as the API reports it. */
export interface LessonState {
  lessonId: string;
  courseId: string;
  completed: boolean;
  completedAt: string | null;
  bestScore: number | null;
  maxScore: number | null;
  quizAttempts: number;
}
