import { createRoute, z } from '@hono/zod-openapi';
import { and, eq, inArray, sql } from 'drizzle-orm';
import { lessonProgress, progressEvents } from '../../db/schema.ts';
import { ApiError } from '../../errors.ts';
import { requireUser } from '../../auth/guards.ts';
import { prepareEvents } from '../../progress/prepare.ts';
import { errors, jsonBody, jsonContent, newRouter } from '../openapi.ts';

const MAX_BATCH = 100;

const ClientEvent = z
  .object({
    id: z.uuid({ message: 'Event ids are UUIDs made by the client.' }),
    type: z.enum(['lesson.completed', 'quiz.submitted']),
    lessonId: z.string().regex(/^[a-z0-9-]+\/[a-z0-9-]+$/, 'Lesson ids look like course/lesson.').max(120),
    locale: z.string().regex(/^[a-z]{2,3}(-[A-Z]{2})?$/),
    occurredAt: z.iso.datetime({ offset: true }),
    answers: z.record(z.string().max(40), z.string().max(40)).optional(),
  })
  .openapi('ProgressEvent');

const EventBatch = z
  .object({ events: z.array(ClientEvent).min(1).max(MAX_BATCH, `Send at most ${MAX_BATCH} events at a time.`) })
  .openapi('ProgressEventBatch');

const LessonState = z
  .object({
    lessonId: z.string(),
    courseId: z.string(),
    completed: z.boolean(),
    completedAt: z.string().nullable(),
    bestScore: z.number().nullable(),
    maxScore: z.number().nullable(),
    quizAttempts: z.number(),
  })
  .openapi('LessonProgress');

const IngestResult = z.object({
  results: z.array(z.object({ id: z.string(), status: z.enum(['stored', 'duplicate']) })),
  lessons: z.array(LessonState),
});

const ingest = createRoute({
  method: 'post', path: '/progress/events', tags: ['progress'],
  summary: 'Store a batch of progress events idempotently (same id twice = one event)',
  request: { body: jsonBody(EventBatch) },
  responses: { 200: jsonContent(IngestResult, 'Stored; duplicates are reported, not stored twice'), ...errors(400, 401, 403, 409, 413, 422) },
});

const mine = createRoute({
  method: 'get', path: '/progress', tags: ['progress'],
  responses: { 200: jsonContent(z.object({ lessons: z.array(LessonState) }), "The signed-in learner's progress"), ...errors(401) },
});

type LessonRow = typeof lessonProgress.$inferSelect;
const toState = (r: LessonRow) => ({
  lessonId: r.lessonId, courseId: r.courseId, completed: r.completedAt !== null, completedAt: r.completedAt,
  bestScore: r.bestScore, maxScore: r.maxScore, quizAttempts: r.quizAttempts,
});

export const progressRoutes = newRouter()
  .openapi(ingest, async (c) => {
    const user = requireUser(c);
    const { db, curriculum, clock } = c.var.deps;
    const { events } = c.req.valid('json');
    const now = clock();

    const prepared = prepareEvents(events, curriculum, user.id, now);
    if (!prepared.ok) {
      throw new ApiError(422, 'unknown_lesson', 'Some events refer to lessons that do not exist or lack quiz answers. Nothing was stored.', {
        unknownLessons: prepared.unknown,
        missingAnswers: prepared.missingAnswers,
      });
    }
    const ids = [...new Set(prepared.events.map((e) => e.id))];
    const existing = await db.select({ id: progressEvents.id, userId: progressEvents.userId }).from(progressEvents).where(inArray(progressEvents.id, ids));
    if (existing.some((e) => e.userId !== user.id)) {
      throw new ApiError(409, 'conflict', 'An event id is already in use. Generate new ids with crypto.randomUUID(). Nothing was stored.');
    }
    const known = new Set(existing.map((e) => e.id));
    const fresh = prepared.events.filter((e, i, all) => !known.has(e.id) && all.findIndex((o) => o.id === e.id) === i);
    const lessonIds = [...new Set(prepared.events.map((e) => e.lessonId))];

    // One atomic batch: the events, then each touched lesson recomputed from the whole event log,
    // so a retry or an out-of-order sync can only add, never lose, progress.
    const recompute = lessonIds.map(
      (lessonId) => db.run(sql`
        INSERT INTO lesson_progress (user_id, lesson_id, course_id, completed_at, best_score, max_score, quiz_attempts, updated_at)
        SELECT user_id, lesson_id, course_id,
               MIN(CASE WHEN type = 'lesson.completed' OR passed = 1 THEN occurred_at END),
               MAX(score), MAX(max_score), SUM(CASE WHEN type = 'quiz.submitted' THEN 1 ELSE 0 END), ${now.toISOString()}
        FROM progress_events WHERE user_id = ${user.id} AND lesson_id = ${lessonId}
        GROUP BY user_id, lesson_id, course_id
        ON CONFLICT (user_id, lesson_id) DO UPDATE SET
          completed_at = excluded.completed_at, best_score = excluded.best_score, max_score = excluded.max_score,
          quiz_attempts = excluded.quiz_attempts, updated_at = excluded.updated_at`),
    );
    const readBack = db.select().from(lessonProgress).where(and(eq(lessonProgress.userId, user.id), inArray(lessonProgress.lessonId, lessonIds)));
    // Reading the result back rides in the same batch: one round trip to the database, not two.
    const rows = fresh.length > 0
      ? (await db.batch([db.insert(progressEvents).values(fresh).onConflictDoNothing(), ...recompute, readBack])).at(-1) as LessonRow[]
      : await readBack;
    const unseen = new Set(fresh.map((e) => e.id));
    return c.json({
      // Only the first occurrence of a new id counts as stored; everything else was already there.
      results: events.map((e) => ({ id: e.id, status: unseen.delete(e.id) ? ('stored' as const) : ('duplicate' as const) })),
      lessons: rows.map(toState),
    }, 200);
  })
  .openapi(mine, async (c) => {
    const user = requireUser(c);
    const rows = await c.var.deps.db.select().from(lessonProgress).where(eq(lessonProgress.userId, user.id));
    return c.json({ lessons: rows.map(toState) }, 200);
  });
