import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { users } from '../auth/tables.ts';

/** Final assessment attempts, graded by the server from the manifest's bank. */
export const assessmentAttempts = sqliteTable(
  'assessment_attempts',
  {
    id: text('id').primaryKey(),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    courseId: text('course_id').notNull(),
    locale: text('locale').notNull(),
    score: integer('score').notNull(),
    maxScore: integer('max_score').notNull(),
    passed: integer('passed', { mode: 'boolean' }).notNull(),
    /** 1 for a learner's first attempt at the course, 2 for the next…: with the learner, it fixes the draw. */
    ordinal: integer('ordinal').notNull().default(0),
    /** The question ids this attempt asked, as JSON; null for attempts from before draws (they asked the whole bank). */
    asked: text('asked'),
    answers: text('answers').notNull(),
    createdAt: text('created_at').notNull(),
  },
  (t) => [index('assessment_attempts_user_idx').on(t.userId, t.courseId), uniqueIndex('assessment_attempts_ordinal_idx').on(t.userId, t.courseId, t.ordinal)],
);
