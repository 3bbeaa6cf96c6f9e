// Access rows for accounts, courses, progress, assessments and admin (the first capabilities).
import { type Rows, adminOnly, everyone, fresh, signedIn, type TestApp } from './matrix.ts';

const firstLesson = (t: TestApp) => t.manifest.courses[0]!.lessons[0]!.id;
const assessedCourse = (t: TestApp) => Object.keys(t.manifest.assessments)[0]!;

export const coreRows: Rows = {
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
  'POST /api/auth/logout-everywhere': { call: () => ({ path: '/api/auth/logout-everywhere' }), expect: signedIn(204) },
  'POST /api/auth/password': {
    // Every signed-in actor was signed in by the matrix with "the right password" (test/support/app.ts).
    call: () => ({ path: '/api/auth/password', body: { currentPassword: 'the right password', newPassword: 'violet tractor under the mango tree' } }),
    expect: signedIn(200),
  },
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
    call: (t) => ({ path: `/api/courses/${assessedCourse(t)}/assessment/attempts`, body: { attempt: 1, answers: {} } }),
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
