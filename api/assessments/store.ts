import { and, desc, eq, gte, max, sql } from 'drizzle-orm';
import type { Database } from '../db/client.ts';
import { assessmentAttempts } from './tables.ts';

/** All of the final assessment's SQL. */

export type NewAttempt = typeof assessmentAttempts.$inferInsert & { createdAt: string };

export async function attemptsSince(db: Database, userId: string, courseId: string, since: string): Promise<number> {
  const rows = await db
    .select({ n: sql<number>`count(*)` })
    .from(assessmentAttempts)
    .where(and(eq(assessmentAttempts.userId, userId), eq(assessmentAttempts.courseId, courseId), gte(assessmentAttempts.createdAt, since)));
  return Number(rows[0]?.n ?? 0);
}

/** The number the learner's next attempt at the course will have: 1 for the first. */
export async function nextOrdinal(db: Database, userId: string, courseId: string): Promise<number> {
  const rows = await db
    .select({ last: max(assessmentAttempts.ordinal) })
    .from(assessmentAttempts)
    .where(and(eq(assessmentAttempts.userId, userId), eq(assessmentAttempts.courseId, courseId)));
  return Number(rows[0]?.last ?? 0) + 1;
}

/**
 * Records the attempt only if fewer than `limit` attempts were made since `since` and no attempt
 * with its ordinal exists: the count, the unique (learner, course, ordinal) index and the insert
 * are one statement, so of two submissions racing for one attempt, or at the limit, one wins
 * (SQLite and sqld run each statement atomically, writers one at a time).
 */
export async function recordAttemptWithinLimit(db: Database, attempt: NewAttempt, limit: number, since: string): Promise<'recorded' | 'limit' | 'taken'> {
  const result = await db.run(sql`
    INSERT OR IGNORE INTO assessment_attempts (id, user_id, course_id, locale, score, max_score, passed, ordinal, asked, answers, created_at)
    SELECT ${attempt.id}, ${attempt.userId}, ${attempt.courseId}, ${attempt.locale}, ${attempt.score}, ${attempt.maxScore},
           ${attempt.passed ? 1 : 0}, ${attempt.ordinal}, ${attempt.asked ?? null}, ${attempt.answers}, ${attempt.createdAt}
    WHERE (SELECT count(*) FROM assessment_attempts
           WHERE user_id = ${attempt.userId} AND course_id = ${attempt.courseId} AND created_at >= ${since}) < ${limit}`);
  if (result.rowsAffected === 1) return 'recorded';
  const taken = await db
    .select({ id: assessmentAttempts.id })
    .from(assessmentAttempts)
    .where(
      and(eq(assessmentAttempts.userId, attempt.userId), eq(assessmentAttempts.courseId, attempt.courseId), eq(assessmentAttempts.ordinal, attempt.ordinal!)),
    );
  return taken.length ? 'taken' : 'limit';
}

export async function attemptHistory(db: Database, userId: string, courseId: string) {
  return db
    .select({
      id: assessmentAttempts.id,
      attempt: assessmentAttempts.ordinal,
      score: assessmentAttempts.score,
      maxScore: assessmentAttempts.maxScore,
      passed: assessmentAttempts.passed,
      createdAt: assessmentAttempts.createdAt,
    })
    .from(assessmentAttempts)
    .where(and(eq(assessmentAttempts.userId, userId), eq(assessmentAttempts.courseId, courseId)))
    .orderBy(desc(assessmentAttempts.createdAt));
}
