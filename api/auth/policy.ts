import type { Role } from '#core/user.ts';
import type { AppDeps, SessionUser } from '../context.ts';
import { isCohortMember, managesCohort, managesProgram } from '../programs/access.ts';
import { cohortOfRun } from '../matching/access.ts';
import { managesCredential } from '../certification/access.ts';
import { coachesLearner, leadsGroup, ownsFeed, reviewsCapstone, staffsCohort, staffsMeeting, wroteNote } from '../mentoring/access.ts';

/**
 * Who may call a route, declared in the route's definition (see api/http/routes.ts) and
 * published in the OpenAPI document as `x-access`. This module is the one place that answers
 * "may this actor do this to that object"; handlers never decide it themselves.
 *
 * - `public`: anyone, signed in or not.
 * - `signed-in`: any signed-in user, acting on their own records only (the handler reads the
 *   signed-in user's id; no other user's id is accepted from the request).
 * - `{ role }`: signed in with one of these roles. Admins hold every role's permissions.
 * - `{ scope, param }`: object-level: the object named by path parameter `param` must be in the
 *   actor's scope (for example `self`: the path names the actor's own user id). Admins pass.
 */
export type Access = 'public' | 'signed-in' | { role: readonly Role[] } | { scope: Scope; param: string };

/** Object-level scopes: is the object `objectId` within `actor`'s reach? */
type ScopeCheck = (actor: SessionUser, objectId: string, deps: AppDeps) => boolean | Promise<boolean>;

export type Scope =
  | 'self'
  | 'program'
  | 'cohort-manager'
  | 'cohort-staff'
  | 'cohort-member'
  | 'group'
  | 'meeting'
  | 'mentee'
  | 'capstone'
  | 'note'
  | 'feed'
  | 'match-run'
  | 'credential';

const SCOPES: Record<Scope, ScopeCheck> = {
  /** The object is the actor's own account. */
  self: (actor, objectId) => actor.id === objectId,
  /** A program the actor manages, inside the regions an admin gave them (programs/access.ts). */
  program: (actor, id, { db }) => actor.role === 'manager' && managesProgram(db, actor.id, id),
  /** A cohort of a program the actor manages. */
  'cohort-manager': (actor, id, { db }) => actor.role === 'manager' && managesCohort(db, actor.id, id),
  /** A cohort the actor manages, or mentors a group in. */
  'cohort-staff': (actor, id, { db }) => (actor.role === 'mentor' || actor.role === 'manager') && staffsCohort(db, actor.id, id),
  /** A cohort the actor belongs to as a learner, or staffs. */
  'cohort-member': async (actor, id, { db }) =>
    (await isCohortMember(db, actor.id, id)) || ((actor.role === 'mentor' || actor.role === 'manager') && staffsCohort(db, actor.id, id)),
  /** A mentor group the actor leads, or whose cohort they manage. */
  group: (actor, id, { db }) => (actor.role === 'mentor' || actor.role === 'manager') && leadsGroup(db, actor.id, id),
  /** A meeting of a group the actor leads (any mentor of the cohort for cohort-wide meetings), or managers. */
  meeting: (actor, id, { db }) => (actor.role === 'mentor' || actor.role === 'manager') && staffsMeeting(db, actor.id, id),
  /** A learner the actor mentors, or who is in a cohort the actor manages. */
  mentee: (actor, id, { db }) => (actor.role === 'mentor' || actor.role === 'manager') && coachesLearner(db, actor.id, id),
  /** A capstone submission by the actor's mentee, or in a cohort the actor manages. */
  capstone: (actor, id, { db }) => (actor.role === 'mentor' || actor.role === 'manager') && reviewsCapstone(db, actor.id, id),
  /** A note the actor wrote. */
  note: (actor, id, { db }) => actor.role === 'mentor' && wroteNote(db, actor.id, id),
  /** A calendar feed the actor made. */
  feed: (actor, id, { db }) => ownsFeed(db, actor.id, id),
  /** A matching run of a cohort whose program the actor manages. */
  'match-run': async (actor, id, { db }) => {
    if (actor.role !== 'manager') return false;
    const cohortId = await cohortOfRun(db, id);
    return cohortId !== null && managesCohort(db, actor.id, cohortId);
  },
  /** A certificate earned in a cohort of a program the actor manages. */
  credential: (actor, id, { db }) => actor.role === 'manager' && managesCredential(db, actor.id, id),
};

export type Decision = 'allow' | 'unauthenticated' | 'forbidden';

/** The decision for one actor (null: anonymous) calling a route with `access` on `objectId`. */
export async function decide(access: Access, actor: SessionUser | null, deps: AppDeps, objectId?: string): Promise<Decision> {
  if (access === 'public') return 'allow';
  if (!actor) return 'unauthenticated';
  if (access === 'signed-in' || actor.role === 'admin') return 'allow';
  if ('role' in access) return access.role.includes(actor.role) ? 'allow' : 'forbidden';
  if (objectId === undefined) return 'forbidden';
  return (await SCOPES[access.scope](actor, objectId, deps)) ? 'allow' : 'forbidden';
}

/** The `x-access` extension of an operation in /api/openapi.json. */
export function describeAccess(access: Access): { who: string; roles?: readonly Role[]; scope?: Scope; param?: string } {
  if (access === 'public') return { who: 'public' };
  if (access === 'signed-in') return { who: 'signed-in' };
  if ('role' in access) return { who: 'role', roles: [...new Set([...access.role, 'admin' as const])] };
  return { who: 'scope', scope: access.scope, param: access.param };
}
