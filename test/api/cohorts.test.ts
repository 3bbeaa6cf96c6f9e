import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { attendance, capstoneSubmissions, cohortMembers, groupMembers, lessonProgress, meetings, mentorGroups, notifications } from '../../api/db/schema.ts';
import { formatJoinCode, JOIN_CODE_ALPHABET, newJoinCode, normaliseJoinCode } from '../../api/programs/rules.ts';
import { cohortById, enrol } from '../../api/programs/store.ts';
import { importRoster } from '../../api/programs/roster-store.ts';
import { makeTestApp } from '../support/app.ts';
import { person, programAround } from './access/programs.ts';

let t: Awaited<ReturnType<typeof makeTestApp>>;

beforeAll(async () => {
  t = await makeTestApp();
});
afterAll(() => t.close());

/** A signed-in manager with a program and cohort of their own (Western Africa). */
async function managedCohort(options: { capacity?: number } = {}) {
  const me = await t.signInAs('manager');
  const made = await programAround(t, { managerId: me.user.id }, options);
  return { me, ...made };
}
const membership = async (cohortId: string, userId: string) =>
  (
    await t.db
      .select()
      .from(cohortMembers)
      .where(and(eq(cohortMembers.cohortId, cohortId), eq(cohortMembers.userId, userId)))
  )[0];
const storedCode = async (cohortId: string) => (await cohortById(t.db, cohortId))!.joinCode;

async function meeting(cohortId: string, fields: { startsAt: string; groupId?: string | null; cancelled?: boolean; title?: string }) {
  const id = crypto.randomUUID();
  const startsAt = new Date(fields.startsAt);
  await t.db.insert(meetings).values({
    id,
    cohortId,
    groupId: fields.groupId ?? null,
    title: fields.title ?? 'Weekly session',
    startsAt: startsAt.toISOString(),
    endsAt: new Date(startsAt.getTime() + 3_600_000).toISOString(),
    source: 'one-off',
    cancelledAt: fields.cancelled ? new Date().toISOString() : null,
    updatedAt: new Date().toISOString(),
  });
  return id;
}
const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString();

describe('join codes (rules)', () => {
  it('are 8 characters from an alphabet without 0, O, 1, I or L', () => {
    expect(JOIN_CODE_ALPHABET).not.toMatch(/[01OIL]/);
    for (let i = 0; i < 200; i++) expect(newJoinCode()).toMatch(/^[2-9A-HJKMNP-Z]{8}$/);
  });

  it('are shown in two groups of four', () => {
    expect(formatJoinCode('K7QXM2PD')).toBe('K7QX-M2PD');
  });

  it.each([
    ['K7QX-M2PD', 'K7QXM2PD'],
    ['k7qx-m2pd', 'K7QXM2PD'],
    [' K7QX M2PD ', 'K7QXM2PD'],
    ['K7QXM2PD', 'K7QXM2PD'],
  ])('read %j as %s', (typed, stored) => {
    expect(normaliseJoinCode(typed)).toBe(stored);
  });

  it.each(['K7QX-M2P', 'K7QX-M2PD2', 'K0QX-M2PD', 'KIQX-M2PD', ''])('refuse %j', (typed) => {
    expect(normaliseJoinCode(typed)).toBeNull();
  });
});

describe('a cohort as its staff see it', () => {
  it('shows the manager the join code, seats, members with emails and progress, groups and attendance', async () => {
    const me = await t.signInAs('manager');
    const learner = await person(t, 'learner');
    const mentor = await person(t, 'mentor');
    const { cohortId, cohort, groupId } = await programAround(t, { managerId: me.user.id, learnerId: learner.id, mentorId: mentor.id });
    const firstLesson = t.manifest.courses.find((c) => c.id === cohort.courseId)!.lessons[0]!;
    await t.db.insert(lessonProgress).values({
      userId: learner.id,
      lessonId: firstLesson.id,
      courseId: cohort.courseId,
      completedAt: new Date().toISOString(),
      updatedAt: new Date().toISOString(),
    });
    const past = await meeting(cohortId, { startsAt: inDays(-7) });
    await t.db.insert(attendance).values({ meetingId: past, userId: learner.id, status: 'present', recordedAt: new Date().toISOString() });
    await importRoster(t.db, cohort, [{ line: 2, email: 'pending-person@example.org', name: 'Pending Person' }], me.user.id, new Date());

    const res = await me.call('GET', `/api/cohorts/${cohortId}`);
    expect(res.status).toBe(200);
    expect(res.json.cohort.joinCode).toBe(formatJoinCode(cohort.joinCode));
    expect(res.json.seats).toEqual({ capacity: 30, members: 1, pendingInvitations: 1, left: 28 });
    expect(res.json.members).toEqual([
      {
        id: learner.id,
        name: learner.name,
        country: null,
        email: learner.email,
        source: 'manager',
        joinedAt: expect.any(String),
        progress: { completedLessons: 1, totalLessons: t.manifest.courses.find((c) => c.id === cohort.courseId)!.lessons.length },
      },
    ]);
    expect(res.json.groups).toEqual([{ id: groupId, mentor: { id: mentor.id, name: mentor.name }, source: 'manual', learnerIds: [learner.id] }]);
    expect(res.json.attendanceRate).toBe(1);
  });

  it('shows a mentor of the cohort neither the join code nor emails', async () => {
    const me = await t.signInAs('mentor');
    const learner = await person(t, 'learner');
    const { cohortId } = await programAround(t, { managerId: (await person(t, 'manager')).id, learnerId: learner.id, mentorId: me.user.id });
    const res = await me.call('GET', `/api/cohorts/${cohortId}`);
    expect(res.status).toBe(200);
    expect(res.json.cohort).not.toHaveProperty('joinCode');
    expect(res.json.members[0]).not.toHaveProperty('email');
    expect(res.json.attendanceRate).toBeNull();
  });
});

describe('editing a cohort', () => {
  it('changes the name, capacity and weekly pattern, and clears the pattern with null', async () => {
    const { me, cohortId } = await managedCohort();
    const res = await me.call('PATCH', `/api/cohorts/${cohortId}`, {
      name: 'Evening group',
      capacity: 40,
      pattern: { weekday: 4, time: '18:00', durationMinutes: 45 },
    });
    expect(res.status).toBe(200);
    expect(res.json.cohort).toMatchObject({ name: 'Evening group', capacity: 40, pattern: { weekday: 4, time: '18:00', durationMinutes: 45 } });
    const cleared = await me.call('PATCH', `/api/cohorts/${cohortId}`, { pattern: null });
    expect(cleared.json.cohort.pattern).toBeNull();
  });

  it('refuses a capacity below the seats taken by members and pending invitations', async () => {
    const { me, cohortId, cohort } = await managedCohort();
    await enrol(t.db, cohortId, (await person(t, 'learner')).id, 'manager', new Date());
    await importRoster(t.db, cohort, [{ line: 2, email: `seat-${crypto.randomUUID()}@example.org`, name: 'Seat Holder' }], me.user.id, new Date());
    const res = await me.call('PATCH', `/api/cohorts/${cohortId}`, { capacity: 1 });
    expect(res.status).toBe(409);
    expect(res.json.error.details).toEqual({ taken: 2 });
    expect((await cohortById(t.db, cohortId))!.capacity).toBe(30);
  });

  it('refuses a course outside the program', async () => {
    const { me, cohortId } = await managedCohort();
    expect((await me.call('PATCH', `/api/cohorts/${cohortId}`, { courseId: t.manifest.courses[4]!.id })).status).toBe(422);
  });

  it('refuses an end date before the stored start date', async () => {
    const { me, cohortId } = await managedCohort();
    expect((await me.call('PATCH', `/api/cohorts/${cohortId}`, { endsOn: '2026-01-01' })).status).toBe(400);
    expect((await cohortById(t.db, cohortId))!.endsOn).toBe('2027-03-31');
  });
});

describe('joining with a code', () => {
  it.each([
    ['as shown', (code: string) => formatJoinCode(code)],
    ['in lower case without the dash', (code: string) => code.toLowerCase()],
    ['with spaces', (code: string) => ` ${code.slice(0, 4)} ${code.slice(4)} `],
  ])('enrols me when I type the code %s, and tells me in my inbox', async (_how, typed) => {
    const { cohortId, cohort } = await managedCohort();
    const me = await t.signInAs('learner');
    const res = await me.call('POST', '/api/cohorts/join', { code: typed(cohort.joinCode) });
    expect(res.status).toBe(201);
    expect(res.json).toEqual({
      status: 'joined',
      cohort: {
        id: cohortId,
        name: 'Cohort A',
        programName: 'Regional programme',
        courseId: cohort.courseId,
        locale: 'en',
        startsOn: '2027-01-11',
        endsOn: '2027-03-31',
      },
    });
    expect((await membership(cohortId, me.user.id))?.source).toBe('code');
    const inbox = await t.db.select().from(notifications).where(eq(notifications.userId, me.user.id));
    expect(inbox.map((n) => [n.kind, JSON.parse(n.data)])).toEqual([['cohort.added', { cohortId, cohortName: 'Cohort A', programName: 'Regional programme' }]]);
  });

  it('answers 200 and changes nothing when I join twice', async () => {
    const { cohortId, cohort } = await managedCohort();
    const me = await t.signInAs('learner');
    await me.call('POST', '/api/cohorts/join', { code: cohort.joinCode });
    const again = await me.call('POST', '/api/cohorts/join', { code: cohort.joinCode });
    expect(again.status).toBe(200);
    expect(again.json.status).toBe('already-member');
    expect(await t.db.select().from(notifications).where(eq(notifications.userId, me.user.id))).toHaveLength(1);
    expect(await t.db.select().from(cohortMembers).where(eq(cohortMembers.cohortId, cohortId))).toHaveLength(1);
  });

  it('refuses a full cohort with 409 and a clear message', async () => {
    const { cohortId, cohort } = await managedCohort({ capacity: 1 });
    await enrol(t.db, cohortId, (await person(t, 'learner')).id, 'manager', new Date());
    const me = await t.signInAs('learner');
    const res = await me.call('POST', '/api/cohorts/join', { code: cohort.joinCode });
    expect(res.status).toBe(409);
    expect(res.json.error.message).toBe('Cohort A is full. Ask your programme manager for a seat.');
    expect(await membership(cohortId, me.user.id)).toBeUndefined();
  });

  it('counts pending invitations as taken seats', async () => {
    const { me: manager, cohortId, cohort } = await managedCohort({ capacity: 1 });
    await importRoster(t.db, cohort, [{ line: 2, email: `held-${crypto.randomUUID()}@example.org`, name: 'Seat Holder' }], manager.user.id, new Date());
    const me = await t.signInAs('learner');
    expect((await me.call('POST', '/api/cohorts/join', { code: cohort.joinCode })).status).toBe(409);
    expect(await membership(cohortId, me.user.id)).toBeUndefined();
  });

  it('answers 404 for a well-formed code no cohort has', async () => {
    const me = await t.signInAs('learner');
    const res = await me.call('POST', '/api/cohorts/join', { code: 'ZZZZ-ZZZZ' });
    expect(res.status).toBe(404);
  });

  it('answers 400 for something that cannot be a code', async () => {
    const me = await t.signInAs('learner');
    const res = await me.call('POST', '/api/cohorts/join', { code: 'O0O0-1I1I' });
    expect(res.status).toBe(400);
    expect(res.json.error.details).toEqual([{ path: 'code', message: 'Codes are 8 letters and digits, like K7QX-M2PD.' }]);
  });
});

describe('rotating the join code', () => {
  it('gives a new code; the old one stops working and the new one works', async () => {
    const { me: manager, cohortId, cohort } = await managedCohort();
    const res = await manager.call('POST', `/api/cohorts/${cohortId}/join-code`);
    expect(res.status).toBe(200);
    expect(res.json.joinCode).toMatch(/^[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}$/);
    expect(res.json.joinCode.replace('-', '')).not.toBe(cohort.joinCode);
    expect(await storedCode(cohortId)).toBe(res.json.joinCode.replace('-', ''));
    const learner = await t.signInAs('learner');
    expect((await learner.call('POST', '/api/cohorts/join', { code: cohort.joinCode })).status).toBe(404);
    expect((await learner.call('POST', '/api/cohorts/join', { code: res.json.joinCode })).status).toBe(201);
  });
});

describe('wrong codes are rate-limited', () => {
  it('refuses a person with 429 and Retry-After after 10 wrong codes, even with the right code', async () => {
    const { cohortId, cohort } = await managedCohort();
    const me = await t.signInAs('learner');
    for (let i = 0; i < 10; i++) expect((await me.call('POST', '/api/cohorts/join', { code: 'ZZZZ-ZZZZ' })).status).toBe(404);
    const res = await me.call('POST', '/api/cohorts/join', { code: cohort.joinCode });
    expect(res.status).toBe(429);
    expect(res.json.error.code).toBe('rate_limited');
    expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await membership(cohortId, me.user.id)).toBeUndefined();
  });

  it('does not hold one person’s wrong codes against another', async () => {
    const { cohort } = await managedCohort();
    const guesser = await t.signInAs('learner');
    for (let i = 0; i < 11; i++) await guesser.call('POST', '/api/cohorts/join', { code: 'ZZZZ-ZZZZ' });
    const other = await t.signInAs('learner');
    expect((await other.call('POST', '/api/cohorts/join', { code: cohort.joinCode })).status).toBe(201);
  });

  it('limits attempts per client address too', async () => {
    const limited = await makeTestApp({ authRateLimit: { limit: 3, windowMs: 60_000 }, clientIp: () => '203.0.113.9' });
    try {
      const me = await limited.signInAs('learner');
      for (let i = 0; i < 3; i++) expect((await me.call('POST', '/api/cohorts/join', { code: 'ZZZZ-ZZZZ' })).status).toBe(404);
      const res = await me.call('POST', '/api/cohorts/join', { code: 'ZZZZ-ZZZZ' });
      expect(res.status).toBe(429);
      expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
    } finally {
      limited.close();
    }
  });
});

describe('leaving and removing members', () => {
  it('lets a learner leave: membership and group place go, progress stays', async () => {
    const me = await t.signInAs('learner');
    const { cohortId, cohort } = await programAround(t, {
      managerId: (await person(t, 'manager')).id,
      learnerId: me.user.id,
      mentorId: (await person(t, 'mentor')).id,
    });
    const lesson = t.manifest.courses.find((c) => c.id === cohort.courseId)!.lessons[0]!;
    await t.db.insert(lessonProgress).values({
      userId: me.user.id,
      lessonId: lesson.id,
      courseId: cohort.courseId,
      completedAt: new Date().toISOString(),
      updatedAt: new Date().toISOString(),
    });
    expect((await me.call('DELETE', `/api/my/cohorts/${cohortId}`)).status).toBe(204);
    expect(await membership(cohortId, me.user.id)).toBeUndefined();
    expect(await t.db.select().from(groupMembers).where(eq(groupMembers.learnerId, me.user.id))).toEqual([]);
    expect(await t.db.select().from(lessonProgress).where(eq(lessonProgress.userId, me.user.id))).toHaveLength(1);
    expect((await me.call('GET', '/api/my/cohorts')).json.cohorts).toEqual([]);
  });

  it('no longer lets a learner who left act as a member', async () => {
    const me = await t.signInAs('learner');
    const { cohortId } = await programAround(t, { managerId: (await person(t, 'manager')).id, learnerId: me.user.id });
    await me.call('DELETE', `/api/my/cohorts/${cohortId}`);
    expect((await me.call('DELETE', `/api/my/cohorts/${cohortId}`)).status).toBe(403);
  });

  it('lets the manager remove a member and their group place', async () => {
    const learner = await person(t, 'learner');
    const me = await t.signInAs('manager');
    const { cohortId, groupId } = await programAround(t, { managerId: me.user.id, learnerId: learner.id, mentorId: (await person(t, 'mentor')).id });
    expect((await me.call('DELETE', `/api/cohorts/${cohortId}/members/${learner.id}`)).status).toBe(204);
    expect(await membership(cohortId, learner.id)).toBeUndefined();
    expect(await t.db.select().from(groupMembers).where(eq(groupMembers.groupId, groupId!))).toEqual([]);
    expect(await t.db.select().from(mentorGroups).where(eq(mentorGroups.id, groupId!))).toHaveLength(1);
  });

  it('answers 404 when the person is not a member', async () => {
    const { me, cohortId } = await managedCohort();
    expect((await me.call('DELETE', `/api/cohorts/${cohortId}/members/${(await person(t, 'learner')).id}`)).status).toBe(404);
  });
});

describe('my cohorts', () => {
  it('lists my cohort with its program, course, dates, mentor, next meeting I can see and capstone status', async () => {
    const me = await t.signInAs('learner');
    const mentor = await person(t, 'mentor');
    const { cohortId, cohort, groupId } = await programAround(t, { managerId: (await person(t, 'manager')).id, learnerId: me.user.id, mentorId: mentor.id });
    const otherGroup = crypto.randomUUID();
    await t.db.insert(mentorGroups).values({ id: otherGroup, cohortId, mentorId: (await person(t, 'mentor')).id, source: 'manual' });
    await meeting(cohortId, { startsAt: inDays(-2), title: 'Past' });
    await meeting(cohortId, { startsAt: inDays(1), title: 'Cancelled', cancelled: true });
    await meeting(cohortId, { startsAt: inDays(2), title: 'Another group', groupId: otherGroup });
    const mine = await meeting(cohortId, { startsAt: inDays(3), title: 'My group', groupId });
    await meeting(cohortId, { startsAt: inDays(4), title: 'Everyone' });
    for (const [version, status] of [
      [1, 'changes_requested'],
      [2, 'submitted'],
    ] as const) {
      await t.db.insert(capstoneSubmissions).values({
        id: crypto.randomUUID(),
        userId: me.user.id,
        cohortId,
        courseId: cohort.courseId,
        version,
        text: 'My plan',
        status,
        submittedAt: inDays(-version),
      });
    }

    const res = await me.call('GET', '/api/my/cohorts');
    expect(res.status).toBe(200);
    expect(res.json.cohorts).toEqual([
      {
        id: cohortId,
        name: 'Cohort A',
        programName: 'Regional programme',
        courseId: cohort.courseId,
        locale: 'en',
        startsOn: '2027-01-11',
        endsOn: '2027-03-31',
        timeZone: 'Africa/Accra',
        joinedAt: expect.any(String),
        mentor: { id: mentor.id, name: mentor.name },
        nextMeeting: { id: mine, title: 'My group', startsAt: expect.any(String), endsAt: expect.any(String), groupId },
        capstone: { status: 'submitted', version: 2, submittedAt: expect.any(String) },
      },
    ]);
  });

  it('has no mentor, meeting or capstone yet in a fresh cohort', async () => {
    const me = await t.signInAs('learner');
    await programAround(t, { managerId: (await person(t, 'manager')).id, learnerId: me.user.id });
    const [only] = (await me.call('GET', '/api/my/cohorts')).json.cohorts;
    expect(only).toMatchObject({ mentor: null, nextMeeting: null, capstone: null });
  });

  it('shows a cohort-wide meeting to a learner without a group', async () => {
    const me = await t.signInAs('learner');
    const { cohortId } = await programAround(t, {
      managerId: (await person(t, 'manager')).id,
      learnerId: me.user.id,
      mentorId: (await person(t, 'mentor')).id,
    });
    await t.db.delete(groupMembers).where(eq(groupMembers.learnerId, me.user.id));
    const { groupId } = (await t.db.select({ groupId: mentorGroups.id }).from(mentorGroups).where(eq(mentorGroups.cohortId, cohortId)))[0]!;
    await meeting(cohortId, { startsAt: inDays(1), groupId });
    const everyone = await meeting(cohortId, { startsAt: inDays(2) });
    expect((await me.call('GET', '/api/my/cohorts')).json.cohorts[0].nextMeeting.id).toBe(everyone);
  });
});
