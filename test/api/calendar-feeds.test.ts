import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, count, eq } from 'drizzle-orm';
import { calendarFeeds, cohortMembers } from '../../api/db/schema.ts';
import { makeTestApp, ORIGIN } from '../support/app.ts';
import { cohortWith, icsEvents, meetingAt, person } from '../support/cohort-fixtures.ts';

let t: Awaited<ReturnType<typeof makeTestApp>>;

beforeAll(async () => {
  t = await makeTestApp();
});
afterAll(() => t.close());

const DAY = 86_400_000;
const soon = (days: number) => new Date(Date.now() + days * DAY);

/**
 * One cohort: the manager's, with the mentor's group (learner) and another mentor's group
 * (other learner); a cohort-wide meeting and one meeting per group. A second cohort of another
 * manager holds the learner too, with one cohort-wide meeting.
 */
async function setting() {
  const manager = await t.signInAs('manager');
  const mentor = await t.signInAs('mentor');
  const learner = await t.signInAs('learner');
  const otherLearner = await person(t, 'learner');
  const otherMentor = await person(t, 'mentor');
  const a = await cohortWith(t, {
    managerId: manager.user.id,
    learnerIds: [learner.user.id, otherLearner.id],
    mentorId: mentor.user.id,
    groupLearnerIds: [learner.user.id],
  });
  const otherGroup = await manager.call('POST', `/api/cohorts/${a.cohortId}/groups`, { mentorId: otherMentor.id, learnerIds: [otherLearner.id] });
  const otherGroupId: string = otherGroup.json.group.id;
  const b = await cohortWith(t, { managerId: (await person(t, 'manager')).id, learnerIds: [learner.user.id] });
  const meetings = {
    wide: await meetingAt(t, { cohortId: a.cohortId, startsAt: soon(2), title: 'Plenary A' }),
    mine: await meetingAt(t, { cohortId: a.cohortId, groupId: a.groupId, startsAt: soon(3), title: 'My group' }),
    theirs: await meetingAt(t, { cohortId: a.cohortId, groupId: otherGroupId, startsAt: soon(4), title: 'Their group' }),
    elsewhere: await meetingAt(t, { cohortId: b.cohortId, startsAt: soon(5), title: 'Plenary B' }),
  };
  return { manager, mentor, learner, a, b, meetings };
}

/** Fetches a feed URL as a calendar app would: no cookies, no Origin. */
async function subscribe(url: string) {
  const response = await t.app.request(url);
  return { status: response.status, headers: response.headers, text: await response.text() };
}
const uids = (text: string) => icsEvents(text).map((e) => e.UID);
const uid = (m: { id: string }) => `meeting-${m.id}@accord`;

describe('calendar feeds', () => {
  it('gives a secret address once, lists the feed without it, and stores only its hash', async () => {
    const { learner } = await setting();
    const res = await learner.call('POST', '/api/calendar/feeds', { kind: 'person' });
    expect(res.status).toBe(201);
    expect(res.json.url).toMatch(new RegExp(`^${ORIGIN}/api/public/calendar/[a-z2-7]{32}$`));
    const token = res.json.url.split('/').at(-1);
    const list = await learner.call('GET', '/api/calendar/feeds');
    expect(list.json.feeds).toEqual([{ id: res.json.id, kind: 'person', cohortId: null, cohortName: null, createdAt: expect.any(String) }]);
    expect(list.text).not.toContain(token);
    const [row] = await t.db.select().from(calendarFeeds).where(eq(calendarFeeds.id, res.json.id));
    expect(JSON.stringify(row)).not.toContain(token);
  });

  it("a learner's person feed lists their cohorts' cohort-wide meetings and their own group's, not another group's", async () => {
    const { learner, meetings } = await setting();
    const feed = await learner.call('POST', '/api/calendar/feeds', { kind: 'person' });
    const res = await subscribe(feed.json.url);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/calendar; charset=utf-8');
    expect(res.headers.get('cache-control')).toBe('public, max-age=300');
    expect(uids(res.text)).toEqual([uid(meetings.wide), uid(meetings.mine), uid(meetings.elsewhere)]);
  });

  it("a mentor's person feed lists their group's meetings and the cohort-wide ones of cohorts they mentor in", async () => {
    const { mentor, meetings } = await setting();
    const feed = await mentor.call('POST', '/api/calendar/feeds', { kind: 'person' });
    expect(uids((await subscribe(feed.json.url)).text)).toEqual([uid(meetings.wide), uid(meetings.mine)]);
  });

  it("a manager's person feed lists every meeting of the cohorts they manage", async () => {
    const { manager, meetings } = await setting();
    const feed = await manager.call('POST', '/api/calendar/feeds', { kind: 'person' });
    expect(uids((await subscribe(feed.json.url)).text)).toEqual([uid(meetings.wide), uid(meetings.mine), uid(meetings.theirs)]);
  });

  it('a cohort feed lists the meetings of that cohort its owner can see, and names the cohort', async () => {
    const { learner, a, meetings } = await setting();
    const feed = await learner.call('POST', '/api/calendar/feeds', { kind: 'cohort', cohortId: a.cohortId });
    expect(feed.status).toBe(201);
    expect(feed.json.cohortId).toBe(a.cohortId);
    const res = await subscribe(feed.json.url);
    expect(uids(res.text)).toEqual([uid(meetings.wide), uid(meetings.mine)]);
    expect(res.text).toContain(`X-WR-CALNAME:Accord: ${a.cohort.name}`);
    expect((await learner.call('GET', '/api/calendar/feeds')).json.feeds[0]).toMatchObject({ kind: 'cohort', cohortId: a.cohortId, cohortName: a.cohort.name });
  });

  it('shows a cancelled meeting as STATUS:CANCELLED with its raised sequence', async () => {
    const { manager, learner, meetings } = await setting();
    await manager.call('PATCH', `/api/meetings/${meetings.wide.id}`, { cancelled: true });
    const feed = await learner.call('POST', '/api/calendar/feeds', { kind: 'person' });
    const event = icsEvents((await subscribe(feed.json.url)).text).find((e) => e.UID === uid(meetings.wide));
    expect(event).toMatchObject({ STATUS: 'CANCELLED', SEQUENCE: '1' });
  });

  it('refuses a cohort feed for a cohort I neither belong to nor staff (403), storing nothing', async () => {
    const { b } = await setting();
    const stranger = await t.signInAs('learner');
    const res = await stranger.call('POST', '/api/calendar/feeds', { kind: 'cohort', cohortId: b.cohortId });
    expect(res.status).toBe(403);
    const rows = await t.db.select({ n: count() }).from(calendarFeeds).where(eq(calendarFeeds.ownerId, stranger.user.id));
    expect(rows[0]!.n).toBe(0);
  });

  it('rejects malformed requests (400), storing nothing', async () => {
    const me = await t.signInAs('learner');
    for (const body of [{ kind: 'cohort' }, { kind: 'group' }, { kind: 'cohort', cohortId: 'nope' }, {}]) {
      expect((await me.call('POST', '/api/calendar/feeds', body)).status, JSON.stringify(body)).toBe(400);
    }
    const rows = await t.db.select({ n: count() }).from(calendarFeeds).where(eq(calendarFeeds.ownerId, me.user.id));
    expect(rows[0]!.n).toBe(0);
  });

  it('stops working once revoked (404 with the JSON error), and leaves the list', async () => {
    const { learner } = await setting();
    const feed = await learner.call('POST', '/api/calendar/feeds', { kind: 'person' });
    expect((await learner.call('DELETE', `/api/calendar/feeds/${feed.json.id}`)).status).toBe(204);
    const res = await subscribe(feed.json.url);
    expect(res.status).toBe(404);
    expect(JSON.parse(res.text)).toMatchObject({ error: { code: 'not_found' } });
    expect((await learner.call('GET', '/api/calendar/feeds')).json.feeds).toEqual([]);
  });

  it('answers 404 for unknown and malformed tokens', async () => {
    expect((await subscribe(`${ORIGIN}/api/public/calendar/${'a'.repeat(32)}`)).status).toBe(404);
    expect((await subscribe(`${ORIGIN}/api/public/calendar/not-a-token!`)).status).toBe(404);
  });

  it('answers 404 for a cohort feed once its owner has left the cohort', async () => {
    const { learner, b } = await setting();
    const feed = await learner.call('POST', '/api/calendar/feeds', { kind: 'cohort', cohortId: b.cohortId });
    await t.db.delete(cohortMembers).where(and(eq(cohortMembers.cohortId, b.cohortId), eq(cohortMembers.userId, learner.user.id)));
    expect((await subscribe(feed.json.url)).status).toBe(404);
  });
});
