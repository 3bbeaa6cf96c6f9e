// The vocabulary of the access matrix (test/api/access-matrix.test.ts): who calls, what they
// must get, and the cast of related people each row may build its objects around.
import type { Role } from '#core/user.ts';
import type { makeTestApp } from '../../support/app.ts';
import type { createUser } from '../../../api/auth/users.ts';

export type TestApp = Awaited<ReturnType<typeof makeTestApp>>;
export const ACTORS = ['anonymous', 'learner', 'another learner', 'mentor', 'another mentor', 'manager', 'another manager', 'admin'] as const;
export type Actor = (typeof ACTORS)[number];
export const ROLE_OF: Record<Exclude<Actor, 'anonymous'>, Role> = {
  learner: 'learner',
  'another learner': 'learner',
  mentor: 'mentor',
  'another mentor': 'mentor',
  manager: 'manager',
  'another manager': 'manager',
  admin: 'admin',
};

/**
 * The people an object belongs to. When the caller is `learner`, `mentor` or `manager`, they are
 * the cast member of their role (the object's owner, its mentor, its program's manager); every
 * other slot is filled by a fresh user of that role. The `another …` actors are never in the cast.
 */
/** A person in the cast: what the factory returns. */
export type Person = Awaited<ReturnType<typeof createUser>>;

export interface Cast {
  learner: Person;
  mentor: Person;
  manager: Person;
}

export interface Call {
  path: string;
  body?: unknown;
}
export interface Row {
  /** The request to make; it may prepare objects first (a program, a cohort, a meeting) around the cast. */
  call: (t: TestApp, cast: Cast) => Call | Promise<Call>;
  expect: Record<Actor, number>;
}
export type Rows = Record<string, Row>;

export const everyone = (status: number) => Object.fromEntries(ACTORS.map((a) => [a, status])) as Record<Actor, number>;
export const signedIn = (status: number) => ({ ...everyone(status), anonymous: 401 });
export const adminOnly = (status: number) => ({ ...everyone(403), anonymous: 401, admin: status });
/** Only the given actors (and admins) get `status`; other signed-in actors 403, anonymous 401. */
export const only = (status: number, ...allowed: Actor[]) =>
  Object.fromEntries(ACTORS.map((a) => [a, a === 'anonymous' ? 401 : a === 'admin' || allowed.includes(a) ? status : 403])) as Record<Actor, number>;

let counter = 0;
export const fresh = (label: string) => `${label}-${++counter}-${crypto.randomUUID().slice(0, 6)}@example.org`;
