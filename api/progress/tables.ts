import { index, integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { PROGRESS_EVENT_TYPES } from '#core/progress.ts';
import { users } from '../auth/tables.ts';

/**
 * Append-only record of what a learner did, keyed by the id the browser made, so a retried
 * sync never creates a duplicate. Never updated or deleted by the app.
 */
export const progressEvents = sqliteTable(
  'progress_events',
  {
    id: text('id').primaryKey(),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    type: text('type', { enum: PROGRESS_EVENT_TYPES }).notNull(),
    courseId: text('course_id').notNull(),
    lessonId: text('lesson_id').notNull(),
    locale: text('locale').notNull(),
    /** Quiz events: points scored and available, graded by the server from the manifest. */
    score: integer('score'),
    maxScore: integer('max_score'),
    /** Quiz events: whether the score reached the pass mark (set by the server). */
    passed: integer('passed', { mode: 'boolean' }).notNull().default(false),
    /** The learner's answers for quiz events, as JSON. */
    payload: text('payload'),
    occurredAt: text('occurred_at').notNull(),
    receivedAt: text('received_at').notNull(),
  },
  (t) => [index('progress_events_user_idx').on(t.userId, t.lessonId)],
);

/** Materialised per-lesson state, recomputed from progress_events; merges never lose ground. */
export const lessonProgress = sqliteTable(
  'lesson_progress',
  {
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    lessonId: text('lesson_id').notNull(),
    courseId: text('course_id').notNull(),
    completedAt: text('completed_at'),
    bestScore: integer('best_score'),
    maxScore: integer('max_score'),
    quizAttempts: integer('quiz_attempts').notNull().default(0),
    updatedAt: text('updated_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.lessonId] }), index('lesson_progress_course_idx').on(t.userId, t.courseId)],
);
