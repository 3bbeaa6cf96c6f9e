import type { MiddlewareHandler } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { bodyLimit } from 'hono/body-limit';
import { compress } from 'hono/compress';
import { requestId } from 'hono/request-id';
import { secureHeaders } from 'hono/secure-headers';
import type { AppDeps, AppEnv } from './context.ts';
import { ApiError, type ErrorStatus } from './errors.ts';
import { PRODUCTION_SCRYPT } from './auth/password.ts';
import { makeLogger } from './log.ts';
import { newRouter } from './http/router.ts';
import { healthRoutes } from './health/routes.ts';
import { authRoutes } from './auth/routes.ts';
import { coursePublicRoutes } from './courses/routes.ts';
import { progressRoutes } from './progress/routes.ts';
import { assessmentRoutes } from './assessments/routes.ts';
import { adminRoutes } from './admin/routes.ts';
import { profilesRoutes } from './profiles/routes.ts';
import { programsRoutes } from './programs/routes.ts';
import { mentoringRoutes } from './mentoring/routes.ts';
import { notificationsRoutes } from './notifications/routes.ts';
import { matchingRoutes } from './matching/routes.ts';
import { certificationRoutes, wellKnownRoutes } from './certification/routes.ts';
import { solveInline } from './matching/solver.ts';

export const MAX_BODY_BYTES = 256 * 1024;

/**
 * Every API route, by capability. Chained so that its type describes the whole API: the browser's
 * typed client (site/scripts/api.ts) is built from `ApiRoutes`.
 */
const apiRoutes = newRouter()
  .route('/public', coursePublicRoutes)
  .route('/', healthRoutes)
  .route('/', authRoutes)
  .route('/', progressRoutes)
  .route('/', assessmentRoutes)
  .route('/', adminRoutes)
  .route('/', profilesRoutes)
  .route('/', programsRoutes)
  .route('/', mentoringRoutes)
  .route('/', notificationsRoutes)
  .route('/', matchingRoutes)
  .route('/', certificationRoutes);
export type ApiRoutes = typeof apiRoutes;

const defaultLog = makeLogger('info');

/**
 * Builds the API from explicit dependencies. The Node server, the Worker and the tests all call
 * this; nothing in here knows which runtime it is on. Private routes live under /api, public ones
 * (fetchable by anyone, cacheable) under /api/public; each route declares who may call it.
 */
export interface AppOptions {
  /** Serves everything outside /api (static pages); absent in API-only tests. */
  serveSite?: MiddlewareHandler<AppEnv>;
  /** Compress responses (Node); on Workers the edge compresses. */
  compress?: boolean;
}

/** What an HTTPException from Hono's own middleware means, by status (never by message). */
const HTTP_EXCEPTION_CODES: Partial<Record<number, [ErrorStatus, ApiError['code'], string]>> = {
  400: [400, 'invalid_request', 'Bad request.'],
  413: [413, 'payload_too_large', 'The request body is too large.'],
  415: [415, 'unsupported_media_type', 'Send the body as JSON with Content-Type: application/json.'],
};

export function createApp(deps: AppDeps, options: AppOptions = {}) {
  const resolved: AppEnv['Variables']['deps'] = {
    clock: () => new Date(),
    passwordParams: PRODUCTION_SCRYPT,
    authRateLimit: { limit: 20, windowMs: 60_000 },
    log: defaultLog,
    solveMatching: solveInline,
    matchingLimit: Number.POSITIVE_INFINITY,
    ...deps,
  };

  const app = newRouter();
  if (options.compress) app.use('*', compress());
  const withDeps: MiddlewareHandler<AppEnv> = async (c, next) => {
    c.set('deps', resolved);
    c.set('user', null);
    c.set('sessionId', null);
    await next();
  };
  // The API, and /.well-known for the issuer's DID document (where did:web says it is).
  app.use('/api/*', requestId(), withDeps);
  app.use('/.well-known/*', requestId(), withDeps);
  // Routes set their own caching and resource policy (private: same-origin, no-store).
  app.use('/api/*', secureHeaders({ crossOriginResourcePolicy: 'same-origin', overwrite: false }));
  app.use(
    '/api/*',
    bodyLimit({
      maxSize: MAX_BODY_BYTES,
      onError: (c) => {
        // The rest of the body is never read, so the connection cannot carry another request: say so.
        c.header('Connection', 'close');
        throw new ApiError(413, 'payload_too_large', `Request bodies are limited to ${MAX_BODY_BYTES / 1024} KB.`);
      },
    }),
  );

  app.route('/api', apiRoutes);
  app.route('/.well-known', wellKnownRoutes);

  app.doc31('/api/openapi.json', {
    openapi: '3.1.0',
    info: {
      title: 'Accord API',
      version: resolved.version,
      description: 'Accounts, learning progress, final assessments and administration for Accord. Each operation says who may call it in `x-access`.',
    },
  });

  app.all('/api/*', (c) => {
    throw new ApiError(404, 'not_found', `No API route ${c.req.method} ${c.req.path}.`);
  });
  if (options.serveSite) app.get('*', options.serveSite);

  app.notFound((c) => c.json(new ApiError(404, 'not_found', `Nothing at ${c.req.path}.`).toBody(), 404));
  app.onError((error, c) => {
    if (c.req.path.startsWith('/api/')) c.header('Cache-Control', 'no-store');
    if (error instanceof ApiError) return c.json(error.toBody(), error.status);
    if (error instanceof HTTPException) {
      const known = HTTP_EXCEPTION_CODES[error.status];
      if (known) return c.json(new ApiError(...known).toBody(), known[0]);
    }
    resolved.log('error', 'unhandled error', {
      requestId: c.var.requestId,
      path: c.req.path,
      error: error instanceof Error ? (error.stack ?? error.message) : String(error),
    });
    return c.json(
      new ApiError(500, 'internal', 'Something went wrong on our side. Your data is safe; please try again.', { requestId: c.var.requestId }).toBody(),
      500,
    );
  });
  return app;
}

export type AccordApp = ReturnType<typeof createApp>;
