import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { count, eq } from 'drizzle-orm';
import { sessions, users } from '../../api/db/schema.ts';
import { createUser } from '../../api/auth/users.ts';
import { makeTestApp, TEST_SCRYPT, uniqueEmail } from '../support/app.ts';

let t: Awaited<ReturnType<typeof makeTestApp>>;
beforeAll(async () => {
  t = await makeTestApp();
});
afterAll(() => t.close());

const sessionCount = async (userId: string) => (await t.db.select({ n: count() }).from(sessions).where(eq(sessions.userId, userId)))[0]!.n;

describe('registration', () => {
  it('creates a learner, signs them in with a safe cookie, and never returns the password hash', async () => {
    const email = uniqueEmail('reg');
    const res = await t.call('POST', '/api/auth/register', { email: email.toUpperCase(), password: 'correct horse battery', name: 'Nadia', country: 'MA' });
    expect(res.status).toBe(201);
    expect(res.json.user).toMatchObject({ email, name: 'Nadia', role: 'learner', country: 'MA' });
    expect(JSON.stringify(res.json)).not.toMatch(/scrypt|password/i);
    const cookie = res.headers.getSetCookie().find((c) => c.startsWith('accord_session='))!;
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    expect(cookie).not.toMatch(/Secure/); // http://localhost origin in tests
    const me = await t.call('GET', '/api/auth/me');
    expect(me.json.user.email).toBe(email);
    const stored = (await t.db.select().from(users).where(eq(users.email, email)))[0]!;
    expect(stored.passwordHash).toMatch(/^scrypt\$/);
  });

  it('refuses a second account for the same email without saying the email exists', async () => {
    const email = uniqueEmail('dup');
    await t.call('POST', '/api/auth/register', { email, password: 'first password 1', name: 'A' });
    const again = await t.call('POST', '/api/auth/register', { email, password: 'second password 2', name: 'B' });
    expect(again.status).toBe(409);
    expect(again.json.error.code).toBe('conflict');
    expect(again.json.error.message).not.toMatch(/exist|taken|registered/i);
    const rows = await t.db.select().from(users).where(eq(users.email, email));
    expect(rows).toHaveLength(1);
    expect(rows[0]!.name).toBe('A');
  });

  it('rejects weak or malformed input with field details and stores nothing', async () => {
    const email = uniqueEmail('bad');
    const res = await t.call('POST', '/api/auth/register', { email, password: 'short', name: '', country: 'Morocco' });
    expect(res.status).toBe(400);
    expect(res.json.error.code).toBe('invalid_request');
    const paths = res.json.error.details.map((d: { path: string }) => d.path).sort();
    expect(paths).toEqual(['country', 'name', 'password']);
    expect(await t.db.select().from(users).where(eq(users.email, email))).toHaveLength(0);
  });

  for (const [password, why] of [
    ['aaaaaaaaaa', /repeats or counts/],
    ['abcdefghij', /repeats or counts/],
    ['1234567890', /most common/],
    ['password1234', /most common/],
    ['Sunshine2024!', /most common/],
    ['amina-diallo-2026', /your name, your email/],
  ] as const)
    it(`refuses the guessable password “${password}” with the reason, and stores nothing (the bundled list of common passwords)`, async () => {
      const email = uniqueEmail('amina.diallo');
      const res = await t.call('POST', '/api/auth/register', { email, password, name: 'Amina Diallo' });
      expect(res.status).toBe(400);
      expect(res.json.error.details).toEqual([{ path: 'password', message: expect.stringMatching(why) }]);
      expect(await t.db.select().from(users).where(eq(users.email, email))).toHaveLength(0);
    });

  it('ignores attempts to choose a role at sign-up', async () => {
    const email = uniqueEmail('role');
    const res = await t.call('POST', '/api/auth/register', { email, password: 'a long password', name: 'X', role: 'admin' });
    expect(res.status).toBe(201);
    expect(res.json.user.role).toBe('learner');
  });
});

describe('sign-in and sessions', () => {
  it('gives the same error for an unknown email and a wrong password', async () => {
    const email = uniqueEmail('login');
    await createUser(t.db, { email, name: 'L', password: 'the right password' }, TEST_SCRYPT);
    const wrong = await t.call('POST', '/api/auth/login', { email, password: 'the wrong password' });
    const unknown = await t.call('POST', '/api/auth/login', { email: uniqueEmail('nobody'), password: 'the wrong password' });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(wrong.json).toEqual(unknown.json);
  });

  it('rotates the session on sign-in and deletes it on sign-out', async () => {
    const email = uniqueEmail('rotate');
    const user = await createUser(t.db, { email, name: 'R', password: 'the right password' }, TEST_SCRYPT);
    const first = await t.call('POST', '/api/auth/login', { email, password: 'the right password' });
    expect(first.status).toBe(200);
    const firstToken = t.cookies.get('accord_session');
    const second = await t.call('POST', '/api/auth/login', { email, password: 'the right password' });
    expect(second.status).toBe(200);
    expect(t.cookies.get('accord_session')).not.toBe(firstToken);
    expect(await sessionCount(user.id)).toBe(1); // the old session was removed, not left behind

    const out = await t.call('POST', '/api/auth/logout');
    expect(out.status).toBe(204);
    expect(await sessionCount(user.id)).toBe(0);
    expect((await t.call('GET', '/api/auth/me')).json.user).toBeNull();
  });

  it('stores only a hash of the session secret, and a forged secret is refused', async () => {
    const email = uniqueEmail('hash');
    const user = await createUser(t.db, { email, name: 'H', password: 'the right password' }, TEST_SCRYPT);
    await t.call('POST', '/api/auth/login', { email, password: 'the right password' });
    const token = t.cookies.get('accord_session')!;
    const [id, secret] = token.split('.');
    const row = (await t.db.select().from(sessions).where(eq(sessions.userId, user.id)))[0]!;
    expect(row.id).toBe(id);
    expect(row.secretHash).not.toContain(secret!);
    t.cookies.set('accord_session', `${id}.${'a'.repeat(secret!.length)}`);
    expect((await t.call('GET', '/api/auth/me')).json.user).toBeNull();
    t.cookies.clear();
  });
});

describe('rate limiting', () => {
  it('answers 429 with the error shape and Retry-After after too many attempts', async () => {
    const limited = await makeTestApp({ authRateLimit: { limit: 2, windowMs: 60_000 } });
    const body = { email: uniqueEmail('rl'), password: 'whatever it is' };
    await limited.call('POST', '/api/auth/login', body);
    await limited.call('POST', '/api/auth/login', body);
    const third = await limited.call('POST', '/api/auth/login', body);
    expect(third.status).toBe(429);
    expect(third.json.error.code).toBe('rate_limited');
    expect(Number(third.headers.get('retry-after'))).toBeGreaterThan(0);
    limited.close();
  });
});
