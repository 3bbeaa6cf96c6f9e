import { sql } from 'drizzle-orm';
import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';

// Times are ISO 8601 UTC strings everywhere (storage and JSON); see docs/decisions/003.
const createdAt = () => text('created_at').notNull().default(sql`(strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))`);

export const ROLES = ['learner', 'mentor', 'manager', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export const users = sqliteTable(
  'users',
  {
    id: text('id').primaryKey(),
    /** Stored lower-cased; unique. */
    email: text('email').notNull(),
    name: text('name').notNull(),
    passwordHash: text('password_hash').notNull(),
    role: text('role', { enum: ROLES }).notNull().default('learner'),
    /** Preferred UI and content language (BCP 47 code of a site locale). */
    locale: text('locale').notNull().default('en'),
    /** ISO 3166-1 alpha-2, optional. */
    country: text('country'),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('users_email_unique').on(t.email)],
);

/** Lucia-style sessions: the cookie holds `id.secret`; only SHA-256(secret) is stored. */
export const sessions = sqliteTable(
  'sessions',
  {
    id: text('id').primaryKey(),
    secretHash: text('secret_hash').notNull(),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    createdAt: createdAt(),
    expiresAt: text('expires_at').notNull(),
  },
  (t) => [index('sessions_user_idx').on(t.userId)],
);

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
    type: text('type', { enum: ['lesson.completed', 'quiz.submitted'] }).notNull(),
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

/** Who did what to whom, for admin review. */
export const auditLog = sqliteTable('audit_log', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  actorId: text('actor_id'),
  action: text('action').notNull(),
  target: text('target'),
  data: text('data'),
  at: createdAt(),
});

export type User = typeof users.$inferSelect;

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
