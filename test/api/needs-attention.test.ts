import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTestApp } from '../support/app.ts';
import { cohortWith, testClock } from '../support/cohort-fixtures.ts';

// The cohort runs from Monday 5 October 2026 (Accra: UTC all year) to 20 December.
const time = testClock('2026-10-01T12:00:00Z');
let t: Awaited<ReturnType<typeof makeTestApp>>;
let lesson: string;
let secondLesson: string;
let key: Record<string, string>;

beforeAll(async () => {
  t = await makeTestApp({ clock: time.clock });
  const course = t.manifest.courses[0]!;
  lesson = course.lessons[0]!.id;
  secondLesson = course.lessons[1]!.id;
  key = t.manifest.quizKeys[lesson]!;
});
afterAll(() => t.close());

const STARTS = '2026-10-05T00:00:00.000Z';
const DAY = 86_400_000;
const day = (n: number, extraMs = 0) => new Date(Date.parse(STARTS) + n * DAY + extraMs);

/** A mentor's group of one learner, who joined on `joinedAt` (default: a week before the start). */
async function setting(joinedAt = '2026-09-28T09:00:00Z') {
  time.set(joinedAt);
  const manager = await t.signInAs('manager');
  const mentor = await t.signInAs('mentor');
  const learner = await t.signInAs('learner');
  const f = await cohortWith(t, {
    managerId: manager.user.id,
    learnerIds: [learner.user.id],
    mentorId: mentor.user.id,
    startsOn: '2026-10-05',
    endsOn: '2026-12-20',
    at: time.now(),
  });
  return { manager, mentor, learner, ...f, groupId: f.groupId! };
}

type Session = Awaited<ReturnType<typeof t.signInAs>>;
/** The mentee's flags as the mentor sees them now (signing in again: the clock may have passed the session's life). */
async function flagsOf(mentor: Session, groupId: string) {
  await mentor.call('POST', '/api/auth/login', { email: mentor.email, password: mentor.password });
  const res = await mentor.call('GET', `/api/groups/${groupId}`);
  expect(res.status).toBe(200);
  return res.json.mentees[0].flags as Array<{ code: string; detail: Record<string, unknown> }>;
}

const event = (type: 'lesson.completed' | 'quiz.submitted', lessonId: string, answers?: Record<string, string>) => ({
  id: crypto.randomUUID(),
  type,
  lessonId,
  locale: 'en',
  occurredAt: time.now().toISOString(),
  ...(answers ? { answers } : {}),
});

describe('inactive-14-days', () => {
  it('is not raised before the cohort starts, however long since joining', async () => {
    const { mentor, groupId } = await setting('2026-09-01T09:00:00Z');
    time.set(day(0, -60_000));
    expect(await flagsOf(mentor, groupId)).toEqual([]);
  });

  it('is raised 14 days after the start for a learner who has done nothing (not at 13)', async () => {
    const { mentor, groupId } = await setting();
    time.set(day(13, DAY - 60_000));
    expect(await flagsOf(mentor, groupId)).toEqual([]);
    time.set(day(14));
    expect(await flagsOf(mentor, groupId)).toEqual([{ code: 'inactive-14-days', detail: { daysInactive: 14, lastActivityAt: null } }]);
  });

  it('counts from the last progress event', async () => {
    const { mentor, learner, groupId } = await setting();
    time.set(day(5));
    expect((await learner.call('POST', '/api/progress/events', { events: [event('lesson.completed', lesson)] })).status).toBe(200);
    time.set(day(18));
    expect(await flagsOf(mentor, groupId)).toEqual([]);
    time.set(day(21, 3_600_000));
    expect(await flagsOf(mentor, groupId)).toEqual([{ code: 'inactive-14-days', detail: { daysInactive: 16, lastActivityAt: day(5).toISOString() } }]);
  });

  it('counts a late joiner from the day they joined', async () => {
    const { mentor, groupId } = await setting('2026-10-15T09:00:00Z');
    time.set('2026-10-25T09:00:00Z');
    expect(await flagsOf(mentor, groupId)).toEqual([]);
    time.set('2026-10-29T09:00:00Z');
    expect((await flagsOf(mentor, groupId)).map((f) => f.code)).toEqual(['inactive-14-days']);
  });
});

describe('quiz-failed-twice', () => {
  it('is raised for a lesson whose quiz failed twice and was never passed, naming the lesson', async () => {
    const { mentor, learner, groupId } = await setting();
    time.set(day(1));
    await learner.call('POST', '/api/progress/events', { events: [event('quiz.submitted', lesson, {})] });
    expect(await flagsOf(mentor, groupId)).toEqual([]);
    await learner.call('POST', '/api/progress/events', { events: [event('quiz.submitted', lesson, {}), event('quiz.submitted', secondLesson, {})] });
    expect(await flagsOf(mentor, groupId)).toEqual([{ code: 'quiz-failed-twice', detail: { lessonId: lesson, failedAttempts: 2 } }]);
  });

  it('goes once the quiz is passed', async () => {
    const { mentor, learner, groupId } = await setting();
    time.set(day(1));
    await learner.call('POST', '/api/progress/events', { events: [event('quiz.submitted', lesson, {}), event('quiz.submitted', lesson, {})] });
    await learner.call('POST', '/api/progress/events', { events: [event('quiz.submitted', lesson, key)] });
    expect(await flagsOf(mentor, groupId)).toEqual([]);
  });
});

describe('missed-two-meetings', () => {
  async function twoMeetings() {
    const s = await setting();
    time.set(day(0));
    const ids = [];
    for (const at of ['2026-10-07T10:00:00Z', '2026-10-13T10:00:00Z']) {
      const made = await s.manager.call('POST', `/api/cohorts/${s.cohortId}/meetings`, { title: 'Plenary', startsAt: at, durationMinutes: 60 });
      ids.push(made.json.meeting.id as string);
    }
    // Both meetings are over and still within their 7-day attendance window.
    time.set('2026-10-13T12:00:00Z');
    // Keep the learner active, so only the meetings matter.
    await s.learner.call('POST', '/api/progress/events', { events: [event('lesson.completed', lesson)] });
    return { ...s, ids };
  }

  it('is raised after two absences in the cohort, with the meetings and their local dates', async () => {
    const { manager, mentor, learner, groupId, ids } = await twoMeetings();
    for (const id of ids) await manager.call('PUT', `/api/meetings/${id}/attendance`, { records: [{ userId: learner.user.id, status: 'absent' }] });
    expect(await flagsOf(mentor, groupId)).toEqual([
      {
        code: 'missed-two-meetings',
        detail: {
          absences: 2,
          meetings: [
            { meetingId: ids[0], date: '2026-10-07' },
            { meetingId: ids[1], date: '2026-10-13' },
          ],
        },
      },
    ]);
  });

  it('does not count excused absences', async () => {
    const { manager, mentor, learner, groupId, ids } = await twoMeetings();
    await manager.call('PUT', `/api/meetings/${ids[0]}/attendance`, { records: [{ userId: learner.user.id, status: 'absent' }] });
    await manager.call('PUT', `/api/meetings/${ids[1]}/attendance`, { records: [{ userId: learner.user.id, status: 'excused' }] });
    expect(await flagsOf(mentor, groupId)).toEqual([]);
  });
});

describe('in the list of my groups', () => {
  it('shows the same flags beside each mentee', async () => {
    const { mentor } = await setting();
    time.set(day(20));
    await mentor.call('POST', '/api/auth/login', { email: mentor.email, password: mentor.password });
    const res = await mentor.call('GET', '/api/mentor/groups');
    expect(res.json.groups[0].mentees[0].flags).toEqual([{ code: 'inactive-14-days', detail: { daysInactive: 20, lastActivityAt: null } }]);
  });
});
