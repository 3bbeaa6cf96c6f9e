import type { MiddlewareHandler } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { bodyLimit } from 'hono/body-limit';
import { compress } from 'hono/compress';
import { requestId } from 'hono/request-id';
import { secureHeaders } from 'hono/secure-headers';
import type { AppDeps, AppEnv } from './context.ts';
import { ApiError } from './errors.ts';
import { PRODUCTION_SCRYPT } from './auth/password.ts';
import { makeLogger } from './log.ts';
import { loadSession, requireSameOrigin } from './auth/middleware.ts';
import { newRouter } from './routes/openapi.ts';
import { healthRoutes } from './routes/health/index.ts';
import { authRoutes } from './routes/auth/index.ts';
import { courseRoutes } from './routes/courses/index.ts';
import { progressRoutes } from './routes/progress/index.ts';
import { assessmentRoutes } from './routes/assessments/index.ts';
import { adminRoutes } from './routes/admin/index.ts';

export const MAX_BODY_BYTES = 256 * 1024;

const defaultLog = makeLogger('info');

/**
 * Builds the API from explicit dependencies. The Node server, the Worker and the tests all call
 * this; nothing in here knows which runtime it is on. Routes live under /api.
 */
export interface AppOptions {
  /** Serves everything outside /api (static pages); absent in API-only tests. */
  serveSite?: MiddlewareHandler<AppEnv>;
  /** Compress responses (Node); on Workers the edge compresses. */
  compress?: boolean;
}

export function createApp(deps: AppDeps, options: AppOptions = {}) {
  const resolved: AppEnv['Variables']['deps'] = {
    clock: () => new Date(),
    passwordParams: PRODUCTION_SCRYPT,
    authRateLimit: { limit: 20, windowMs: 60_000 },
    log: defaultLog,
    ...deps,
  };

  const app = newRouter();
  if (options.compress) app.use('*', compress());
  app.use('/api/*', requestId(), async (c, next) => {
    c.set('deps', resolved);
    await next();
    c.header('Cache-Control', 'no-store');
  });
  app.use('/api/*', secureHeaders({ crossOriginResourcePolicy: 'same-origin' }));
  app.use(
    '/api/*',
    bodyLimit({
      maxSize: MAX_BODY_BYTES,
      onError: () => {
        throw new ApiError(413, 'payload_too_large', `Request bodies are limited to ${MAX_BODY_BYTES / 1024} KB.`);
      },
    }),
  );
  app.use('/api/*', requireSameOrigin, loadSession);

  app.route('/api', healthRoutes);
  app.route('/api', authRoutes);
  app.route('/api', courseRoutes);
  app.route('/api', progressRoutes);
  app.route('/api', assessmentRoutes);
  app.route('/api', adminRoutes);

  app.doc31('/api/openapi.json', {
    openapi: '3.1.0',
    info: { title: 'Accord API', version: resolved.version, description: 'Progress, cohorts, mentoring and certification for Accord.' },
  });

  app.all('/api/*', (c) => {
    throw new ApiError(404, 'not_found', `No API route ${c.req.method} ${c.req.path}.`);
  });
  if (options.serveSite) app.get('*', options.serveSite);

  app.notFound((c) => c.json(new ApiError(404, 'not_found', `Nothing at ${c.req.path}.`).toBody(), 404));
  app.onError((error, c) => {
    if (error instanceof ApiError) return c.json(error.toBody(), error.status);
    if (error instanceof HTTPException) {
      const status = error.status;
      if (status === 400 && /json/i.test(error.message)) {
        return c.json(new ApiError(400, 'malformed_json', 'The request body is not valid JSON.').toBody(), 400);
      }
      if (status === 413) return c.json(new ApiError(413, 'payload_too_large', 'The request body is too large.').toBody(), 413);
      if (status === 400) return c.json(new ApiError(400, 'invalid_request', error.message || 'Bad request.').toBody(), 400);
    }
    resolved.log('error', 'unhandled error', {
      requestId: c.var.requestId, path: c.req.path, error: error instanceof Error ? error.stack ?? error.message : String(error),
    });
    return c.json(
      new ApiError(500, 'internal', 'Something went wrong on our side. Your data is safe; please try again.', { requestId: c.var.requestId }).toBody(),
      500,
    );
  });
  return app;
}

export type AccordApp = ReturnType<typeof createApp>;
