// Least privilege: only admins manage users and roles; every other role is refused.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import type { Role } from '#core/user.ts';
import { auditLog, users } from '../../api/db/schema.ts';
import { createUser } from '../../api/auth/users.ts';
import { makeTestApp, TEST_SCRYPT, uniqueEmail } from '../support/app.ts';

let t: Awaited<ReturnType<typeof makeTestApp>>;
beforeAll(async () => {
  t = await makeTestApp();
});
afterAll(() => t.close());

const signInAs = async (role: Role) => (await t.signInAs(role, { shared: true })).user;

describe('admin: users and roles', () => {
  it('refuses anonymous requests with 401', async () => {
    t.cookies.clear();
    expect((await t.call('GET', '/api/admin/users')).status).toBe(401);
  });

  for (const role of ['learner', 'mentor', 'manager'] as const) {
    it(`refuses a ${role} with 403 and changes nothing`, async () => {
      const target = await createUser(t.db, { email: uniqueEmail('target'), name: 'T', password: 'x'.repeat(12) }, TEST_SCRYPT);
      await signInAs(role);
      const listRes = await t.call('GET', '/api/admin/users');
      expect(listRes.status).toBe(403);
      expect(listRes.json.error.code).toBe('forbidden');
      const patch = await t.call('PATCH', `/api/admin/users/${target.id}`, { role: 'admin' });
      expect(patch.status).toBe(403);
      expect((await t.db.select().from(users).where(eq(users.id, target.id)))[0]!.role).toBe('learner');
    });
  }

  it('lets an admin page through users without exposing password hashes', async () => {
    await signInAs('admin');
    const first = await t.call('GET', '/api/admin/users?limit=2');
    expect(first.status).toBe(200);
    expect(first.json.users).toHaveLength(2);
    expect(first.text).not.toMatch(/password|scrypt/i);
    const second = await t.call('GET', `/api/admin/users?limit=2&after=${encodeURIComponent(first.json.next)}`);
    expect(second.json.users[0].email > first.json.users[1].email).toBe(true);
  });

  it('lets an admin change a role, and records who did it', async () => {
    const admin = await signInAs('admin');
    const target = await createUser(t.db, { email: uniqueEmail('promote'), name: 'P', password: 'x'.repeat(12) }, TEST_SCRYPT);
    const res = await t.call('PATCH', `/api/admin/users/${target.id}`, { role: 'mentor' });
    expect(res.status).toBe(200);
    expect(res.json.user.role).toBe('mentor');
    const audit = await t.db.select().from(auditLog).where(eq(auditLog.target, target.id));
    expect(audit).toEqual([
      expect.objectContaining({ actorId: admin.id, action: 'user.role.changed', data: JSON.stringify({ from: 'learner', to: 'mentor' }) }),
    ]);
  });

  it('rejects an unknown role, an unknown user, and removing your own admin role', async () => {
    const admin = await signInAs('admin');
    expect((await t.call('PATCH', `/api/admin/users/${admin.id}`, { role: 'emperor' })).status).toBe(400);
    expect((await t.call('PATCH', `/api/admin/users/${crypto.randomUUID()}`, { role: 'mentor' })).status).toBe(404);
    const self = await t.call('PATCH', `/api/admin/users/${admin.id}`, { role: 'learner' });
    expect(self.status).toBe(409);
    expect((await t.db.select().from(users).where(eq(users.id, admin.id)))[0]!.role).toBe('admin');
  });
});
