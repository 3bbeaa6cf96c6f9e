import { OpenAPIHono, z } from '@hono/zod-openapi';
import type { AppEnv } from '../context.ts';
import { ApiError, issuesToDetails } from '../errors.ts';

/** Every router is built here so validation failures share one hook and one error shape. */
export function newRouter() {
  return new OpenAPIHono<AppEnv>({
    defaultHook: (result) => {
      if (!result.success) {
        throw new ApiError(400, 'invalid_request', 'Some fields are missing or invalid.', issuesToDetails(result.error.issues));
      }
    },
  });
}

export const ErrorSchema = z
  .object({
    error: z.object({
      code: z.string().openapi({ example: 'invalid_request' }),
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
  422: 'Refers to something that does not exist',
  429: 'Too many requests',
};

/** The error responses a route documents, all with the one error shape. */
export function errors(...statuses: Array<keyof typeof descriptions & number>) {
  return Object.fromEntries(
    statuses.map((s) => [s, { description: descriptions[s] ?? 'Error', content: { 'application/json': { schema: ErrorSchema } } }]),
  );
}

export function jsonContent<T extends z.ZodType>(schema: T, description: string) {
  return { description, content: { 'application/json': { schema } } };
}

export function jsonBody<T extends z.ZodType>(schema: T) {
  return { required: true, content: { 'application/json': { schema } } };
}
