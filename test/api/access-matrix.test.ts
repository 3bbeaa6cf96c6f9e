// Least privilege, as a table: every operation of the API, called as every kind of actor, with the
// status each must get. A route added without a row here fails the first test; a row whose route
// is gone fails it too. Each cell runs in a fresh session, so no cell depends on another.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '#core/user.ts';
import { makeTestApp } from '../support/app.ts';

type TestApp = Awaited<ReturnType<typeof makeTestApp>>;
const ACTORS = ['anonymous', 'learner', 'another learner', 'mentor', 'manager', 'admin'] as const;
type Actor = (typeof ACTORS)[number];
const ROLE_OF: Record<Exclude<Actor, 'anonymous'>, Role> = {
  learner: 'learner',
  'another learner': 'learner',
  mentor: 'mentor',
  manager: 'manager',
  admin: 'admin',
};

interface Call {
  path: string;
  body?: unknown;
}
interface Row {
  /** The request to make; it may prepare objects first (a user to change, a lesson to record). */
  call: (t: TestApp) => Call | Promise<Call>;
  expect: Record<Actor, number>;
}

const everyone = (status: number) => Object.fromEntries(ACTORS.map((a) => [a, status])) as Record<Actor, number>;
const signedIn = (status: number) => ({ ...everyone(status), anonymous: 401 });
const adminOnly = (status: number) => ({ ...everyone(403), anonymous: 401, admin: status });

let counter = 0;
const fresh = (label: string) => `${label}-${++counter}-${crypto.randomUUID().slice(0, 6)}@example.org`;
const firstLesson = (t: TestApp) => t.manifest.courses[0]!.lessons[0]!.id;
const assessedCourse = (t: TestApp) => Object.keys(t.manifest.assessments)[0]!;

/** Keyed `METHOD /path` exactly as the OpenAPI document names the operation. */
const MATRIX: Record<string, Row> = {
  'GET /api/health': { call: () => ({ path: '/api/health' }), expect: everyone(200) },
  'GET /api/public/courses': { call: () => ({ path: '/api/public/courses' }), expect: everyone(200) },
  'POST /api/auth/register': {
    call: () => ({ path: '/api/auth/register', body: { email: fresh('new'), password: 'a long pass phrase', name: 'New' } }),
    expect: everyone(201),
  },
  'POST /api/auth/login': {
    call: () => ({ path: '/api/auth/login', body: { email: fresh('nobody'), password: 'not the password' } }),
    expect: everyone(401),
  },
  'POST /api/auth/logout': { call: () => ({ path: '/api/auth/logout' }), expect: everyone(204) },
  'GET /api/auth/me': { call: () => ({ path: '/api/auth/me' }), expect: everyone(200) },
  'POST /api/progress/events': {
    call: (t) => ({
      path: '/api/progress/events',
      body: { events: [{ id: crypto.randomUUID(), type: 'lesson.completed', lessonId: firstLesson(t), locale: 'en', occurredAt: new Date().toISOString() }] },
    }),
    expect: signedIn(200),
  },
  'GET /api/progress': { call: () => ({ path: '/api/progress' }), expect: signedIn(200) },
  'GET /api/courses/{courseId}/assessment': { call: (t) => ({ path: `/api/courses/${assessedCourse(t)}/assessment` }), expect: signedIn(200) },
  'POST /api/courses/{courseId}/assessment/attempts': {
    call: (t) => ({ path: `/api/courses/${assessedCourse(t)}/assessment/attempts`, body: { answers: {} } }),
    expect: signedIn(201),
  },
  'GET /api/courses/{courseId}/assessment/attempts': {
    call: (t) => ({ path: `/api/courses/${assessedCourse(t)}/assessment/attempts` }),
    expect: signedIn(200),
  },
  'GET /api/admin/users': { call: () => ({ path: '/api/admin/users' }), expect: adminOnly(200) },
  'PATCH /api/admin/users/{id}': {
    call: async (t) => {
      const target = await t.signInAs('learner');
      return { path: `/api/admin/users/${target.user.id}`, body: { role: 'mentor' } };
    },
    expect: adminOnly(200),
  },
};

let t: TestApp;
beforeAll(async () => {
  t = await makeTestApp();
});
afterAll(() => t.close());

/** Every operation the app has registered, as `METHOD /path`. */
function operations(app: TestApp['app']): string[] {
  return app.openAPIRegistry.definitions
    .filter((d) => d.type === 'route')
    .map((d) => (d as unknown as { route: { method: string; path: string } }).route)
    .map((r) => `${r.method.toUpperCase()} ${r.path}`)
    .sort();
}

describe('the access matrix', () => {
  it('has exactly one row for every operation of the API', () => {
    expect(Object.keys(MATRIX).sort()).toEqual(operations(t.app));
  });

  it('matches what each operation declares in the OpenAPI document (x-access)', async () => {
    const spec = (await t.call('GET', '/api/openapi.json')).json as {
      paths: Record<string, Record<string, { 'x-access': { who: string; roles?: string[] } }>>;
    };
    for (const [key, row] of Object.entries(MATRIX)) {
      const [method, path] = key.split(' ') as [string, string];
      const access = spec.paths[path]?.[method.toLowerCase()]?.['x-access'];
      expect(access, key).toBeDefined();
      // A public operation answers the anonymous caller like anyone else; a restricted one refuses them.
      if (access!.who === 'public') expect(row.expect.anonymous, key).toBe(row.expect.learner);
      else expect(row.expect.anonymous, key).toBe(401);
      if (access!.who === 'role') {
        for (const actor of ACTORS.filter((a) => a !== 'anonymous')) {
          const allowed = access!.roles!.includes(ROLE_OF[actor as Exclude<Actor, 'anonymous'>]);
          expect(row.expect[actor] === 403, `${key} as ${actor}`).toBe(!allowed);
        }
      }
    }
  });
});

for (const [key, row] of Object.entries(MATRIX)) {
  const [method] = key.split(' ') as [string];
  describe(key, () => {
    for (const actor of ACTORS) {
      it(`as ${actor} → ${row.expect[actor]}`, async () => {
        const session = actor === 'anonymous' ? t.browser() : await t.signInAs(ROLE_OF[actor]);
        const { path, body } = await row.call(t);
        const res = await session.call(method, path, body);
        expect(res.status, JSON.stringify(res.json)).toBe(row.expect[actor]);
        if (res.status >= 400) expect(Object.keys(res.json ?? {})).toEqual(['error']);
      });
    }
  });
}
