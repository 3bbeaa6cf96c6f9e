import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { cohortMembers, invitations, notifications } from '../../api/db/schema.ts';
import { hashSecret } from '../../api/auth/tokens.ts';
import { enrol } from '../../api/programs/store.ts';
import { makeTestApp, ORIGIN, uniqueEmail } from '../support/app.ts';
import { person, programAround } from './access/programs.ts';

let t: Awaited<ReturnType<typeof makeTestApp>>;

beforeAll(async () => {
  t = await makeTestApp();
});
afterAll(() => t.close());

async function managedCohort(options: { capacity?: number } = {}) {
  const me = await t.signInAs('manager');
  return { me, ...(await programAround(t, { managerId: me.user.id }, options)) };
}
const membersOf = (cohortId: string) => t.db.select().from(cohortMembers).where(eq(cohortMembers.cohortId, cohortId));
const invitationsOf = (cohortId: string) => t.db.select().from(invitations).where(eq(invitations.cohortId, cohortId));
const row = (line: number, overrides: Record<string, unknown> = {}) => ({ line, email: uniqueEmail(`row${line}`), name: `Learner ${line}`, ...overrides });

describe('importing a roster', () => {
  it('enrols people who have an account (matched by lower-cased email) and tells them', async () => {
    const { me, cohortId } = await managedCohort();
    const learner = await person(t, 'learner');
    const res = await me.call('POST', `/api/cohorts/${cohortId}/roster`, { rows: [{ line: 2, email: learner.email.toUpperCase(), name: 'Anything' }] });
    expect(res.status).toBe(200);
    expect(res.json).toEqual({
      results: [{ line: 2, email: learner.email, status: 'enrolled' }],
      counts: { enrolled: 1, invited: 0, alreadyMember: 0, alreadyInvited: 0 },
    });
    expect((await membersOf(cohortId)).map((m) => [m.userId, m.source])).toEqual([[learner.id, 'import']]);
    const inbox = await t.db.select().from(notifications).where(eq(notifications.userId, learner.id));
    expect(inbox.map((n) => n.kind)).toEqual(['cohort.added']);
  });

  it('invites people without an account: the link is in the answer, only its hash in the database', async () => {
    const { me, cohortId } = await managedCohort();
    const invitee = row(3, { locale: 'fr', country: 'sn', organisation: 'Ministère  des Affaires étrangères' });
    const res = await me.call('POST', `/api/cohorts/${cohortId}/roster`, { rows: [invitee] });
    expect(res.status).toBe(200);
    const [result] = res.json.results;
    expect(result).toEqual({
      line: 3,
      email: invitee.email,
      status: 'invited',
      invitationLink: expect.stringMatching(/^http:\/\/localhost:4321\/fr\/invitation\/#[a-z2-7]{32}$/),
    });
    const token = result.invitationLink.slice(`${ORIGIN}/fr/invitation/#`.length);
    const [stored] = await invitationsOf(cohortId);
    expect(stored).toMatchObject({
      email: invitee.email,
      name: 'Learner 3',
      country: 'SN',
      locale: 'fr',
      organisation: 'Ministère des Affaires étrangères',
      invitedBy: me.user.id,
    });
    expect(stored!.tokenHash).toBe(hashSecret(token));
    expect(JSON.stringify(stored)).not.toContain(token);
    expect(Date.parse(stored!.expiresAt) - Date.parse(stored!.createdAt)).toBe(14 * 86_400_000);
  });

  it('uses the cohort’s locale in the link when the row has none', async () => {
    const { me, cohortId } = await managedCohort();
    const res = await me.call('POST', `/api/cohorts/${cohortId}/roster`, { rows: [row(2)] });
    expect(res.json.results[0].invitationLink).toMatch(/^http:\/\/localhost:4321\/en\/invitation\/#/);
  });

  it('creates nothing new when the same rows are imported again', async () => {
    const { me, cohortId } = await managedCohort();
    const learner = await person(t, 'learner');
    const rows = [{ line: 2, email: learner.email, name: 'Has Account' }, row(3)];
    await me.call('POST', `/api/cohorts/${cohortId}/roster`, { rows });
    const [membersBefore, invitationsBefore] = await Promise.all([membersOf(cohortId), invitationsOf(cohortId)]);
    const again = await me.call('POST', `/api/cohorts/${cohortId}/roster`, { rows });
    expect(again.status).toBe(200);
    expect(again.json.results).toEqual([
      { line: 2, email: learner.email, status: 'already-member' },
      { line: 3, email: rows[1]!.email, status: 'already-invited' },
    ]);
    expect(await membersOf(cohortId)).toEqual(membersBefore);
    expect(await invitationsOf(cohortId)).toEqual(invitationsBefore);
    expect(await t.db.select().from(notifications).where(eq(notifications.userId, learner.id))).toHaveLength(1);
  });

  it('renews an expired invitation with a new link', async () => {
    const { me, cohortId } = await managedCohort();
    const invitee = row(2);
    const first = await me.call('POST', `/api/cohorts/${cohortId}/roster`, { rows: [invitee] });
    await t.db
      .update(invitations)
      .set({ expiresAt: new Date(Date.now() - 1000).toISOString() })
      .where(eq(invitations.cohortId, cohortId));
    const again = await me.call('POST', `/api/cohorts/${cohortId}/roster`, { rows: [invitee] });
    expect(again.json.results[0].status).toBe('invited');
    expect(again.json.results[0].invitationLink).not.toBe(first.json.results[0].invitationLink);
    const stored = await invitationsOf(cohortId);
    expect(stored).toHaveLength(1);
    expect(Date.parse(stored[0]!.expiresAt)).toBeGreaterThan(Date.now());
  });

  it('enrols someone who made an account after being invited, and drops the invitation', async () => {
    const { me, cohortId } = await managedCohort();
    const invitee = row(2);
    await me.call('POST', `/api/cohorts/${cohortId}/roster`, { rows: [invitee] });
    const registered = await t.browser().call('POST', '/api/auth/register', { email: invitee.email, password: 'a long pass phrase', name: 'Registered' });
    expect(registered.status).toBe(201);
    const again = await me.call('POST', `/api/cohorts/${cohortId}/roster`, { rows: [invitee] });
    expect(again.json.results[0].status).toBe('enrolled');
    expect(await invitationsOf(cohortId)).toEqual([]);
    expect(await membersOf(cohortId)).toHaveLength(1);
  });
});

describe('capacity', () => {
  it('refuses rows that would pass capacity with 409 and stores nothing from them', async () => {
    const { me, cohortId } = await managedCohort({ capacity: 3 });
    await enrol(t.db, cohortId, (await person(t, 'learner')).id, 'manager', new Date());
    const learner = await person(t, 'learner');
    const rows = [{ line: 2, email: learner.email, name: 'Has Account' }, row(3), row(4)];
    const res = await me.call('POST', `/api/cohorts/${cohortId}/roster`, { rows });
    expect(res.status).toBe(409);
    expect(res.json.error.details).toEqual({ capacity: 3, taken: 1, requested: 3 });
    expect(await membersOf(cohortId)).toHaveLength(1);
    expect(await invitationsOf(cohortId)).toEqual([]);
    expect(await t.db.select().from(notifications).where(eq(notifications.userId, learner.id))).toEqual([]);
  });

  it('counts pending invitations as taken seats', async () => {
    const { me, cohortId } = await managedCohort({ capacity: 2 });
    expect((await me.call('POST', `/api/cohorts/${cohortId}/roster`, { rows: [row(2), row(3)] })).status).toBe(200);
    const res = await me.call('POST', `/api/cohorts/${cohortId}/roster`, { rows: [row(4)] });
    expect(res.status).toBe(409);
    expect(res.json.error.details).toEqual({ capacity: 2, taken: 2, requested: 1 });
    expect(await invitationsOf(cohortId)).toHaveLength(2);
  });

  it('lets only one of two simultaneous imports take the last seats', async () => {
    const { me, cohortId } = await managedCohort({ capacity: 3 });
    const [a, b] = await Promise.all([
      me.call('POST', `/api/cohorts/${cohortId}/roster`, { rows: [row(2), row(3)] }),
      me.call('POST', `/api/cohorts/${cohortId}/roster`, { rows: [row(4), row(5)] }),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    expect(await invitationsOf(cohortId)).toHaveLength(2);
  });

  it('fills a cohort exactly to capacity', async () => {
    const { me, cohortId } = await managedCohort({ capacity: 2 });
    const res = await me.call('POST', `/api/cohorts/${cohortId}/roster`, { rows: [row(2), row(3)] });
    expect(res.status).toBe(200);
    expect(res.json.counts.invited).toBe(2);
  });

  it('does not count rows already done against capacity', async () => {
    const { me, cohortId } = await managedCohort({ capacity: 2 });
    const rows = [row(2), row(3)];
    await me.call('POST', `/api/cohorts/${cohortId}/roster`, { rows });
    const again = await me.call('POST', `/api/cohorts/${cohortId}/roster`, { rows });
    expect(again.status).toBe(200);
    expect(again.json.counts).toEqual({ enrolled: 0, invited: 0, alreadyMember: 0, alreadyInvited: 2 });
  });
});

describe('bad rows are refused, with nothing stored', () => {
  it.each([
    ['an invalid email', { email: 'not-an-email' }, 'rows.1.email'],
    ['an empty name', { name: '   ' }, 'rows.1.name'],
    ['a role column', { role: 'admin' }, 'rows.1'],
    ['an unknown country', { country: 'XX' }, 'rows.1.country'],
    ['a locale the site does not have', { locale: 'de' }, 'rows.1.locale'],
    ['a line number of 0', { line: 0 }, 'rows.1.line'],
  ])('refuses a chunk with %s', async (_case, overrides, path) => {
    const { me, cohortId } = await managedCohort();
    const learner = await person(t, 'learner');
    const res = await me.call('POST', `/api/cohorts/${cohortId}/roster`, { rows: [{ line: 2, email: learner.email, name: 'Good Row' }, row(3, overrides)] });
    expect(res.status).toBe(400);
    expect(res.json.error.details.map((d: { path: string }) => d.path)).toContain(path);
    expect(await membersOf(cohortId)).toEqual([]);
    expect(await invitationsOf(cohortId)).toEqual([]);
  });

  it('refuses the same email twice in a chunk (ignoring case)', async () => {
    const { me, cohortId } = await managedCohort();
    const twice = row(2);
    const res = await me.call('POST', `/api/cohorts/${cohortId}/roster`, { rows: [twice, { ...twice, line: 3, email: twice.email.toUpperCase() }] });
    expect(res.status).toBe(400);
    expect(res.json.error.details).toEqual([{ path: 'rows.1.email', message: 'This email is already in the list.' }]);
    expect(await invitationsOf(cohortId)).toEqual([]);
  });

  it('refuses more than 1000 rows at a time', async () => {
    const { me, cohortId } = await managedCohort();
    const rows = Array.from({ length: 1001 }, (_, i) => ({ line: i + 2, email: `bulk-${i}@example.org`, name: `Bulk ${i}` }));
    const res = await me.call('POST', `/api/cohorts/${cohortId}/roster`, { rows });
    expect(res.status).toBe(400);
    expect(await invitationsOf(cohortId)).toEqual([]);
  });

  it('refuses an empty chunk', async () => {
    const { me, cohortId } = await managedCohort();
    expect((await me.call('POST', `/api/cohorts/${cohortId}/roster`, { rows: [] })).status).toBe(400);
  });
});

describe('a large chunk', () => {
  it('imports 1000 rows in one request', async () => {
    const { me, cohortId } = await managedCohort({ capacity: 1000 });
    const rows = Array.from({ length: 1000 }, (_, i) => ({ line: i + 2, email: `big-${i}-${cohortId.slice(0, 8)}@example.org`, name: `Big ${i}` }));
    const res = await me.call('POST', `/api/cohorts/${cohortId}/roster`, { rows });
    expect(res.status).toBe(200);
    expect(res.json.counts.invited).toBe(1000);
    expect(await invitationsOf(cohortId)).toHaveLength(1000);
  });
});

describe('pending invitations', () => {
  it('lists invitations not yet accepted, without links, marking expired ones', async () => {
    const { me, cohortId } = await managedCohort();
    const [fresh, old] = [row(2), row(3)];
    await me.call('POST', `/api/cohorts/${cohortId}/roster`, { rows: [fresh, old] });
    await t.db
      .update(invitations)
      .set({ expiresAt: new Date(Date.now() - 1000).toISOString() })
      .where(and(eq(invitations.cohortId, cohortId), eq(invitations.email, old.email)));
    const res = await me.call('GET', `/api/cohorts/${cohortId}/invitations`);
    expect(res.status).toBe(200);
    const byEmail = Object.fromEntries(res.json.invitations.map((i: { email: string }) => [i.email, i]));
    expect(byEmail[fresh.email]).toEqual({
      id: expect.any(String),
      email: fresh.email,
      name: 'Learner 2',
      createdAt: expect.any(String),
      expiresAt: expect.any(String),
      expired: false,
    });
    expect(byEmail[old.email].expired).toBe(true);
    expect(JSON.stringify(res.json)).not.toContain('invitation/#');
  });
});

describe('another manager', () => {
  it('cannot import into a cohort of a program they do not manage', async () => {
    const { cohortId } = await programAround(t, { managerId: (await person(t, 'manager')).id });
    const stranger = await t.signInAs('manager');
    expect((await stranger.call('POST', `/api/cohorts/${cohortId}/roster`, { rows: [row(2)] })).status).toBe(403);
    expect(await invitationsOf(cohortId)).toEqual([]);
  });
});
