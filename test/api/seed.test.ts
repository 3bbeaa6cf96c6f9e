import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { count, like } from 'drizzle-orm';
import { users } from '../../api/db/schema.ts';
import { seedDemo } from '../../api/seed/demo.ts';
import { verifyPassword } from '../../api/auth/password.ts';
import { makeTestApp } from '../support/app.ts';

let t: Awaited<ReturnType<typeof makeTestApp>>;
beforeAll(async () => {
  t = await makeTestApp();
});
afterAll(() => t.close());

describe('demo seed', () => {
  // Only this file uses @accord.test addresses, so it also holds on the sqld project's shared database.
  it('creates one account per role on first run with working random passwords, and nothing on the second', async () => {
    const first = await seedDemo(t.db, null);
    expect(first.created).toBe(4);
    expect(first.accounts.map((a) => a.role).sort()).toEqual(['admin', 'learner', 'manager', 'mentor']);
    expect(new Set(first.accounts.map((a) => a.password)).size).toBe(4);
    const learner = first.accounts.find((a) => a.role === 'learner')!;
    const login = await t.call('POST', '/api/auth/login', { email: learner.email, password: learner.password });
    expect(login.status).toBe(200);

    const second = await seedDemo(t.db, first.accounts);
    expect(second.created).toBe(0);
    expect(second.accounts).toEqual(first.accounts);
    const demoUsers = await t.db.select({ n: count() }).from(users).where(like(users.email, '%@accord.test'));
    expect(demoUsers[0]!.n).toBe(4);
    const row = (await t.db.select().from(users).where(like(users.email, 'learner@accord.test')))[0]!;
    expect(await verifyPassword(learner.password, row.passwordHash)).toBe(true);
  });
});
