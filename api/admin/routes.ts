import { z } from '@hono/zod-openapi';
import { ROLES } from '#core/user.ts';
import { ApiError, notFound } from '../errors.ts';
import { currentUser } from '../auth/current-user.ts';
import { UserSchema } from '../auth/schemas.ts';
import { defineRoute, errors, jsonBody, jsonContent, newRouter } from '../http/router.ts';
import { changeRole, pageOfUsers, userById } from './store.ts';

const ListQuery = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  /** Email to continue after (from the previous page's `next`). */
  after: z.string().max(254).optional(),
});
const AdminUser = UserSchema.extend({ createdAt: z.string() }).openapi('AdminUser');

const list = defineRoute({
  method: 'get',
  path: '/admin/users',
  tags: ['admin'],
  access: { role: ['admin'] },
  summary: 'List users, ordered by email',
  request: { query: ListQuery },
  responses: { 200: jsonContent(z.object({ users: z.array(AdminUser), next: z.string().nullable() }), 'A page of users'), ...errors(401, 403) },
});
const setRole = defineRoute({
  method: 'patch',
  path: '/admin/users/{id}',
  tags: ['admin'],
  access: { role: ['admin'] },
  summary: "Change a user's role",
  request: { params: z.object({ id: z.uuid() }), body: jsonBody(z.object({ role: z.enum(ROLES) }).openapi('RoleChange')) },
  responses: { 200: jsonContent(z.object({ user: AdminUser }), 'Updated'), ...errors(400, 401, 403, 404, 409, 415) },
});

export const adminRoutes = newRouter()
  .openapi(list, async (c) => {
    const { limit, after } = c.req.valid('query');
    return c.json(await pageOfUsers(c.var.deps.db, limit, after), 200);
  })
  .openapi(setRole, async (c) => {
    const admin = currentUser(c);
    const { id } = c.req.valid('param');
    const { role } = c.req.valid('json');
    if (id === admin.id && role !== 'admin') {
      throw new ApiError(409, 'conflict', 'You cannot remove your own admin role; ask another admin.');
    }
    const { db, clock } = c.var.deps;
    const before = await userById(db, id);
    if (!before) throw notFound('user');
    await changeRole(db, { actorId: admin.id, userId: id, from: before.role, to: role, at: clock().toISOString() });
    return c.json({ user: { ...before, role } }, 200);
  });
