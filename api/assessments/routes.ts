import { z } from '@hono/zod-openapi';
import { localeTag } from '#core/locales.ts';
import { ApiError, notFound } from '../errors.ts';
import { currentUser } from '../auth/current-user.ts';
import type { AppContext } from '../context.ts';
import { defineRoute, errors, jsonBody, jsonContent, newRouter } from '../http/router.ts';
import { drawQuestions, gradeAttempt, publicQuestions } from './grading.ts';
import { attemptHistory, attemptsSince, nextOrdinal, recordAttemptWithinLimit } from './store.ts';
import { awardAfter } from '../certification/issuing.ts';

/** Attempts allowed per course in any 24 hours: enough to learn from feedback, too few to brute-force. */
export const ATTEMPTS_PER_DAY = 3;
const DAY_MS = 86_400_000;

const Params = z.object({
  courseId: z
    .string()
    .regex(/^[a-z0-9-]+$/)
    .openapi({ param: { name: 'courseId', in: 'path' } }),
});
const Query = z.object({ locale: localeTag.optional() });
const Answer = z.union([z.string().max(40), z.array(z.string().max(40)).max(20), z.record(z.string().max(40), z.string().max(40))]);
const Submission = z
  .object({
    locale: localeTag.optional(),
    attempt: z.number().int().min(1).max(100_000).openapi({ description: 'The attempt number the questions were drawn for (from GET …/assessment)' }),
    answers: z.record(z.string().max(40), Answer),
  })
  .openapi('AssessmentSubmission');

const Attempt = z
  .object({ id: z.string(), attempt: z.number(), score: z.number(), maxScore: z.number(), passed: z.boolean(), createdAt: z.string() })
  .openapi('AssessmentAttempt');
const Topic = z.object({ lesson: z.number().openapi({ description: "The lesson's number in the course" }), asked: z.number(), correct: z.number() });

const getBank = defineRoute({
  method: 'get',
  path: '/courses/{courseId}/assessment',
  tags: ['assessments'],
  access: 'signed-in',
  summary: "The questions of the learner's next attempt, drawn from the bank, without answer keys",
  request: { params: Params, query: Query },
  responses: {
    200: jsonContent(
      z.object({
        courseId: z.string(),
        locale: z.string(),
        passMark: z.number(),
        attempt: z.number().openapi({ description: 'The number of the attempt these questions are drawn for; submit it with the answers' }),
        attemptsPerDay: z.number(),
        attemptsLeft: z.number(),
        passedBefore: z.boolean(),
        questions: z.array(z.unknown()),
      }),
      'Questions',
    ),
    ...errors(401, 404),
  },
});
const submit = defineRoute({
  method: 'post',
  path: '/courses/{courseId}/assessment/attempts',
  tags: ['assessments'],
  access: 'signed-in',
  summary: 'Submit answers; graded on the server',
  request: { params: Params, body: jsonBody(Submission) },
  responses: {
    201: jsonContent(
      Attempt.extend({
        passMark: z.number(),
        attemptsLeft: z.number(),
        topics: z.array(Topic).openapi({ description: 'Right answers per lesson tested: what to revisit' }),
        review: z
          .array(z.object({ id: z.string(), lessons: z.array(z.number()), correct: z.boolean(), explanation: z.string() }))
          .nullable()
          .openapi({
            description: 'Each question with its explanation, once the learner has passed; null after a failed attempt, which would give the key away',
          }),
      }),
      'Graded attempt',
    ),
    ...errors(400, 401, 403, 404, 409, 415, 429),
  },
});
const history = defineRoute({
  method: 'get',
  path: '/courses/{courseId}/assessment/attempts',
  tags: ['assessments'],
  access: 'signed-in',
  request: { params: Params },
  responses: { 200: jsonContent(z.object({ attempts: z.array(Attempt) }), "The learner's attempts, newest first"), ...errors(401, 404) },
});

/** The bank in the asked locale, or the default locale's when that one is not translated. */
function bankFor(c: AppContext, courseId: string, asked: string | undefined) {
  const { manifest } = c.var.deps.curriculum;
  const banks = manifest.assessments[courseId];
  const locale = asked && banks?.[asked] ? asked : manifest.defaultLocale;
  const bank = banks?.[locale];
  if (!bank) throw notFound('course assessment');
  return { bank, locale };
}

const windowStart = (c: AppContext) => new Date(c.var.deps.clock().getTime() - DAY_MS).toISOString();

/** The draw is the learner's own: the same attempt number always asks them the same questions. */
const drawSeed = (userId: string, courseId: string) => `${userId}:${courseId}`;

export const assessmentRoutes = newRouter()
  .openapi(getBank, async (c) => {
    const user = currentUser(c);
    const { db } = c.var.deps;
    const { courseId } = c.req.valid('param');
    const { bank, locale } = bankFor(c, courseId, c.req.valid('query').locale);
    const [used, attempt, past] = await Promise.all([
      attemptsSince(db, user.id, courseId, windowStart(c)),
      nextOrdinal(db, user.id, courseId),
      attemptHistory(db, user.id, courseId),
    ]);
    const seed = drawSeed(user.id, courseId);
    return c.json(
      {
        courseId,
        locale,
        passMark: bank.passMark,
        attempt,
        attemptsPerDay: ATTEMPTS_PER_DAY,
        attemptsLeft: Math.max(0, ATTEMPTS_PER_DAY - used),
        passedBefore: past.some((a) => a.passed),
        questions: publicQuestions(drawQuestions(bank, seed, attempt), `${seed}:${attempt}`),
      },
      200,
    );
  })
  .openapi(submit, async (c) => {
    const user = currentUser(c);
    const { db, clock } = c.var.deps;
    const { courseId } = c.req.valid('param');
    const body = c.req.valid('json');
    const { bank, locale } = bankFor(c, courseId, body.locale);
    const next = await nextOrdinal(db, user.id, courseId);
    if (body.attempt !== next) throw staleAttempt(next);
    const asked = drawQuestions(bank, drawSeed(user.id, courseId), body.attempt);
    const unknown = Object.keys(body.answers).filter((id) => !asked.some((q) => q.id === id));
    if (unknown.length) throw new ApiError(400, 'invalid_request', 'Some answers name questions this attempt did not ask.', { unknownQuestions: unknown });
    const graded = gradeAttempt(bank, asked, body.answers);
    const since = windowStart(c);
    const attempt = {
      id: crypto.randomUUID(),
      userId: user.id,
      courseId,
      locale,
      score: graded.score,
      maxScore: graded.maxScore,
      passed: graded.passed,
      ordinal: body.attempt,
      asked: JSON.stringify(asked.map((q) => q.id)),
      answers: JSON.stringify(body.answers),
      createdAt: clock().toISOString(),
    };
    const outcome = await recordAttemptWithinLimit(db, attempt, ATTEMPTS_PER_DAY, since);
    if (outcome === 'taken') throw staleAttempt(next + 1);
    if (outcome === 'limit') {
      throw new ApiError(429, 'rate_limited', `You can take this assessment ${ATTEMPTS_PER_DAY} times in 24 hours. Review the lessons and try again tomorrow.`);
    }
    if (attempt.passed) await awardAfter(c.var.deps, [user.id], courseId);
    const used = await attemptsSince(db, user.id, courseId, since);
    return c.json(
      {
        id: attempt.id,
        attempt: attempt.ordinal,
        score: attempt.score,
        maxScore: attempt.maxScore,
        passed: attempt.passed,
        createdAt: attempt.createdAt,
        passMark: bank.passMark,
        attemptsLeft: Math.max(0, ATTEMPTS_PER_DAY - used),
        topics: graded.topics,
        review: graded.passed ? graded.results : null,
      },
      201,
    );
  })
  .openapi(history, async (c) => {
    const { courseId } = c.req.valid('param');
    bankFor(c, courseId, undefined);
    return c.json({ attempts: await attemptHistory(c.var.deps.db, currentUser(c).id, courseId) }, 200);
  });

/** The answers were for an attempt already submitted (another tab, a double click) or not yet drawn. */
const staleAttempt = (next: number) =>
  new ApiError(409, 'conflict', 'These answers are for an attempt that was already submitted. Reload the page for your next questions; nothing was recorded.', {
    nextAttempt: next,
  });
