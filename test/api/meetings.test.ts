import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { count, eq } from 'drizzle-orm';
import { meetings } from '../../api/db/schema.ts';
import { inbox } from '../../api/notifications/store.ts';
import { makeTestApp } from '../support/app.ts';
import { cohortWith, icsEvents, icsInstant, person, testClock } from '../support/cohort-fixtures.ts';

// Early October 2026: Lisbon is on summer time (WEST, UTC+1) until 25 October, then UTC+0.
const time = testClock('2026-10-01T12:00:00Z');
let t: Awaited<ReturnType<typeof makeTestApp>>;

beforeAll(async () => {
  t = await makeTestApp({ clock: time.clock });
});
afterAll(() => t.close());

const TUESDAYS_10_LISBON = { weekday: 2 as const, time: '10:00', durationMinutes: 90 };

/** A manager, a mentor with a group of one learner, and a second learner in no group. */
async function setting(options: { timeZone?: string; pattern?: typeof TUESDAYS_10_LISBON | null; startsOn?: string; endsOn?: string } = {}) {
  time.set('2026-10-01T12:00:00Z');
  const manager = await t.signInAs('manager');
  const mentor = await t.signInAs('mentor');
  const grouped = await t.signInAs('learner');
  const ungrouped = await t.signInAs('learner');
  const fixture = await cohortWith(t, {
    managerId: manager.user.id,
    learnerIds: [grouped.user.id, ungrouped.user.id],
    mentorId: mentor.user.id,
    groupLearnerIds: [grouped.user.id],
    timeZone: options.timeZone ?? 'Europe/Lisbon',
    pattern: options.pattern === undefined ? TUESDAYS_10_LISBON : options.pattern,
    startsOn: options.startsOn ?? '2026-10-06',
    endsOn: options.endsOn ?? '2026-11-03',
    at: time.now(),
  });
  return { manager, mentor, grouped, ungrouped, ...fixture, groupId: fixture.groupId! };
}

const meetingCount = async (cohortId: string) => (await t.db.select({ n: count() }).from(meetings).where(eq(meetings.cohortId, cohortId)))[0]!.n;
/** What a user was told about meetings (being given a mentor, by the fixture, left out). */
const told = async (userId: string) => (await inbox(t.db, userId, 50)).notifications.filter((n) => n.kind !== 'mentor.assigned');
const kinds = async (userId: string) => (await told(userId)).map((n) => n.kind);

describe('meetings from the cohort’s pattern', () => {
  it('creates one meeting per week over the cohort’s dates, each for its local date', async () => {
    const { manager, cohortId } = await setting();
    const res = await manager.call('POST', `/api/cohorts/${cohortId}/meetings/from-pattern`);
    expect(res.status).toBe(200);
    expect(res.json.created).toBe(5);
    expect(res.json.meetings.map((m: { patternDate: string }) => m.patternDate)).toEqual([
      '2026-10-06',
      '2026-10-13',
      '2026-10-20',
      '2026-10-27',
      '2026-11-03',
    ]);
    expect(
      res.json.meetings.every(
        (m: { timeZone: string; durationMinutes: number; source: string }) =>
          m.timeZone === 'Europe/Lisbon' && m.durationMinutes === 90 && m.source === 'pattern',
      ),
    ).toBe(true);
  });

  it('keeps the local wall time across the end of summer time (Lisbon, 25 October 2026): the UTC instant moves', async () => {
    const { manager, cohortId } = await setting();
    const res = await manager.call('POST', `/api/cohorts/${cohortId}/meetings/from-pattern`);
    expect(res.json.meetings.map((m: { startsAt: string }) => m.startsAt)).toEqual([
      '2026-10-06T09:00:00.000Z',
      '2026-10-13T09:00:00.000Z',
      '2026-10-20T09:00:00.000Z',
      '2026-10-27T10:00:00.000Z',
      '2026-11-03T10:00:00.000Z',
    ]);
  });

  it('is idempotent: a second run creates nothing and members were told once, with the count', async () => {
    const { manager, cohortId, grouped, mentor } = await setting();
    const first = await manager.call('POST', `/api/cohorts/${cohortId}/meetings/from-pattern`);
    const again = await manager.call('POST', `/api/cohorts/${cohortId}/meetings/from-pattern`);
    expect(again.status).toBe(200);
    expect(again.json.created).toBe(0);
    expect(again.json.meetings.map((m: { id: string }) => m.id)).toEqual(first.json.meetings.map((m: { id: string }) => m.id));
    expect(await meetingCount(cohortId)).toBe(5);
    const notifications = await told(grouped.user.id);
    expect(notifications.map((n) => n.kind)).toEqual(['meeting.scheduled']);
    expect(notifications[0]!.data).toMatchObject({ cohortId, count: 5, firstStartsAt: '2026-10-06T09:00:00.000Z', timeZone: 'Europe/Lisbon' });
    expect(await kinds(mentor.user.id)).toEqual(['meeting.scheduled']);
    expect(await kinds(manager.user.id)).toEqual([]);
  });

  it('run mid-cohort, makes only the meetings still to come', async () => {
    const { manager, cohortId } = await setting();
    time.set('2026-10-20T09:30:00Z');
    await manager.call('POST', '/api/auth/login', { email: manager.email, password: manager.password });
    const res = await manager.call('POST', `/api/cohorts/${cohortId}/meetings/from-pattern`);
    expect(res.json.meetings.map((m: { patternDate: string }) => m.patternDate)).toEqual(['2026-10-27', '2026-11-03']);
  });

  it('answers 409 for a cohort without a weekly pattern, and creates nothing', async () => {
    const { manager, cohortId } = await setting({ pattern: null });
    const res = await manager.call('POST', `/api/cohorts/${cohortId}/meetings/from-pattern`);
    expect(res.status).toBe(409);
    expect(await meetingCount(cohortId)).toBe(0);
  });
});

describe('one-off meetings', () => {
  it('lets the manager schedule a cohort-wide meeting; every member and the mentor are told', async () => {
    const { manager, cohortId, grouped, ungrouped, mentor } = await setting();
    const res = await manager.call('POST', `/api/cohorts/${cohortId}/meetings`, {
      title: 'Kick-off',
      startsAt: '2026-10-05T15:00:00+01:00',
      durationMinutes: 60,
    });
    expect(res.status).toBe(201);
    expect(res.json.meeting).toMatchObject({
      groupId: null,
      title: 'Kick-off',
      startsAt: '2026-10-05T14:00:00.000Z',
      endsAt: '2026-10-05T15:00:00.000Z',
      sequence: 0,
      source: 'one-off',
      timeZone: 'Europe/Lisbon',
    });
    for (const who of [grouped, ungrouped, mentor]) expect(await kinds(who.user.id)).toEqual(['meeting.scheduled']);
  });

  it("lets a mentor schedule for their own group only: no group or another mentor's group is 403", async () => {
    const { manager, mentor, cohortId, groupId, ungrouped } = await setting();
    const body = { title: 'Group call', startsAt: '2026-10-08T10:00:00Z', durationMinutes: 45 };
    expect((await mentor.call('POST', `/api/cohorts/${cohortId}/meetings`, body)).status).toBe(403);
    const other = await person(t, 'mentor');
    const otherGroup = await manager.call('POST', `/api/cohorts/${cohortId}/groups`, { mentorId: other.id, learnerIds: [ungrouped.user.id] });
    expect((await mentor.call('POST', `/api/cohorts/${cohortId}/meetings`, { ...body, groupId: otherGroup.json.group.id })).status).toBe(403);
    const mine = await mentor.call('POST', `/api/cohorts/${cohortId}/meetings`, { ...body, groupId });
    expect(mine.status).toBe(201);
    expect(await meetingCount(cohortId)).toBe(1);
  });

  it('refuses a group of another cohort (422) and a start in the past (400), storing nothing', async () => {
    const { manager, cohortId } = await setting();
    const elsewhere = await setting();
    const future = { title: 'Call', startsAt: '2026-10-08T10:00:00Z', durationMinutes: 45 };
    expect((await manager.call('POST', `/api/cohorts/${cohortId}/meetings`, { ...future, groupId: elsewhere.groupId })).status).toBe(422);
    expect((await manager.call('POST', `/api/cohorts/${cohortId}/meetings`, { ...future, startsAt: '2026-09-30T10:00:00Z' })).status).toBe(400);
    expect((await manager.call('POST', `/api/cohorts/${cohortId}/meetings`, { ...future, durationMinutes: 5 })).status).toBe(400);
    expect(await meetingCount(cohortId)).toBe(0);
  });
});

describe('seeing meetings', () => {
  it('shows a learner cohort-wide meetings and their own group’s, not another group’s; upcoming and past', async () => {
    const { manager, mentor, grouped, ungrouped, cohortId, groupId } = await setting();
    const wide = await manager.call('POST', `/api/cohorts/${cohortId}/meetings`, { title: 'Plenary', startsAt: '2026-10-02T10:00:00Z', durationMinutes: 60 });
    const group = await mentor.call('POST', `/api/cohorts/${cohortId}/meetings`, {
      title: 'Group',
      startsAt: '2026-10-09T10:00:00Z',
      durationMinutes: 60,
      groupId,
    });
    time.set('2026-10-05T00:00:00Z');
    const mine = await grouped.call('GET', `/api/cohorts/${cohortId}/meetings`);
    expect(mine.json.timeZone).toBe('Europe/Lisbon');
    expect(mine.json.past.map((m: { id: string }) => m.id)).toEqual([wide.json.meeting.id]);
    expect(mine.json.upcoming.map((m: { id: string }) => m.id)).toEqual([group.json.meeting.id]);
    const theirs = await ungrouped.call('GET', `/api/cohorts/${cohortId}/meetings`);
    expect([...theirs.json.upcoming, ...theirs.json.past].map((m: { id: string }) => m.id)).toEqual([wide.json.meeting.id]);
    const all = await manager.call('GET', `/api/cohorts/${cohortId}/meetings`);
    expect(all.json.upcoming.length + all.json.past.length).toBe(2);
  });
});

describe('rescheduling and cancelling', () => {
  async function scheduled() {
    const s = await setting();
    const made = await s.manager.call('POST', `/api/cohorts/${s.cohortId}/meetings`, {
      title: 'Plenary',
      startsAt: '2026-10-10T10:00:00Z',
      durationMinutes: 60,
    });
    return { ...s, meeting: made.json.meeting };
  }

  it('moves a meeting, keeping its length, raises its sequence and tells members what changed', async () => {
    const { manager, grouped, meeting } = await scheduled();
    time.advanceMinutes(1);
    const res = await manager.call('PATCH', `/api/meetings/${meeting.id}`, { startsAt: '2026-10-11T14:30:00Z' });
    expect(res.status).toBe(200);
    expect(res.json.meeting).toMatchObject({ startsAt: '2026-10-11T14:30:00.000Z', endsAt: '2026-10-11T15:30:00.000Z', sequence: 1, cancelledAt: null });
    const latest = (await inbox(t.db, grouped.user.id, 1)).notifications[0]!;
    expect(latest).toMatchObject({
      kind: 'meeting.changed',
      data: { meetingId: meeting.id, startsAt: '2026-10-11T14:30:00.000Z', previousStartsAt: '2026-10-10T10:00:00.000Z', cancelled: false },
    });
    const again = await manager.call('PATCH', `/api/meetings/${meeting.id}`, { durationMinutes: 30 });
    expect(again.json.meeting).toMatchObject({ sequence: 2, endsAt: '2026-10-11T15:00:00.000Z' });
  });

  it('cancels a meeting (sequence raised, members told); a cancelled meeting is not changed again (409)', async () => {
    const { manager, mentor, ungrouped, meeting } = await scheduled();
    time.advanceMinutes(1);
    const res = await mentor.call('PATCH', `/api/meetings/${meeting.id}`, { cancelled: true });
    expect(res.status).toBe(200);
    expect(res.json.meeting.cancelledAt).toBe(time.now().toISOString());
    expect(res.json.meeting.sequence).toBe(1);
    expect((await inbox(t.db, ungrouped.user.id, 1)).notifications[0]).toMatchObject({ kind: 'meeting.changed', data: { cancelled: true } });
    expect((await inbox(t.db, manager.user.id, 1)).notifications).toEqual([]);
    const after = await manager.call('PATCH', `/api/meetings/${meeting.id}`, { title: 'Back on' });
    expect(after.status).toBe(409);
  });

  it('does not change a meeting that has started (409)', async () => {
    const { manager, meeting } = await scheduled();
    time.set('2026-10-10T10:30:00Z');
    const res = await manager.call('PATCH', `/api/meetings/${meeting.id}`, { startsAt: '2026-10-12T10:00:00Z' });
    expect(res.status).toBe(409);
  });

  it('rejects bad changes (400) and changes nothing', async () => {
    const { manager, meeting } = await scheduled();
    for (const body of [{}, { durationMinutes: 5 }, { startsAt: 'tomorrow' }, { startsAt: '2026-09-01T10:00:00Z' }, { cancelled: false }]) {
      expect((await manager.call('PATCH', `/api/meetings/${meeting.id}`, body)).status, JSON.stringify(body)).toBe(400);
    }
    const [row] = await t.db.select().from(meetings).where(eq(meetings.id, meeting.id));
    expect(row).toMatchObject({ sequence: 0, startsAt: '2026-10-10T10:00:00.000Z', cancelledAt: null });
  });
});

describe('downloading a meeting (.ics)', () => {
  it('answers an iCalendar attachment named for the local date, with the meeting as a parseable event', async () => {
    const { manager, grouped, cohortId, cohort } = await setting();
    const made = await manager.call('POST', `/api/cohorts/${cohortId}/meetings`, {
      title: 'Late plenary',
      startsAt: '2026-10-12T23:30:00Z',
      durationMinutes: 60,
    });
    const res = await grouped.call('GET', `/api/cohorts/${cohortId}/meetings/${made.json.meeting.id}/ics`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/calendar; charset=utf-8');
    // 23:30Z is 00:30 on the 13th in Lisbon (UTC+1).
    expect(res.headers.get('content-disposition')).toBe('attachment; filename="accord-meeting-2026-10-13.ics"');
    const [event, ...rest] = icsEvents(res.text);
    expect(rest).toEqual([]);
    expect(event!.UID).toBe(`meeting-${made.json.meeting.id}@accord`);
    expect(icsInstant(event!.DTSTART!)).toBe('2026-10-12T23:30:00.000Z');
    expect(icsInstant(event!.DTEND!)).toBe('2026-10-13T00:30:00.000Z');
    expect(event).toMatchObject({ SUMMARY: 'Late plenary', SEQUENCE: '0', STATUS: 'CONFIRMED' });
    expect(res.text).toContain(cohort.name);
  });

  it('marks a cancelled meeting STATUS:CANCELLED with its raised sequence', async () => {
    const { manager, grouped, cohortId } = await setting();
    const made = await manager.call('POST', `/api/cohorts/${cohortId}/meetings`, { title: 'Plenary', startsAt: '2026-10-12T10:00:00Z', durationMinutes: 60 });
    await manager.call('PATCH', `/api/meetings/${made.json.meeting.id}`, { cancelled: true });
    const [event] = icsEvents((await grouped.call('GET', `/api/cohorts/${cohortId}/meetings/${made.json.meeting.id}/ics`)).text);
    expect(event).toMatchObject({ STATUS: 'CANCELLED', SEQUENCE: '1' });
  });

  it("answers 404 for another group's meeting, or a meeting named under another cohort", async () => {
    const { mentor, ungrouped, grouped, cohortId, groupId } = await setting();
    const made = await mentor.call('POST', `/api/cohorts/${cohortId}/meetings`, {
      title: 'Group',
      startsAt: '2026-10-12T10:00:00Z',
      durationMinutes: 60,
      groupId,
    });
    expect((await ungrouped.call('GET', `/api/cohorts/${cohortId}/meetings/${made.json.meeting.id}/ics`)).status).toBe(404);
    const elsewhere = await cohortWith(t, { managerId: (await person(t, 'manager')).id, learnerIds: [grouped.user.id] });
    expect((await grouped.call('GET', `/api/cohorts/${elsewhere.cohortId}/meetings/${made.json.meeting.id}/ics`)).status).toBe(404);
  });
});
