import { hc } from 'hono/client';
import type { ApiRoutes } from '../../api/app.ts';

/**
 * The one typed client for the Accord API: paths, bodies and responses come from the API's own
 * route definitions, so a renamed field fails the type check instead of failing for a learner.
 * Cookies ride along (same origin); errors have the shape of core/errors.ts.
 */
export const api = hc<ApiRoutes>('/api');
