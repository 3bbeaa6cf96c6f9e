import { createRoute, z } from '@hono/zod-openapi';
import { jsonContent, newRouter } from '../openapi.ts';

const Course = z
  .object({
    id: z.string(),
    order: z.number(),
    title: z.string(),
    locales: z.array(z.string()),
    lessons: z.array(z.object({ id: z.string(), slug: z.string(), order: z.number(), title: z.string(), locales: z.array(z.string()) })),
  })
  .openapi('Course');

const list = createRoute({
  method: 'get', path: '/courses', tags: ['curriculum'],
  summary: 'Courses and lessons known to the API (from the curriculum manifest)',
  responses: { 200: jsonContent(z.object({ contentVersion: z.string(), courses: z.array(Course) }), 'The curriculum') },
});

export const courseRoutes = newRouter().openapi(list, (c) => {
  const { manifest } = c.var.deps.curriculum;
  return c.json({ contentVersion: manifest.version, courses: manifest.courses }, 200);
});
