import { z } from '@hono/zod-openapi';
import { localeTag } from '#core/locales.ts';
import { ApiError, notFound } from '../errors.ts';
import { currentUser } from '../auth/current-user.ts';
import type { AppContext } from '../context.ts';
import { defineRoute, errors, jsonBody, jsonContent, newRouter } from '../http/router.ts';
import { gradeAssessment, publicQuestions } from './grading.ts';
import { attemptHistory, attemptsSince, recordAttemptWithinLimit } from './store.ts';

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
const Submission = z.object({ locale: localeTag.optional(), answers: z.record(z.string().max(40), Answer) }).openapi('AssessmentSubmission');

const Attempt = z.object({ id: z.string(), score: z.number(), maxScore: z.number(), passed: z.boolean(), createdAt: z.string() }).openapi('AssessmentAttempt');

const getBank = defineRoute({
  method: 'get',
  path: '/courses/{courseId}/assessment',
  tags: ['assessments'],
  access: 'signed-in',
  summary: 'The final assessment questions, without answer keys',
  request: { params: Params, query: Query },
  responses: {
    200: jsonContent(
      z.object({
        courseId: z.string(),
        locale: z.string(),
        passMark: z.number(),
        attemptsPerDay: z.number(),
        attemptsLeft: z.number(),
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
        results: z.array(z.object({ id: z.string(), correct: z.boolean(), explanation: z.string() })),
      }),
      'Graded attempt',
    ),
    ...errors(400, 401, 403, 404, 415, 429),
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

export const assessmentRoutes = newRouter()
  .openapi(getBank, async (c) => {
    const user = currentUser(c);
    const { courseId } = c.req.valid('param');
    const { bank, locale } = bankFor(c, courseId, c.req.valid('query').locale);
    const used = await attemptsSince(c.var.deps.db, user.id, courseId, windowStart(c));
    return c.json(
      {
        courseId,
        locale,
        passMark: bank.passMark,
        attemptsPerDay: ATTEMPTS_PER_DAY,
        attemptsLeft: Math.max(0, ATTEMPTS_PER_DAY - used),
        questions: publicQuestions(bank),
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
    const unknown = Object.keys(body.answers).filter((id) => !bank.questions.some((q) => q.id === id));
    if (unknown.length) throw new ApiError(400, 'invalid_request', 'Some answers name questions this assessment does not have.', { unknownQuestions: unknown });
    const graded = gradeAssessment(bank, body.answers);
    const since = windowStart(c);
    const attempt = {
      id: crypto.randomUUID(),
      userId: user.id,
      courseId,
      locale,
      score: graded.score,
      maxScore: graded.maxScore,
      passed: graded.passed,
      answers: JSON.stringify(body.answers),
      createdAt: clock().toISOString(),
    };
    if (!(await recordAttemptWithinLimit(db, attempt, ATTEMPTS_PER_DAY, since))) {
      throw new ApiError(429, 'rate_limited', `You can take this assessment ${ATTEMPTS_PER_DAY} times in 24 hours. Review the lessons and try again tomorrow.`);
    }
    const used = await attemptsSince(db, user.id, courseId, since);
    return c.json(
      {
        id: attempt.id,
        score: attempt.score,
        maxScore: attempt.maxScore,
        passed: attempt.passed,
        createdAt: attempt.createdAt,
        passMark: bank.passMark,
        attemptsLeft: Math.max(0, ATTEMPTS_PER_DAY - used),
        results: graded.results,
      },
      201,
    );
  })
  .openapi(history, async (c) => {
    const { courseId } = c.req.valid('param');
    bankFor(c, courseId, undefined);
    return c.json({ attempts: await attemptHistory(c.var.deps.db, currentUser(c).id, courseId) }, 200);
  });
