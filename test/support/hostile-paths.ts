import { request } from 'node:http';

/**
 * Request paths that try to turn a redirect into a trip to another site (found by a security
 * probe: the old Node server answered `//evil.example/..%2fen` with `Location: //evil.example/..%2fen/`).
 * Sent raw, byte for byte, so no client library normalises them first.
 */
export const HOSTILE_PATHS = [
  '//evil.example/..%2fen',
  '//evil.example/%2e%2e/en',
  '///evil.example/en',
  '/%2fevil.example/en',
  '/%2Fevil.example/..%2fen',
  '/%5cevil.example/en',
  '/\\evil.example/en',
  '/\\\\evil.example/en',
  '/en/..%2f..%2fevil',
  '/en//courses',
  '/en/%2e%2e/%2e%2e/etc/passwd',
];

/** A GET with the request-target exactly as given; resolves with the status and Location. */
export function rawGet(origin: string, path: string): Promise<{ status: number; location: string | undefined }> {
  const { hostname, port } = new URL(origin);
  return new Promise((resolve, reject) => {
    const req = request({ hostname, port, path, method: 'GET', headers: { host: new URL(origin).host } }, (res) => {
      res.resume();
      res.on('end', () => resolve({ status: res.statusCode ?? 0, location: res.headers.location }));
    });
    req.on('error', reject);
    req.end();
  });
}

/** True when a redirect target (if any) stays on `origin`. */
export function staysOnSite(location: string | undefined, origin: string): boolean {
  if (location === undefined) return true;
  if (/^[\\/]{2}/.test(location) || location.startsWith('/\\')) return false;
  return new URL(location, origin).origin === origin;
}
