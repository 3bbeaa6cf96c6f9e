import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { cohortMembers, cohorts, invitations, notifications, users } from '../../api/db/schema.ts';
import { userByEmail } from '../../api/auth/users.ts';
import { makeTestApp, uniqueEmail } from '../support/app.ts';
import { person, programAround } from './access/programs.ts';

let t: Awaited<ReturnType<typeof makeTestApp>>;
/** The app's clock runs this far ahead of the real one, so a test can step past an expiry. */
let aheadMs = 0;
const DAY = 86_400_000;

beforeAll(async () => {
  t = await makeTestApp({ clock: () => new Date(Date.now() + aheadMs) });
});
beforeEach(() => {
  aheadMs = 0;
});
afterAll(() => t.close());

/** A cohort, and an invitation for a new person made through the roster import; returns its secret. */
async function invited(rowOverrides: Record<string, unknown> = {}) {
  const manager = await t.signInAs('manager');
  const { cohortId } = await programAround(t, { managerId: manager.user.id });
  const email = uniqueEmail('invitee');
  const res = await manager.call('POST', `/api/cohorts/${cohortId}/roster`, { rows: [{ line: 2, email, name: 'Amina Diallo', ...rowOverrides }] });
  const link: string = res.json.results[0].invitationLink;
  return { cohortId, email, token: link.slice(link.indexOf('#') + 1), manager };
}
const password = 'a long pass phrase';

describe('looking an invitation up', () => {
  it('says who it is for and to which cohort', async () => {
    const { token, email } = await invited();
    const res = await t.browser().call('POST', '/api/invitations/lookup', { token });
    expect(res.status).toBe(200);
    expect(res.json).toEqual({
      email,
      name: 'Amina Diallo',
      cohortName: 'Cohort A',
      programName: 'Regional programme',
      expired: false,
      expiresAt: expect.any(String),
    });
  });

  it('says when it has expired (after 14 days)', async () => {
    const { token } = await invited();
    aheadMs = 14 * DAY + 1000;
    expect((await t.browser().call('POST', '/api/invitations/lookup', { token })).json.expired).toBe(true);
  });

  it('answers 404 for a token no invitation has', async () => {
    expect((await t.browser().call('POST', '/api/invitations/lookup', { token: 'a'.repeat(32) })).status).toBe(404);
  });

  it('answers 400 for something that cannot be a token', async () => {
    expect((await t.browser().call('POST', '/api/invitations/lookup', { token: 'NOT A TOKEN' })).status).toBe(400);
  });
});

describe('accepting an invitation', () => {
  it('creates the account with the roster’s details, enrols it, signs it in and tells it', async () => {
    const { token, email, cohortId } = await invited({ country: 'SN', locale: 'fr' });
    const browser = t.browser();
    const res = await browser.call('POST', '/api/invitations/accept', { token, password });
    expect(res.status).toBe(201);
    expect(res.json).toEqual({
      user: { id: expect.any(String), email, name: 'Amina Diallo', role: 'learner', locale: 'fr', country: 'SN' },
      cohortId,
    });
    const userId = res.json.user.id;
    expect((await browser.call('GET', '/api/auth/me')).json.user.id).toBe(userId);
    const [member] = await t.db
      .select()
      .from(cohortMembers)
      .where(and(eq(cohortMembers.cohortId, cohortId), eq(cohortMembers.userId, userId)));
    expect(member?.source).toBe('invitation');
    expect((await t.db.select().from(notifications).where(eq(notifications.userId, userId))).map((n) => n.kind)).toEqual(['cohort.added']);
    const login = await t.browser().call('POST', '/api/auth/login', { email, password });
    expect(login.status).toBe(200);
  });

  it('takes the name the person gives instead of the roster’s', async () => {
    const { token } = await invited();
    const res = await t.browser().call('POST', '/api/invitations/accept', { token, password, name: 'Amina N. Diallo' });
    expect(res.json.user.name).toBe('Amina N. Diallo');
  });

  it('frees no seat and takes no extra one: the invitation’s seat becomes the member’s', async () => {
    const { token, cohortId, manager } = await invited();
    await t.browser().call('POST', '/api/invitations/accept', { token, password });
    expect((await manager.call('GET', `/api/cohorts/${cohortId}`)).json.seats).toEqual({ capacity: 30, members: 1, pendingInvitations: 0, left: 29 });
  });

  it('signs out whoever was signed in in that browser and signs the new account in', async () => {
    const { token, email } = await invited();
    const someone = await t.signInAs('learner');
    const res = await someone.call('POST', '/api/invitations/accept', { token, password });
    expect(res.status).toBe(201);
    expect((await someone.call('GET', '/api/auth/me')).json.user.email).toBe(email);
  });

  it('refuses a short password and creates nothing', async () => {
    const { token, email } = await invited();
    const res = await t.browser().call('POST', '/api/invitations/accept', { token, password: 'short' });
    expect(res.status).toBe(400);
    expect(await userByEmail(t.db, email)).toBeUndefined();
    expect((await t.browser().call('POST', '/api/invitations/lookup', { token })).status).toBe(200);
  });

  it('refuses a common password with the reason, creates nothing and leaves the invitation usable', async () => {
    const { token, email } = await invited();
    const res = await t.browser().call('POST', '/api/invitations/accept', { token, password: 'iloveyou2024' });
    expect(res.status).toBe(400);
    expect(res.json.error.details).toEqual([{ path: 'password', message: expect.stringMatching(/most common/) }]);
    expect(await userByEmail(t.db, email)).toBeUndefined();
    expect((await t.browser().call('POST', '/api/invitations/accept', { token, password })).status).toBe(201);
  });
});

describe('an invitation that cannot be used', () => {
  it('works once: the same token again answers 409 (used), and so does looking it up', async () => {
    const { token, email } = await invited();
    expect((await t.browser().call('POST', '/api/invitations/accept', { token, password })).status).toBe(201);
    const again = await t.browser().call('POST', '/api/invitations/accept', { token, password: 'another long pass phrase' });
    expect(again.status).toBe(409);
    expect(again.json.error.details).toEqual({ reason: 'used' });
    expect((await t.browser().call('POST', '/api/invitations/lookup', { token })).json.error.details).toEqual({ reason: 'used' });
    expect(await t.db.select().from(users).where(eq(users.email, email))).toHaveLength(1);
  });

  it('refuses an expired invitation with 409 (expired) and creates no account', async () => {
    const { token, email } = await invited();
    aheadMs = 15 * DAY;
    const res = await t.browser().call('POST', '/api/invitations/accept', { token, password });
    expect(res.status).toBe(409);
    expect(res.json.error.details).toEqual({ reason: 'expired' });
    expect(await userByEmail(t.db, email)).toBeUndefined();
  });

  it('never takes over an account made with that email in the meantime', async () => {
    const { token, email, cohortId } = await invited();
    const registered = await t.browser().call('POST', '/api/auth/register', { email, password: 'a pass phrase of their own', name: 'The Owner' });
    expect(registered.status).toBe(201);
    const res = await t.browser().call('POST', '/api/invitations/accept', { token, password });
    expect(res.status).toBe(409);
    expect(res.json.error.details).toEqual({ reason: 'account-exists' });
    expect(res.headers.getSetCookie()).toEqual([]);
    expect((await t.browser().call('POST', '/api/auth/login', { email, password })).status).toBe(401);
    expect((await t.browser().call('POST', '/api/auth/login', { email, password: 'a pass phrase of their own' })).status).toBe(200);
    expect(await t.db.select().from(cohortMembers).where(eq(cohortMembers.cohortId, cohortId))).toEqual([]);
    const [invitation] = await t.db.select().from(invitations).where(eq(invitations.cohortId, cohortId));
    expect(invitation?.acceptedAt).toBeNull();
  });

  it('answers 404 for a token no invitation has', async () => {
    expect((await t.browser().call('POST', '/api/invitations/accept', { token: 'b'.repeat(32), password })).status).toBe(404);
  });

  it('stops working when the cohort is deleted', async () => {
    const { token, cohortId } = await invited();
    await t.db.delete(cohorts).where(eq(cohorts.id, cohortId));
    expect((await t.browser().call('POST', '/api/invitations/accept', { token, password })).status).toBe(404);
  });
});

describe('an existing learner named in a roster', () => {
  it('is enrolled directly, with no invitation to accept', async () => {
    const learner = await person(t, 'learner');
    const manager = await t.signInAs('manager');
    const { cohortId } = await programAround(t, { managerId: manager.user.id });
    const res = await manager.call('POST', `/api/cohorts/${cohortId}/roster`, { rows: [{ line: 2, email: learner.email, name: learner.name }] });
    expect(res.json.results[0]).toEqual({ line: 2, email: learner.email, status: 'enrolled' });
    expect(await t.db.select().from(invitations).where(eq(invitations.cohortId, cohortId))).toEqual([]);
  });
});
