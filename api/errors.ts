import type { ErrorBody, ErrorCode } from '#core/errors.ts';

/**
 * Handlers throw ApiError; the app's onError turns it (and anything else) into the one error
 * shape of core/errors.ts.
 */
export type ErrorStatus = 400 | 401 | 403 | 404 | 409 | 413 | 415 | 422 | 429 | 500 | 503;

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

/** A 400 naming the fields at fault: what schema validation answers, and what handlers answer for checks a schema cannot make. */
export const invalidFields = (details: ReadonlyArray<{ path: string; message: string }>) =>
  new ApiError(400, 'invalid_request', 'Some fields are missing or invalid.', details);

export const notFound = (what = 'resource') => new ApiError(404, 'not_found', `No such ${what}.`);

/** Turns zod issues into a stable, client-friendly list. */
export function issuesToDetails(issues: ReadonlyArray<{ path: ReadonlyArray<PropertyKey>; message: string }>) {
  return issues.map((issue) => ({ path: issue.path.map(String).join('.'), message: issue.message }));
}
