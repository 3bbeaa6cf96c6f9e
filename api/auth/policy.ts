import type { Role } from '#core/user.ts';
import type { AppDeps, SessionUser } from '../context.ts';

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

export type Scope = 'self';

const SCOPES: Record<Scope, ScopeCheck> = {
  /** The object is the actor's own account. */
  self: (actor, objectId) => actor.id === objectId,
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
