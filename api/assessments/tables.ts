import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
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
    answers: text('answers').notNull(),
    createdAt: text('created_at').notNull(),
  },
  (t) => [index('assessment_attempts_user_idx').on(t.userId, t.courseId)],
);
