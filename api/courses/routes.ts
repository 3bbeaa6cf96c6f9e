import { z } from '@hono/zod-openapi';
import { definePublicRoute, jsonContent, newRouter } from '../http/router.ts';

const Course = z
  .object({
    id: z.string(),
    order: z.number(),
    title: z.string(),
    locales: z.array(z.string()),
    lessons: z.array(z.object({ id: z.string(), slug: z.string(), order: z.number(), title: z.string(), locales: z.array(z.string()) })),
  })
  .openapi('Course');

const list = definePublicRoute({
  method: 'get',
  path: '/courses',
  tags: ['curriculum'],
  maxAgeSeconds: 300,
  summary: 'Courses and lessons (from the curriculum manifest); public and cacheable',
  responses: { 200: jsonContent(z.object({ contentVersion: z.string(), courses: z.array(Course) }), 'The curriculum') },
});

/** Mounted under /api/public: anyone may read the catalogue, from any origin. */
export const coursePublicRoutes = newRouter().openapi(list, (c) => {
  const { manifest } = c.var.deps.curriculum;
  return c.json({ contentVersion: manifest.version, courses: manifest.courses }, 200);
});
