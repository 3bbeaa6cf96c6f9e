import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { sessions } from '../../api/db/schema.ts';
import { deleteExpiredSessions, SESSION_DAYS } from '../../api/auth/sessions.ts';
import { createUser } from '../../api/auth/users.ts';
import { makeTestApp, TEST_SCRYPT, uniqueEmail } from '../support/app.ts';

const DAY = 86_400_000;
let now = new Date('2026-01-01T00:00:00Z');
let t: Awaited<ReturnType<typeof makeTestApp>>;
beforeAll(async () => {
  t = await makeTestApp({ clock: () => now });
});
afterAll(() => t.close());

describe('sliding session expiry', () => {
  it('extends a session used in its second half, and ends one left unused past its term', async () => {
    const email = uniqueEmail('slide');
    const user = await createUser(t.db, { email, name: 'S', password: 'the right password' }, TEST_SCRYPT);
    now = new Date('2026-01-01T00:00:00Z');
    await t.call('POST', '/api/auth/login', { email, password: 'the right password' });
    const expiry = async () => (await t.db.select().from(sessions).where(eq(sessions.userId, user.id)))[0]?.expiresAt;
    expect(await expiry()).toBe(new Date(now.getTime() + SESSION_DAYS * DAY).toISOString());

    // Day 5: first half of the term, nothing moves.
    now = new Date(now.getTime() + 5 * DAY);
    expect((await t.call('GET', '/api/auth/me')).json.user.email).toBe(email);
    expect(await expiry()).toBe('2026-01-31T00:00:00.000Z');

    // Day 20: second half, the session slides to a full term from now and the cookie is re-sent.
    now = new Date('2026-01-21T00:00:00Z');
    const slid = await t.call('GET', '/api/auth/me');
    expect(slid.json.user.email).toBe(email);
    expect(slid.headers.getSetCookie().some((c) => c.startsWith('accord_session='))).toBe(true);
    expect(await expiry()).toBe('2026-02-20T00:00:00.000Z');

    // Unused beyond its term: refused, and the row is gone.
    now = new Date('2026-02-21T00:00:00Z');
    expect((await t.call('GET', '/api/auth/me')).json.user).toBeNull();
    expect(await expiry()).toBeUndefined();
  });

  it('sweeps sessions that expired without ever being presented again', async () => {
    const email = uniqueEmail('sweep');
    const user = await createUser(t.db, { email, name: 'W', password: 'the right password' }, TEST_SCRYPT);
    now = new Date('2026-03-01T00:00:00Z');
    t.cookies.clear();
    await t.call('POST', '/api/auth/login', { email, password: 'the right password' });
    const rows = () => t.db.select().from(sessions).where(eq(sessions.userId, user.id));
    expect(await rows()).toHaveLength(1);
    await deleteExpiredSessions(t.db, new Date('2026-03-20T00:00:00Z'));
    expect(await rows()).toHaveLength(1);
    await deleteExpiredSessions(t.db, new Date('2026-04-01T00:00:00Z'));
    expect(await rows()).toHaveLength(0);
  });
});
