import { z } from '@hono/zod-openapi';
import { lessonStateSchema, progressBatchSchema } from '#core/progress-schema.ts';
import { ApiError } from '../errors.ts';
import { currentUser } from '../auth/current-user.ts';
import { defineRoute, errors, jsonBody, jsonContent, newRouter } from '../http/router.ts';
import { freshEvents, MAX_EVENTS_PER_DAY, prepareEvents } from './rules.ts';
import { appendAndRecompute, eventsReceivedSince, lessonStates, ownersOf } from './store.ts';
import { accountCreatedAt } from '../auth/users.ts';
import { awardAfter } from '../certification/issuing.ts';

const DAY_MS = 24 * 3600_000;

// Core schemas are plain zod; re-wrapping their shapes names them in the OpenAPI document.
const EventBatch = z.object(progressBatchSchema.shape).openapi('ProgressEventBatch');
const LessonState = z.object(lessonStateSchema.shape).openapi('LessonProgress');
const IngestResult = z.object({
  results: z.array(z.object({ id: z.string(), status: z.enum(['stored', 'duplicate']) })),
  lessons: z.array(LessonState),
});

const ingest = defineRoute({
  method: 'post',
  path: '/progress/events',
  tags: ['progress'],
  access: 'signed-in',
  summary: 'Store a batch of progress events idempotently (same id twice = one event)',
  request: { body: jsonBody(EventBatch) },
  responses: { 200: jsonContent(IngestResult, 'Stored; duplicates are reported, not stored twice'), ...errors(400, 401, 403, 409, 413, 415, 422, 429) },
});

const mine = defineRoute({
  method: 'get',
  path: '/progress',
  tags: ['progress'],
  access: 'signed-in',
  responses: { 200: jsonContent(z.object({ lessons: z.array(LessonState) }), "The signed-in learner's progress"), ...errors(401) },
});

export const progressRoutes = newRouter()
  .openapi(ingest, async (c) => {
    const user = currentUser(c);
    const { db, curriculum, clock } = c.var.deps;
    const { events } = c.req.valid('json');
    const now = clock();

    const prepared = prepareEvents(events, curriculum, user.id, now, await accountCreatedAt(db, user.id));
    if (!prepared.ok) {
      throw new ApiError(422, 'unknown_lesson', 'Some events refer to lessons that do not exist or lack quiz answers. Nothing was stored.', {
        unknownLessons: prepared.unknown,
        missingAnswers: prepared.missingAnswers,
      });
    }
    const owners = await ownersOf(db, [...new Set(prepared.events.map((e) => e.id))]);
    if (owners.some((e) => e.userId !== user.id)) {
      throw new ApiError(409, 'conflict', 'An event id is already in use. Generate new ids with crypto.randomUUID(). Nothing was stored.');
    }
    const fresh = freshEvents(prepared.events, new Set(owners.map((e) => e.id)));
    if (fresh.length > 0 && (await eventsReceivedSince(db, user.id, new Date(now.getTime() - DAY_MS))) + fresh.length > MAX_EVENTS_PER_DAY) {
      throw new ApiError(
        429,
        'rate_limited',
        `More than ${MAX_EVENTS_PER_DAY} new progress events in a day. Nothing was stored this time; your progress stays saved on this device and is sent later.`,
        { limit: MAX_EVENTS_PER_DAY, windowHours: 24 },
      );
    }
    const lessons = await appendAndRecompute(db, user.id, fresh, [...new Set(prepared.events.map((e) => e.lessonId))], now);
    // A completed lesson may complete its course.
    for (const courseId of new Set(fresh.filter((e) => e.type === 'lesson.completed').map((e) => curriculum.lesson(e.lessonId)?.courseId))) {
      if (courseId) await awardAfter(c.var.deps, [user.id], courseId);
    }
    const unseen = new Set(fresh.map((e) => e.id));
    return c.json(
      {
        // Only the first occurrence of a new id counts as stored; everything else was already there.
        results: events.map((e) => ({ id: e.id, status: unseen.delete(e.id) ? ('stored' as const) : ('duplicate' as const) })),
        lessons,
      },
      200,
    );
  })
  .openapi(mine, async (c) => c.json({ lessons: await lessonStates(c.var.deps.db, currentUser(c).id) }, 200));
