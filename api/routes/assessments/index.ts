import { createRoute, z } from '@hono/zod-openapi';
import { and, desc, eq, gte } from 'drizzle-orm';
import { assessmentAttempts } from '../../db/schema.ts';
import { ApiError, notFound } from '../../errors.ts';
import { requireUser } from '../../auth/guards.ts';
import { gradeAssessment, publicQuestions } from '../../curriculum/grading.ts';
import type { AppContext } from '../../context.ts';
import { errors, jsonBody, jsonContent, newRouter } from '../openapi.ts';

/** Attempts allowed per course in any 24 hours: enough to learn from feedback, too few to brute-force. */
export const ATTEMPTS_PER_DAY = 3;

const Params = z.object({ courseId: z.string().regex(/^[a-z0-9-]+$/).openapi({ param: { name: 'courseId', in: 'path' } }) });
const Query = z.object({ locale: z.string().regex(/^[a-z]{2,3}(-[A-Z]{2})?$/).default('en') });
const Answer = z.union([z.string().max(40), z.array(z.string().max(40)).max(20), z.record(z.string().max(40), z.string().max(40))]);
const Submission = z.object({ locale: z.string().regex(/^[a-z]{2,3}(-[A-Z]{2})?$/).default('en'), answers: z.record(z.string().max(40), Answer) }).openapi('AssessmentSubmission');

const Attempt = z.object({ id: z.string(), score: z.number(), maxScore: z.number(), passed: z.boolean(), createdAt: z.string() }).openapi('AssessmentAttempt');

const getBank = createRoute({
  method: 'get', path: '/courses/{courseId}/assessment', tags: ['assessments'],
  summary: 'The final assessment questions, without answer keys',
  request: { params: Params, query: Query },
  responses: { 200: jsonContent(z.object({ courseId: z.string(), locale: z.string(), passMark: z.number(), attemptsPerDay: z.number(), attemptsLeft: z.number(), questions: z.array(z.unknown()) }), 'Questions'), ...errors(401, 404) },
});
const submit = createRoute({
  method: 'post', path: '/courses/{courseId}/assessment/attempts', tags: ['assessments'],
  summary: 'Submit answers; graded on the server',
  request: { params: Params, body: jsonBody(Submission) },
  responses: {
    201: jsonContent(Attempt.extend({ passMark: z.number(), attemptsLeft: z.number(), results: z.array(z.object({ id: z.string(), correct: z.boolean(), explanation: z.string() })) }), 'Graded attempt'),
    ...errors(400, 401, 403, 404, 429),
  },
});
const history = createRoute({
  method: 'get', path: '/courses/{courseId}/assessment/attempts', tags: ['assessments'],
  request: { params: Params },
  responses: { 200: jsonContent(z.object({ attempts: z.array(Attempt) }), "The learner's attempts, newest first"), ...errors(401, 404) },
});

function bankFor(c: AppContext, courseId: string, locale: string) {
  const banks = c.var.deps.curriculum.manifest.assessments[courseId];
  if (!banks) throw notFound('course assessment');
  const bank = banks[locale] ?? banks[c.var.deps.curriculum.manifest.defaultLocale];
  if (!bank) throw notFound('course assessment');
  return { bank, locale: banks[locale] ? locale : c.var.deps.curriculum.manifest.defaultLocale };
}

async function attemptsToday(c: AppContext, userId: string, courseId: string) {
  const since = new Date(c.var.deps.clock().getTime() - 86_400_000).toISOString();
  const rows = await c.var.deps.db
    .select({ id: assessmentAttempts.id })
    .from(assessmentAttempts)
    .where(and(eq(assessmentAttempts.userId, userId), eq(assessmentAttempts.courseId, courseId), gte(assessmentAttempts.createdAt, since)));
  return rows.length;
}

export const assessmentRoutes = newRouter()
  .openapi(getBank, async (c) => {
    const user = requireUser(c);
    const { courseId } = c.req.valid('param');
    const { bank, locale } = bankFor(c, courseId, c.req.valid('query').locale);
    const used = await attemptsToday(c, user.id, courseId);
    return c.json({ courseId, locale, passMark: bank.passMark, attemptsPerDay: ATTEMPTS_PER_DAY, attemptsLeft: Math.max(0, ATTEMPTS_PER_DAY - used), questions: publicQuestions(bank) }, 200);
  })
  .openapi(submit, async (c) => {
    const user = requireUser(c);
    const { courseId } = c.req.valid('param');
    const body = c.req.valid('json');
    const { bank, locale } = bankFor(c, courseId, body.locale);
    const unknown = Object.keys(body.answers).filter((id) => !bank.questions.some((q) => q.id === id));
    if (unknown.length) throw new ApiError(400, 'invalid_request', 'Some answers name questions this assessment does not have.', { unknownQuestions: unknown });
    const used = await attemptsToday(c, user.id, courseId);
    if (used >= ATTEMPTS_PER_DAY) {
      throw new ApiError(429, 'rate_limited', `You can take this assessment ${ATTEMPTS_PER_DAY} times in 24 hours. Review the lessons and try again tomorrow.`);
    }
    const graded = gradeAssessment(bank, body.answers);
    const attempt = {
      id: crypto.randomUUID(), userId: user.id, courseId, locale, score: graded.score, maxScore: graded.maxScore,
      passed: graded.passed, answers: JSON.stringify(body.answers), createdAt: c.var.deps.clock().toISOString(),
    };
    await c.var.deps.db.insert(assessmentAttempts).values(attempt);
    return c.json({
      id: attempt.id, score: attempt.score, maxScore: attempt.maxScore, passed: attempt.passed, createdAt: attempt.createdAt,
      passMark: bank.passMark, attemptsLeft: ATTEMPTS_PER_DAY - used - 1, results: graded.results,
    }, 201);
  })
  .openapi(history, async (c) => {
    const user = requireUser(c);
    const { courseId } = c.req.valid('param');
    bankFor(c, courseId, c.var.deps.curriculum.manifest.defaultLocale);
    const rows = await c.var.deps.db
      .select({ id: assessmentAttempts.id, score: assessmentAttempts.score, maxScore: assessmentAttempts.maxScore, passed: assessmentAttempts.passed, createdAt: assessmentAttempts.createdAt })
      .from(assessmentAttempts)
      .where(and(eq(assessmentAttempts.userId, user.id), eq(assessmentAttempts.courseId, courseId)))
      .orderBy(desc(assessmentAttempts.createdAt));
    return c.json({ attempts: rows }, 200);
  });
