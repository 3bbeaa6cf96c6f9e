import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { count, eq } from 'drizzle-orm';
import { groupMembers, meetings, mentorGroups } from '../../api/db/schema.ts';
import { createGroup } from '../../api/mentoring/store.ts';
import { inbox } from '../../api/notifications/store.ts';
import { makeTestApp } from '../support/app.ts';
import { cohortWith, meetingAt, person } from '../support/cohort-fixtures.ts';

let t: Awaited<ReturnType<typeof makeTestApp>>;
let courseId: string;
let quizLesson: { id: string; questions: Record<string, string> };

beforeAll(async () => {
  t = await makeTestApp();
  courseId = t.manifest.courses[0]!.id;
  const lesson = t.manifest.courses[0]!.lessons[0]!;
  quizLesson = { id: lesson.id, questions: t.manifest.quizKeys[lesson.id]! };
});
afterAll(() => t.close());

/** A manager signed in, a cohort of theirs with `n` learner members (not grouped), and a mentor. */
async function setting(n = 2) {
  const manager = await t.signInAs('manager');
  const mentor = await t.signInAs('mentor');
  const learners = [];
  for (let i = 0; i < n; i++) learners.push(await t.signInAs('learner'));
  const { cohortId, cohort } = await cohortWith(t, { managerId: manager.user.id, learnerIds: learners.map((l) => l.user.id) });
  return { manager, mentor, learners, cohortId, cohort };
}

const groupsIn = async (cohortId: string) => (await t.db.select({ n: count() }).from(mentorGroups).where(eq(mentorGroups.cohortId, cohortId)))[0]!.n;

describe('making groups', () => {
  it('gives a mentor a group of cohort members (source manual) and tells each learner who their mentor is', async () => {
    const { manager, mentor, learners, cohortId, cohort } = await setting();
    const ids = learners.map((l) => l.user.id);
    const res = await manager.call('POST', `/api/cohorts/${cohortId}/groups`, { mentorId: mentor.user.id, learnerIds: ids });
    expect(res.status).toBe(201);
    expect(res.json.group).toMatchObject({ cohortId, mentorId: mentor.user.id, source: 'manual' });
    expect([...res.json.group.learnerIds].sort()).toEqual([...ids].sort());
    const note = await learners[0]!.call('GET', '/api/notifications');
    expect(note.json.notifications[0]).toMatchObject({ kind: 'mentor.assigned', data: { cohortId, cohortName: cohort.name, mentorName: 'Test mentor' } });
  });

  it('refuses a mentor id that is not a mentor account (422) and stores nothing', async () => {
    const { manager, learners, cohortId } = await setting(1);
    const res = await manager.call('POST', `/api/cohorts/${cohortId}/groups`, { mentorId: learners[0]!.user.id, learnerIds: [] });
    expect(res.status).toBe(422);
    expect(res.json.error.details[0].path).toBe('mentorId');
    expect(await groupsIn(cohortId)).toBe(0);
  });

  it('refuses learners who are not members of the cohort (422, naming them) and stores nothing', async () => {
    const { manager, mentor, learners, cohortId } = await setting(1);
    const outsider = await person(t, 'learner');
    const res = await manager.call('POST', `/api/cohorts/${cohortId}/groups`, { mentorId: mentor.user.id, learnerIds: [learners[0]!.user.id, outsider.id] });
    expect(res.status).toBe(422);
    expect(res.json.error.details.map((d: { learnerId: string }) => d.learnerId)).toEqual([outsider.id]);
    expect(await groupsIn(cohortId)).toBe(0);
  });

  it('keeps a learner in one group per cohort: 409 naming the learners already grouped, and nothing stored', async () => {
    const { manager, mentor, learners, cohortId } = await setting(2);
    const [a, b] = learners as [(typeof learners)[0], (typeof learners)[0]];
    await manager.call('POST', `/api/cohorts/${cohortId}/groups`, { mentorId: mentor.user.id, learnerIds: [a.user.id] });
    const second = await person(t, 'mentor');
    const res = await manager.call('POST', `/api/cohorts/${cohortId}/groups`, { mentorId: second.id, learnerIds: [b.user.id, a.user.id] });
    expect(res.status).toBe(409);
    expect(res.json.error.code).toBe('conflict');
    expect(res.json.error.message).toContain(a.user.name);
    expect(res.json.error.details).toEqual([{ learnerId: a.user.id, name: a.user.name, groupId: expect.any(String) }]);
    expect(await groupsIn(cohortId)).toBe(1);
    const bMember = await t.db.select().from(groupMembers).where(eq(groupMembers.learnerId, b.user.id));
    expect(bMember).toEqual([]);
  });

  it('lets a learner be in a group in each of two cohorts', async () => {
    const { manager, mentor, learners, cohortId } = await setting(1);
    const other = await cohortWith(t, { managerId: manager.user.id, learnerIds: [learners[0]!.user.id] });
    expect((await manager.call('POST', `/api/cohorts/${cohortId}/groups`, { mentorId: mentor.user.id, learnerIds: [learners[0]!.user.id] })).status).toBe(201);
    expect((await manager.call('POST', `/api/cohorts/${other.cohortId}/groups`, { mentorId: mentor.user.id, learnerIds: [learners[0]!.user.id] })).status).toBe(
      201,
    );
  });

  it('gives a mentor at most one group per cohort (409)', async () => {
    const { manager, mentor, learners, cohortId } = await setting(2);
    await manager.call('POST', `/api/cohorts/${cohortId}/groups`, { mentorId: mentor.user.id, learnerIds: [learners[0]!.user.id] });
    const res = await manager.call('POST', `/api/cohorts/${cohortId}/groups`, { mentorId: mentor.user.id, learnerIds: [learners[1]!.user.id] });
    expect(res.status).toBe(409);
    expect(await groupsIn(cohortId)).toBe(1);
  });

  it('rejects malformed bodies (400) and stores nothing', async () => {
    const { manager, mentor, cohortId } = await setting(1);
    const res = await manager.call('POST', `/api/cohorts/${cohortId}/groups`, { mentorId: mentor.user.id, learnerIds: ['not-a-uuid'] });
    expect(res.status).toBe(400);
    expect(await groupsIn(cohortId)).toBe(0);
  });

  it('is the same store function the matching engine calls, with source matching, and it tells the learners', async () => {
    const { mentor, learners, cohortId } = await setting(1);
    const made = await createGroup(t.db, { cohortId, mentorId: mentor.user.id, learnerIds: [learners[0]!.user.id], source: 'matching' });
    expect(made.ok && made.group.source).toBe('matching');
    const { notifications } = await inbox(t.db, learners[0]!.user.id, 10);
    expect(notifications.map((n) => n.kind)).toEqual(['mentor.assigned']);
  });
});

describe('changing groups', () => {
  it("replaces a group's learners and tells only those added", async () => {
    const { manager, mentor, learners, cohortId } = await setting(3);
    const [a, b, c] = learners as [(typeof learners)[0], (typeof learners)[0], (typeof learners)[0]];
    const made = await manager.call('POST', `/api/cohorts/${cohortId}/groups`, { mentorId: mentor.user.id, learnerIds: [a.user.id, b.user.id] });
    const res = await manager.call('PUT', `/api/cohorts/${cohortId}/groups/${made.json.group.id}`, { learnerIds: [b.user.id, c.user.id] });
    expect(res.status).toBe(200);
    expect([...res.json.group.learnerIds].sort()).toEqual([b.user.id, c.user.id].sort());
    expect((await inbox(t.db, b.user.id, 10)).notifications).toHaveLength(1);
    expect((await inbox(t.db, c.user.id, 10)).notifications).toHaveLength(1);
  });

  it('refuses to take a learner from another group (409) and leaves the group as it was', async () => {
    const { manager, mentor, learners, cohortId } = await setting(2);
    const [a, b] = learners as [(typeof learners)[0], (typeof learners)[0]];
    const first = await manager.call('POST', `/api/cohorts/${cohortId}/groups`, { mentorId: mentor.user.id, learnerIds: [a.user.id] });
    const other = await person(t, 'mentor');
    const second = await manager.call('POST', `/api/cohorts/${cohortId}/groups`, { mentorId: other.id, learnerIds: [b.user.id] });
    const res = await manager.call('PUT', `/api/cohorts/${cohortId}/groups/${second.json.group.id}`, { learnerIds: [a.user.id] });
    expect(res.status).toBe(409);
    const rows = await t.db.select().from(groupMembers).where(eq(groupMembers.groupId, second.json.group.id));
    expect(rows.map((r) => r.learnerId)).toEqual([b.user.id]);
    expect(first.status).toBe(201);
  });

  it('answers 404 for a group of another cohort named under this one', async () => {
    const { manager, mentor, learners, cohortId } = await setting(1);
    const made = await manager.call('POST', `/api/cohorts/${cohortId}/groups`, { mentorId: mentor.user.id, learnerIds: [learners[0]!.user.id] });
    const other = await cohortWith(t, { managerId: manager.user.id });
    expect((await manager.call('PUT', `/api/cohorts/${other.cohortId}/groups/${made.json.group.id}`, { learnerIds: [] })).status).toBe(404);
    expect((await manager.call('DELETE', `/api/cohorts/${other.cohortId}/groups/${made.json.group.id}`)).status).toBe(404);
    expect(await groupsIn(cohortId)).toBe(1);
  });

  it('dissolves a group: its learners stay members, its group meetings go', async () => {
    const { manager, mentor, learners, cohortId } = await setting(1);
    const made = await manager.call('POST', `/api/cohorts/${cohortId}/groups`, { mentorId: mentor.user.id, learnerIds: [learners[0]!.user.id] });
    const meeting = await meetingAt(t, { cohortId, groupId: made.json.group.id, startsAt: new Date(Date.now() + 86_400_000) });
    expect((await manager.call('DELETE', `/api/cohorts/${cohortId}/groups/${made.json.group.id}`)).status).toBe(204);
    expect(await groupsIn(cohortId)).toBe(0);
    expect(await t.db.select().from(meetings).where(eq(meetings.id, meeting.id))).toEqual([]);
    const mine = await learners[0]!.call('GET', `/api/cohorts/${cohortId}/meetings`);
    expect(mine.status).toBe(200);
  });
});

describe("a mentor's view", () => {
  async function grouped() {
    const s = await setting(2);
    const made = await s.manager.call('POST', `/api/cohorts/${s.cohortId}/groups`, {
      mentorId: s.mentor.user.id,
      learnerIds: s.learners.map((l) => l.user.id),
    });
    return { ...s, groupId: made.json.group.id as string };
  }

  it('lists my groups with their cohort and each mentee’s progress summary and flags', async () => {
    const { mentor, learners, cohortId, cohort } = await grouped();
    const done = await learners[0]!.call('POST', '/api/progress/events', {
      events: [{ id: crypto.randomUUID(), type: 'lesson.completed', lessonId: quizLesson.id, locale: 'en', occurredAt: new Date().toISOString() }],
    });
    expect(done.status).toBe(200);
    const res = await mentor.call('GET', '/api/mentor/groups');
    expect(res.status).toBe(200);
    expect(res.json.groups).toHaveLength(1);
    const [group] = res.json.groups;
    expect(group.cohort).toMatchObject({ id: cohortId, name: cohort.name, courseId, timeZone: 'Africa/Accra' });
    const first = group.mentees.find((m: { id: string }) => m.id === learners[0]!.user.id);
    expect(first.summary).toMatchObject({
      lessonsCompleted: 1,
      lessonsTotal: t.manifest.courses[0]!.lessons.length,
      quizzesPassed: 0,
      assessmentPassed: false,
    });
    expect(first.summary.lastActivityAt).toEqual(expect.any(String));
    expect(first.flags).toEqual([]);
  });

  it('shows a group’s mentees per lesson: completion, quiz best score, attempts and pass, and the final assessment', async () => {
    const { mentor, learners, groupId } = await grouped();
    const learner = learners[0]!;
    const right = quizLesson.questions;
    const ev = (answers: Record<string, string>) => ({
      id: crypto.randomUUID(),
      type: 'quiz.submitted',
      lessonId: quizLesson.id,
      locale: 'en',
      occurredAt: new Date().toISOString(),
      answers,
    });
    await learner.call('POST', '/api/progress/events', { events: [ev({}), ev(right)] });
    await learner.call('POST', `/api/courses/${courseId}/assessment/attempts`, { locale: 'en', attempt: 1, answers: {} });
    const res = await mentor.call('GET', `/api/groups/${groupId}`);
    expect(res.status).toBe(200);
    expect(res.json.group.mentor).toEqual({ id: mentor.user.id, name: 'Test mentor' });
    const m = res.json.mentees.find((x: { id: string }) => x.id === learner.user.id);
    const questions = Object.keys(right).length;
    expect(m.lessons[0]).toMatchObject({ lessonId: quizLesson.id, completed: true, quiz: { best: questions, max: questions, attempts: 2, passed: true } });
    expect(m.lessons[1].completed).toBe(false);
    expect(m.lessons[1].quiz).toMatchObject({ best: null, attempts: 0, passed: false });
    expect(m.assessment).toMatchObject({ best: 0, attempts: 1, passed: false });
    const other = res.json.mentees.find((x: { id: string }) => x.id === learners[1]!.user.id);
    expect(other.assessment).toEqual({ best: null, max: null, attempts: 0, passed: false });
  });

  it('lets the cohort’s manager read the group too', async () => {
    const { manager, groupId } = await grouped();
    expect((await manager.call('GET', `/api/groups/${groupId}`)).status).toBe(200);
  });
});
