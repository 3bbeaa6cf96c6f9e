import { and, eq, inArray, sql } from 'drizzle-orm';
import type { LessonState } from '#core/progress.ts';
import type { Database } from '../db/client.ts';
import type { PreparedEvent } from './rules.ts';
import { lessonProgress, progressEvents } from './tables.ts';

/** All of progress's SQL. The event log is append-only; lesson_progress is derived from it. */

type LessonRow = typeof lessonProgress.$inferSelect;
const toState = (r: LessonRow): LessonState => ({
  lessonId: r.lessonId,
  courseId: r.courseId,
  completed: r.completedAt !== null,
  completedAt: r.completedAt,
  bestScore: r.bestScore,
  maxScore: r.maxScore,
  quizAttempts: r.quizAttempts,
});

/** How many events the learner's devices have sent that were stored since `since`. */
export async function eventsReceivedSince(db: Database, userId: string, since: Date): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)` })
    .from(progressEvents)
    .where(and(eq(progressEvents.userId, userId), sql`${progressEvents.receivedAt} > ${since.toISOString()}`));
  return Number(row?.n ?? 0);
}

/** Who already owns each of these event ids. */
export async function ownersOf(db: Database, ids: string[]) {
  return db.select({ id: progressEvents.id, userId: progressEvents.userId }).from(progressEvents).where(inArray(progressEvents.id, ids));
}

/**
 * One atomic batch: the new events, then each touched lesson recomputed from the learner's whole
 * event log (so a retry or an out-of-order sync can only add, never lose, progress), then the
 * result read back in the same round trip (it matters on sqld/Turso).
 */
export async function appendAndRecompute(db: Database, userId: string, fresh: PreparedEvent[], lessonIds: string[], now: Date): Promise<LessonState[]> {
  const recompute = lessonIds.map((lessonId) =>
    db.run(sql`
      INSERT INTO lesson_progress (user_id, lesson_id, course_id, completed_at, best_score, max_score, quiz_attempts, updated_at)
      SELECT user_id, lesson_id, course_id,
             MIN(CASE WHEN type = 'lesson.completed' OR passed = 1 THEN occurred_at END),
             MAX(score), MAX(max_score), SUM(CASE WHEN type = 'quiz.submitted' THEN 1 ELSE 0 END), ${now.toISOString()}
      FROM progress_events WHERE user_id = ${userId} AND lesson_id = ${lessonId}
      GROUP BY user_id, lesson_id, course_id
      ON CONFLICT (user_id, lesson_id) DO UPDATE SET
        completed_at = excluded.completed_at, best_score = excluded.best_score, max_score = excluded.max_score,
        quiz_attempts = excluded.quiz_attempts, updated_at = excluded.updated_at`),
  );
  const readBack = db
    .select()
    .from(lessonProgress)
    .where(and(eq(lessonProgress.userId, userId), inArray(lessonProgress.lessonId, lessonIds)));
  const rows =
    fresh.length > 0
      ? ((await db.batch([db.insert(progressEvents).values(fresh).onConflictDoNothing(), ...recompute, readBack])).at(-1) as LessonRow[])
      : await readBack;
  return rows.map(toState);
}

export async function lessonStates(db: Database, userId: string): Promise<LessonState[]> {
  const rows = await db.select().from(lessonProgress).where(eq(lessonProgress.userId, userId));
  return rows.map(toState);
}
