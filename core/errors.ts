/**
 * The one error shape every endpoint answers with:
 *   { "error": { "code": "not_found", "message": "…", "details"?: … } }
 * Clients branch on `code`, never on `message` (which is for people and may be translated).
 */
export const ERROR_CODES = [
  'invalid_request',
  'malformed_json',
  'unsupported_media_type',
  'unauthenticated',
  'forbidden',
  'cross_origin',
  'not_found',
  'unknown_lesson',
  'conflict',
  'payload_too_large',
  'rate_limited',
  'unavailable',
  'internal',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export interface ErrorBody {
  error: { code: ErrorCode; message: string; details?: unknown };
}
