import { z } from '@hono/zod-openapi';
import { currentUser } from '../auth/current-user.ts';
import { defineRoute, errors, jsonBody, jsonContent, newRouter } from '../http/router.ts';
import { NOTIFICATION_KINDS } from './tables.ts';
import { inbox, markRead, unreadCount } from './store.ts';

const Notification = z
  .object({
    id: z.string(),
    kind: z.enum(NOTIFICATION_KINDS),
    data: z.record(z.string(), z.unknown()).openapi({ description: 'The ids and names the message needs (cohort name, meeting time…)' }),
    createdAt: z.string(),
    readAt: z.string().nullable(),
  })
  .openapi('Notification');
const Inbox = z.object({ unread: z.number().int(), notifications: z.array(Notification) }).openapi('Inbox');

export const MAX_INBOX = 100;

const list = defineRoute({
  method: 'get',
  path: '/notifications',
  tags: ['notifications'],
  access: 'signed-in',
  summary: 'My notifications, newest first, with the count of unread ones',
  request: { query: z.object({ limit: z.coerce.number().int().min(1).max(MAX_INBOX).default(50) }) },
  responses: { 200: jsonContent(Inbox, 'My inbox'), ...errors(400, 401) },
});

const read = defineRoute({
  method: 'post',
  path: '/notifications/read',
  tags: ['notifications'],
  access: 'signed-in',
  summary: 'Mark some of my notifications read (no ids: all of them); ids of others’ notifications are ignored',
  request: { body: jsonBody(z.object({ ids: z.array(z.uuid()).min(1).max(500).optional() }).openapi('MarkReadBody')) },
  responses: { 200: jsonContent(z.object({ unread: z.number().int() }), 'Marked; the unread count now'), ...errors(400, 401, 403, 415) },
});

export const notificationsRoutes = newRouter()
  .openapi(list, async (c) => c.json(await inbox(c.var.deps.db, currentUser(c).id, c.req.valid('query').limit), 200))
  .openapi(read, async (c) => {
    const { db, clock } = c.var.deps;
    const user = currentUser(c);
    await markRead(db, user.id, c.req.valid('json').ids, clock());
    return c.json({ unread: await unreadCount(db, user.id) }, 200);
  });
