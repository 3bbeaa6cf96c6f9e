import { createMiddleware } from 'hono/factory';
import type { AppEnv } from '../context.ts';
import { ApiError } from '../errors.ts';

/**
 * Routes with a JSON body: the body must say it is JSON and parse as JSON. Parsing here (Hono
 * caches the result for the validator) gives bad JSON its own error code without reading
 * exception messages.
 */
export const requireJsonBody = createMiddleware<AppEnv>(async (c, next) => {
  const type = c.req.header('content-type') ?? '';
  if (!/^application\/(?:[\w.+-]+\+)?json\b/i.test(type)) {
    throw new ApiError(415, 'unsupported_media_type', 'Send the body as JSON with Content-Type: application/json.');
  }
  try {
    await c.req.json();
  } catch (error) {
    if (error instanceof ApiError) throw error;
    throw new ApiError(400, 'malformed_json', 'The request body is not valid JSON.');
  }
  await next();
});
