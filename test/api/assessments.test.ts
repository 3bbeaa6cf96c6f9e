import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { count, eq } from 'drizzle-orm';
import { assessmentAttempts } from '../../api/db/schema.ts';
import { ATTEMPTS_PER_DAY } from '../../api/assessments/routes.ts';
import type { AssessmentBank } from '#core/curriculum/schema.ts';
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

const signUp = async () => (await t.signInAs('learner', { shared: true })).user.id;
const allRight = () => Object.fromEntries(bank.questions.map((q) => [q.id, q.answer]));
const path = (suffix = '') => `/api/courses/${courseId}/assessment${suffix}`;

describe('final assessment', () => {
  it('serves questions without answer keys or explanations, to signed-in learners only', async () => {
    t.cookies.clear();
    expect((await t.call('GET', path())).status).toBe(401);
    await signUp();
    const res = await t.call('GET', path());
    expect(res.status).toBe(200);
    expect(res.json.questions).toHaveLength(bank.questions.length);
    expect(res.text).not.toMatch(/"answer"|"explanation"/);
    expect(res.json.attemptsLeft).toBe(ATTEMPTS_PER_DAY);
  });

  it('grades on the server: all right passes, all wrong fails, and each attempt is stored', async () => {
    const userId = await signUp();
    const pass = await t.call('POST', path('/attempts'), { locale: 'en', answers: allRight() });
    expect(pass.status).toBe(201);
    expect(pass.json).toMatchObject({ score: bank.questions.length, maxScore: bank.questions.length, passed: true });
    expect(pass.json.results.every((r: { correct: boolean; explanation: string }) => r.correct && r.explanation)).toBe(true);
    const fail = await t.call('POST', path('/attempts'), { locale: 'en', answers: {} });
    expect(fail.json).toMatchObject({ score: 0, passed: false });
    const rows = await t.db.select({ n: count() }).from(assessmentAttempts).where(eq(assessmentAttempts.userId, userId));
    expect(rows[0]!.n).toBe(2);
    const hist = await t.call('GET', path('/attempts'));
    expect(hist.json.attempts.map((a: { passed: boolean }) => a.passed).sort()).toEqual([false, true]);
  });

  it(`allows ${ATTEMPTS_PER_DAY} attempts in 24 hours, then answers 429 and stores nothing more`, async () => {
    const userId = await signUp();
    for (let i = 0; i < ATTEMPTS_PER_DAY; i++) expect((await t.call('POST', path('/attempts'), { answers: {} })).status).toBe(201);
    const over = await t.call('POST', path('/attempts'), { answers: allRight() });
    expect(over.status).toBe(429);
    expect(over.json.error.code).toBe('rate_limited');
    const rows = await t.db.select({ n: count() }).from(assessmentAttempts).where(eq(assessmentAttempts.userId, userId));
    expect(rows[0]!.n).toBe(ATTEMPTS_PER_DAY);
  });

  it('at the limit, concurrent submissions cannot both be accepted (the check and the insert are one statement)', async () => {
    const userId = await signUp();
    for (let i = 0; i < ATTEMPTS_PER_DAY - 1; i++) expect((await t.call('POST', path('/attempts'), { answers: {} })).status).toBe(201);
    const racing = await Promise.all(Array.from({ length: 5 }, () => t.call('POST', path('/attempts'), { answers: allRight() })));
    expect(racing.map((r) => r.status).sort()).toEqual([201, 429, 429, 429, 429]);
    const rows = await t.db.select({ n: count() }).from(assessmentAttempts).where(eq(assessmentAttempts.userId, userId));
    expect(rows[0]!.n).toBe(ATTEMPTS_PER_DAY);
  });

  it('rejects answers to unknown questions and unknown courses, storing nothing', async () => {
    const userId = await signUp();
    const bad = await t.call('POST', path('/attempts'), { answers: { 'not-a-question': 'a' } });
    expect(bad.status).toBe(400);
    expect(bad.json.error.details.unknownQuestions).toEqual(['not-a-question']);
    const none = await t.call('POST', '/api/courses/no-such-course/assessment/attempts', { answers: {} });
    expect(none.status).toBe(404);
    const rows = await t.db.select({ n: count() }).from(assessmentAttempts).where(eq(assessmentAttempts.userId, userId));
    expect(rows[0]!.n).toBe(0);
  });
});
