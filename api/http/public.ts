import { createMiddleware } from 'hono/factory';
import type { AppEnv } from '../context.ts';

/**
 * What anyone may fetch (the curriculum catalogue now; credential verification, status lists,
 * the issuer profile and calendar feeds as they land): readable from any origin without
 * credentials, embeddable by other sites, cacheable. No session is ever read on these routes.
 */
export const publicCaching = (maxAgeSeconds: number) =>
  createMiddleware<AppEnv>(async (c, next) => {
    await next();
    c.header('Access-Control-Allow-Origin', '*');
    c.header('Cross-Origin-Resource-Policy', 'cross-origin');
    c.header('Cache-Control', `public, max-age=${maxAgeSeconds}`);
    c.header('Vary', 'Accept-Encoding');
  });
