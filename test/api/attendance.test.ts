import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { attendance } from '../../api/db/schema.ts';
import { makeTestApp } from '../support/app.ts';
import { cohortWith, person, testClock } from '../support/cohort-fixtures.ts';

const time = testClock('2026-10-01T12:00:00Z');
let t: Awaited<ReturnType<typeof makeTestApp>>;

beforeAll(async () => {
  t = await makeTestApp({ clock: time.clock });
});
afterAll(() => t.close());

const STARTS = '2026-10-02T10:00:00.000Z';
const MINUTE = 60_000;
const DAY = 86_400_000;
const at = (ms: number) => new Date(Date.parse(STARTS) + ms);

/** A cohort (manager, mentor with a group of one learner, one learner outside it) with a cohort-wide and a group meeting on 2 October. */
async function setting() {
  time.set('2026-10-01T12:00:00Z');
  const manager = await t.signInAs('manager');
  const mentor = await t.signInAs('mentor');
  const grouped = await t.signInAs('learner');
  const ungrouped = await t.signInAs('learner');
  const f = await cohortWith(t, {
    managerId: manager.user.id,
    learnerIds: [grouped.user.id, ungrouped.user.id],
    mentorId: mentor.user.id,
    groupLearnerIds: [grouped.user.id],
    at: time.now(),
  });
  const wide = await manager.call('POST', `/api/cohorts/${f.cohortId}/meetings`, { title: 'Plenary', startsAt: STARTS, durationMinutes: 60 });
  const group = await mentor.call('POST', `/api/cohorts/${f.cohortId}/meetings`, { title: 'Group', startsAt: STARTS, durationMinutes: 60, groupId: f.groupId });
  return { manager, mentor, grouped, ungrouped, ...f, wide: wide.json.meeting.id as string, group: group.json.meeting.id as string };
}

const stored = async (meetingId: string) =>
  (await t.db.select().from(attendance).where(eq(attendance.meetingId, meetingId)))
    .map((r) => ({ userId: r.userId, status: r.status }))
    .sort((a, b) => (a.userId < b.userId ? -1 : 1));

describe('recording attendance', () => {
  it('lists the expected attendees: every member for a cohort-wide meeting, the group for a group meeting', async () => {
    const s = await setting();
    const wide = await s.manager.call('GET', `/api/meetings/${s.wide}/attendance`);
    expect(wide.status).toBe(200);
    expect(wide.json.attendees.map((a: { userId: string }) => a.userId).sort()).toEqual([s.grouped.user.id, s.ungrouped.user.id].sort());
    expect(wide.json.attendees.every((a: { status: null }) => a.status === null)).toBe(true);
    const group = await s.mentor.call('GET', `/api/meetings/${s.group}/attendance`);
    expect(group.json.attendees.map((a: { userId: string }) => a.userId)).toEqual([s.grouped.user.id]);
  });

  it('is refused before the meeting starts (409), and nothing is stored', async () => {
    const s = await setting();
    const res = await s.manager.call('PUT', `/api/meetings/${s.wide}/attendance`, { records: [{ userId: s.grouped.user.id, status: 'present' }] });
    expect(res.status).toBe(409);
    expect(res.json.error.code).toBe('conflict');
    expect((await s.manager.call('GET', `/api/meetings/${s.wide}/attendance`)).json.window.state).toBe('not-started');
    expect(await stored(s.wide)).toEqual([]);
  });

  it('stores present, absent and excused once the meeting has started, with who recorded it', async () => {
    const s = await setting();
    time.set(at(5 * MINUTE));
    const res = await s.mentor.call('PUT', `/api/meetings/${s.wide}/attendance`, {
      records: [
        { userId: s.grouped.user.id, status: 'present' },
        { userId: s.ungrouped.user.id, status: 'excused' },
      ],
    });
    expect(res.status).toBe(200);
    expect(res.json.window).toEqual({ state: 'open', opensAt: STARTS, closesAt: at(7 * DAY).toISOString() });
    const grouped = res.json.attendees.find((a: { userId: string }) => a.userId === s.grouped.user.id);
    expect(grouped).toMatchObject({ status: 'present', recordedBy: s.mentor.user.id, recordedAt: at(5 * MINUTE).toISOString() });
  });

  it('can be corrected until 7 days after the start', async () => {
    const s = await setting();
    time.set(at(MINUTE));
    await s.manager.call('PUT', `/api/meetings/${s.group}/attendance`, { records: [{ userId: s.grouped.user.id, status: 'absent' }] });
    time.set(at(7 * DAY - MINUTE));
    const res = await s.manager.call('PUT', `/api/meetings/${s.group}/attendance`, { records: [{ userId: s.grouped.user.id, status: 'excused' }] });
    expect(res.status).toBe(200);
    expect(await stored(s.group)).toEqual([{ userId: s.grouped.user.id, status: 'excused' }]);
  });

  it('is closed after 7 days (409 with a message saying until when), and nothing changes', async () => {
    const s = await setting();
    time.set(at(MINUTE));
    await s.manager.call('PUT', `/api/meetings/${s.group}/attendance`, { records: [{ userId: s.grouped.user.id, status: 'absent' }] });
    time.set(at(7 * DAY + MINUTE));
    const res = await s.manager.call('PUT', `/api/meetings/${s.group}/attendance`, { records: [{ userId: s.grouped.user.id, status: 'present' }] });
    expect(res.status).toBe(409);
    expect(res.json.error.message).toContain(at(7 * DAY).toISOString());
    expect(res.json.error.details).toEqual({ closesAt: at(7 * DAY).toISOString() });
    expect(await stored(s.group)).toEqual([{ userId: s.grouped.user.id, status: 'absent' }]);
    expect((await s.manager.call('GET', `/api/meetings/${s.group}/attendance`)).json.window.state).toBe('closed');
  });

  it('rejects people not expected at the meeting (422, naming them) and stores none of the batch', async () => {
    const s = await setting();
    time.set(at(MINUTE));
    const outsider = await person(t, 'learner');
    const res = await s.mentor.call('PUT', `/api/meetings/${s.group}/attendance`, {
      records: [
        { userId: s.grouped.user.id, status: 'present' },
        { userId: s.ungrouped.user.id, status: 'present' },
        { userId: outsider.id, status: 'absent' },
      ],
    });
    expect(res.status).toBe(422);
    expect(res.json.error.details.map((d: { path: string }) => d.path)).toEqual(['records.1.userId', 'records.2.userId']);
    expect(await stored(s.group)).toEqual([]);
  });

  it('rejects malformed records (400): unknown status, the same person twice, none at all; nothing changes', async () => {
    const s = await setting();
    time.set(at(MINUTE));
    await s.manager.call('PUT', `/api/meetings/${s.wide}/attendance`, { records: [{ userId: s.grouped.user.id, status: 'present' }] });
    const bad = [
      { records: [{ userId: s.grouped.user.id, status: 'late' }] },
      {
        records: [
          { userId: s.grouped.user.id, status: 'absent' },
          { userId: s.grouped.user.id, status: 'present' },
        ],
      },
      { records: [] },
      { records: [{ userId: 'someone', status: 'absent' }] },
    ];
    for (const body of bad) expect((await s.manager.call('PUT', `/api/meetings/${s.wide}/attendance`, body)).status, JSON.stringify(body)).toBe(400);
    expect(await stored(s.wide)).toEqual([{ userId: s.grouped.user.id, status: 'present' }]);
  });

  it('is refused for a cancelled meeting (409)', async () => {
    const s = await setting();
    await s.manager.call('PATCH', `/api/meetings/${s.wide}`, { cancelled: true });
    time.set(at(MINUTE));
    const res = await s.manager.call('PUT', `/api/meetings/${s.wide}/attendance`, { records: [{ userId: s.grouped.user.id, status: 'present' }] });
    expect(res.status).toBe(409);
    expect(await stored(s.wide)).toEqual([]);
  });
});
