// Least privilege, as a table: every operation of the API, called as every kind of actor, with the
// status each must get. A route added without a row here fails the first test; a row whose route
// is gone fails it too. Each cell runs in a fresh session, so no cell depends on another.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '../../api/auth/users.ts';
import { makeTestApp, TEST_SCRYPT, uniqueEmail } from '../support/app.ts';
import { ACTORS, type Actor, type Cast, ROLE_OF, type Rows, type TestApp } from './access/matrix.ts';
import { coreRows } from './access/core.ts';
import { profilesRows } from './access/profiles.ts';
import { programsRows } from './access/programs.ts';
import { mentoringRows } from './access/mentoring.ts';
import { notificationsRows } from './access/notifications.ts';
import { matchingRows } from './access/matching.ts';
import { certificationRows } from './access/certification.ts';

/** Keyed `METHOD /path` exactly as the OpenAPI document names the operation; one file of rows per capability. */
const MATRIX: Rows = { ...coreRows, ...profilesRows, ...programsRows, ...mentoringRows, ...notificationsRows, ...matchingRows, ...certificationRows };

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

/** The cast around this cell's actor: the actor plays their own role's part, fresh users the rest. */
async function castFor(actor: Actor, self: Cast['learner'] | undefined): Promise<Cast> {
  const person = async (role: 'learner' | 'mentor' | 'manager') =>
    actor === role && self
      ? self
      : createUser(t.db, { email: uniqueEmail(`cast-${role}`), name: `Cast ${role}`, password: 'a cast password', role }, TEST_SCRYPT);
  return { learner: await person('learner'), mentor: await person('mentor'), manager: await person('manager') };
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
        const session = actor === 'anonymous' ? null : await t.signInAs(ROLE_OF[actor]);
        const cast = await castFor(actor, session?.user);
        const { path, body } = await row.call(t, cast);
        const res = await (session ?? t.browser()).call(method, path, body);
        expect(res.status, JSON.stringify(res.json)).toBe(row.expect[actor]);
        if (res.status >= 400) expect(Object.keys(res.json ?? {})).toEqual(['error']);
      });
    }
  });
}
