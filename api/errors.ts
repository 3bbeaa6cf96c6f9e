/**
 * The one error shape every endpoint answers with:
 *   { "error": { "code": "not_found", "message": "…", "details"?: … } }
 * Handlers throw ApiError; the app's onError turns it (and anything else) into that shape.
 */
export type ErrorCode =
  | 'invalid_request'
  | 'malformed_json'
  | 'unauthenticated'
  | 'forbidden'
  | 'cross_origin'
  | 'not_found'
  | 'unknown_lesson'
  | 'conflict'
  | 'payload_too_large'
  | 'rate_limited'
  | 'unavailable'
  | 'internal';

export type ErrorStatus = 400 | 401 | 403 | 404 | 409 | 413 | 422 | 429 | 500 | 503;

export interface ErrorBody {
  error: { code: ErrorCode; message: string; details?: unknown };
}

export class ApiError extends Error {
  readonly status: ErrorStatus;
  readonly code: ErrorCode;
  readonly details: unknown;

  constructor(status: ErrorStatus, code: ErrorCode, message: string, details?: unknown) {
    super(message);
    this.status = status;
    this.code = code;
    this.details = details;
  }

  toBody(): ErrorBody {
    const error: ErrorBody['error'] = { code: this.code, message: this.message };
    if (this.details !== undefined) error.details = this.details;
    return { error };
  }
}

export const unauthenticated = () => new ApiError(401, 'unauthenticated', 'Sign in to continue.');
export const forbidden = () => new ApiError(403, 'forbidden', 'You do not have permission to do this.');
export const notFound = (what = 'resource') => new ApiError(404, 'not_found', `No such ${what}.`);

/** Turns zod issues into a stable, client-friendly list. */
export function issuesToDetails(issues: ReadonlyArray<{ path: ReadonlyArray<PropertyKey>; message: string }>) {
  return issues.map((issue) => ({ path: issue.path.map(String).join('.'), message: issue.message }));
}
