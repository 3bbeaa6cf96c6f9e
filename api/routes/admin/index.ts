import { createRoute, z } from '@hono/zod-openapi';
import { asc, eq, gt } from 'drizzle-orm';
import { auditLog, ROLES, users } from '../../db/schema.ts';
import { ApiError, notFound } from '../../errors.ts';
import { requireRole } from '../../auth/guards.ts';
import { UserSchema } from '../auth/auth.schemas.ts';
import { errors, jsonBody, jsonContent, newRouter } from '../openapi.ts';

// Users and roles: admins only. Managers, mentors and learners get 403 here (see test/api/admin.test.ts).

const ListQuery = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  /** Email to continue after (from the previous page's `next`). */
  after: z.string().max(254).optional(),
});
const AdminUser = UserSchema.extend({ createdAt: z.string() }).openapi('AdminUser');

const list = createRoute({
  method: 'get', path: '/admin/users', tags: ['admin'], summary: 'List users, ordered by email',
  request: { query: ListQuery },
  responses: { 200: jsonContent(z.object({ users: z.array(AdminUser), next: z.string().nullable() }), 'A page of users'), ...errors(401, 403) },
});
const setRole = createRoute({
  method: 'patch', path: '/admin/users/{id}', tags: ['admin'], summary: "Change a user's role",
  request: { params: z.object({ id: z.uuid() }), body: jsonBody(z.object({ role: z.enum(ROLES) }).openapi('RoleChange')) },
  responses: { 200: jsonContent(z.object({ user: AdminUser }), 'Updated'), ...errors(400, 401, 403, 404, 409) },
});

const columns = { id: users.id, email: users.email, name: users.name, role: users.role, locale: users.locale, country: users.country, createdAt: users.createdAt };

export const adminRoutes = newRouter()
  .openapi(list, async (c) => {
    requireRole(c, 'admin');
    const { limit, after } = c.req.valid('query');
    const rows = await c.var.deps.db.select(columns).from(users).where(after ? gt(users.email, after) : undefined).orderBy(asc(users.email)).limit(limit + 1);
    const page = rows.slice(0, limit);
    return c.json({ users: page, next: rows.length > limit ? page[page.length - 1]!.email : null }, 200);
  })
  .openapi(setRole, async (c) => {
    const admin = requireRole(c, 'admin');
    const { id } = c.req.valid('param');
    const { role } = c.req.valid('json');
    if (id === admin.id && role !== 'admin') {
      throw new ApiError(409, 'conflict', 'You cannot remove your own admin role; ask another admin.');
    }
    const { db, clock } = c.var.deps;
    const before = (await db.select(columns).from(users).where(eq(users.id, id)).limit(1))[0];
    if (!before) throw notFound('user');
    await db.batch([
      db.update(users).set({ role }).where(eq(users.id, id)),
      db.insert(auditLog).values({ actorId: admin.id, action: 'user.role.changed', target: id, data: JSON.stringify({ from: before.role, to: role }), at: clock().toISOString() }),
    ]);
    return c.json({ user: { ...before, role } }, 200);
  });
