import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { count, eq } from 'drizzle-orm';
import { assessmentAttempts } from '../../api/db/schema.ts';
import { ATTEMPTS_PER_DAY } from '../../api/assessments/routes.ts';
import type { AssessmentBank, AssessmentQuestion } from '#core/curriculum/schema.ts';
import { makeTestApp } from '../support/app.ts';

let t: Awaited<ReturnType<typeof makeTestApp>>;
let courseId: string;
let bank: AssessmentBank;

beforeAll(async () => {
  t = await makeTestApp();
  const [id, banks] = Object.entries(t.manifest.assessments)[0]!;
  courseId = id;
  bank = banks.en!;
});
afterAll(() => t.close());

type Learner = Awaited<ReturnType<typeof t.signInAs>>;
type Shown = { id: string; type: AssessmentQuestion['type']; options?: Array<{ id: string }>; left?: Array<{ id: string }>; right?: Array<{ id: string }> };

const path = (suffix = '') => `/api/courses/${courseId}/assessment${suffix}`;
const keyOf = (id: string) => bank.questions.find((q) => q.id === id)!;
const attemptsOf = async (userId: string) => (await t.db.select({ n: count() }).from(assessmentAttempts).where(eq(assessmentAttempts.userId, userId)))[0]!.n;

/** The learner's next attempt as the page gets it. */
async function next(learner: Learner) {
  const res = await learner.call('GET', path());
  expect(res.status).toBe(200);
  return res.json as { attempt: number; attemptsLeft: number; passedBefore: boolean; questions: Shown[] };
}
const rightAnswers = (questions: Shown[]) => Object.fromEntries(questions.map((q) => [q.id, keyOf(q.id).answer]));
/** What a learner who has not studied might send: the author's first letter everywhere, as the 2026 probe did. */
const letterA = (questions: Shown[]) =>
  Object.fromEntries(
    questions.map((q) => {
      if (q.type === 'single') return [q.id, 'a'];
      if (q.type === 'matching') return [q.id, Object.fromEntries(q.left!.map((l) => [l.id, 'a']))];
      return [q.id, ['a']];
    }),
  );
const submit = (learner: Learner, attempt: number, answers: Record<string, unknown>) =>
  learner.call('POST', path('/attempts'), { locale: 'en', attempt, answers });

describe('final assessment: what is asked', () => {
  it('serves a draw of the bank without answer keys or explanations, to signed-in learners only', async () => {
    t.cookies.clear();
    expect((await t.call('GET', path())).status).toBe(401);
    const learner = await t.signInAs('learner');
    const res = await learner.call('GET', path());
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ attempt: 1, attemptsLeft: ATTEMPTS_PER_DAY, passedBefore: false });
    expect(res.json.questions).toHaveLength(bank.attemptSize);
    expect(bank.questions.length).toBeGreaterThanOrEqual(2 * bank.attemptSize);
    expect(res.text).not.toMatch(/"answer"|"explanation"/);
    // Reloading the page asks the same questions in the same order: no fishing for an easier draw.
    expect((await learner.call('GET', path())).json).toEqual(res.json);
  });

  it('option ids carry no order: none is a letter, and the key is a hash unrelated to the author', async () => {
    const learner = await t.signInAs('learner');
    const { questions } = await next(learner);
    for (const q of questions) for (const o of q.options ?? q.right!) expect(o.id).toMatch(/^[0-9a-f]{10}$/);
  });

  it('two attempts in a row ask different questions', async () => {
    const learner = await t.signInAs('learner');
    const first = await next(learner);
    expect((await submit(learner, first.attempt, {})).status).toBe(201);
    const second = await next(learner);
    expect(second.attempt).toBe(2);
    const firstIds = new Set(first.questions.map((q) => q.id));
    expect(second.questions.filter((q) => firstIds.has(q.id))).toEqual([]);
  });
});

describe('final assessment: grading', () => {
  it('grades the drawn questions on the server: all right passes with every explanation, and is stored', async () => {
    const learner = await t.signInAs('learner');
    const { attempt, questions } = await next(learner);
    const pass = await submit(learner, attempt, rightAnswers(questions));
    expect(pass.status).toBe(201);
    expect(pass.json).toMatchObject({ attempt: 1, score: bank.attemptSize, maxScore: bank.attemptSize, passed: true });
    expect(pass.json.review).toHaveLength(bank.attemptSize);
    for (const r of pass.json.review) expect(r).toMatchObject({ correct: true, explanation: keyOf(r.id).explanation });
    expect(await attemptsOf(learner.user.id)).toBe(1);
    expect((await next(learner)).passedBefore).toBe(true);
    const hist = await learner.call('GET', path('/attempts'));
    expect(hist.json.attempts).toMatchObject([{ attempt: 1, passed: true }]);
  });

  it('a constant answer (the author’s “a” everywhere) scores nothing, on every attempt of the day', async () => {
    const learner = await t.signInAs('learner');
    for (let i = 0; i < ATTEMPTS_PER_DAY; i++) {
      const { attempt, questions } = await next(learner);
      const res = await submit(learner, attempt, letterA(questions));
      expect(res.status).toBe(201);
      expect(res.json).toMatchObject({ score: 0, passed: false });
    }
  });

  it('a failed attempt tells how each lesson went, and gives away no key and no explanation', async () => {
    const learner = await t.signInAs('learner');
    const { attempt, questions } = await next(learner);
    const half = Object.fromEntries(questions.slice(0, 3).map((q) => [q.id, keyOf(q.id).answer]));
    const fail = await submit(learner, attempt, half);
    expect(fail.json).toMatchObject({ score: 3, passed: false, review: null });
    const topics = fail.json.topics as Array<{ lesson: number; asked: number; correct: number }>;
    const asked = questions.flatMap((q) => keyOf(q.id).lessons);
    expect(topics.reduce((n, x) => n + x.asked, 0)).toBe(asked.length);
    expect(topics.reduce((n, x) => n + x.correct, 0)).toBe(questions.slice(0, 3).reduce((n, q) => n + keyOf(q.id).lessons.length, 0));
    expect(new Set(topics.map((x) => x.lesson))).toEqual(new Set(asked));
    for (const q of questions) {
      const key = keyOf(q.id);
      expect(fail.text).not.toContain(key.explanation.slice(0, 40));
      const keyIds = typeof key.answer === 'string' ? [key.answer] : Array.isArray(key.answer) ? key.answer : Object.values(key.answer);
      for (const id of keyIds) expect(fail.text).not.toContain(id);
    }
  });

  it('replaying the previous attempt does not work: the next attempt asks other questions, and is refused nothing stored', async () => {
    const learner = await t.signInAs('learner');
    const first = await next(learner);
    // The learner learns the first draw's key somehow (a friend, a passed attempt) and replays it.
    const replay = rightAnswers(first.questions);
    expect((await submit(learner, first.attempt, {})).status).toBe(201);
    const second = await next(learner);
    const res = await submit(learner, second.attempt, replay);
    expect(res.status).toBe(400);
    expect(res.json.error.details.unknownQuestions.sort()).toEqual(Object.keys(replay).sort());
    expect(await attemptsOf(learner.user.id)).toBe(1);
  });

  it('answers for an attempt already submitted (a second tab, a double click) get 409 and store nothing', async () => {
    const learner = await t.signInAs('learner');
    const { attempt } = await next(learner);
    expect((await submit(learner, attempt, {})).status).toBe(201);
    const again = await submit(learner, attempt, {});
    expect(again.status).toBe(409);
    expect(again.json.error).toMatchObject({ code: 'conflict', details: { nextAttempt: 2 } });
    expect((await submit(learner, 5, {})).status).toBe(409);
    expect(await attemptsOf(learner.user.id)).toBe(1);
  });
});

describe('final assessment: limits', () => {
  it(`allows ${ATTEMPTS_PER_DAY} attempts in 24 hours, then answers 429 and stores nothing more`, async () => {
    const learner = await t.signInAs('learner');
    for (let i = 0; i < ATTEMPTS_PER_DAY; i++) expect((await submit(learner, (await next(learner)).attempt, {})).status).toBe(201);
    const last = await next(learner);
    expect(last.attemptsLeft).toBe(0);
    const over = await submit(learner, last.attempt, rightAnswers(last.questions));
    expect(over.status).toBe(429);
    expect(over.json.error.code).toBe('rate_limited');
    expect(await attemptsOf(learner.user.id)).toBe(ATTEMPTS_PER_DAY);
  });

  it('concurrent submissions of one attempt: exactly one is recorded', async () => {
    const learner = await t.signInAs('learner');
    for (let i = 0; i < ATTEMPTS_PER_DAY - 1; i++) expect((await submit(learner, (await next(learner)).attempt, {})).status).toBe(201);
    const { attempt, questions } = await next(learner);
    const racing = await Promise.all(Array.from({ length: 5 }, () => submit(learner, attempt, rightAnswers(questions))));
    const statuses = racing.map((r) => r.status);
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    expect(statuses.filter((s) => s !== 201).every((s) => s === 409 || s === 429)).toBe(true);
    expect(await attemptsOf(learner.user.id)).toBe(ATTEMPTS_PER_DAY);
  });

  it('rejects answers to unknown questions, a missing attempt number and unknown courses, storing nothing', async () => {
    const learner = await t.signInAs('learner');
    const bad = await submit(learner, 1, { 'not-a-question': 'a' });
    expect(bad.status).toBe(400);
    expect(bad.json.error.details.unknownQuestions).toEqual(['not-a-question']);
    expect((await learner.call('POST', path('/attempts'), { answers: {} })).status).toBe(400);
    const none = await learner.call('POST', '/api/courses/no-such-course/assessment/attempts', { attempt: 1, answers: {} });
    expect(none.status).toBe(404);
    expect(await attemptsOf(learner.user.id)).toBe(0);
  });
});
