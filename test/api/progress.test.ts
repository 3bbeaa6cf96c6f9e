import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { count, eq } from 'drizzle-orm';
import { lessonProgress, progressEvents, users } from '../../api/db/schema.ts';
import { MAX_EVENTS_PER_DAY } from '../../api/progress/rules.ts';
import { makeTestApp } from '../support/app.ts';

let t: Awaited<ReturnType<typeof makeTestApp>>;
let lessonId: string;
let quizKey: Record<string, string>;

beforeAll(async () => {
  t = await makeTestApp();
  const lesson = t.manifest.courses[0]!.lessons[0]!;
  lessonId = lesson.id;
  quizKey = t.manifest.quizKeys[lessonId]!;
});
afterAll(() => t.close());

const signUp = async () => (await t.signInAs('learner', { shared: true })).user.id;
const event = (over: Record<string, unknown> = {}) => ({
  id: crypto.randomUUID(),
  type: 'lesson.completed',
  lessonId,
  locale: 'en',
  occurredAt: new Date().toISOString(),
  ...over,
});
const eventCount = async (userId: string) => (await t.db.select({ n: count() }).from(progressEvents).where(eq(progressEvents.userId, userId)))[0]!.n;

describe('progress ingest', () => {
  it('stores an event once even when the same id is sent again', async () => {
    const userId = await signUp();
    const e = event();
    const first = await t.call('POST', '/api/progress/events', { events: [e] });
    expect(first.status).toBe(200);
    expect(first.json.results).toEqual([{ id: e.id, status: 'stored' }]);
    const again = await t.call('POST', '/api/progress/events', { events: [e, e] });
    expect(again.json.results).toEqual([
      { id: e.id, status: 'duplicate' },
      { id: e.id, status: 'duplicate' },
    ]);
    expect(await eventCount(userId)).toBe(1);
    const progress = await t.call('GET', '/api/progress');
    expect(progress.json.lessons).toEqual([expect.objectContaining({ lessonId, completed: true, quizAttempts: 0 })]);
  });

  it('grades quizzes on the server, keeps the best score, and completes the lesson on a pass', async () => {
    await signUp();
    const wrong = Object.fromEntries(Object.keys(quizKey).map((q) => [q, 'zz']));
    const low = await t.call('POST', '/api/progress/events', { events: [event({ type: 'quiz.submitted', answers: wrong })] });
    expect(low.json.lessons[0]).toMatchObject({ completed: false, bestScore: 0, maxScore: Object.keys(quizKey).length, quizAttempts: 1 });
    const best = await t.call('POST', '/api/progress/events', { events: [event({ type: 'quiz.submitted', answers: quizKey })] });
    expect(best.json.lessons[0]).toMatchObject({ completed: true, bestScore: Object.keys(quizKey).length, quizAttempts: 2 });
    // A later, worse attempt never lowers the best score or un-completes the lesson.
    await t.call('POST', '/api/progress/events', { events: [event({ type: 'quiz.submitted', answers: wrong })] });
    const after = await t.call('GET', '/api/progress');
    expect(after.json.lessons[0]).toMatchObject({ completed: true, bestScore: Object.keys(quizKey).length, quizAttempts: 3 });
  });

  it('rejects unknown lessons with 422 and stores none of the batch', async () => {
    const userId = await signUp();
    const res = await t.call('POST', '/api/progress/events', { events: [event(), event({ lessonId: 'nope/not-a-lesson' })] });
    expect(res.status).toBe(422);
    expect(res.json.error.code).toBe('unknown_lesson');
    expect(res.json.error.details.unknownLessons).toEqual([expect.objectContaining({ lessonId: 'nope/not-a-lesson' })]);
    expect(await eventCount(userId)).toBe(0);
  });

  it('rejects a malformed batch with field details', async () => {
    const userId = await signUp();
    const res = await t.call('POST', '/api/progress/events', {
      events: [{ id: 'not-a-uuid', type: 'lesson.completed', lessonId, locale: 'en', occurredAt: 'yesterday' }],
    });
    expect(res.status).toBe(400);
    expect(res.json.error.details.map((d: { path: string }) => d.path).sort()).toEqual(['events.0.id', 'events.0.occurredAt']);
    expect(await eventCount(userId)).toBe(0);
  });

  it('refuses to store an event under an id another learner already used', async () => {
    const e = event();
    await signUp();
    await t.call('POST', '/api/progress/events', { events: [e] });
    const other = await signUp();
    const res = await t.call('POST', '/api/progress/events', { events: [e, event()] });
    expect(res.status).toBe(409);
    expect(await eventCount(other)).toBe(0);
  });

  it('dates events from a clock running ahead at the time they were received', async () => {
    await signUp();
    const future = new Date(Date.now() + 7 * 86_400_000).toISOString();
    const res = await t.call('POST', '/api/progress/events', { events: [event({ occurredAt: future })] });
    expect(Date.parse(res.json.lessons[0].completedAt)).toBeLessThanOrEqual(Date.now());
  });

  it('dates events from a clock running behind (year 0, 1970) no earlier than the account was made', async () => {
    const userId = await signUp();
    const [account] = await t.db.select({ createdAt: users.createdAt }).from(users).where(eq(users.id, userId));
    for (const occurredAt of ['0000-01-01T00:00:00Z', '1970-01-01T00:00:00Z']) {
      const e = event({ occurredAt });
      expect((await t.call('POST', '/api/progress/events', { events: [e] })).status).toBe(200);
      const [row] = await t.db.select({ occurredAt: progressEvents.occurredAt }).from(progressEvents).where(eq(progressEvents.id, e.id));
      expect(Date.parse(row!.occurredAt)).toBe(Date.parse(account!.createdAt));
    }
  });

  it('stores a locale the lesson does not have (zz, de) as the curriculum’s default, and keeps the completion', async () => {
    await signUp();
    for (const locale of ['zz', 'de']) {
      const e = event({ locale });
      const res = await t.call('POST', '/api/progress/events', { events: [e] });
      expect(res.status).toBe(200);
      expect(res.json.lessons[0]).toMatchObject({ lessonId, completed: true });
      const [row] = await t.db.select({ locale: progressEvents.locale }).from(progressEvents).where(eq(progressEvents.id, e.id));
      expect(row!.locale).toBe(t.manifest.defaultLocale);
    }
  });

  it('keeps only the quiz’s own questions from the answers sent', async () => {
    await signUp();
    const padded = { ...quizKey, ...Object.fromEntries(Array.from({ length: 50 }, (_, i) => [`made-up-${i}`, 'x'.repeat(40)])) };
    const e = event({ type: 'quiz.submitted', answers: padded });
    const res = await t.call('POST', '/api/progress/events', { events: [e] });
    expect(res.json.lessons[0]).toMatchObject({ bestScore: Object.keys(quizKey).length, maxScore: Object.keys(quizKey).length });
    const [row] = await t.db.select({ payload: progressEvents.payload }).from(progressEvents).where(eq(progressEvents.id, e.id));
    expect(Object.keys(JSON.parse(row!.payload!)).sort()).toEqual(Object.keys(quizKey).sort());
  });

  it('refuses new events past a learner’s daily quota (429) and stores none of them; resent ones still answer', async () => {
    const userId = await signUp();
    const now = new Date().toISOString();
    const earlier = Array.from({ length: MAX_EVENTS_PER_DAY - 1 }, () => ({
      id: crypto.randomUUID(),
      userId,
      type: 'lesson.completed' as const,
      courseId: t.manifest.courses[0]!.id,
      lessonId,
      locale: 'en',
      score: null,
      maxScore: null,
      passed: false,
      payload: null,
      occurredAt: now,
      receivedAt: now,
    }));
    for (let i = 0; i < earlier.length; i += 500) await t.db.insert(progressEvents).values(earlier.slice(i, i + 500));
    const before = await eventCount(userId);
    const over = await t.call('POST', '/api/progress/events', { events: [event(), event()] });
    expect(over.status).toBe(429);
    expect(over.json.error.code).toBe('rate_limited');
    expect(over.json.error.details).toMatchObject({ limit: MAX_EVENTS_PER_DAY });
    expect(await eventCount(userId)).toBe(before);
    const last = await t.call('POST', '/api/progress/events', { events: [event()] });
    expect(last.status).toBe(200);
    const { id, type, locale, occurredAt } = earlier[0]!;
    const resent = await t.call('POST', '/api/progress/events', { events: [{ id, type, lessonId, locale, occurredAt }] });
    expect(resent.status).toBe(200);
    expect(resent.json.results).toEqual([{ id: earlier[0]!.id, status: 'duplicate' }]);
  });

  it('requires a session', async () => {
    t.cookies.clear();
    const before = (await t.db.select({ n: count() }).from(lessonProgress))[0]!.n;
    const res = await t.call('POST', '/api/progress/events', { events: [event()] });
    expect(res.status).toBe(401);
    expect(res.json.error.code).toBe('unauthenticated');
    expect((await t.db.select({ n: count() }).from(lessonProgress))[0]!.n).toBe(before);
  });
});
