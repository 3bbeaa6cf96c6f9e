import type { AppContext, SessionUser } from '../context.ts';
import { ApiError } from '../errors.ts';

/**
 * The signed-in user in a handler whose route declares `signed-in`, a role or a scope. The
 * route's access check has already run, so a missing user here is a mis-declared route.
 */
export function currentUser(c: AppContext): SessionUser {
  const user = c.var.user;
  if (!user) throw new ApiError(401, 'unauthenticated', 'Sign in to continue.');
  return user;
}
