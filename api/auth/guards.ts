import type { Role } from '../db/schema.ts';
import type { AppContext, SessionUser } from '../context.ts';
import { forbidden, unauthenticated } from '../errors.ts';

/**
 * Authorisation helpers, used at the top of handlers. Each resource decides access in one
 * place; nothing matches on path strings.
 */
export function requireUser(c: AppContext): SessionUser {
  const user = c.var.user;
  if (!user) throw unauthenticated();
  return user;
}

export function requireRole(c: AppContext, ...roles: Role[]): SessionUser {
  const user = requireUser(c);
  // Admins hold every role's permissions.
  if (user.role !== 'admin' && !roles.includes(user.role)) throw forbidden();
  return user;
}
