import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inbox, notify } from '../../api/notifications/store.ts';
import { makeTestApp } from '../support/app.ts';

let t: Awaited<ReturnType<typeof makeTestApp>>;

beforeAll(async () => {
  t = await makeTestApp();
});
afterAll(() => t.close());

/** A signed-in learner with three notifications, a minute apart (the newest last). */
async function withThree() {
  const me = await t.signInAs('learner');
  const base = Date.parse('2026-11-01T09:00:00Z');
  await notify(t.db, [me.user.id], 'cohort.added', { cohortId: 'c1', cohortName: 'Cohort 1' }, new Date(base));
  await notify(t.db, [me.user.id], 'mentor.assigned', { cohortId: 'c1', cohortName: 'Cohort 1', mentorName: 'Ama' }, new Date(base + 60_000));
  await notify(t.db, [me.user.id], 'meeting.scheduled', { cohortId: 'c1', count: 12 }, new Date(base + 120_000));
  return me;
}

describe('the inbox', () => {
  it('starts empty', async () => {
    const me = await t.signInAs('learner');
    const res = await me.call('GET', '/api/notifications');
    expect(res.status).toBe(200);
    expect(res.json).toEqual({ unread: 0, notifications: [] });
  });

  it('lists my notifications newest first, with their data, and counts the unread', async () => {
    const me = await withThree();
    const res = await me.call('GET', '/api/notifications');
    expect(res.json.unread).toBe(3);
    expect(res.json.notifications.map((n: { kind: string }) => n.kind)).toEqual(['meeting.scheduled', 'mentor.assigned', 'cohort.added']);
    expect(res.json.notifications[1]).toEqual({
      id: expect.any(String),
      kind: 'mentor.assigned',
      data: { cohortId: 'c1', cohortName: 'Cohort 1', mentorName: 'Ama' },
      createdAt: '2026-11-01T09:01:00.000Z',
      readAt: null,
    });
  });

  it('shows only my own notifications', async () => {
    await withThree();
    const other = await t.signInAs('learner');
    expect((await other.call('GET', '/api/notifications')).json).toEqual({ unread: 0, notifications: [] });
  });

  it('takes a limit; the unread count still covers them all', async () => {
    const me = await withThree();
    const res = await me.call('GET', '/api/notifications?limit=1');
    expect(res.json.notifications.map((n: { kind: string }) => n.kind)).toEqual(['meeting.scheduled']);
    expect(res.json.unread).toBe(3);
  });

  it('rejects a limit outside 1..100 (400)', async () => {
    const me = await t.signInAs('learner');
    for (const limit of ['0', '101', 'many']) expect((await me.call('GET', `/api/notifications?limit=${limit}`)).status, limit).toBe(400);
  });
});

describe('marking read', () => {
  it('marks the given ones read and answers the new unread count', async () => {
    const me = await withThree();
    const [newest] = (await me.call('GET', '/api/notifications')).json.notifications;
    const res = await me.call('POST', '/api/notifications/read', { ids: [newest.id] });
    expect(res.status).toBe(200);
    expect(res.json).toEqual({ unread: 2 });
    const after = await me.call('GET', '/api/notifications');
    expect(after.json.notifications[0].readAt).toEqual(expect.any(String));
    expect(after.json.notifications[1].readAt).toBeNull();
  });

  it('marks all of them read when no ids are given', async () => {
    const me = await withThree();
    expect((await me.call('POST', '/api/notifications/read', {})).json).toEqual({ unread: 0 });
    expect((await me.call('GET', '/api/notifications')).json.notifications.every((n: { readAt: string | null }) => n.readAt !== null)).toBe(true);
  });

  it("ignores other people's ids: theirs stay unread", async () => {
    const me = await withThree();
    const other = await withThree();
    const theirs = (await inbox(t.db, other.user.id, 10)).notifications.map((n) => n.id);
    expect((await me.call('POST', '/api/notifications/read', { ids: theirs })).json).toEqual({ unread: 3 });
    expect((await inbox(t.db, other.user.id, 10)).unread).toBe(3);
  });

  it('rejects malformed ids (400) and marks nothing', async () => {
    const me = await withThree();
    for (const body of [{ ids: ['nope'] }, { ids: [] }, { ids: 'all' }]) {
      expect((await me.call('POST', '/api/notifications/read', body)).status, JSON.stringify(body)).toBe(400);
    }
    expect((await inbox(t.db, me.user.id, 10)).unread).toBe(3);
  });
});
