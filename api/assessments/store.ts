import { and, desc, eq, gte, sql } from 'drizzle-orm';
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

/**
 * Records the attempt only if fewer than `limit` attempts were made since `since`: the count and
 * the insert are one statement, so two submissions racing at the limit cannot both be accepted
 * (SQLite and sqld run each statement atomically, writers one at a time). False when refused.
 */
export async function recordAttemptWithinLimit(db: Database, attempt: NewAttempt, limit: number, since: string): Promise<boolean> {
  const result = await db.run(sql`
    INSERT INTO assessment_attempts (id, user_id, course_id, locale, score, max_score, passed, answers, created_at)
    SELECT ${attempt.id}, ${attempt.userId}, ${attempt.courseId}, ${attempt.locale}, ${attempt.score}, ${attempt.maxScore},
           ${attempt.passed ? 1 : 0}, ${attempt.answers}, ${attempt.createdAt}
    WHERE (SELECT count(*) FROM assessment_attempts
           WHERE user_id = ${attempt.userId} AND course_id = ${attempt.courseId} AND created_at >= ${since}) < ${limit}`);
  return result.rowsAffected === 1;
}

export async function attemptHistory(db: Database, userId: string, courseId: string) {
  return db
    .select({
      id: assessmentAttempts.id,
      score: assessmentAttempts.score,
      maxScore: assessmentAttempts.maxScore,
      passed: assessmentAttempts.passed,
      createdAt: assessmentAttempts.createdAt,
    })
    .from(assessmentAttempts)
    .where(and(eq(assessmentAttempts.userId, userId), eq(assessmentAttempts.courseId, courseId)))
    .orderBy(desc(assessmentAttempts.createdAt));
}
