// Back-off on password sign-in per account and address (api/auth/backoff.ts): a few free
// failures, then locks that double up to a cap, during which even the right password waits; a
// success clears it; another address is not locked; an unknown e-mail is treated the same.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BACKOFF, lockFor } from '../../api/auth/backoff.ts';
import { makeTestApp, uniqueEmail } from '../support/app.ts';

let now = new Date('2026-12-03T09:00:00Z');
let t: Awaited<ReturnType<typeof makeTestApp>>;
beforeAll(async () => {
  t = await makeTestApp({ clock: () => now, clientIp: (c) => c.req.header('x-test-address') });
});
afterAll(() => t.close());

const attempt = (email: string, password: string, address = '198.51.100.7') =>
  t.browser().call('POST', '/api/auth/login', { email, password }, { 'x-test-address': address });
const later = (ms: number) => {
  now = new Date(now.getTime() + ms);
};

describe('sign-in back-off', () => {
  it('locks for twice as long after each failure past the free ones, up to the cap', () => {
    expect(Array.from({ length: BACKOFF.free }, (_, i) => lockFor(i + 1))).toEqual(Array(BACKOFF.free).fill(0));
    expect(lockFor(BACKOFF.free + 1)).toBe(BACKOFF.firstLockMs);
    expect(lockFor(BACKOFF.free + 2)).toBe(2 * BACKOFF.firstLockMs);
    expect(lockFor(BACKOFF.free + 30)).toBe(BACKOFF.maxLockMs);
  });

  it('answers 429 while locked, even for the right password, and lets the owner in once the lock ends', async () => {
    const { email, password } = await t.signInAs('learner');
    for (let i = 0; i <= BACKOFF.free; i++) expect((await attempt(email, 'a wrong password')).status).toBe(401);
    const locked = await attempt(email, password);
    expect(locked.status).toBe(429);
    expect(locked.json.error.code).toBe('rate_limited');
    expect(Number(locked.headers.get('retry-after'))).toBe(BACKOFF.firstLockMs / 1000);
    expect(locked.headers.getSetCookie()).toEqual([]);
    later(BACKOFF.firstLockMs + 1_000);
    expect((await attempt(email, password)).status).toBe(200);
    // The success cleared the count: the next failures are free again.
    for (let i = 0; i < BACKOFF.free; i++) expect((await attempt(email, 'a wrong password')).status).toBe(401);
    expect((await attempt(email, password)).status).toBe(200);
  });

  it('does not lock the owner out from another address', async () => {
    const { email, password } = await t.signInAs('learner');
    for (let i = 0; i <= BACKOFF.free; i++) await attempt(email, 'a wrong password', '203.0.113.9');
    expect((await attempt(email, password, '203.0.113.9')).status).toBe(429);
    expect((await attempt(email, password, '198.51.100.20')).status).toBe(200);
  });

  it('treats an e-mail without an account the same way (nothing tells them apart)', async () => {
    const { email } = await t.signInAs('learner');
    const nobody = uniqueEmail('nobody');
    const answers = async (who: string) => {
      const seen: number[] = [];
      for (let i = 0; i <= BACKOFF.free + 1; i++) seen.push((await attempt(who, 'a wrong password', '192.0.2.44')).status);
      return seen;
    };
    const known = await answers(email);
    const unknown = await answers(nobody);
    expect(unknown).toEqual(known);
    expect(known.at(-1)).toBe(429);
  });

  it('guessing the current password to change it meets the same back-off, and changes nothing', async () => {
    const me = await t.signInAs('learner');
    const change = (currentPassword: string) =>
      me.call('POST', '/api/auth/password', { currentPassword, newPassword: 'violet tractor under the mango tree' }, { 'x-test-address': '198.51.100.9' });
    for (let i = 0; i <= BACKOFF.free; i++) expect((await change('a wrong guess')).status).toBe(400);
    const locked = await change(me.password);
    expect(locked.status).toBe(429);
    expect(Number(locked.headers.get('retry-after'))).toBe(BACKOFF.firstLockMs / 1000);
    // The password is unchanged and the person still signed in.
    expect((await me.call('GET', '/api/auth/me')).json.user.id).toBe(me.user.id);
    expect((await attempt(me.email, me.password, '203.0.113.4')).status).toBe(200);
  });
});
