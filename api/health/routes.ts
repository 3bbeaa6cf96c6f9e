import { z } from '@hono/zod-openapi';
import { sql } from 'drizzle-orm';
import { defineRoute, jsonContent, newRouter } from '../http/router.ts';

const Health = z
  .object({
    status: z.enum(['ok', 'degraded']),
    version: z.string(),
    contentVersion: z.string(),
    database: z.enum(['ok', 'unreachable']),
    time: z.string(),
  })
  .openapi('Health');

const route = defineRoute({
  method: 'get',
  path: '/health',
  tags: ['system'],
  access: 'public',
  responses: { 200: jsonContent(Health, 'Service status'), 503: jsonContent(Health, 'Database unreachable') },
});

export const healthRoutes = newRouter().openapi(route, async (c) => {
  const { db, version, curriculum, clock, log } = c.var.deps;
  let database: 'ok' | 'unreachable' = 'ok';
  try {
    await db.run(sql`select 1`);
  } catch (error) {
    log('error', 'health: database unreachable', { error: String(error) });
    database = 'unreachable';
  }
  const body = {
    status: database === 'ok' ? ('ok' as const) : ('degraded' as const),
    version,
    contentVersion: curriculum.manifest.version,
    database,
    time: clock().toISOString(),
  };
  return c.json(body, database === 'ok' ? 200 : 503);
});
