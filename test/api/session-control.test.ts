// Ending sessions: sign out everywhere, a new password (every other session ends, this browser gets
// a new one), and a new role (the person signs in again under it). Run on memory and sqld.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { sessions } from '../../api/db/schema.ts';
import { makeTestApp } from '../support/app.ts';

let t: Awaited<ReturnType<typeof makeTestApp>>;
beforeAll(async () => {
  t = await makeTestApp();
});
afterAll(() => t.close());

/** The same person signed in in a second browser. */
async function secondBrowser(email: string, password: string) {
  const other = t.browser();
  expect((await other.call('POST', '/api/auth/login', { email, password })).status).toBe(200);
  return other;
}
const who = async (b: { call: typeof t.call }) => (await b.call('GET', '/api/auth/me')).json.user?.id ?? null;
const sessionsOf = async (userId: string) => (await t.db.select().from(sessions).where(eq(sessions.userId, userId))).length;

describe('signing out everywhere', () => {
  it('ends every session of the person, this one included, and no one else’s', async () => {
    const me = await t.signInAs('learner');
    const phone = await secondBrowser(me.email, me.password);
    const someoneElse = await t.signInAs('learner');
    expect(await sessionsOf(me.user.id)).toBe(2);
    const res = await me.call('POST', '/api/auth/logout-everywhere');
    expect(res.status).toBe(204);
    expect(await who(me)).toBeNull();
    expect(await who(phone)).toBeNull();
    expect(await sessionsOf(me.user.id)).toBe(0);
    expect(await who(someoneElse)).toBe(someoneElse.user.id);
  });

  it('answers 401 to no one signed in', async () => {
    expect((await t.browser().call('POST', '/api/auth/logout-everywhere')).status).toBe(401);
  });
});

describe('changing the password', () => {
  it('ends every other session, signs this browser in with a new one, and only the new password works', async () => {
    const me = await t.signInAs('mentor');
    const phone = await secondBrowser(me.email, me.password);
    const before = me.cookies.get([...me.cookies.keys()][0]!);
    const res = await me.call('POST', '/api/auth/password', { currentPassword: me.password, newPassword: 'violet tractor under the mango tree' });
    expect(res.status).toBe(200);
    expect(res.json.user.id).toBe(me.user.id);
    expect(me.cookies.get([...me.cookies.keys()][0]!)).not.toBe(before);
    expect(await who(me)).toBe(me.user.id);
    expect(await who(phone)).toBeNull();
    expect(await sessionsOf(me.user.id)).toBe(1);
    expect((await t.browser().call('POST', '/api/auth/login', { email: me.email, password: me.password })).status).toBe(401);
    expect((await t.browser().call('POST', '/api/auth/login', { email: me.email, password: 'violet tractor under the mango tree' })).status).toBe(200);
  });

  for (const [label, body, path, message] of [
    ['a wrong current password', { currentPassword: 'not my password', newPassword: 'violet tractor under the mango tree' }, 'currentPassword', /not correct/],
    ['a common new password', { currentPassword: 'the right password', newPassword: 'password1234' }, 'newPassword', /most common/],
    ['the same password again', { currentPassword: 'the right password', newPassword: 'the right password' }, 'newPassword', /different/],
    ['a short new password', { currentPassword: 'the right password', newPassword: 'short' }, 'newPassword', /at least 10/],
  ] as const)
    it(`refuses ${label} with the field's reason, and changes nothing`, async () => {
      const me = await t.signInAs('learner');
      const phone = await secondBrowser(me.email, me.password);
      const res = await me.call('POST', '/api/auth/password', body);
      expect(res.status).toBe(400);
      expect(res.json.error.details).toEqual([{ path, message: expect.stringMatching(message) }]);
      expect(await who(me)).toBe(me.user.id);
      expect(await who(phone)).toBe(me.user.id);
      expect((await t.browser().call('POST', '/api/auth/login', { email: me.email, password: me.password })).status).toBe(200);
    });
});

describe('a change of role', () => {
  it('ends the person’s sessions, so they sign in again under the new role', async () => {
    const person = await t.signInAs('learner');
    const admin = await t.signInAs('admin');
    const res = await admin.call('PATCH', `/api/admin/users/${person.user.id}`, { role: 'mentor' });
    expect(res.status).toBe(200);
    expect(await who(person)).toBeNull();
    const again = await secondBrowser(person.email, person.password);
    expect((await again.call('GET', '/api/auth/me')).json.user.role).toBe('mentor');
    // The admin's own session is untouched.
    expect(await who(admin)).toBe(admin.user.id);
  });
});
