import { createRoute, OpenAPIHono, type RouteConfig, z } from '@hono/zod-openapi';
import type { MiddlewareHandler } from 'hono';
import { ERROR_CODES } from '#core/errors.ts';
import type { AppEnv } from '../context.ts';
import { ApiError, invalidFields, issuesToDetails } from '../errors.ts';
import { type Access, decide, describeAccess } from '../auth/policy.ts';
import { loadSession, requireSameOrigin } from '../auth/middleware.ts';
import { requireJsonBody } from './json-body.ts';
import { publicCaching } from './public.ts';

/** Every router is built here so validation failures share one hook and one error shape. */
export function newRouter() {
  return new OpenAPIHono<AppEnv>({
    defaultHook: (result) => {
      if (!result.success) {
        throw invalidFields(issuesToDetails(result.error.issues));
      }
    },
  });
}

const noStore: MiddlewareHandler<AppEnv> = async (c, next) => {
  await next();
  c.header('Cache-Control', 'no-store');
};

/** Turns a route's declared access into the check that runs before validation and the handler. */
function authorize(access: Access): MiddlewareHandler<AppEnv> {
  const param = typeof access === 'object' && 'param' in access ? access.param : undefined;
  return async (c, next) => {
    const decision = await decide(access, c.var.user, c.var.deps, param ? c.req.param(param) : undefined);
    if (decision === 'unauthenticated') throw new ApiError(401, 'unauthenticated', 'Sign in to continue.');
    if (decision === 'forbidden') throw new ApiError(403, 'forbidden', 'You do not have permission to do this.');
    await next();
  };
}

type Middleware = RouteConfig['middleware'];
const asList = (m: Middleware) => (m === undefined ? [] : Array.isArray(m) ? m : [m]);

/**
 * A private route: same-origin check on writes, the session loaded, its declared access enforced,
 * JSON bodies required to be JSON, never cached. Who may call it is part of its definition.
 */
export function defineRoute<P extends string, R extends Omit<RouteConfig, 'path'> & { path: P }>(config: R & { access: Access }) {
  const { access, ...route } = config;
  const chain = [noStore, requireSameOrigin, loadSession, authorize(access), ...(route.request?.body ? [requireJsonBody] : []), ...asList(route.middleware)];
  return createRoute({ ...route, middleware: chain, 'x-access': describeAccess(access) } as unknown as R);
}

/**
 * A public route (mounted under /api/public): anyone may fetch it, from any origin, without
 * cookies (no session is read), and caches may keep it for `maxAgeSeconds`. GET only.
 */
export function definePublicRoute<P extends string, R extends Omit<RouteConfig, 'path' | 'method'> & { path: P; method: 'get' }>(
  config: R & { maxAgeSeconds: number },
) {
  const { maxAgeSeconds, ...route } = config;
  return createRoute({
    ...route,
    middleware: [publicCaching(maxAgeSeconds), ...asList(route.middleware)],
    'x-access': describeAccess('public'),
  } as unknown as R);
}

export const ErrorSchema = z
  .object({
    error: z.object({
      code: z.enum(ERROR_CODES).openapi({ example: 'invalid_request' }),
      message: z.string(),
      details: z.unknown().optional(),
    }),
  })
  .openapi('Error');

const descriptions: Record<number, string> = {
  400: 'Invalid or malformed request',
  401: 'Not signed in',
  403: 'Forbidden, or the request did not come from the site',
  404: 'Not found',
  409: 'Conflict',
  413: 'Request body too large',
  415: 'The body must be JSON (Content-Type: application/json)',
  422: 'Refers to something that does not exist',
  429: 'Too many requests',
  503: 'The database is unavailable; try again shortly',
};

/** The error responses a route documents, all with the one error shape. */
export function errors(...statuses: Array<keyof typeof descriptions & number>) {
  return Object.fromEntries(statuses.map((s) => [s, { description: descriptions[s] ?? 'Error', content: { 'application/json': { schema: ErrorSchema } } }]));
}

export function jsonContent<T extends z.ZodType>(schema: T, description: string) {
  return { description, content: { 'application/json': { schema } } };
}

export function jsonBody<T extends z.ZodType>(schema: T) {
  return { required: true, content: { 'application/json': { schema } } };
}
